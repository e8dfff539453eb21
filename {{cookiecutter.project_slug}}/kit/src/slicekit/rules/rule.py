"""One boundary rule: its id, where it runs, what it catches, why, the fix, two examples.

Standard library only: the static lint and the docs read rules without Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Where a rule runs, and the command that runs it there.
ENGINES = {
    "lint": "static lint: `manage.py lintproducts`",
    "contracts": "contract check: `python -m slicekit contracts`",
    "locks": "locks: `python -m slicekit contracts`, `python -m slicekit api`, "
    "`manage.py openapi --check`",
    "django": "Django system check: `manage.py check`",
    "guard": "runtime guard: every pytest run",
    "eslint": "ESLint: `pnpm lint`, as `boundaries/<id>`",
    "layers": "layers: `python -m slicekit layers` (import-linter)",
}
ID = re.compile(r"[a-z]+(-[a-z]+)*")


@dataclass(frozen=True)
class Rule:
    id: str  # kebab-case; printed in every finding, and the key of the baseline and the docs
    title: str
    engine: str  # a key of ENGINES
    catches: str
    why: str
    fix: str
    bad: str  # code the rule reports
    good: str  # the same intent, passing
    previously: str = ""  # the id before 0.2.0 (boundaries.E001), for the changelog and docs

    def __post_init__(self) -> None:
        if not ID.fullmatch(self.id):
            raise ValueError(f"rule id {self.id!r} is not kebab-case")
        if self.engine not in ENGINES:
            raise ValueError(f"rule {self.id}: unknown engine {self.engine!r}")
