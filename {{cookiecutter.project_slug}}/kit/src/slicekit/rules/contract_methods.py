"""contract-methods: Contract methods."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="contract-methods",
    title="Contract methods",
    engine="contracts",
    catches=(
        "A contract overriding what the dataclass or enum generates (__init__, __eq__, "
        "__hash__, ...)."
    ),
    why="Construction, equality and hashing must be what the fields say.",
    fix="Remove the override; compute in the facade.",
    bad="def __eq__(self, other: object) -> bool: ...",
    good="# no override",
)
