"""Full tier: real pnpm, turbo and git re-test only what a change can affect.

beta uses alpha's facade; gamma is independent. After one full run fills
turbo's cache, each scenario changes one file and reads turbo's own dry-run
JSON for which tasks would run (MISS) and which are cache hits (HIT).
"""

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .helpers import attempt, clean_environment, commit_all, require, run, step_script
from .options import Cell

pytestmark = pytest.mark.full

TASKS = ("backend:contract-check", "backend:test")
OFFLINE = ("unshare", "--map-root-user", "--net")  # a namespace with no network but loopback


@pytest.fixture(scope="module")
def project(scenario_cell: Cell, bake_once) -> Path:
    project = bake_once(**scenario_cell.answers(products="alpha, beta:alpha, gamma"))
    # Both lock files are written by the first install, and a team commits them.
    run("make", "install", "node_modules", cwd=project)
    commit_all(project, "lock files")  # the bake made the repository and its first commit
    output = run("make", "test-selected", cwd=project)
    assert "6 successful, 6 total" in output
    return project


def package(project: Path, product: str) -> str:
    return json.loads((project / "products" / product / "package.json").read_text())["name"]


def turbo_plan(project: Path) -> dict[str, str]:
    """``{"alpha#backend:test": "HIT" | "MISS", ...}`` from ``turbo run --dry=json``."""
    pnpm = json.loads((project / "package.json").read_text())["packageManager"]
    command = (
        "npx",
        "--yes",
        "--prefer-offline",
        pnpm,
        "exec",
        "turbo",
        "run",
        *TASKS,
        "--dry=json",
    )
    env = {**clean_environment(), "TURBO_TELEMETRY_DISABLED": "1"}
    completed = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    tasks = json.loads(completed.stdout)["tasks"]
    return {task["taskId"].partition("/")[2]: task["cache"]["status"] for task in tasks}


@contextlib.contextmanager
def changed(
    project: Path, relative: str, note: str = "changed", *, commit_it: bool = True
) -> Iterator[str]:
    """Append a comment to one file, committed unless told not to; yield the commit before.

    Afterwards the project is reset to that commit, for the next scenario.
    """
    base = run("git", "rev-parse", "HEAD", cwd=project).strip()
    path = project / relative
    try:
        path.write_text(path.read_text() + f"\n# {note}\n")
        if commit_it:
            commit_all(project, f"change {relative}")
        yield base
    finally:
        run("git", "reset", "-q", "--hard", base, cwd=project)


def discover_plan(project: Path, base: str) -> dict:
    output = run("python3", "-m", "boundaries", "discover", "--base", base, "--json", cwd=project)
    return json.loads(output)


def plans_after_changing(project: Path, relative: str) -> tuple[dict[str, str], dict]:
    """Commit a change to one file; return turbo's plan and the discover plan for it."""
    with changed(project, relative) as base:
        return turbo_plan(project), discover_plan(project, base)


def misses(plan: dict[str, str]) -> set[str]:
    return {task for task, status in plan.items() if status == "MISS"}


def products_to_test(plan: dict[str, str]) -> list[str]:
    return sorted({task.partition("#")[0] for task in misses(plan)})


def test_nothing_re_runs_when_nothing_changed(project: Path) -> None:
    plan = turbo_plan(project)

    assert len(plan) == 6
    assert misses(plan) == set()


def test_a_logic_change_re_tests_only_its_product(project: Path) -> None:
    turbo, discover = plans_after_changing(project, "products/alpha/backend/logic.py")

    assert misses(turbo) == {"alpha#backend:test"}
    assert discover["full_suite"] is False
    assert discover["products"] == ["alpha"] == products_to_test(turbo)
    assert discover["turbo_args"] == [f"--filter={package(project, 'alpha')}"]


