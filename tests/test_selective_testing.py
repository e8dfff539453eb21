"""Full tier: real pnpm, turbo and git re-test only what a change can affect.

beta uses alpha's facade; gamma is independent. After one full run fills
turbo's cache, each scenario changes one file and reads turbo's own dry-run
JSON for which tasks would run (MISS) and which are cache hits (HIT).
"""

import json
import subprocess
from pathlib import Path

import pytest

from .helpers import clean_environment, run

pytestmark = pytest.mark.full

TASKS = ("backend:contract-check", "backend:test")


@pytest.fixture(scope="module")
def project(bake_once) -> Path:
    project = bake_once(products="alpha, beta:alpha, gamma")
    run("make", "install", cwd=project)  # writes uv.lock, which a team commits
    run("git", "init", "-q", cwd=project)
    run("git", "add", "-A", cwd=project)
    run(
        "git",
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.com",
        "commit",
        "-qm",
        "bake",
        cwd=project,
    )
    output = run("make", "test-selected", cwd=project)
    assert "6 successful, 6 total" in output
    return project


def turbo_plan(project: Path) -> dict[str, str]:
    """``{"alpha#backend:test": "HIT" | "MISS", ...}`` from ``turbo run --dry=json``."""
    pnpm = json.loads((project / "package.json").read_text())["packageManager"]
    command = ("npx", "--yes", pnpm, "exec", "turbo", "run", *TASKS, "--dry=json")
    env = {**clean_environment(), "TURBO_TELEMETRY_DISABLED": "1"}
    completed = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    tasks = json.loads(completed.stdout)["tasks"]
    return {task["taskId"].partition("/")[2]: task["cache"]["status"] for task in tasks}


def plan_after_changing(project: Path, relative: str) -> dict[str, str]:
    path = project / relative
    try:
        path.write_text(path.read_text() + "\n# changed\n")
        return turbo_plan(project)
    finally:
        run("git", "checkout", "-q", "--", relative, cwd=project)


def misses(plan: dict[str, str]) -> set[str]:
    return {task for task, status in plan.items() if status == "MISS"}


def test_nothing_re_runs_when_nothing_changed(project: Path) -> None:
    plan = turbo_plan(project)

    assert len(plan) == 6
    assert misses(plan) == set()


def test_a_logic_change_re_tests_only_its_product(project: Path) -> None:
    plan = plan_after_changing(project, "products/alpha/backend/logic.py")

    assert misses(plan) == {"alpha#backend:test"}


# Models and migrations are contract inputs: every product's test database is built from them.
@pytest.mark.parametrize("changed", ["backend/facade/contracts.py", "backend/models.py"])
def test_a_contract_or_model_change_re_tests_the_product_and_its_consumers(
    project: Path, changed: str
) -> None:
    plan = plan_after_changing(project, f"products/alpha/{changed}")

    assert misses(plan) == {
        "alpha#backend:contract-check",
        "alpha#backend:test",
        "beta#backend:test",
    }


@pytest.mark.parametrize(
    "shared", ["core/models.py", "config/settings/base.py", "uv.lock", "boundaries/names.py"]
)
def test_a_shared_change_re_runs_everything(project: Path, shared: str) -> None:
    plan = plan_after_changing(project, shared)

    assert misses(plan) == set(plan)
