"""The product lint (``boundaries.layout``) on products rendered from the skeleton.

What ``make product`` writes passes the lint; each mistake planted in a copy of
it fails with the one finding that names it. Rendered into a scratch project, so
this holds in any project, one with no products of its own included.
"""

import ast
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from slicekit.layout import (
    imported_modules,
    isolated_products,
    lint_cycles,
    lint_product,
    lint_products_directory,
    member_directories,
    product_directories,
)
from slicekit.names import ProductNames
from slicekit.scaffold.__main__ import main as scaffold

SLUG = "demo"


def new_project(root: Path) -> Path:
    (root / "package.json").write_text(json.dumps({"name": SLUG, "owners": ["@demo/team"]}))
    (root / "products").mkdir()
    return root


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``shop``, and ``billing`` that uses shop's facade, as ``make product`` writes them."""
    root = new_project(tmp_path_factory.mktemp("rendered"))
    assert scaffold(["product", "shop", "--root", str(root)]) == 0
    assert scaffold(["product", "billing", "--depends-on", "shop", "--root", str(root)]) == 0
    return root


@pytest.fixture
def project(rendered: Path, tmp_path: Path) -> Path:
    """A scratch copy of the rendered project, for one test to break."""
    return Path(shutil.copytree(rendered, tmp_path / "project"))


def findings(root: Path, product: str) -> list[str]:
    return [str(finding) for finding in lint_product(root, product, SLUG)]


def edit_json(path: Path, change: Callable[[dict[str, object]], object]) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def scripts(root: Path, product: str) -> dict[str, str]:
    package = json.loads((root / "products" / product / "package.json").read_text())
    return dict(package["scripts"])


def set_scripts(root: Path, product: str, changes: dict[str, str | None]) -> None:
    """Set (or, given None, remove) scripts of a product's package.json."""

    def change(package: dict[str, object]) -> None:
        current = package["scripts"]
        assert isinstance(current, dict)
        for name, value in changes.items():
            if value is None:
                del current[name]
            else:
                current[name] = value

    edit_json(root / "products" / product / "package.json", change)


def test_products_from_the_skeleton_pass(project: Path) -> None:
    assert product_directories(project) == ["billing", "shop"]
    assert findings(project, "shop") == []
    assert findings(project, "billing") == []
    assert lint_cycles(project, ["billing", "shop"]) == []
    assert isolated_products(project) == ["billing", "shop"]


def test_a_missing_file_is_named(project: Path) -> None:
    (project / "products/shop/backend/logic.py").unlink()

    assert findings(project, "shop") == [
        "products/shop/backend/logic.py: layout: missing: every product has it"
    ]


def test_a_directory_with_a_bad_name_is_refused_as_a_product(project: Path) -> None:
    (project / "products" / "Shop2").mkdir()

    (finding,) = findings(project, "Shop2")
    assert finding.startswith("products/Shop2: layout: invalid product name 'Shop2'")


def test_an_unreadable_tach_module_is_reported_and_not_counted_isolated(project: Path) -> None:
    (project / "products/shop/tach.domain.toml").write_text("[root\n")

    (finding,) = findings(project, "shop")
    assert finding.startswith("products/shop/tach.domain.toml: tach-module: unreadable: ")
    assert isolated_products(project) == ["billing"]
    # A cycle check over an unreadable file sees no dependencies rather than crashing.
    assert lint_cycles(project, ["billing", "shop"]) == []


def test_an_interface_wider_than_the_facade_is_refused(project: Path) -> None:
    domain = project / "products/shop/tach.domain.toml"
    domain.write_text(domain.read_text().replace(r'"backend\\.facade(\\..*)?"', '"backend.*"'))

    (finding,) = findings(project, "shop")
    assert finding.startswith("products/shop/tach.domain.toml: tach-module: its interfaces are")
    assert "exposes exactly its facade" in finding


def test_a_package_name_that_is_not_the_products_is_refused(project: Path) -> None:
    edit_json(project / "products/shop/package.json", lambda p: p.update(name="@demo/store"))

    assert findings(project, "shop") == [
        "products/shop/package.json: turbo-package: its name is '@demo/store'; "
        "it must be '@demo/shop'"
    ]


def test_an_unreadable_package_json_is_reported(project: Path) -> None:
    (project / "products/shop/package.json").write_text("{")

    (finding,) = findings(project, "shop")
    assert finding.startswith("products/shop/package.json: turbo-package: unreadable: ")


def test_a_product_without_a_test_script_is_refused(project: Path) -> None:
    expected = scripts(project, "shop")["backend:test"]
    set_scripts(project, "shop", {"backend:test": None})

    assert findings(project, "shop") == [
        f'products/shop/package.json: turbo-tasks: no backend:test script: add "backend:test": '
        f'"{expected}"'
    ]


def test_an_isolated_product_needs_its_contract_check(project: Path) -> None:
    set_scripts(project, "shop", {"backend:contract-check": None})

    (finding,) = findings(project, "shop")
    assert "shop is isolated" in finding
    assert '"backend:contract-check": "cd ../.. && ' in finding


def test_its_test_script_checks_the_contract_lock_first(project: Path) -> None:
    set_scripts(project, "shop", {"backend:test": ProductNames("shop").test_script})

    (finding,) = findings(project, "shop")
    assert "backend:test does not check shop's contracts and facade against their lock" in finding


def test_a_test_script_that_names_no_test_directory_is_refused(project: Path) -> None:
    names = ProductNames("shop")
    set_scripts(project, "shop", {"backend:test": f"{names.contract_check_command} && pytest"})

    found = findings(project, "shop")
    assert found[0] == (
        "products/shop/package.json: turbo-tasks: backend:test names no test directory under "
        f'products/shop/: use "{names.checked_test_script}"'
    )
    # So every test file is out of its reach.
    stranded = (
        "products/shop/backend/tests/test_api.py: tests-location: backend:test runs only "
        "nothing, so selective testing never runs this file; move it into "
        "products/shop/backend/tests"
    )
    assert stranded in found


