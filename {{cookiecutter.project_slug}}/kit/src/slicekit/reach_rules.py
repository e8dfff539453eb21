"""The rule ids of the reach lint, and the ids a noqa or a silenced check must not name."""

from slicekit.rules import RULES as REGISTRY
from slicekit.rules import rule

# The rules of this lint (slicekit.rules holds what each catches, why, and the fix).
RULES = frozenset(
    {
        rule("facade-reach"),
        rule("module-string"),
        rule("dynamic-import"),
        rule("registry-string"),
        rule("registry-walk"),
        rule("foreign-sql"),
        rule("owned-name"),
        rule("escape-hatch"),
        rule("undeclared-dependency"),
        rule("undeclared-subscription"),
        rule("syntax"),
    }
)
# The ids before 0.2.0 (foreign-relation was boundaries.E001), which a noqa must not name either.
PREVIOUS = frozenset(r.previously for r in REGISTRY.values() if r.previously)


def is_boundary_rule(word: str) -> bool:
    """Whether ``word`` names a boundary rule, today's id or one before 0.2.0."""
    return word in REGISTRY or word in PREVIOUS


def silenceable(check: str) -> bool:
    """A check id ``SILENCED_SYSTEM_CHECKS`` must not name: a boundary rule's, or any
    ``boundaries.*`` (the ids before 0.2.0, or one made up)."""
    return check in REGISTRY or check.startswith("boundaries.")
