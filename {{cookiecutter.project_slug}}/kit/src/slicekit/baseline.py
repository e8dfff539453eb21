"""The reviewed baseline: the boundary findings a team has accepted, each with its reason.

``boundaries.baseline.toml`` at the project root holds one ``[[allow]]`` table
per accepted finding::

    [[allow]]
    rule = "foreign-sql"
    path = "products/reports/backend/logic.py"
    reason = "the nightly export reads catalog_item until catalog's export facade ships"

An entry allows every finding of its rule in its file. An entry that allows
nothing is stale and is itself an error, so the file can only shrink: a new
entry is added on purpose, in review. Each check owns its rules: it applies the
entries of its rules and reports the stale ones among them; the entries of
rules it does not own are left to their own check (the runtime guard reads
this file with :func:`read_baseline` too).

Standard library only.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from slicekit.findings import Finding
from slicekit.rules import rule

BASELINE = "boundaries.baseline.toml"
FIELDS = ("rule", "path", "reason")


class BaselineError(ValueError):
    """The baseline cannot be read; the message is one line naming the file and the problem."""


@dataclass(frozen=True)
class Allowance:
    rule: str
    path: str  # relative to the project root, with forward slashes
    reason: str
    number: int  # its position among the [[allow]] tables, from 1, for messages

    def allows(self, finding: Finding) -> bool:
        return finding.rule == self.rule and finding.path == self.path


def read_baseline(root: Path) -> list[Allowance]:
    """Every entry of ``boundaries.baseline.toml`` (none when there is no file).

    Raises BaselineError when the file is not TOML, has keys other than ``allow``,
    or an entry lacks a non-empty ``rule``, ``path`` or ``reason`` or has others.
    """
    path = root / BASELINE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise BaselineError(f"{BASELINE}: unreadable: {error}") from None
    unknown = sorted(set(data) - {"allow"})
    if unknown:
        raise BaselineError(f"{BASELINE}: unknown key {unknown[0]!r}: only [[allow]] tables")
    entries = data.get("allow", [])
    if not isinstance(entries, list):
        raise BaselineError(f"{BASELINE}: allow must be [[allow]] tables")
    allowances = []
    for number, entry in enumerate(entries, start=1):
        where = f"{BASELINE}: [[allow]] entry {number}"
        if not isinstance(entry, dict):
            raise BaselineError(f"{where} is not a table")
        extra = sorted(set(entry) - set(FIELDS))
        if extra:
            raise BaselineError(f"{where} has unknown key {extra[0]!r}: only {', '.join(FIELDS)}")
        for key in FIELDS:
            value = entry.get(key)
            if not isinstance(value, str) or not value.strip():
                raise BaselineError(f"{where} needs a non-empty {key} (a string)")
        allowances.append(Allowance(entry["rule"], entry["path"], entry["reason"], number))
    return allowances


def apply_baseline(
    findings: Iterable[Finding], allowances: Iterable[Allowance], rules: Collection[str]
) -> list[Finding]:
    """The findings no entry allows, and one finding per stale entry of ``rules``."""
    owned = [allowance for allowance in allowances if allowance.rule in rules]
    used: set[Allowance] = set()
    remaining = []
    for finding in findings:
        allowance = next((a for a in owned if a.allows(finding)), None)
        if allowance is None:
            remaining.append(finding)
        else:
            used.add(allowance)
    for allowance in owned:
        if allowance not in used:
            remaining.append(
                Finding(
                    BASELINE,
                    None,
                    rule("baseline"),
                    f"[[allow]] entry {allowance.number} ({allowance.rule} in "
                    f"{allowance.path}) allows nothing any more: delete it, so the "
                    "baseline only shrinks",
                )
            )
    return remaining
