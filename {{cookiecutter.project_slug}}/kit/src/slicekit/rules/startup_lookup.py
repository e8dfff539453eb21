"""startup-lookup: Shared code resolving a product model at startup."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="startup-lookup",
    title="Shared code resolving a product model at startup",
    engine="django",
    catches="core or config resolving a product's model while the apps load.",
    why="core and config must work whatever products exist.",
    fix="Iterate config.products and call their facades, or move the code into the product.",
    bad='apps.get_model("catalog", "Item")  # in core/apps.py ready()',
    good="for product in products(): ...  # their facades",
    previously="boundaries.E016",
)
