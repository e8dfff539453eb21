"""contract-fields: Contract field types."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="contract-fields",
    title="Contract field types",
    engine="contracts",
    catches=(
        "A contract field annotated with something that is not a contract, an enum or an "
        "immutable builtin."
    ),
    why="Every field crosses the boundary; its type is part of the promise.",
    fix="Annotate with contracts, enums, scalars or tuples of them.",
    bad="item: Item  # a model",
    good="item: ItemContract",
)
