"""api-lock: HTTP API lock."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="api-lock",
    title="HTTP API lock",
    engine="locks",
    catches=(
        "A change to a product's OpenAPI slice that breaks its clients, or a lock that is "
        "missing or unreadable."
    ),
    why="The frontend, other services and scripts call the HTTP API as locked.",
    fix="Accept a deliberate change with the command the finding gives.",
    bad="a response field removed",
    good="a response field added, then the lock accepted",
)
