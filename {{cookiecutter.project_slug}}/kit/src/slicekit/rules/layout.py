"""layout: Product or package layout."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="layout",
    title="Product or package layout",
    engine="lint",
    catches=(
        "A file every product or package has that is missing, or a file beside the products "
        "in products/."
    ),
    why="Tools, docs and CI find a product's parts by their places.",
    fix=(
        "Add the missing file (the scaffolder writes them all), or move the stray file into "
        "a product or core."
    ),
    bad="products/helpers.py",
    good="products/orders/backend/logic.py",
)
