"""Fast tier: the generated project holds its whole test run to a coverage floor, and only it.

Every full-tier cell's `make test` shows the floor holding on its bake
(tests/test_generated_project.py); tests/test_durations.py combines CI's shards.
"""

import re
import tomllib
from pathlib import Path

import pytest

from .helpers import run


@pytest.fixture(scope="module")
def project(bake_once) -> Path:
    return bake_once()


def test_the_whole_project_is_measured_by_lines_and_branches(project: Path) -> None:
    coverage = tomllib.loads((project / "pyproject.toml").read_text())["tool"]["coverage"]

    assert coverage["run"]["branch"] is True
    assert coverage["run"]["source"] == ["."]
    # The team's code: the kit's floor is held in the template's CI (tests/test_kit.py).
    assert coverage["run"]["omit"] == ["kit/*", "*/migrations/*"]
    assert coverage["report"]["fail_under"] >= 90


def test_only_the_whole_run_is_held_to_the_floor(project: Path) -> None:
    whole = run("make", "-n", "pytest", cwd=project)
    part = run("make", "-n", "pytest", "PYTEST_ARGS=products/catalog", cwd=project)

    assert re.search(r"pytest --cov$", whole, flags=re.MULTILINE)
    assert re.search(r"pytest products/catalog$", part, flags=re.MULTILINE)


def test_a_products_own_task_measures_nothing(project: Path) -> None:
    """turbo's per-product task runs a part of the suite: no floor can apply to it."""
    package = (project / "products" / "catalog" / "package.json").read_text()

    assert "--cov" not in package
    assert "--cov" not in (project / "pyproject.toml").read_text().split("addopts", 1)[1][:80]
