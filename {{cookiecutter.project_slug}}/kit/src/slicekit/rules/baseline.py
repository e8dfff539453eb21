"""baseline: Stale baseline entry."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="baseline",
    title="Stale baseline entry",
    engine="lint",
    catches="An [[allow]] entry of boundaries.baseline.toml that allows nothing any more.",
    why=(
        "The baseline only shrinks: an entry nothing needs would silently allow the next violation."
    ),
    fix="Delete the entry.",
    bad=(
        '[[allow]]\nrule = "foreign-sql"\npath = "products/reports/backend/logic.py"  # '
        "fixed long ago"
    ),
    good="# no entry",
)
