import json
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

from slicekit.__main__ import main
from slicekit.discover import DiscoverError, Globs, changed_files, make_plan

from ..project import PROJECT_ROOT, project_file

ISOLATED = '[root]\ndepends_on = []\n\n[[interfaces]]\nexpose = ["backend\\\\.facade"]\n'
NOT_ISOLATED = "[root]\ndepends_on = []\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch project with this project's turbo.json: shop <- cart <- checkout, and blog."""
    shutil.copy(project_file("turbo.json"), tmp_path)
    add_product(tmp_path, "shop")
    add_product(tmp_path, "cart", uses=["shop"])
    add_product(tmp_path, "checkout", uses=["cart"])
    add_product(tmp_path, "blog")
    return tmp_path


def add_product(root: Path, name: str, uses: Sequence[str] = (), isolated: bool = True) -> None:
    directory = root / "products" / name
    (directory / "backend").mkdir(parents=True)
    (directory / "backend" / "apps.py").touch()
    (directory / "tach.domain.toml").write_text(ISOLATED if isolated else NOT_ISOLATED)
    dependencies = {f"@site/{used}": "workspace:*" for used in uses}
    package = {"name": f"@site/{name}", "dependencies": dependencies}
    (directory / "package.json").write_text(json.dumps(package))


def test_a_logic_change_tests_only_its_product(project: Path) -> None:
    plan = make_plan(project, ["products/shop/backend/logic.py"])

    assert not plan.full_suite
    assert plan.products == ("shop",)
    assert plan.as_json()["turbo_args"] == ["--filter=@site/shop"]
    assert plan.unaffected == ("blog", "cart", "checkout")


@pytest.mark.parametrize(
    "path",
    [
        # What another product may use of it: its facade's contracts, enums, events and
        # the lock that records the facade's functions.
        "products/shop/backend/facade/__init__.py",
        "products/shop/backend/facade/contracts.py",
        "products/shop/backend/facade/enums.py",
        "products/shop/backend/facade/events.py",
        "products/shop/backend/facade/contracts.lock.json",
        "products/shop/package.json",
        # Its dependencies: its users' tests install them too (config/products.py).
        "products/shop/tach.domain.toml",
        # The packages a user imports on the way to the facade.
        "products/shop/__init__.py",
        "products/shop/backend/__init__.py",
    ],
)
def test_a_contract_input_change_tests_every_user_through_any_chain(
    project: Path, path: str
) -> None:
    plan = make_plan(project, [path])

    assert not plan.full_suite
    # checkout uses cart, whose contracts may embed shop's, and its tests load shop's app.
    assert plan.products == ("cart", "checkout", "shop")
    assert "cart: uses shop, whose contract inputs changed" in plan.reasons
    assert "checkout: uses shop through cart, whose contract inputs changed" in plan.reasons


def test_a_longer_chain_names_every_link(project: Path) -> None:
    add_product(project, "invoice", uses=["checkout"])

    plan = make_plan(project, ["products/shop/backend/facade/contracts.py"])

    assert plan.products == ("cart", "checkout", "invoice", "shop")
    assert "invoice: uses shop through checkout, cart, whose contract inputs changed" in (
        plan.reasons
    )


@pytest.mark.parametrize(
    ("changed", "selected"),
    [("shop", ("cart", "checkout", "review", "shop")), ("blog", ("blog", "review"))],
)
def test_a_product_using_several_is_tested_when_any_of_their_contracts_changes(
    project: Path, changed: str, selected: tuple[str, ...]
) -> None:
    add_product(project, "review", uses=("shop", "blog"))

    plan = make_plan(project, [f"products/{changed}/backend/facade/contracts.py"])

    assert plan.products == selected
    assert f"review: uses {changed}, whose contract inputs changed" in plan.reasons


@pytest.mark.parametrize(
    "path",
    [
        "products/cart/backend/facade/api.py",
        "products/cart/backend/presentation/views.py",
        "products/cart/backend/tests/test_logic.py",
        "products/cart/conftest.py",
        "products/cart/backend/fixtures/items.json",
        # What no other product may use (the checks refuse a reach into it, and a clash of
        # names, tables or entries fails `make check`, which loads every product): a user's
        # tests cannot see it, and a change that breaks it at import fails cart's own tests.
        "products/cart/backend/admin.py",
        "products/cart/backend/models.py",
        "products/cart/backend/migrations/0002_item_price.py",
        "products/cart/backend/apps.py",
        "products/cart/backend/presentation/urls.py",
        "products/cart/backend/tasks/schedules.py",
        "products/cart/backend/tasks/tasks.py",
        "products/cart/backend/templates/cart/receipt.txt",
        "products/cart/backend/management/commands/restock.py",
        # Its HTTP API: its clients are frontends, whose tasks read the slice themselves.
        "products/cart/backend/presentation/openapi.json",
        "products/cart/backend/presentation/openapi.lock.json",
    ],
)
def test_every_other_product_file_tests_its_product(project: Path, path: str) -> None:
    # No file of a product is an input of nothing (turbo.json: $TURBO_DEFAULT$).
    plan = make_plan(project, [path])

    assert not plan.full_suite
    assert plan.products == ("cart",)
    assert plan.reasons == (f"cart: {path} changed",)


