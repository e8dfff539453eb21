"""Full tier: real pnpm, turbo and git re-test every product a change can fail, and no more.

alpha <- beta <- gamma is a chain of products each using the one before; delta
is independent. After one full run fills turbo's cache, each scenario commits
one or more changes and reads turbo's own dry-run JSON for which tasks would run
(MISS) and which are cache hits (HIT), and ``python -m slicekit discover``'s
plan for the same commits. Where a change is meant to break tests, the products'
own test tasks are run for real to show which fail: a plan must run each of
them, or fail itself (the product whose change broke them fails in it).
"""

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from .helpers import (
    attempt,
    clean_environment,
    commit_all,
    require,
    run,
    run_kit,
    step_as_run,
)
from .options import Cell

pytestmark = pytest.mark.full

TASKS = ("backend:contract-check", "backend:test")
OFFLINE = ("unshare", "--map-root-user", "--net")  # a namespace with no network but loopback
PRODUCTS = "alpha, beta:alpha, gamma:beta, delta"
CHAIN = ("alpha", "beta", "gamma")
ALPHA = "products/alpha/backend"
PYTHON = ".venv/bin/python"
LINT = (PYTHON, "manage.py", "lintproducts", "--all", "--settings=config.settings.test")


@pytest.fixture(scope="module")
def project(tooling_cell: Cell, bake_once) -> Path:
    project = bake_once(**tooling_cell.answers(products=PRODUCTS))
    # Both lock files are written by the first install, and a team commits them.
    run("make", "install", "node_modules", cwd=project)
    commit_all(project, "lock files")  # the bake made the repository and its first commit
    output = run("make", "test-selected", cwd=project)
    assert "8 successful, 8 total" in output
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
    # The web app's package has no backend scripts: turbo lists its tasks as <NONEXISTENT>.
    return {
        task["taskId"].partition("/")[2]: task["cache"]["status"]
        for task in tasks
        if task["command"] != "<NONEXISTENT>"
    }


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
    output = run_kit("slicekit", "discover", "--base", base, "--json", cwd=project)
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

    assert len(plan) == 8
    assert misses(plan) == set()


def test_a_logic_change_re_tests_only_its_product(project: Path) -> None:
    turbo, discover = plans_after_changing(project, "products/alpha/backend/logic.py")

    assert misses(turbo) == {"alpha#backend:test"}
    assert discover["full_suite"] is False
    assert discover["products"] == ["alpha"] == products_to_test(turbo)
    assert discover["turbo_args"] == [f"--filter={package(project, 'alpha')}"]


# What another product may use of alpha is a contract input. The contract checks chain
# (each depends on those of the products it uses), so gamma, which sees alpha only through
# beta, re-tests too.
@pytest.mark.parametrize("changed", ["backend/facade/contracts.py", "backend/facade/enums.py"])
def test_a_contract_or_enum_change_re_tests_every_product_that_reaches_it(
    project: Path, changed: str
) -> None:
    turbo, discover = plans_after_changing(project, f"products/alpha/{changed}")

    assert misses(turbo) == {f"{product}#{task}" for product in CHAIN for task in TASKS}
    assert discover["full_suite"] is False
    assert discover["products"] == list(CHAIN) == products_to_test(turbo)


# What no other product may use of alpha re-tests alpha alone: its users cannot see it.
@pytest.mark.parametrize(
    "changed", ["backend/admin.py", "backend/models.py", "backend/tasks/schedules.py"]
)
def test_what_no_other_product_sees_re_tests_only_its_product(project: Path, changed: str) -> None:
    turbo, discover = plans_after_changing(project, f"products/alpha/{changed}")

    assert misses(turbo) == {"alpha#backend:test"}
    assert discover["products"] == ["alpha"] == products_to_test(turbo)


