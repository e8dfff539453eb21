"""syntax: Unreadable file."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="syntax",
    title="Unreadable file",
    engine="lint",
    catches="A Python file the lint cannot read or parse.",
    why="A file no rule can read is a file no rule checks.",
    fix="Fix the syntax error (ruff names it too).",
    bad="def broken(:",
    good="def fixed() -> None: ...",
)