@pytest.mark.parametrize(
    "path",
    [
        "core/models.py",
        "config/settings/base.py",
        "boundaries/names.py",
        "uv.lock",
        "pyproject.toml",
        ".python-version",
        "conftest.py",
        "Makefile",
        "turbo.json",
        "scaffold/skeleton/README.md.tmpl",
        ".github/workflows/ci.yml",
        "products/__init__.py",
    ],
)
def test_a_change_outside_the_products_runs_the_full_suite(project: Path, path: str) -> None:
    plan = make_plan(project, ["products/shop/backend/logic.py", path])

    assert plan.full_suite
    assert plan.products == ("blog", "cart", "checkout", "shop")
    assert plan.as_json()["turbo_args"] == []  # the full suite runs every test
    assert any(reason.startswith(path) for reason in plan.reasons)


@pytest.mark.parametrize(
    "path", ["packages/__init__.py", "packages/money/_money.py", "packages/money/tests/test_x.py"]
)
def test_a_package_change_runs_the_full_suite_as_turbo_does(project: Path, path: str) -> None:
    # Any product may import a package: turbo hashes packages/** into every task.
    plan = make_plan(project, [path])

    assert plan.full_suite
    assert plan.reasons == (f"{path} is shared by every product (turbo.json globalDependencies)",)


@pytest.mark.parametrize(
    "path",
    [
        "kit/src/slicekit/reach.py",
        "kit/src/slicekit/django/checks.py",
        "kit/src/slicekit/scaffold/product.py",
        "kit/tests/rules/test_reach.py",
    ],
)
def test_a_static_rule_of_the_kit_runs_no_product_test(project: Path, path: str) -> None:
    # No product test loads it (turbo.json's kit inputs, kit/tests/rules/test_turbo_inputs.py).
    plan = make_plan(project, [path])

    assert not plan.full_suite
    assert plan.products == ()


@pytest.mark.parametrize(
    "path",
    [
        "kit/src/slicekit/django/guard.py",
        "kit/src/slicekit/pytest_plugin.py",
        "kit/src/slicekit/testing.py",
        "kit/src/slicekit/lock.py",
        "kit/pyproject.toml",
    ],
)
def test_kit_code_the_tests_run_runs_the_full_suite(project: Path, path: str) -> None:
    plan = make_plan(project, [path])

    assert plan.full_suite
    assert plan.reasons == (f"{path} is run by every product's tests (turbo.json backend inputs)",)


@pytest.mark.parametrize(
    "path",
    [
        "README.md",
        "docs/adr/0005-x.md",
        "LICENSE",
        "products/shop/README.md",
        "products/shop/docs/design.md",
    ],
)
def test_documentation_affects_no_test(project: Path, path: str) -> None:
    plan = make_plan(project, [path])

    assert not plan.full_suite
    assert plan.products == ()
    assert "No product test is affected" in plan.summary()


@pytest.mark.parametrize("path", ["frontend/src/App.tsx", "frontend/package.json"])
def test_a_web_app_change_runs_no_django_test(project: Path, path: str) -> None:
    # Its own turbo tasks (frontend:*) test it.
    plan = make_plan(project, [path])

    assert not plan.full_suite
    assert plan.products == ()


@pytest.mark.needs_project  # its web app, when it has one
@pytest.mark.skipif(not (PROJECT_ROOT / "frontend").is_dir(), reason="this project has no web app")
@pytest.mark.parametrize(
    "path", ["products/cart/frontend/manifest.tsx", "products/cart/frontend/generated/schema.d.ts"]
)
def test_a_product_frontend_change_runs_none_of_its_django_tests(project: Path, path: str) -> None:
    # turbo.json leaves frontend/** out of backend:test's inputs, so turbo agrees.
    plan = make_plan(project, [path])

    assert not plan.full_suite
    assert plan.products == ()


def test_a_product_that_is_not_isolated_runs_the_full_suite(project: Path) -> None:
    add_product(project, "legacy", isolated=False)

    plan = make_plan(project, ["products/legacy/backend/views.py"])

    assert plan.full_suite
    assert plan.reasons == ("legacy is not isolated: its tests may reach any product",)


