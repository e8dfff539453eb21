"""Which frontend tasks a change re-runs, read as turbo reads its configuration.

A scratch workspace with its own turbo configuration, so each rule of turbo's hashing is
seen alone: shop <- cart <- checkout have frontends, blog has none, and the web app builds.
"""

import json
from pathlib import Path
from typing import Any

import pytest

from slicekit.discover import Globs
from slicekit.frontend_plan import frontend_tasks

TURBO: dict[str, Any] = {
    "globalDependencies": ["config/**", "!**/__pycache__/**"],
    "tasks": {
        "backend:test": {"inputs": ["$TURBO_DEFAULT$"]},
        "frontend:typecheck": {
            "dependsOn": ["^frontend:typecheck"],
            "inputs": ["frontend/**", "backend/presentation/openapi.json", "!frontend/**/*.md"],
        },
        "frontend:lint": {
            "inputs": ["frontend/**", "$TURBO_ROOT$/frontend/eslint.*.js", "$TURBO_ROOT$/kit/js/**"]
        },
        "@site/web#frontend:build": {
            "inputs": [
                "src/**",
                "$TURBO_ROOT$/products/*/frontend/**",
                "!$TURBO_ROOT$/products/*/frontend/**/*.test.tsx",
            ],
        },
    },
}
FRONTEND_SCRIPTS = {"frontend:typecheck": "tsc", "frontend:lint": "eslint"}
SHOP = ("@site/shop#frontend:lint", "@site/shop#frontend:typecheck")
USERS_TYPECHECK = ("@site/cart#frontend:typecheck", "@site/checkout#frontend:typecheck")
EVERY_LINT = (
    "@site/cart#frontend:lint",
    "@site/checkout#frontend:lint",
    "@site/shop#frontend:lint",
)
BUILD = ("@site/web#frontend:build",)


def write_package(directory: Path, name: str, scripts: dict[str, str], uses: list[str]) -> None:
    directory.mkdir(parents=True)
    package = {
        "name": f"@site/{name}",
        "dependencies": {f"@site/{used}": "workspace:*" for used in uses},
        "scripts": scripts,
    }
    (directory / "package.json").write_text(json.dumps(package))


@pytest.fixture
def root(tmp_path: Path) -> Path:
    products = tmp_path / "products"
    write_package(products / "shop", "shop", FRONTEND_SCRIPTS, [])
    write_package(products / "cart", "cart", FRONTEND_SCRIPTS, ["shop"])
    write_package(products / "checkout", "checkout", FRONTEND_SCRIPTS, ["cart"])
    write_package(products / "blog", "blog", {"backend:test": "pytest"}, [])
    write_package(tmp_path / "frontend", "web", {"frontend:build": "vite build"}, [])
    return tmp_path


def plan(root: Path, *changed: str) -> tuple[str, ...]:
    return frontend_tasks(root, TURBO, list(changed), Globs)


def test_a_scene_re_runs_its_product_the_type_checks_of_its_users_and_the_build(
    root: Path,
) -> None:
    # ^frontend:typecheck follows the chain to the end; lint has no ^, so users keep theirs.
    assert plan(root, "products/shop/frontend/scenes/ItemsScene.tsx") == tuple(
        sorted(USERS_TYPECHECK + SHOP + BUILD)
    )


def test_an_excluded_input_re_runs_only_the_tasks_that_keep_it(root: Path) -> None:
    # The build leaves tests out; typecheck leaves Markdown out.
    assert plan(root, "products/shop/frontend/ItemsScene.test.tsx") == tuple(
        sorted(USERS_TYPECHECK + SHOP)
    )
    assert plan(root, "products/shop/frontend/NOTES.md") == ("@site/shop#frontend:lint", *BUILD)


def test_a_schema_slice_re_runs_the_type_checks_that_read_it(root: Path) -> None:
    assert plan(root, "products/shop/backend/presentation/openapi.json") == tuple(
        sorted(("@site/shop#frontend:typecheck", *USERS_TYPECHECK))
    )


@pytest.mark.parametrize("changed", ["frontend/eslint.config.js", "kit/js/eslint.js"])
def test_a_root_input_re_runs_every_package_that_names_it(root: Path, changed: str) -> None:
    assert plan(root, changed) == EVERY_LINT


def test_a_package_json_re_runs_every_task_of_its_package(root: Path) -> None:
    # turbo hashes package.json into each of the package's tasks.
    assert plan(root, "products/checkout/package.json") == (
        "@site/checkout#frontend:lint",
        "@site/checkout#frontend:typecheck",
    )


@pytest.mark.parametrize("path", ["pnpm-lock.yaml", "turbo.json", "config/settings/base.py"])
def test_a_workspace_or_global_file_re_runs_every_frontend_task(root: Path, path: str) -> None:
    assert plan(root, path) == tuple(sorted(EVERY_LINT + USERS_TYPECHECK + SHOP[1:] + BUILD))


@pytest.mark.parametrize(
    "path", ["products/shop/backend/logic.py", "products/blog/backend/models.py", "README.md"]
)
def test_a_change_no_frontend_task_reads_re_runs_none(root: Path, path: str) -> None:
    assert plan(root, path) == ()


def test_a_package_without_frontend_scripts_has_no_task_to_re_run(root: Path) -> None:
    # Only the build, which reads every products/*/frontend/, sees blog's file.
    assert plan(root, "products/blog/frontend/Scene.tsx") == BUILD


def test_a_project_without_a_web_app_or_frontends_plans_nothing(tmp_path: Path) -> None:
    write_package(tmp_path / "products" / "blog", "blog", {"backend:test": "pytest"}, [])

    assert plan(tmp_path, "pnpm-lock.yaml") == ()
