"""Full tier: the kit's own quality gates, in an installed default bake on each Python (the
kit runs inside a project and its tests borrow some of the project's files): its test suite
over its coverage floor, mypy strict on its code; and a project's `make check` refuses an
edited kit/ in one line, then passes once it is put back.
"""

import re
from pathlib import Path

import pytest

from .helpers import attempt, run, uv
from .options import Cell

pytestmark = pytest.mark.full

KIT_CONFIG = "--rcfile=kit/pyproject.toml"


@pytest.fixture(scope="module")
def project(scenario_cell: Cell, bake_once) -> Path:
    project = bake_once(**scenario_cell.answers())
    run("make", "install", cwd=project)
    return project


def test_the_kit_passes_its_tests_over_its_coverage_floor(project: Path, tmp_path: Path) -> None:
    # coverage run, not pytest --cov: the kit's pytest plugin (an entry point) imports the kit
    # before pytest-cov would start measuring it.
    data = f"--data-file={tmp_path / 'coverage'}"
    coverage = (uv(project), "run", "--frozen", "coverage")

    tests = run(*coverage, "run", KIT_CONFIG, data, "-m", "pytest", "-q", "kit/tests", cwd=project)
    report = run(*coverage, "report", KIT_CONFIG, data, cwd=project)

    passed = re.search(r"(\d+) passed", tests)
    assert passed, tests[-2000:]
    assert int(passed.group(1)) >= 600
    assert " failed" not in tests
    assert re.search(r"^TOTAL .* \d+%$", report, re.MULTILINE), report  # held to fail_under


def test_the_kit_type_checks_strictly(project: Path) -> None:
    output = run(
        uv(project), "run", "--frozen", "mypy", "--config-file", "kit/pyproject.toml", cwd=project
    )

    assert re.search(r"Success: no issues found in \d+ source files", output)


def test_make_check_refuses_an_edited_kit_then_passes_once_it_is_put_back(project: Path) -> None:
    lock = project / "kit" / "src" / "slicekit" / "lock.py"
    original = lock.read_text()
    lock.write_text(original + "\n# a team's local tweak\n")
    try:
        returncode, output = attempt("make", "check", cwd=project)
    finally:
        lock.write_text(original)

    assert returncode != 0
    (line,) = [line for line in output.splitlines() if line.startswith("kit: ")]
    assert line.startswith("kit: kit/src/slicekit/lock.py is edited: kit/ is not slicekit ")
    assert "cruft update" in line
    assert "kit: slicekit " in run("make", "check", cwd=project)
