"""Full tier: the kit in an installed default bake on each Python: its tests that need a whole
project (marked needs_project: they start the project's processes, run a product's tests, read
its web app and recorded durations) pass there, mypy strict passes on its code (with the
project's settings), and a project's `make check` refuses an edited kit/ in one line, then
passes once it is put back. The rest of the kit's suite, and its coverage floor, run standalone
in the fast tier (tests/test_kit.py).
"""

import re
from pathlib import Path

import pytest

from .helpers import attempt, run, uv
from .options import Cell

pytestmark = pytest.mark.full


@pytest.fixture(scope="module")
def project(scenario_cell: Cell, bake_once) -> Path:
    project = bake_once(**scenario_cell.answers())
    run("make", "install", cwd=project)
    return project


def test_the_kit_tests_that_need_a_whole_project_pass_in_one(project: Path) -> None:
    # kit/pyproject.toml configures the run: the kit's test project, these tests unskipped.
    pytest = (uv(project), "run", "--frozen", "pytest")
    tests = run(*pytest, "-q", "-m", "needs_project", "kit/tests", cwd=project)

    passed = re.search(r"(\d+) passed", tests)
    assert passed, tests[-2000:]
    assert int(passed.group(1)) >= 9  # 11 with a web app
    assert " failed" not in tests


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