@pytest.mark.parametrize(
    "shared",
    [
        "core/models.py",
        "config/settings/base.py",
        "uv.lock",
        "packages/display_names/_normalize.py",
    ],
)
def test_a_shared_change_re_runs_everything(project: Path, shared: str) -> None:
    turbo, discover = plans_after_changing(project, shared)

    assert misses(turbo) == set(turbo)
    assert discover["full_suite"] is True
    assert discover["products"] == ["alpha", "beta", "delta", "gamma"]
    assert discover["reasons"] == [
        f"{shared} is shared by every product (turbo.json globalDependencies)"
    ]


# The kit: turbo.json's backend tasks read the kit code they run (the import closure of the
# contract command, the pytest plugin, the guards and the test helpers), and nothing else of it.
def test_a_static_rule_of_the_kit_re_runs_no_product_task(project: Path) -> None:
    turbo, discover = plans_after_changing(project, "kit/src/slicekit/reach.py")

    assert misses(turbo) == set()
    assert (discover["full_suite"], discover["products"]) == (False, [])


def test_a_guard_change_re_runs_every_product_test(project: Path) -> None:
    turbo, discover = plans_after_changing(project, "kit/src/slicekit/django/guard.py")

    # The contract checks do not run the guards: they stay cached.
    assert misses(turbo) == {f"{product}#backend:test" for product in (*CHAIN, "delta")}
    assert discover["full_suite"] is True
    assert discover["reasons"] == [
        "kit/src/slicekit/django/guard.py is run by every product's tests "
        "(turbo.json backend inputs)"
    ]


def test_a_documentation_change_re_runs_nothing(project: Path) -> None:
    turbo, discover = plans_after_changing(project, "README.md")

    assert misses(turbo) == set()
    assert (discover["full_suite"], discover["products"]) == (False, [])


def test_the_selected_tests_run_for_real(project: Path) -> None:
    """The plan's turbo arguments run its products' tasks, and only those, through make."""
    with changed(project, "products/delta/backend/logic.py") as base:
        plan = discover_plan(project, base)
        output = run(
            "make", "test-selected", f"TURBO_ARGS={' '.join(plan['turbo_args'])}", cwd=project
        )

    assert f"{package(project, 'delta')}:backend:test" in output
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
        script = step_as_run(project, "Discover what the change can affect")
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
        project, "products/delta/backend/logic.py", "changed, offline", commit_it=False
    )
    with offline:
        output = run(*OFFLINE, "make", "test-selected", cwd=project, timeout=60)

    assert "Cached:    7 cached, 8 total" in output


# Scenarios of changes meant to break tests: which products each plan runs, and which fail.

Edit = Callable[[Path], None]


def replace_in(relative: str, old: str, new: str) -> Edit:
    def edit(project: Path) -> None:
        path = project / relative
        text = path.read_text()
        assert old in text, f"{old!r} is not in {relative}: the skeleton changed"
        path.write_text(text.replace(old, new))

    return edit


def append_to(relative: str, text: str) -> Edit:
    def edit(project: Path) -> None:
        path = project / relative
        path.write_text((path.read_text() if path.exists() else "") + text)

    return edit


def rewrite_lock(product: str) -> Edit:
    def edit(project: Path) -> None:
        run(PYTHON, "-m", "slicekit", "contracts", product, "--update-lock", cwd=project)

    return edit


@dataclass(frozen=True)
class Step:
    """One commit: its edits, the products both plans must run, and the test tasks that
    must really fail (or pass) once it is committed."""

    edits: tuple[Edit, ...]
    plan: tuple[str, ...]
    fails: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()


@contextlib.contextmanager
def committed(project: Path) -> Iterator[str]:
    """Yield the commit the scenario starts from; afterwards reset the project to it."""
    base = run("git", "rev-parse", "HEAD", cwd=project).strip()
    try:
        yield base
    finally:
        run("git", "reset", "-q", "--hard", base, cwd=project)
        run("git", "clean", "-q", "-d", "--force", "products", cwd=project)


def task_fails(project: Path, product: str) -> bool:
    """Run the product's own backend:test script, as turbo runs it."""
    scripts = json.loads((project / "products" / product / "package.json").read_text())
    returncode, _ = attempt(
        "sh", "-c", scripts["scripts"]["backend:test"], cwd=project / "products" / product
    )
    return returncode != 0