def test_a_user_that_is_not_isolated_runs_the_full_suite(project: Path) -> None:
    add_product(project, "legacy", uses=["blog"], isolated=False)

    assert not make_plan(project, ["products/blog/backend/logic.py"]).full_suite
    assert make_plan(project, ["products/blog/backend/facade/contracts.py"]).full_suite


def test_a_removed_product_runs_the_full_suite(project: Path) -> None:
    plan = make_plan(project, ["products/gone/backend/models.py"])

    assert plan.full_suite
    assert "products/gone was removed" in plan.summary()


def test_no_change_runs_nothing(project: Path) -> None:
    plan = make_plan(project, [])

    assert (plan.full_suite, plan.products) == (False, ())
    assert plan.summary().startswith("0 files changed.")


def test_globs_follow_turbo() -> None:
    globs = Globs(["backend/**", "!backend/**/__pycache__/**", "backend/migrations/*.py"])

    assert globs.match("backend/logic.py")
    assert globs.match("backend/a/b/c.py")
    assert not globs.match("backend/__pycache__/logic.cpython-313.pyc")
    assert not globs.match("README.md")
    assert Globs(["**/*.md"]).match("README.md")
    assert Globs(["**/*.md"]).match("docs/a/b.md")
    every_file = Globs(["$TURBO_DEFAULT$", "!**/*.md"])
    assert every_file.match("conftest.py")
    assert every_file.match("backend/tests/data/x.json")
    assert not every_file.match("backend/README.md")


def test_unsupported_glob_syntax_is_refused() -> None:
    with pytest.raises(DiscoverError, match="syntax discover does not read"):
        Globs(["backend/{a,b}.py"])


@pytest.mark.parametrize(
    ("path", "text", "error"),
    [
        ("turbo.json", "{}", "turbo.json: unreadable or incomplete"),
        ("turbo.json", "{", "turbo.json: unreadable or incomplete"),
        ("products/blog/package.json", "{}", "products/blog/package.json: it has no package name"),
        ("products/blog/package.json", "[", "products/blog/package.json: Expecting value"),
    ],
)
def test_a_broken_configuration_is_a_clear_error(
    project: Path, path: str, text: str, error: str
) -> None:
    (project / path).write_text(text)

    with pytest.raises(DiscoverError, match=f"^{error}"):
        make_plan(project, ["products/shop/backend/logic.py"])


@pytest.fixture
def repository(project: Path) -> Path:
    git(project, "init", "--quiet", "--initial-branch=main")
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "--message=start")
    return project


def git(root: Path, *args: str) -> str:
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.com"]
    return subprocess.run(
        ["git", *identity, *args], cwd=root, check=True, capture_output=True, text=True
    ).stdout.strip()


def commit(root: Path, path: str, text: str = "change\n") -> None:
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(text)
    git(root, "add", "--all")
    git(root, "commit", "--quiet", f"--message={path}")


def test_changes_are_counted_from_the_merge_base(repository: Path) -> None:
    git(repository, "switch", "--quiet", "--create", "feature")
    commit(repository, "products/shop/backend/logic.py")
    git(repository, "switch", "--quiet", "main")
    commit(repository, "core/models.py")  # on main after the branch point: not the branch's
    git(repository, "switch", "--quiet", "feature")

    assert changed_files(repository, "main", "HEAD") == ["products/shop/backend/logic.py"]


def test_a_move_counts_both_places(repository: Path) -> None:
    commit(repository, "products/shop/backend/logic.py")
    git(repository, "mv", "products/shop/backend/logic.py", "products/blog/backend/logic.py")
    git(repository, "commit", "--quiet", "--message=move")

    assert changed_files(repository, "HEAD~1", "HEAD") == [
        "products/blog/backend/logic.py",
        "products/shop/backend/logic.py",
    ]


def test_the_command_prints_json_for_ci(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit(repository, "products/shop/backend/facade/contracts.py")

    status = main(["discover", "--base", "HEAD~1", "--json", "--root", str(repository)])

    assert status == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["full_suite"] is False
    assert plan["products"] == ["cart", "checkout", "shop"]
    assert plan["turbo_args"] == [
        "--filter=@site/cart",
        "--filter=@site/checkout",
        "--filter=@site/shop",
    ]


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        (["--base", "no-such-branch"], "discover: git merge-base: fatal: Not a valid object name"),
        (["--base", "HEAD", "--head", "HEAD~1"], "discover: check out HEAD~1 first"),
    ],
)
def test_bad_revisions_are_one_line_errors(
    repository: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], error: str
) -> None:
    commit(repository, "products/shop/backend/logic.py")

    status = main(["discover", *arguments, "--root", str(repository)])

    assert status == 2
    output = capsys.readouterr()
    assert output.out == ""
    assert output.err.startswith(error)
    assert output.err.count("\n") == 1
