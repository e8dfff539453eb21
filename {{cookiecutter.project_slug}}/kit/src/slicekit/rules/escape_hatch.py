"""escape-hatch: A way around the boundary checks."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="escape-hatch",
    title="A way around the boundary checks",
    engine="lint",
    catches=(
        "# tach-ignore, a # noqa naming a boundary rule, a boundary check in "
        "SILENCED_SYSTEM_CHECKS, an exclusion in tach's configuration."
    ),
    why="A silenced boundary holds only on paper.",
    fix=(
        "Fix what the rule reports, or record the exception with its reason in "
        "boundaries.baseline.toml."
    ),
    bad="from products.catalog.backend.models import Item  # tach-ignore",
    good="from products.catalog.backend.facade import api as catalog",
)
