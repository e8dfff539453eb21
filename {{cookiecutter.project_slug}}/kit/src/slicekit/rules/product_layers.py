"""product-layers: A product's layers import downwards only."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="product-layers",
    title="A product's layers import downwards only",
    engine="layers",
    catches=(
        "A lower layer of a product importing a higher one (presentation | tasks > "
        "facade.api > logic > models), directly or through any chain of modules: "
        "logic.py importing the presentation, models.py importing the facade."
    ),
    why=(
        "Presentation uses the facade, the facade uses logic, logic uses models: an upward "
        "import makes the business rules depend on HTTP or on the public surface, and makes "
        "cycles that only show at import time."
    ),
    fix=(
        "Move the shared code down (into logic.py, or a contract), or call it from the higher "
        "layer instead."
    ),
    bad="# logic.py\nfrom .presentation.serializers import ItemSerializer",
    good=(
        "# presentation/views.py\nfrom .serializers import ItemSerializer\nfrom ..facade import api"
    ),
)
