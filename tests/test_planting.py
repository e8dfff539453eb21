"""The batching of the full tier's planted cases (tests/planting.py), on a toy repository.

The toy check reports every line holding ``BAD`` as ``file:line: bad`` and fails;
a file holding ``CRASH`` makes it stop before reporting anything, as a module
that no longer imports stops a real check.
"""

import sys
from pathlib import Path

import pytest

from .helpers import run
from .planting import LINE, Append, Case, Planter, batches
from .planting_runtime import Planted, Report, planted_report

CHECK_SOURCE = """\
import pathlib, sys
pathlib.Path(sys.argv[1]).open("a").write("run\\n")
files = sorted(pathlib.Path(".").glob("*.py"))
if any("CRASH" in f.read_text() for f in files):
    sys.exit("crashed before any finding")
found = [f"{f}:{n}: bad" for f in files for n, l in enumerate(f.read_text().splitlines(), 1)
         if "BAD" in l]
print("\\n".join(found))
sys.exit(1 if found else 0)
"""


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    repository = tmp_path / "repo"
    repository.mkdir()
    (repository / "a.py").write_text("x = 1\n")
    (repository / "b.py").write_text("y = 2\n")
    run("git", "init", "-q", cwd=repository)
    run("git", "add", ".", cwd=repository)
    run("git", "commit", "-qm", "toy", cwd=repository)
    return repository


def toy_check(tmp_path: Path) -> tuple[str, ...]:
    script = tmp_path / "check.py"
    script.write_text(CHECK_SOURCE)
    return (sys.executable, str(script), str(tmp_path / "runs"))


def bad(file: str, marker: str, check: tuple[str, ...]) -> Case:
    return Case(file, Append(f"{marker} = 'BAD'\n"), check, (f"{file}:{LINE}: bad",), marker)


def runs(tmp_path: Path) -> int:
    return len((tmp_path / "runs").read_text().splitlines())


def test_appends_stack_and_other_edits_of_one_file_do_not(tmp_path: Path) -> None:
    check = toy_check(tmp_path)
    first, second = bad("a.py", "one", check), bad("a.py", "two", check)
    same_marker = bad("a.py", "one", check)
    replacing = Case("a.py", lambda s: s + "z = 'BAD'\n", check, ("a.py:2: bad",))
    elsewhere = bad("b.py", "three", check)
    other_check = bad("b.py", "four", (*check, "--other"))

    grouped = batches([first, second, same_marker, replacing, elsewhere, other_check])

    assert grouped == [[first, second, elsewhere], [same_marker], [replacing], [other_check]]


def test_one_run_judges_a_batch_each_case_at_its_own_line(tmp_path: Path, repository: Path) -> None:
    check = toy_check(tmp_path)
    cases = [bad("a.py", "one", check), bad("a.py", "two", check), bad("b.py", "three", check)]
    planter = Planter(repository, cases)

    outcomes = [planter.outcome(case) for case in cases]

    assert [o.line for o in outcomes] == ["2", "3", "2"]
    assert all(not o.missing(c) for o, c in zip(outcomes, cases, strict=True))
    assert runs(tmp_path) == 2  # planted once, and once reverted
    assert (repository / "a.py").read_text() == "x = 1\n"


def test_a_case_that_stops_the_check_is_judged_alone_and_the_others_still_pass(
    tmp_path: Path, repository: Path
) -> None:
    check = toy_check(tmp_path)
    crash = Case("b.py", Append("CRASH = 1\n"), check, ("b.py:2: bad",), "CRASH")
    cases = [bad("a.py", "one", check), crash, bad("a.py", "two", check)]
    planter = Planter(repository, cases)

    outcomes = {id(case): planter.outcome(case) for case in cases}

    assert outcomes[id(crash)].missing(crash) == ["b.py:2: bad"]
    assert outcomes[id(crash)].planted_with == 1  # failed on a run of its own only
    assert not outcomes[id(cases[0])].missing(cases[0])
    assert not outcomes[id(cases[2])].missing(cases[2])


def test_a_case_its_check_does_not_catch_fails(tmp_path: Path, repository: Path) -> None:
    check = toy_check(tmp_path)
    harmless = Case("a.py", Append("fine = 1\n"), check, ("a.py:2: bad",), "fine")

    outcome = Planter(repository, [harmless]).outcome(harmless)

    assert outcome.missing(harmless) == ["a.py:2: bad", "a failing exit code"]


def test_planted_functions_run_in_one_pytest_run_each_judged_by_its_own_test(
    repository: Path,
) -> None:
    backend = repository / "products" / "orders" / "backend"
    (backend / "tests").mkdir(parents=True)
    (backend / "logic.py").write_text("LIMIT = 3\n")
    (backend / "tasks.py").write_text("")
    (backend / "tests" / "conftest.py").write_text("")
    (repository / ".venv" / "bin").mkdir(parents=True)
    python = repository / ".venv" / "bin" / "python"  # the template's, with its pytest
    python.write_text(f'#!/bin/sh\nPYTEST_DISABLE_PLUGIN_AUTOLOAD=1 exec "{sys.executable}" "$@"\n')
    python.chmod(0o755)
    (repository / ".gitignore").write_text(".venv/\n")
    run("git", "add", ".", cwd=repository)
    run("git", "commit", "-qm", "a product", cwd=repository)
    reach = Planted("raise LookupError('reach-rule: catalog owns it')\n", "raise", ("reach-rule",))
    tasks = "products/orders/backend/tasks.py"
    broken = Planted("return 1\n", "return", ("never",), tasks, after="\nimport missing_module\n")
    legal = Planted("return LIMIT\n", "return LIMIT")
    cases = {"reach": reach, "broken": broken, "legal": legal}

    judges = (Report.caught, Report.caught, Report.passed)
    reports = [
        planted_report(repository, case, cases, judge)
        for case, judge in zip(cases.values(), judges, strict=True)
    ]

    assert not reports[0].caught(reach)
    assert reports[0].place == "products/orders/backend/logic.py:5"
    assert reports[0].planted_with == 3
    assert reports[1].planted_with == 1  # judged again alone, and still not caught
    assert "ModuleNotFoundError" in reports[1].text
    assert reports[2].status == "PASSED"
    assert reports[2].planted_with == 3
    assert (backend / "logic.py").read_text() == "LIMIT = 3\n"
