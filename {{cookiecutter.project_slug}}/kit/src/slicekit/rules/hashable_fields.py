"""hashable-fields: Contract fields are immutable."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="hashable-fields",
    title="Contract fields are immutable",
    engine="contracts",
    catches="A contract field or class attribute of a mutable type (list, dict, set).",
    why="A frozen dataclass holding a list can still be changed through it.",
    fix="Use a tuple or a frozenset.",
    bad="tags: list[str]",
    good="tags: tuple[str, ...]",
)
