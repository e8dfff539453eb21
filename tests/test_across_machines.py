"""Fast tier: the generated CI spreads its tests over parallel jobs, and uses a remote
turbo cache when one is configured.

The plan job's shard step runs here as GitHub would run it, on a bake with a
synthetic durations file; the tests job's matrix, its steps and the `CI passed`
job are read from the workflow (tests/test_workflows.py runs `CI passed`'s
script on every outcome). tests/test_remote_cache.py (full tier) shares one
cache server between two clones for real.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import actionlint, clean_environment, load_workflow, run, step_as_run
from .test_workflows import planted

PRODUCTS = "alpha, beta:alpha, gamma, delta, epsilon"
NAMES = ("alpha", "beta", "gamma", "delta", "epsilon")
SHARD_STEP = "Spread the tests over parallel jobs"
DURATIONS = {"alpha": 60.0, "beta": 50.0, "gamma": 40.0, "delta": 30.0, "epsilon": 20.0}
# Mistakes in the fan-out's expressions that actionlint must catch.
FAN_OUT_MISTAKES = {
    "an undefined matrix key": ("${{ matrix.shard.turbo }}", "${{ matrix.shards.turbo }}"),
    "an undefined plan output": (
        "if: needs.plan.outputs.shards != '[]'",
        "if: needs.plan.outputs.shard != '[]'",
    ),
    "an undefined step": (
        "${{ steps.shards.outputs.shards }}",
        "${{ steps.shard.outputs.shards }}",
    ),
}


@pytest.fixture(scope="module")
def project(bake_once) -> Path:
    project = bake_once(products=PRODUCTS)
    durations = {"about": "synthetic", "project": 100.0, "products": DURATIONS}
    (project / ".test-durations.json").write_text(json.dumps(durations))
    return project


def package(project: Path, product: str) -> str:
    return json.loads((project / "products" / product / "package.json").read_text())["name"]


def shards_for(project: Path, tmp_path: Path, plan: dict, **variables: str) -> list[dict]:
    """The plan job's shard step, run as GitHub would with this plan; its `shards` output."""
    (tmp_path / "bin").mkdir(exist_ok=True)
    python = tmp_path / "bin" / "python"
    if not python.exists():
        python.symlink_to(sys.executable)  # setup-python's `python`
    output, summary = tmp_path / "output", tmp_path / "summary"
    output.unlink(missing_ok=True)
    env = {
        **clean_environment(),
        "PATH": f"{tmp_path / 'bin'}{os.pathsep}{clean_environment()['PATH']}",
        "PLAN": json.dumps(plan),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        **variables,
    }
    script = step_as_run(project, SHARD_STEP)
    subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=project, env=env, check=True)
    name, _, value = output.read_text().strip().partition("=")
    assert name == "shards"
    return json.loads(value)


def selective(project: Path, *products: str) -> dict:
    filters = [f"--filter={package(project, product)}" for product in products]
    return {"full_suite": False, "products": list(products), "turbo_args": filters}


def test_the_tests_job_is_a_matrix_over_the_plans_shards(project: Path) -> None:
    jobs = load_workflow(project)["jobs"]
    tests = jobs["tests"]

    assert jobs["plan"]["outputs"]["shards"] == "${{ steps.shards.outputs.shards }}"
    assert tests["strategy"]["matrix"]["shard"] == "${{ fromJSON(needs.plan.outputs.shards) }}"
    assert tests["strategy"]["fail-fast"] is False  # every shard reports, whatever the others do
    assert tests["if"] == "needs.plan.outputs.shards != '[]'"  # an empty matrix is an error
    assert "${{ matrix.shard.name }}" in tests["name"]
    assert tests["env"]["PYTEST_ARGS"] == "${{ matrix.shard.pytest }}"
    assert tests["env"]["TURBO_ARGS"] == "${{ matrix.shard.turbo }}"
    runs = [step.get("run") for step in tests["steps"]]
    # Each part is measured without a floor; the coverage job judges the parts together.
    assert 'make pytest PYTEST_ARGS="$PYTEST_ARGS --cov --cov-report= --cov-fail-under=0"' in runs
    assert 'make test-selected TURBO_ARGS="$TURBO_ARGS"' in runs


def test_ci_passed_waits_for_every_shard_and_reads_the_plan(project: Path) -> None:
    passed = load_workflow(project)["jobs"]["passed"]

    assert passed["if"] == "always()"
    frontend = {"frontend"} if (project / "frontend").is_dir() else set()
    assert set(passed["needs"]) == {"checks", "plan", "tests", "coverage", *frontend}
    (step,) = passed["steps"]
    assert step["env"]["TESTS"] == "${{ needs.tests.result }}"  # the matrix's summed result
    assert step["env"]["COVERAGE"] == "${{ needs.coverage.result }}"
    assert step["env"]["SHARDS"] == "${{ needs.plan.outputs.shards }}"


@pytest.mark.parametrize("mistake", list(FAN_OUT_MISTAKES.values()), ids=list(FAN_OUT_MISTAKES))
def test_actionlint_finds_a_mistake_in_the_fan_out(
    project: Path, tmp_path: Path, mistake: tuple[str, str]
) -> None:
    assert "expression" in actionlint(planted(project, tmp_path, (*mistake, "expression")))


