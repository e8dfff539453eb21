"""contract-lock: Contract lock."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="contract-lock",
    title="Contract lock",
    engine="locks",
    catches=(
        "A change to a product's contracts or facade signatures that breaks the products "
        "using them, or a lock that is missing or unreadable."
    ),
    why="Other products build on the locked shapes; a breaking change must be deliberate.",
    fix="Update the users, then accept the change with the command the finding gives.",
    bad="a field removed from ItemContract",
    good="a field added with a default, then the lock updated",
)
