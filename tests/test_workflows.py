"""Fast tier: the generated GitHub Actions workflow is valid, safe, and calls what exists.

GitHub cannot run here, so the workflow is checked as far as it can be without
it: actionlint (with ShellCheck on every script) and zizmor's security audit on
every bake, its structure, the commands its steps call, and (in
test_selective_testing) its plan step run for real against a git history.
"""

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import (
    WORKFLOW,
    actionlint,
    load_workflow,
    step_script,
    workflow_steps,
    zizmor,
)
from .options import STATIC_BAKES

PINNED = re.compile(r"[\w-]+/[\w-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+")
CHECKOUT = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2"
# Each mistake, planted in the generated workflow, and the finding it must raise.
ACTIONLINT_MISTAKES = {
    "an unknown runner label": ("runs-on: ubuntu-24.04", "runs-on: ubuntu-24.4", "runner-label"),
    "an undefined matrix value": ("${{ matrix.python }}", "${{ matrix.pyhton }}", "expression"),
    "an undefined step": ("steps.plan.outputs", "steps.plans.outputs", "expression"),
    "a missing job": ("needs: [checks, plan, tests", "needs: [checks, plan, test", "job-needs"),
    "an unquoted variable": ('TURBO_ARGS="$TURBO_ARGS"', "TURBO_ARGS=$TURBO_ARGS", "shellcheck"),
}
ZIZMOR_MISTAKES = {
    "an action pinned by tag": (CHECKOUT, "actions/checkout@v4", "unpinned-uses"),
    "credentials kept in the checkout": (
        "with:\n          persist-credentials: false",
        "with:\n          fetch-depth: 1",
        "artipacked",
    ),
    "an expression expanded in a script": (
        "run: make install lint check",
        "run: make install lint check ${{ github.head_ref }}",
        "template-injection",
    ),
}


@pytest.fixture(scope="module")
def project(bake_once) -> Path:
    return bake_once()


@pytest.fixture(params=list(STATIC_BAKES), ids=list(STATIC_BAKES))
def each_bake(request: pytest.FixtureRequest, bake) -> Path:
    return bake(**STATIC_BAKES[request.param])


def test_actionlint_and_zizmor_find_nothing_in_every_bake(each_bake: Path) -> None:
    assert actionlint(each_bake / WORKFLOW) == []
    assert zizmor(each_bake / WORKFLOW) == []


def planted(project: Path, tmp_path: Path, mistake: tuple[str, str, str]) -> Path:
    """A copy of the generated workflow with one mistake in it."""
    right, wrong, _ = mistake
    text = (project / WORKFLOW).read_text()
    assert right in text
    workflow = tmp_path / ".github" / "workflows" / "ci.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(text.replace(right, wrong))
    return workflow


@pytest.mark.parametrize(
    ("linter", "mistake"),
    [(actionlint, mistake) for mistake in ACTIONLINT_MISTAKES.values()]
    + [(zizmor, mistake) for mistake in ZIZMOR_MISTAKES.values()],
    ids=[*ACTIONLINT_MISTAKES, *ZIZMOR_MISTAKES],
)
def test_a_planted_mistake_is_found(
    project: Path, tmp_path: Path, linter: Callable[[Path], list[str]], mistake: tuple[str, ...]
) -> None:
    assert mistake[2] in linter(planted(project, tmp_path, mistake))


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
    assert 'python -m slicekit discover --base "origin/$BASE_REF" --json' in plan
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

    frontend = {"frontend-test"} if (project / "frontend").is_dir() else set()
    assert called == {"install", "lint", "check", "pytest", "test-selected", "coverage", *frontend}
    assert called <= targets


ONE_SHARD = '[{"name": "1 of 1", "units": ["catalog"], "pytest": "", "turbo": "--filter=x"}]'
FULL_SHARD = '[{"name": "1 of 1", "units": ["(project)"], "pytest": "core", "turbo": ""}]'


@pytest.mark.parametrize(
    ("checks", "plan", "tests", "coverage", "full_suite", "shards", "passes"),
    [
        ("success", "success", "success", "skipped", "false", ONE_SHARD, True),
        ("success", "success", "success", "success", "true", FULL_SHARD, True),
        ("success", "success", "skipped", "skipped", "false", "[]", True),
        ("success", "success", "failure", "skipped", "false", ONE_SHARD, False),
        ("success", "success", "cancelled", "skipped", "false", ONE_SHARD, False),
        ("failure", "success", "success", "skipped", "false", ONE_SHARD, False),
        ("success", "cancelled", "skipped", "skipped", "", "", False),
        # Shards were planned but no test job ran them: never a pass.
        ("success", "success", "skipped", "skipped", "false", ONE_SHARD, False),
        ("success", "success", "skipped", "skipped", "", "", False),
        # A full suite whose combined coverage is under the floor, or was never judged.
        ("success", "success", "success", "failure", "true", FULL_SHARD, False),
        ("success", "success", "success", "skipped", "true", FULL_SHARD, False),
        ("success", "success", "success", "cancelled", "true", FULL_SHARD, False),
    ],
)
def test_the_required_check_passes_only_when_every_job_did(
    project: Path,
    checks: str,
    plan: str,
    tests: str,
    coverage: str,
    full_suite: str,
    shards: str,
    passes: bool,
) -> None:
    script = step_script(
        project,
        "The checks and the plan passed; every shard passed, or the plan had none; coverage held",
    )
    completed = subprocess.run(
        ["bash", "-e", "-c", script],
        env={
            "CHECKS": checks,
            "PLAN": plan,
            "TESTS": tests,
            "COVERAGE": coverage,
            "FULL_SUITE": full_suite,
            "SHARDS": shards,
        },
        capture_output=True,
        check=False,
    )

    assert (completed.returncode == 0) is passes


def test_a_full_suites_shards_are_measured_and_judged_together(project: Path) -> None:
    """Each shard measures its part without a floor; the coverage job combines and judges."""
    workflow = load_workflow(project)
    shard = step_script(project, "The full Django suite, this shard's part")
    coverage = workflow["jobs"]["coverage"]

    assert shard == 'make pytest PYTEST_ARGS="$PYTEST_ARGS --cov --cov-report= --cov-fail-under=0"'
    assert coverage["needs"] == ["plan", "tests"]
    assert coverage["if"] == "fromJSON(needs.plan.outputs.plan).full_suite"
    assert step_script(project, "Combine the shards' coverage and hold it to the floor") == (
        "make coverage"
    )
    assert "coverage" in workflow["jobs"]["passed"]["needs"]