def play(project: Path, steps: tuple[Step, ...]) -> None:
    """Commit each step in turn; after each, both plans run exactly its products, its
    failing tasks fail, its passing ones pass, and a plan that would pass ran every
    task that fails."""
    with committed(project) as base:
        for number, step in enumerate(steps, 1):
            for edit in step.edits:
                edit(project)
            commit_all(project, f"step {number}")
            turbo, discover = turbo_plan(project), discover_plan(project, base)

            assert discover["full_suite"] is False, (number, discover["reasons"])
            assert discover["products"] == list(step.plan) == products_to_test(turbo), number
            checked = (*step.fails, *step.passes)
            failing = {product for product in checked if task_fails(project, product)}
            assert failing == set(step.fails), number
            # Sound: a product whose tests fail was run, or the plan fails anyway.
            assert failing <= set(step.plan) or failing & set(step.plan), number


def rename_get_item(project: Path) -> None:
    """alpha's facade function get_item becomes fetch_item; alpha's own callers follow."""
    api = project / ALPHA / "facade" / "api.py"
    api.write_text(
        api.read_text()
        .replace("def get_item(", "def fetch_item(")
        .replace('"get_item"', '"fetch_item"')
    )
    for caller in ("presentation/views.py", "tests/test_api.py", "tests/test_tasks.py"):
        replace_in(f"{ALPHA}/{caller}", "api.get_item(", "api.fetch_item(")(project)


def test_a_facade_rename_fails_its_product_until_the_lock_re_tests_the_users(
    project: Path,
) -> None:
    play(
        project,
        (
            # beta calls get_item: its tests fail, and alpha's fail on the stale lock.
            Step((rename_get_item,), plan=("alpha",), fails=("alpha", "beta")),
            Step((rewrite_lock("alpha"),), plan=CHAIN, fails=("beta",), passes=("alpha", "gamma")),
        ),
    )


def test_a_facade_signature_change_fails_its_product_until_the_lock_re_tests_the_users(
    project: Path,
) -> None:
    new_parameter = replace_in(
        f"{ALPHA}/facade/api.py",
        "def get_item(item_id: UUID) -> Item:",
        "def get_item(item_id: UUID, *, reason: str) -> Item:",
    )
    play(
        project,
        (
            Step((new_parameter,), plan=("alpha",), fails=("alpha",)),
            Step((rewrite_lock("alpha"),), plan=CHAIN, fails=("alpha",)),
        ),
    )


def test_a_body_only_facade_change_re_tests_only_its_product(project: Path) -> None:
    body = replace_in(
        f"{ALPHA}/facade/api.py",
        "    return logic.count_items()",
        "    total = logic.count_items()\n    return total",
    )
    play(project, (Step((body,), plan=("alpha",), passes=("alpha", "beta")),))


def test_a_contract_change_re_tests_the_users_of_its_users(project: Path) -> None:
    new_field = replace_in(
        f"{ALPHA}/facade/contracts.py",
        "    created_at: datetime\n    owner_id: int\n",
        '    created_at: datetime\n    owner_id: int\n    note: str = ""\n',
    )
    play(project, (Step((new_field, rewrite_lock("alpha")), plan=CHAIN, passes=("gamma",)),))


def test_a_clash_in_app_wiring_re_tests_its_product_and_fails_the_checks(project: Path) -> None:
    """alpha adds a beat entry under gamma's key. Only gamma, which loads both, fails its
    tests, yet nothing gamma may use of alpha changed: the plan runs alpha alone, and
    make check, which loads every product, refuses the clash."""
    clash = replace_in(
        f"{ALPHA}/tasks/schedules.py",
        "SCHEDULE = {\n",
        'SCHEDULE = {\n    "gamma.archive-stale-items": '
        '{"task": "alpha.archive_stale_items", "schedule": 60.0},\n',
    )
    with committed(project) as base:
        clash(project)
        commit_all(project, "a beat entry under gamma's key")
        turbo, discover = turbo_plan(project), discover_plan(project, base)
        check = attempt(
            PYTHON, "manage.py", "checkall", "--settings=config.settings.test", cwd=project
        )

    assert discover["products"] == ["alpha"] == products_to_test(turbo)
    assert check[0] != 0
    assert "gamma.archive-stale-items" in check[1]


