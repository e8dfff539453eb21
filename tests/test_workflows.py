"""Fast tier: the generated GitHub Actions workflow is safe, and calls what exists.

GitHub cannot run here, so the workflow is checked as far as it can be without
it: zizmor's security audit, its structure, the commands its steps call, and
(in test_selective_testing) its plan step run for real against a git history.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import WORKFLOW, load_workflow, run, step_script, workflow_steps

PINNED = re.compile(r"[\w-]+/[\w-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+")


@pytest.fixture(scope="module")
def project(bake_once) -> Path:
    return bake_once()


def test_zizmor_finds_nothing(project: Path) -> None:
    zizmor = Path(sys.executable).with_name("zizmor")
    output = run(str(zizmor), "--offline", str(project / WORKFLOW), cwd=project)

    assert "No findings to report" in output


def test_every_action_is_pinned_by_commit(project: Path) -> None:
    text = (project / WORKFLOW).read_text()
    uses = re.findall(r"uses: (.+)", text)

    assert uses
    assert [use for use in uses if not PINNED.fullmatch(use)] == []


def test_jobs_get_least_privilege(project: Path) -> None:
    workflow = load_workflow(project)

    assert workflow["permissions"] == {}
    for name, job in workflow["jobs"].items():
        assert set(job["permissions"].values()) <= {"read"}, name


def test_superseded_runs_are_cancelled(project: Path) -> None:
    assert load_workflow(project)["concurrency"]["cancel-in-progress"] is True


def test_pull_requests_are_selective_and_main_and_nightly_run_everything(project: Path) -> None:
    workflow = load_workflow(project)
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true

    assert set(triggers) == {"pull_request", "push", "schedule", "workflow_dispatch"}
    assert triggers["push"]["branches"] == ["main"]
    plan = step_script(project, "Discover what the change can affect")
    assert 'python -m boundaries discover --base "origin/$BASE_REF" --json' in plan
    assert '"turbo_args": ["--force"]' in plan
    checkout = workflow["jobs"]["plan"]["steps"][0]
    assert checkout["with"]["fetch-depth"] == 0  # the merge base needs the history


def test_tests_run_on_postgresql_and_redis(project: Path) -> None:
    job = load_workflow(project)["jobs"]["tests"]

    assert set(job["services"]) == {"postgres", "redis"}
    assert job["env"]["DATABASE_URL"].startswith("postgres://")
    assert job["env"]["CELERY_BROKER_URL"].startswith("redis://")


@pytest.mark.parametrize(
    ("python_version", "matrix"), [("3.13", ["3.13"]), ("3.12", ["3.12", "3.13"])]
)
def test_the_python_matrix_starts_at_the_chosen_version(
    bake, python_version: str, matrix: list[str]
) -> None:
    project = bake(python_version=python_version)

    assert load_workflow(project)["jobs"]["tests"]["strategy"]["matrix"]["python"] == matrix


def test_every_make_target_the_workflow_runs_exists(project: Path) -> None:
    makefile = (project / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][\w.-]*):", makefile, flags=re.MULTILINE))
    called = {
        target
        for step in workflow_steps(load_workflow(project))
        for command in re.findall(r"\bmake ([^\n\"]+)", step.get("run", ""))
        for target in command.split()
        if "=" not in target
    }

    assert called == {"install", "lint", "check", "pytest", "test-selected"}
    assert called <= targets


@pytest.mark.parametrize(
    ("checks", "plan", "tests", "passes"),
    [
        ("success", "success", "success", True),
        ("success", "success", "skipped", True),
        ("success", "success", "failure", False),
        ("failure", "success", "success", False),
        ("success", "cancelled", "skipped", False),
    ],
)
def test_the_required_check_passes_only_when_every_job_did(
    project: Path, checks: str, plan: str, tests: str, passes: bool
) -> None:
    script = step_script(
        project, "The checks and the plan passed; the tests passed or had nothing to run"
    )
    completed = subprocess.run(
        ["bash", "-e", "-c", script],
        env={"CHECKS": checks, "PLAN": plan, "TESTS": tests},
        capture_output=True,
        check=False,
    )

    assert (completed.returncode == 0) is passes
