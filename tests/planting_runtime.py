"""Planting code that only shows when it runs: many planted functions, one pytest run.

A runtime case adds a function to a file of a baked product and a test that calls
it; the project's own pytest run (its runtime guard) judges it. Each case used to
cost two pytest runs of its own (planted, then reverted). Here every case of a
test module gets its own function (``planted_<n>``) and test (``test_planted_<n>``)
in one planted test file, pytest runs once, and each case is judged on its own
test's report. A case whose report does not say what it should (another planted
function broke the module's import, say) is planted again alone and judged on
that run only, so a case never fails because of another.
"""

import re
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .helpers import attempt
from .planting import line_of, revert

PLANTED_TEST = "products/orders/backend/tests/test_planted.py"
PYTEST = (".venv/bin/python", "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider")


@dataclass(frozen=True)
class Planted:
    """``code`` becomes the body of a planted function in ``file``; ``marker`` is the line
    the guard must report."""

    code: str
    marker: str
    expect: tuple[str, ...] = ()
    file: str = "products/orders/backend/logic.py"
    after: str = ""  # top-level code after the planted function

    @property
    def module(self) -> str:
        return self.file.removesuffix(".py").replace("/", ".")


@dataclass(frozen=True)
class Report:
    """What pytest said of one planted case's test."""

    status: str  # PASSED, FAILED or ERROR (the short summary's word), "" if not reported
    text: str  # the test's failure or error section, or the whole output when absent
    place: str  # file:line of the case's marker
    planted_with: int  # how many cases the run planted

    def caught(self, case: Planted) -> list[str]:
        """What a report of a caught case lacks: a failure naming its place and expectations."""
        missing = [text for text in (self.place, *case.expect) if text not in self.text]
        return missing + ([] if self.status in {"FAILED", "ERROR"} else ["a failing test"])

    def passed(self, _: Planted) -> list[str]:
        return [] if self.status == "PASSED" else ["a passing test"]


def plant_and_run(project: Path, cases: Sequence[Planted]) -> list[Report]:
    """Plant every case, run their tests once, revert; one report per case."""
    test_lines = ["import pytest\n"]
    places = []
    try:
        for n, case in enumerate(cases):
            path = project / case.file
            before = path.read_text()
            body = textwrap.indent(case.code, "    ")
            edited = f"{before}\n\ndef planted_{n}() -> object:  # noqa\n{body}{case.after}"
            path.write_text(edited)
            appended_after = before.count("\n")  # the marker is looked for in this case's code
            places.append(f"{case.file}:{line_of(edited, case.marker, appended_after)}")
            test_lines.append(
                f"\n\n@pytest.mark.django_db(transaction=True)\ndef test_planted_{n}() -> None:\n"
                f"    from {case.module} import planted_{n}\n\n    planted_{n}()\n"
            )
        (project / PLANTED_TEST).write_text("".join(test_lines))
        _, output = attempt(*PYTEST, PLANTED_TEST, cwd=project)
    finally:
        revert(project)
    return [Report(*_report_of(output, n), places[n], len(cases)) for n in range(len(cases))]


def _report_of(output: str, n: int) -> tuple[str, str]:
    name = f"test_planted_{n}"
    status = re.search(rf"^(PASSED|FAILED|ERROR) \S+::{name}\b", output, re.M)
    # A section starts at its "____ test_planted_<n> ____" header and runs to the next one.
    section = re.search(
        rf"^_+ (?:ERROR at \w+ of )?{name} _+$(.*?)(?=^_{{3,}} |^=+ short test summary)",
        output,
        re.M | re.S,
    )
    return (status.group(1) if status else ""), (section.group(1) if section else output)


@dataclass
class PlantedRuns:
    """The reports of one module's cases: one batch run, and runs alone where needed."""

    project: Path
    cases: list[Planted]
    batch: list[Report] | None = None

    def report(self, case: Planted, judge: Callable[[Report, Planted], list[str]]) -> Report:
        if self.batch is None:
            self.batch = plant_and_run(self.project, self.cases)
        report = self.batch[self.cases.index(case)]
        return report if not judge(report, case) else plant_and_run(self.project, [case])[0]


_RUNS: dict[tuple[Path, int], PlantedRuns] = {}


def planted_report(
    project: Path,
    case: Planted,
    among: Mapping[str, Planted],
    judge: Callable[[Report, Planted], list[str]],
) -> Report:
    """The report of ``case``, planted with the other cases of ``among`` if that judges it."""
    runs = _RUNS.setdefault((project, id(among)), PlantedRuns(project, list(among.values())))
    return runs.report(case, judge)