def test_a_product_root_package_re_tests_every_product_that_imports_it(project: Path) -> None:
    broken = append_to("products/alpha/__init__.py", '\nraise ImportError("alpha is broken")\n')
    play(project, (Step((broken,), plan=CHAIN, fails=CHAIN),))


def test_a_product_conftest_re_tests_its_product(project: Path) -> None:
    failing_fixture = append_to(
        "products/alpha/conftest.py",
        "import pytest\n\n\n@pytest.fixture(autouse=True)\ndef broken() -> None:\n"
        '    raise RuntimeError("every alpha test fails")\n',
    )
    play(project, (Step((failing_fixture,), plan=("alpha",), fails=("alpha",)),))


def test_what_the_project_tests_checked_of_a_product_fails_in_its_own_task(
    project: Path,
) -> None:
    """A renamed URL once broke only config/tests, which no selective plan runs."""
    renamed = replace_in(f"{ALPHA}/presentation/urls.py", 'name="item-list"', 'name="items"')
    play(project, (Step((renamed,), plan=("alpha",), fails=("alpha",)),))


def test_a_product_that_needs_an_undeclared_product_fails_its_own_tests(project: Path) -> None:
    """Its task installs only the products it declares: delta's models are not there."""
    undeclared = append_to(
        "products/beta/backend/logic.py",
        "\nfrom products.delta.backend.facade import api as delta_api  # noqa: E402, F401\n",
    )
    with committed(project):
        undeclared(project)
        commit_all(project, "beta uses delta without declaring it")

        assert task_fails(project, "beta")
        # The whole project's run installs every product, so there it passes.
        run(
            PYTHON,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:tach",
            "products/beta/backend/tests",
            cwd=project,
        )


def test_an_isolated_products_test_task_must_check_its_lock(project: Path) -> None:
    package = project / "products" / "alpha" / "package.json"
    original = package.read_text()
    check = "python -m slicekit contracts alpha && "
    try:
        package.write_text(original.replace(check, ""))
        returncode, output = attempt(*LINT, cwd=project)

        assert returncode != 0
        assert (
            "products/alpha/package.json: turbo-tasks: backend:test does not check alpha's "
            "contracts and facade against their lock first"
        ) in output

        # A near miss: more pytest options, the lock still checked first.
        package.write_text(original.replace("-m pytest -p no:tach", "-m pytest -p no:tach -x"))
        run(*LINT, cwd=project)
    finally:
        package.write_text(original)


# Across the stack: the products' frontend tasks and the web app's, with the backend's.

FRONTEND_TASKS = ("frontend:typecheck", "frontend:lint", "frontend:test", "frontend:build")
# alpha's frontend, and the typecheck and tests of every frontend using it through any
# chain (``^frontend:typecheck``), and the web app's build, which bundles every product.
ALPHA_UI_TASKS = {
    "alpha#frontend:lint",
    *(f"{product}#{task}" for product in CHAIN for task in ("frontend:typecheck", "frontend:test")),
    "frontend#frontend:build",
}


@pytest.fixture(scope="module")
def frontend_project(project: Path) -> Path:
    """The scenario bake with every frontend task's cache filled."""
    require((project / "frontend").is_dir(), "this cell's bake has no web frontend")
    run("make", "frontend-test", cwd=project)
    return project


def stack_plan(project: Path) -> dict[str, str]:
    """Like ``turbo_plan`` over every task; only the tasks a package has a script for."""
    pnpm = json.loads((project / "package.json").read_text())["packageManager"]
    tasks = (*TASKS, *FRONTEND_TASKS)
    command = ("npx", "--yes", "--prefer-offline", pnpm, "exec", "turbo", "run", *tasks)
    env = {**clean_environment(), "TURBO_TELEMETRY_DISABLED": "1"}
    completed = subprocess.run(
        (*command, "--dry=json"), cwd=project, env=env, capture_output=True, text=True
    )
    assert completed.returncode == 0, completed.stderr
    return {
        task["taskId"].partition("/")[2]: task["cache"]["status"]
        for task in json.loads(completed.stdout)["tasks"]
        if task["command"] != "<NONEXISTENT>"
    }


