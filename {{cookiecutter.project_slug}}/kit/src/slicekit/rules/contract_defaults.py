"""contract-defaults: Contract field defaults."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="contract-defaults",
    title="Contract field defaults",
    engine="contracts",
    catches=(
        "A field default that is mutable or not a literal, or field() given positional arguments."
    ),
    why="A shared mutable default leaks state between contracts.",
    fix="Use a literal default, or field(default_factory=tuple).",
    bad="tags: tuple[str, ...] = field(default_factory=list)",
    good="tags: tuple[str, ...] = ()",
)