def test_a_test_file_outside_the_tests_directory_is_never_run(project: Path) -> None:
    (project / "products/shop/backend/test_stray.py").write_text("def test_it() -> None: ...\n")
    (project / "products/shop/backend/helpers_test.py").write_text("")
    (project / "products/shop/backend/conftest_helpers.py").write_text("")  # not a test file

    assert findings(project, "shop") == [
        "products/shop/backend/helpers_test.py: tests-location: backend:test runs only "
        "products/shop/backend/tests, so selective testing never runs this file; move it into "
        "products/shop/backend/tests",
        "products/shop/backend/test_stray.py: tests-location: backend:test runs only "
        "products/shop/backend/tests, so selective testing never runs this file; move it into "
        "products/shop/backend/tests",
    ]


def test_a_product_that_is_not_isolated_declares_no_contract_check(tmp_path: Path) -> None:
    new_project(tmp_path)
    assert scaffold(["product", "open", "--not-isolated", "--root", str(tmp_path)]) == 0
    assert findings(tmp_path, "open") == []
    assert isolated_products(tmp_path) == []

    set_scripts(tmp_path, "open", {"backend:contract-check": "anything"})

    (finding,) = findings(tmp_path, "open")
    assert "open is not isolated" in finding
    assert "remove the script, or isolate the product" in finding


@pytest.mark.parametrize(
    ("line", "module"),
    [
        ("from ..models import Item", "products.shop.backend.models"),
        ("from .. import logic", "products.shop.backend.logic"),
        ("import products.billing.backend.facade.api", "products.billing.backend.facade.api"),
        ("from products.shop.backend.logic import create_item", "products.shop.backend.logic"),
    ],
)
def test_a_task_may_import_its_own_facade_only(project: Path, line: str, module: str) -> None:
    tasks = project / "products/shop/backend/tasks/tasks.py"
    text = tasks.read_text()
    tasks.write_text(f"{text}\n\ndef later() -> None:\n    {line}\n")
    number = len(text.splitlines()) + 4

    assert findings(project, "shop") == [
        f"products/shop/backend/tasks/tasks.py:{number}: tasks-facade: a task imports {module}: "
        "tasks call shop's facade only, which owns the logic, the models and other products' "
        "calls"
    ]


def test_a_task_file_that_does_not_parse_is_left_to_the_syntax_check(project: Path) -> None:
    (project / "products/shop/backend/tasks/broken.py").write_text("def (:\n")

    assert findings(project, "shop") == []


def test_package_json_and_tach_must_list_the_same_products(project: Path) -> None:
    edit_json(project / "products/billing/package.json", lambda p: p.pop("dependencies"))

    assert findings(project, "billing") == [
        "products/billing/package.json: dependencies: it depends on products [], but "
        "tach.domain.toml says ['shop']: turbo follows package.json to re-test a product when "
        "a product it uses changes, and tach enforces the imports, so both must list the same "
        "products"
    ]


def test_a_dependency_on_no_product_is_refused(project: Path) -> None:
    domain = project / "products/billing/tach.domain.toml"
    domain.write_text(domain.read_text().replace('"//products.shop"', '"//products.gone"'))
    edit_json(
        project / "products/billing/package.json",
        lambda p: p.update(dependencies={"@demo/gone": "workspace:*", "left-pad": "1"}),
    )

    assert findings(project, "billing") == [
        "products/billing/tach.domain.toml: dependencies: it depends on 'gone', which is not "
        "a product"
    ]


def test_a_dependency_cycle_is_reported_once(project: Path) -> None:
    domain = project / "products/shop/tach.domain.toml"
    text = domain.read_text().replace('"//core"', '{ path = "//products.billing" }, "//core"')
    domain.write_text(text)

    assert [str(finding) for finding in lint_cycles(project, ["billing", "shop"])] == [
        "products/billing/tach.domain.toml: dependencies: dependency cycle billing -> shop -> "
        "billing: products depend on each other in one direction only; move what both need "
        "into one of them or core"
    ]


def test_hidden_private_and_plain_files_are_not_products(project: Path) -> None:
    for name in (".cache", "__pycache__", "_draft"):
        (project / "products" / name).mkdir()
    (project / "products" / "notes.txt").write_text("")

    assert member_directories(project / "products") == ["billing", "shop"]
    assert member_directories(project / "nowhere") == []


def test_a_file_beside_the_products_is_refused(project: Path) -> None:
    # Every product's tests would load a products/conftest.py, and none would re-run for it.
    products = project / "products"
    (products / "conftest.py").write_text("")
    (products / "notes.txt").write_text("")
    (products / ".gitkeep").write_text("")

    found = [str(finding) for finding in lint_products_directory(project)]

    assert [line.split(": ")[:2] for line in found] == [
        ["products/conftest.py", "layout"],
        ["products/notes.txt", "layout"],
    ]
    assert "belongs to no product" in found[0]


@pytest.mark.parametrize(
    ("statement", "modules"),
    [
        ("import a.b, c", ["a.b", "c"]),
        ("from a.b import c", ["a.b"]),
        ("from . import facade, logic", ["p.backend.facade", "p.backend.logic"]),
        ("from .facade import api", ["p.backend.facade"]),
        ("from ..models import Item", ["p.models"]),
    ],
)
def test_imported_modules_resolves_relative_imports(statement: str, modules: list[str]) -> None:
    (node,) = ast.parse(statement).body
    assert isinstance(node, ast.Import | ast.ImportFrom)

    assert imported_modules(node, "p.backend") == modules