def frontend_misses(plan: dict[str, str]) -> set[str]:
    return {task for task in misses(plan) if "#frontend:" in task}


def backend_misses(plan: dict[str, str]) -> set[str]:
    return {task for task in misses(plan) if "#backend:" in task}


def discovered_frontend(project: Path, discover: dict) -> set[str]:
    """discover's frontend tasks, named as turbo's dry run names them (no scope)."""
    scope = package(project, "alpha").partition("/")[0] + "/"
    return {task.removeprefix(scope) for task in discover["frontend_tasks"]}


def stack_plans_after(project: Path, edit: Edit) -> tuple[dict[str, str], dict]:
    base = run("git", "rev-parse", "HEAD", cwd=project).strip()
    try:
        edit(project)
        commit_all(project, "a change across the stack")
        return stack_plan(project), discover_plan(project, base)
    finally:
        run("git", "reset", "-q", "--hard", base, cwd=project)


def test_every_frontend_task_is_cached_after_a_full_run(frontend_project: Path) -> None:
    plan = stack_plan(frontend_project)

    assert frontend_misses(plan) == set()
    assert {task for task in plan if "#frontend:" in task} >= ALPHA_UI_TASKS


def test_a_schema_change_re_runs_its_frontend_and_the_frontends_using_it(
    frontend_project: Path,
) -> None:
    """A serializer's help text reaches the slice (make openapi), then the client."""

    def change_the_schema(project: Path) -> None:
        replace_in(
            "products/alpha/backend/presentation/serializers.py",
            'help_text="What people call the item; no control characters."',
            'help_text="What people call the item: no control characters."',
        )(project)
        run("make", "openapi", "frontend-client", cwd=project)
        client = project / "products/alpha/frontend/generated/schema.d.ts"
        assert "What people call the item: no control" in client.read_text()

    turbo, discover = stack_plans_after(frontend_project, change_the_schema)

    planned = discovered_frontend(frontend_project, discover)
    assert frontend_misses(turbo) == ALPHA_UI_TASKS == planned
    # The serializer is alpha's backend code too: its tests re-run, as discover plans.
    assert "alpha#backend:test" in backend_misses(turbo)
    assert discover["products"] == products_to_test(
        {task: status for task, status in turbo.items() if "#backend:" in task}
    )


def test_a_frontend_only_change_runs_no_backend_test(frontend_project: Path) -> None:
    turbo, discover = stack_plans_after(
        frontend_project, append_to("products/alpha/frontend/components/ItemList.tsx", "// x\n")
    )

    assert backend_misses(turbo) == set()
    assert (discover["full_suite"], discover["products"]) == (False, [])
    planned = discovered_frontend(frontend_project, discover)
    assert frontend_misses(turbo) == ALPHA_UI_TASKS == planned


def test_a_backend_logic_change_runs_no_frontend_task(frontend_project: Path) -> None:
    turbo, discover = stack_plans_after(
        frontend_project, append_to("products/alpha/backend/logic.py", "# x\n")
    )

    assert frontend_misses(turbo) == set() == discovered_frontend(frontend_project, discover)
    assert backend_misses(turbo) == {"alpha#backend:test"}
    assert discover["products"] == ["alpha"]


def test_the_web_app_change_re_runs_only_the_web_app(frontend_project: Path) -> None:
    turbo, discover = stack_plans_after(
        frontend_project, append_to("frontend/src/App.tsx", "// x\n")
    )

    expected = {f"frontend#{task}" for task in FRONTEND_TASKS}
    assert frontend_misses(turbo) == expected == discovered_frontend(frontend_project, discover)
    assert backend_misses(turbo) == set()
