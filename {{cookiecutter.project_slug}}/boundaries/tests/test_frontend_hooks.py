import json
from pathlib import Path

import pytest

from boundaries.frontend_hooks import frontends_to_typecheck, installed, products_with_clients

SLICE = "backend/presentation/openapi.json"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """orders uses catalog; blog stands alone; each has a frontend and a slice."""
    uses = {"catalog": [], "orders": ["@shop/catalog"], "blog": []}
    for product, dependencies in uses.items():
        directory = tmp_path / "products" / product
        (directory / "frontend").mkdir(parents=True)
        (directory / SLICE).parent.mkdir(parents=True)
        (directory / SLICE).write_text("{}")
        workspace = dict.fromkeys(dependencies, "workspace:*")
        manifest = {"name": f"@shop/{product}", "dependencies": workspace}
        (directory / "package.json").write_text(json.dumps(manifest))
    return tmp_path


def test_a_product_change_typechecks_it_and_the_products_using_it(root: Path) -> None:
    touched = ["products/catalog/frontend/api.ts"]

    assert frontends_to_typecheck(root, touched) == [
        "products/catalog/frontend",
        "products/orders/frontend",
    ]


def test_a_web_app_change_typechecks_the_web_app_only(root: Path) -> None:
    assert frontends_to_typecheck(root, ["frontend/src/App.tsx"]) == ["frontend"]


def test_the_shared_tsconfig_typechecks_every_frontend(root: Path) -> None:
    assert frontends_to_typecheck(root, ["frontend/tsconfig.base.json"]) == [
        "frontend",
        "products/blog/frontend",
        "products/catalog/frontend",
        "products/orders/frontend",
    ]


def test_a_slice_or_a_client_selects_its_product_for_the_client_check(root: Path) -> None:
    staged = [
        f"products/blog/{SLICE}",
        "products/orders/frontend/generated/schema.d.ts",
        "products/catalog/frontend/api.ts",  # not a client
        f"products/gone/{SLICE}",  # no such product
    ]

    assert products_with_clients(root, staged) == ["blog", "orders"]


def test_a_missing_tool_is_installed_by_make_node_modules(root: Path) -> None:
    tool = root / "node_modules/.bin/eslint"
    (root / "Makefile").write_text(f"node_modules:\n\tmkdir -p {tool.parent} && touch {tool}\n")

    assert installed(root, "eslint") == str(tool)


def test_a_tool_that_cannot_be_installed_is_one_line_naming_the_install_command(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (root / "Makefile").write_text("node_modules:\n\tfalse\n")

    assert installed(root, "eslint") is None

    assert capsys.readouterr().err == (
        "eslint is not installed (node_modules/.bin/eslint) and `make node_modules` did not "
        "install it: run `make node_modules` to see why, then commit again\n"
    )
