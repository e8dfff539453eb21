"""model-lookup: Another product's model looked up."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="model-lookup",
    title="Another product's model looked up",
    engine="django",
    catches=(
        "apps.get_model() of another product's model, or with an app label computed at run "
        "time, in a product, core or config."
    ),
    why="The lookup hands out another product's model, past its facade.",
    fix="Name your own app label, or call the other product's facade.",
    bad='apps.get_model("catalog", "Item")',
    good="catalog.get_item(item_id)",
    previously="boundaries.E003",
)
