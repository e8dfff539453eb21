"""Full tier: `make durations` times every product for real, the full suite's shards
run exactly the tests `make pytest` runs, each once, and their coverage adds up to its.
"""

import json
import re
import shutil
from pathlib import Path

import pytest

from .helpers import commit_all, require, run
from .options import Cell

pytestmark = pytest.mark.full

PRODUCTS = ("alpha", "beta", "gamma")
FULL_SUITE = json.dumps({"full_suite": True, "products": [], "turbo_args": ["--force"]})


@pytest.fixture(scope="module")
def project(tooling_cell: Cell, bake_once) -> Path:
    require(shutil.which("npx") is not None, "npx (Node) is not on PATH")
    project = bake_once(**tooling_cell.answers(products="alpha, beta:alpha, gamma"))
    run("make", "install", "node_modules", cwd=project)
    commit_all(project, "lock files")
    return project


def shards(project: Path, tmp_path: Path) -> list[dict]:
    """The planner's shards for main's full forced run, as CI's plan job asks for them."""
    plan = tmp_path / "plan.json"
    plan.write_text(FULL_SUITE)
    command = ("-m", "slicekit", "shards", "--plan", str(plan), "--shards", "4", "--json")
    return json.loads(run(".venv/bin/python", *command, cwd=project))


def collected(project: Path, *paths: str) -> list[str]:
    """The test ids pytest collects from these paths (all of testpaths when none)."""
    output = run(".venv/bin/python", "-m", "pytest", "--collect-only", "-q", *paths, cwd=project)
    return [line for line in output.splitlines() if "::" in line]


def test_make_durations_times_every_product_and_the_project(project: Path, tmp_path: Path) -> None:
    output = run("make", "durations", cwd=project, timeout=900)

    durations = json.loads((project / ".test-durations.json").read_text())
    assert "wrote .test-durations.json: 3 products and the project tests" in output
    assert sorted(durations["products"]) == list(PRODUCTS)
    assert all(seconds > 0 for seconds in durations["products"].values())
    assert durations["project"] > 0
    # The planner reads what was written: each shard's time is its units' recorded times.
    recorded = {**durations["products"], "(project)": durations["project"]}
    for shard in shards(project, tmp_path):
        assert shard["seconds"] == pytest.approx(sum(recorded[unit] for unit in shard["units"]))


def test_the_full_suites_shards_run_every_test_once(project: Path, tmp_path: Path) -> None:
    planned = shards(project, tmp_path)
    everything = collected(project)

    assert len(planned) == 4  # three products and the project-level tests
    per_shard = [collected(project, *shard["pytest"].split()) for shard in planned]
    together = [test for tests in per_shard for test in tests]
    assert sorted(together) == sorted(everything)
    assert all(per_shard)  # no shard runs nothing (pytest would exit 5)


def total_coverage(output: str) -> int:
    (total,) = re.findall(r"^TOTAL\s.*\s(\d+)%$", output, flags=re.MULTILINE)
    return int(total)


def test_the_shards_coverage_combines_into_the_whole_suites(project: Path, tmp_path: Path) -> None:
    """CI's shard step measures each part without a floor; `make coverage` judges them together.

    A product's shard alone covers little of the project: it must not fail for it.
    Combined, the shards cover what one `make pytest` covers.
    """
    whole = total_coverage(run("make", "pytest", cwd=project, timeout=900))
    for data in project.glob(".coverage*"):
        data.unlink()

    for number, shard in enumerate(shards(project, tmp_path), start=1):
        part = f"{shard['pytest']} --cov --cov-report= --cov-fail-under=0"  # as ci.yml's step
        env = {"COVERAGE_FILE": f".coverage.{number}"}
        run("make", "pytest", f"PYTEST_ARGS={part}", cwd=project, env=env, timeout=900)

    combined = run("make", "coverage", cwd=project)
    # About the whole's: a line run only when two parts share a process (a cache filled by
    # another directory's tests, say) may differ. The floor holds either way.
    assert abs(total_coverage(combined) - whole) <= 1
    assert total_coverage(combined) >= 90
    assert not list(project.glob(".coverage.*"))  # combined into .coverage
