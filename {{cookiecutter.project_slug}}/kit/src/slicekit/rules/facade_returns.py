"""facade-returns: Facade returns contracts."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="facade-returns",
    title="Facade returns contracts",
    engine="django",
    catches=(
        "A public facade function whose return annotation is missing, unresolvable or not a "
        "contract, or one re-exported from elsewhere."
    ),
    why="A facade that hands out an ORM row hands out the product's tables.",
    fix=(
        "Return contracts (frozen dataclasses from facade/contracts.py), enums, scalars, or "
        "tuples of them."
    ),
    bad="def get_item(item_id: UUID) -> Item: ...",
    good="def get_item(item_id: UUID) -> ItemContract: ...",
    previously="boundaries.E004",
)
