"""readme: Product README."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="readme",
    title="Product README",
    engine="lint",
    catches=(
        "A facade function, an event (facade/events.py), an endpoint or a task missing from "
        "the product's README."
    ),
    why="The README is how another team learns what a product offers.",
    fix="Document it in the README.",
    bad="def cancel_order(...) in api.py, not in the README",
    good="`cancel_order(` listed in the README",
)
