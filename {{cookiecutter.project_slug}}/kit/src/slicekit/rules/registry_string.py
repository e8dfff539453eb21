"""registry-string: Another product's label in a registry lookup."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="registry-string",
    title="Another product's label in a registry lookup",
    engine="lint",
    catches="An app label or model label of another product in an app-registry lookup.",
    why="apps.get_model() hands out another product's model, past its facade.",
    fix="Call the other product's facade.",
    bad='apps.get_model("catalog", "Item")',
    good="catalog.get_item(item_id)",
)
