"""facade-types: Facade signatures."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="facade-types",
    title="Facade signatures",
    engine="contracts",
    catches=(
        "A facade function whose parameters or return are not annotated with contracts, "
        "enums or immutable builtins, or a cast or type: ignore in the facade."
    ),
    why="The annotations are the promise the runtime guard and the lock hold the facade to.",
    fix="Annotate with contracts; map rows to contracts instead of casting.",
    bad="def get_item(item_id: UUID) -> Item: ...",
    good="def get_item(item_id: UUID) -> ItemContract: ...",
)
