"""Escape hatches in comments: ``# tach-ignore``, and a ``# noqa`` naming a boundary rule."""

from __future__ import annotations

import re

from slicekit.findings import Finding
from slicekit.parsing import comments
from slicekit.reach_rules import is_boundary_rule
from slicekit.rules import rule

# A comment worth tokenizing: tach-ignore, or a noqa followed by a word like a rule id.
COMMENT_TRIGGERS = re.compile(rb"tach-ignore|noqa\b[^\n]*(boundaries\.|\b[a-z]+-[a-z-]+\b)")


def comment_findings(source: bytes, relative: str) -> list[Finding]:
    """``# tach-ignore`` anywhere; ``# noqa`` naming one of the boundary rules."""
    if not COMMENT_TRIGGERS.search(source):
        return []
    findings = []
    for token in comments(source):
        line = token.start[0]
        if "tach-ignore" in token.string:
            findings.append(
                Finding(
                    relative,
                    line,
                    rule("escape-hatch"),
                    "# tach-ignore switches tach off for this import: the boundary would "
                    "hold only on paper; use the product's facade, or record the exception "
                    "in boundaries.baseline.toml with its reason",
                )
            )
        noqa = re.search(r"noqa\b:?(.*)", token.string)
        named = noqa and _our_rules(noqa.group(1))
        if named:
            findings.append(
                Finding(
                    relative,
                    line,
                    rule("escape-hatch"),
                    f"# noqa names the boundary rule {named}, which noqa does not silence and "
                    "must not: fix the reference, or record it in boundaries.baseline.toml "
                    "with its reason",
                )
            )
    return findings


def _our_rules(text: str) -> str:
    words: list[str] = re.findall(r"[\w.-]+", text)
    for word in words:
        if is_boundary_rule(word):
            return word
    return ""
