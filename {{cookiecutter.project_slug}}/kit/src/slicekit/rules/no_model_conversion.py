"""no-model-conversion: No model conversion in contracts."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="no-model-conversion",
    title="No model conversion in contracts",
    engine="contracts",
    catches="A contract method converting between models and contracts (from_model, to_orm, ...).",
    why="The mapping belongs in the facade, so contracts never know models.",
    fix="Move the mapping to api.py.",
    bad="def from_model(cls, item: Item) -> ItemContract: ...",
    good="# in api.py: def _contract(item: Item) -> ItemContract: ...",
)
