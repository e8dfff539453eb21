"""runtime-lookup: Another product's model resolved, at run time."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="runtime-lookup",
    title="Another product's model resolved, at run time",
    engine="guard",
    catches=(
        "Resolving another product's model through the app registry (get_model, "
        "ContentType.model_class), in a test."
    ),
    why="A label held in a variable escapes the static rules.",
    fix="Call the other product's facade.",
    bad='apps.get_model(*label.split("."))  # label = "catalog.Item"',
    good="catalog.get_item(item_id)",
    previously="boundaries.R003",
)
