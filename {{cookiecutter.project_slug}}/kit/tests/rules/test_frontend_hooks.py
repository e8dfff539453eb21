import json
import subprocess
from pathlib import Path

import pytest

from slicekit.frontend_hooks import (
    files_to_lint,
    frontends_to_typecheck,
    installed,
    products_with_clients,
)

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


@pytest.mark.parametrize("shared", ["frontend/src/ui/states.tsx", "frontend/src/theme.ts"])
def test_the_web_apps_shared_components_typecheck_every_frontend(root: Path, shared: str) -> None:
    """Products import them (@app/ui): a changed prop breaks a product, not the app."""
    assert frontends_to_typecheck(root, [shared]) == [
        "frontend",
        "products/blog/frontend",
        "products/catalog/frontend",
        "products/orders/frontend",
    ]


def test_eslint_lints_the_staged_code_only(root: Path) -> None:
    staged = ["products/orders/frontend/scenes/List.tsx", "products/orders/README.md"]

    assert files_to_lint(root, staged) == ["products/orders/frontend/scenes/List.tsx"]


@pytest.mark.parametrize(
    "staged",
    [
        "products/orders/package.json",  # a dropped dependency makes its imports illegal
        "package.json",
        "frontend/tsconfig.base.json",
        "products/orders/frontend/tsconfig.json",
        "kit/js/eslint.js",  # the rule itself, the kit's npm side
        "frontend/eslint.config.js",
    ],
)
def test_what_the_rule_reads_besides_the_code_lints_every_frontend(root: Path, staged: str) -> None:
    code = ["frontend/src/App.tsx", "products/blog/frontend/api.ts", "products/orders/x.ts"]
    for path in [*code, "frontend/dist/app.js"]:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("export {};\n")
    (root / ".gitignore").write_text("dist/\n")
    subprocess.run(["git", "init", "--quiet"], cwd=root, check=True)
    subprocess.run(["git", "add", "--all"], cwd=root, check=True)

    assert files_to_lint(root, [staged]) == [
        "frontend/src/App.tsx",
        "products/blog/frontend/api.ts",
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