# Models and migrations are contract inputs: every product's test database is built from them.
@pytest.mark.parametrize("changed", ["backend/facade/contracts.py", "backend/models.py"])
def test_a_contract_or_model_change_re_tests_the_product_and_its_consumers(
    project: Path, changed: str
) -> None:
    turbo, discover = plans_after_changing(project, f"products/alpha/{changed}")

    assert misses(turbo) == {
        "alpha#backend:contract-check",
        "alpha#backend:test",
        "beta#backend:test",
    }
    assert discover["full_suite"] is False
    assert discover["products"] == ["alpha", "beta"] == products_to_test(turbo)


@pytest.mark.parametrize(
    "shared",
    [
        "core/models.py",
        "config/settings/base.py",
        "uv.lock",
        "boundaries/names.py",
        "packages/display_names/_normalize.py",
    ],
)
def test_a_shared_change_re_runs_everything(project: Path, shared: str) -> None:
    turbo, discover = plans_after_changing(project, shared)

    assert misses(turbo) == set(turbo)
    assert discover["full_suite"] is True
    assert discover["products"] == ["alpha", "beta", "gamma"]
    assert discover["reasons"] == [
        f"{shared} is shared by every product (turbo.json globalDependencies)"
    ]


def test_a_documentation_change_re_runs_nothing(project: Path) -> None:
    turbo, discover = plans_after_changing(project, "README.md")

    assert misses(turbo) == set()
    assert (discover["full_suite"], discover["products"]) == (False, [])


def test_the_selected_tests_run_for_real(project: Path) -> None:
    """The plan's turbo arguments run its products' tasks, and only those, through make."""
    with changed(project, "products/gamma/backend/logic.py") as base:
        plan = discover_plan(project, base)
        output = run(
            "make", "test-selected", f"TURBO_ARGS={' '.join(plan['turbo_args'])}", cwd=project
        )

    assert f"{package(project, 'gamma')}:backend:test" in output
    assert package(project, "alpha") not in output
    assert "2 successful, 2 total" in output


@pytest.mark.parametrize("event", ["pull_request", "push"])
def test_the_workflow_plan_step_runs(project: Path, tmp_path: Path, event: str) -> None:
    """The workflow's own plan script, run as GitHub would on a pull request and on main."""
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "python").symlink_to(sys.executable)  # setup-python's `python`
    output, summary = tmp_path / "output", tmp_path / "summary"
    env = {
        **clean_environment(),
        "PATH": f"{tmp_path / 'bin'}{os.pathsep}{clean_environment()['PATH']}",
        "EVENT": event,
        "BASE_REF": "main",
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
    }
    with changed(project, "products/beta/backend/logic.py") as base:
        run("git", "update-ref", "refs/remotes/origin/main", base, cwd=project)
        script = step_script(project, "Discover what the change can affect")
        subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=project, env=env, check=True)

    name, _, value = output.read_text().strip().partition("=")
    plan = json.loads(value)
    assert name == "plan"
    if event == "pull_request":
        assert plan["full_suite"] is False
        assert plan["turbo_args"] == [f"--filter={package(project, 'beta')}"]
        assert "beta: products/beta/backend/logic.py changed" in summary.read_text()
    else:
        assert (plan["full_suite"], plan["turbo_args"]) == (True, ["--force"])


def test_selected_tests_run_without_a_network(project: Path) -> None:
    """After install nothing asks a registry: offline, npx once waited ~70 s on one.

    The timeout only tells a hang from a run (a run takes seconds here). Mapping
    the user to root lets an unprivileged user make the network namespace; Ubuntu
    24.04 refuses that unless its AppArmor restriction is lifted (the template's
    workflow does so), and CI must not skip the test.
    """
    require(attempt(*OFFLINE, "true", cwd=project)[0] == 0, f"{' '.join(OFFLINE)} is refused")
    offline = changed(
        project, "products/gamma/backend/logic.py", "changed, offline", commit_it=False
    )
    with offline:
        output = run(*OFFLINE, "make", "test-selected", cwd=project, timeout=60)

    assert "Cached:    5 cached, 6 total" in output
