"""The boundary rules: one id scheme (kebab-case), one module per rule, one registry."""

from __future__ import annotations

from slicekit.rules.registry import RULES
from slicekit.rules.rule import Rule

__all__ = ["RULES", "Rule", "rule"]


def rule(rule_id: str) -> str:
    """``rule_id``, which must be registered: emit ids through this, never as bare strings."""
    if rule_id not in RULES:
        raise LookupError(f"{rule_id!r} is no registered rule (slicekit/rules/registry.py)")
    return rule_id