def test_a_pull_request_spreads_its_products_over_the_shards(project: Path, tmp_path: Path) -> None:
    shards = shards_for(project, tmp_path, selective(project, *NAMES), TEST_SHARDS="2")

    assert [shard["name"] for shard in shards] == ["1 of 2", "2 of 2"]
    units = [unit for shard in shards for unit in shard["units"]]
    assert sorted(units) == sorted(NAMES)  # each product in exactly one shard
    for shard in shards:
        assert shard["pytest"] == ""
        filters = [f"--filter={package(project, product)}" for product in shard["units"]]
        assert shard["turbo"] == " ".join(filters)
    # The longest first, each into the lighter shard: 50+40 and 60+30+20.
    assert sorted(shard["seconds"] for shard in shards) == [90.0, 110.0]
    assert "2 parallel test jobs:" in (tmp_path / "summary").read_text()


def test_main_runs_every_test_once_across_the_shards(project: Path, tmp_path: Path) -> None:
    """The forced full run: the full suite split by directory, and each product through turbo."""
    plan = {"full_suite": True, "products": [], "turbo_args": ["--force"]}

    shards = shards_for(project, tmp_path, plan)  # TEST_SHARDS unset: at most 4

    assert len(shards) == 4  # 300 s of tests fill 5 jobs of a minute; TEST_SHARDS defaults to 4
    paths = [path for shard in shards for path in shard["pytest"].split()]
    testpaths = ["config", "core", "packages"]
    assert sorted(paths) == sorted(testpaths + [f"products/{name}" for name in NAMES])
    for shard in shards:
        products = [unit for unit in shard["units"] if unit in NAMES]
        filters = [f"--filter={package(project, product)}" for product in products]
        assert shard["turbo"] == (" ".join(["--force", *filters]) if products else "")


def test_each_shard_reaches_pytest_through_make(project: Path, tmp_path: Path) -> None:
    plan = {"full_suite": True, "products": [], "turbo_args": []}
    (shard, *_) = shards_for(project, tmp_path, plan, TEST_SHARDS="2")

    dry_run = run("make", "-n", "pytest", f"PYTEST_ARGS={shard['pytest']}", cwd=project)

    assert f"pytest {shard['pytest']}\n" in dry_run


def test_a_plan_with_nothing_to_test_has_no_shard(project: Path, tmp_path: Path) -> None:
    assert shards_for(project, tmp_path, selective(project)) == []


def test_a_small_project_gets_one_test_job(bake, tmp_path: Path) -> None:
    """A fresh bake's durations: the default products fit in one job."""
    project = bake()
    plan = {"full_suite": True, "products": [], "turbo_args": ["--force"]}

    (shard,) = shards_for(project, tmp_path, plan)

    assert shard["pytest"].split()[:3] == ["config", "core", "packages"]


def test_a_bad_shard_count_fails_the_plan_job(project: Path, tmp_path: Path) -> None:
    with pytest.raises(subprocess.CalledProcessError):
        shards_for(project, tmp_path, selective(project, "alpha"), TEST_SHARDS="0")


def test_turbo_uses_the_remote_cache_only_when_it_is_configured(project: Path) -> None:
    tests = load_workflow(project)["jobs"]["tests"]
    steps = {step.get("name"): step for step in tests["steps"]}

    remote = tests["env"]["REMOTE_CACHE"]
    for needed in ("vars.TURBO_API != ''", "vars.TURBO_TEAM != ''", "secrets.TURBO_TOKEN != ''"):
        assert needed in remote
    cache = steps["Keep turbo's cache in the Actions cache (no remote cache configured)"]
    assert cache["if"] == "env.REMOTE_CACHE != 'true'"
    assert cache["with"]["path"] == ".turbo/cache"
    assert steps["Product tests through turbo"]["env"] == {
        "TURBO_API": "${{ vars.TURBO_API }}",
        "TURBO_TEAM": "${{ vars.TURBO_TEAM }}",
        "TURBO_TOKEN": "${{ secrets.TURBO_TOKEN }}",
        "TURBO_REMOTE_CACHE_SIGNATURE_KEY": "${{ secrets.TURBO_REMOTE_CACHE_SIGNATURE_KEY }}",
    }


def test_secrets_reach_only_the_turbo_step(project: Path) -> None:
    """make install runs third-party code: it must not see the cache's token or key."""
    workflow = load_workflow(project)
    seen = []
    for job_name, job in workflow["jobs"].items():
        for key, value in (job.get("env") or {}).items():
            if "secrets." in str(value):
                seen.append((job_name, key))
        for step in job["steps"]:
            if "secrets." in json.dumps(step):
                seen.append((job_name, step.get("name")))

    # REMOTE_CACHE holds only whether the token is set: true or false.
    assert seen == [("tests", "REMOTE_CACHE"), ("tests", "Product tests through turbo")]


def test_turbo_signs_what_it_shares(project: Path) -> None:
    turbo = json.loads((project / "turbo.json").read_text())

    assert turbo["remoteCache"] == {"signature": True}


def test_the_cache_server_is_pinned_and_says_how_to_use_it(project: Path) -> None:
    makefile = (project / "Makefile").read_text()
    dry_run = run("make", "-n", "cache-server", "CACHE_PORT=4321", cwd=project)

    assert "CACHE_SERVER := turborepo-remote-cache@2.12.0" in makefile
    assert "npx --yes --prefer-offline turborepo-remote-cache@2.12.0" in dry_run
    assert "TURBO_API=http://127.0.0.1:4321" in dry_run
    assert "STORAGE_PROVIDER=local" in dry_run
    assert "TURBO_REMOTE_CACHE_SIGNATURE_KEY" in dry_run


def test_the_durations_and_the_cache_server_are_in_make_help(project: Path) -> None:
    help_text = run("make", "help", cwd=project)

    assert "durations" in help_text
    assert "cache-server" in help_text
