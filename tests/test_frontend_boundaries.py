"""Full tier: a product's frontend reaches another only through what it declares and exports.

Each case plants one import into orders' (or the web app's) frontend in a fresh
bake, asserts that ``make lint`` fails naming the file, line and the rule
(frontend-reach) with its fix, then reverts with git and asserts ``make lint``
passes again. The near-misses (own code, own generated client, a declared
dependency's frontend/exports.ts) must pass.
"""

from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import attempt, commit_all, run
from .options import Cell
from .planting import LINE, Case, assert_caught_and_reverted, revert
from .test_violations import (
    append,
    installed_bake,
)

pytestmark = pytest.mark.full

ORDERS = "products/orders/frontend"
SCENE = f"{ORDERS}/scenes/ItemsScene.tsx"  # two levels below products/orders/
CATALOG_DEPTH = "../../../catalog/frontend"
LINT = ("make", "lint")
INTERNALS = "orders reaches into catalog; import from products/catalog/frontend/exports.ts"


def planted(line: str, marker: str = "frontend-reach-case") -> Callable[[str], str]:
    return append(f"{line} // {marker}\n")


def reach(line: str, expect: str = INTERNALS, file: str = SCENE) -> Case:
    return Case(
        file,
        planted(line),
        LINT,
        (f"{file}:{LINE}:", "frontend-reach:", expect),
        marker="frontend-reach-case",
    )


CASES = {
    "a relative path climbing out": reach(
        f'export {{ ItemsScene as Theirs }} from "{CATALOG_DEPTH}/scenes/ItemsScene";'
    ),
    "a type-only import": reach(f'import type {{ Item as Theirs }} from "{CATALOG_DEPTH}/api";'),
    "export * from": reach(f'export * from "{CATALOG_DEPTH}/hooks/useItems";'),
    "another product's generated client": reach(
        f'export type {{ paths as TheirPaths }} from "{CATALOG_DEPTH}/generated/schema";'
    ),
    "a stylesheet": reach(f'import "{CATALOG_DEPTH}/styles.css";'),
    "the workspace package's internals": reach(
        'export { ItemList } from "@my_product_monorepo/catalog/frontend/components/ItemList";'
    ),
    "a dynamic import": reach(f'export const later = () => import("{CATALOG_DEPTH}/api");'),
    "a computed dynamic import": reach(
        'const where: string = "catalog";\n'
        "export const later = () => import(`../../../${where}/frontend/api`);",
        "orders imports a module it computes",
    ),
    "require": reach(
        f'export const theirs: unknown = require("{CATALOG_DEPTH}/api");',
        "orders uses require()",
    ),
    "a typeof import() type": reach(f'export type Theirs = typeof import("{CATALOG_DEPTH}/api");'),
    "a glob into another product": reach(
        f'export const theirs = import.meta.glob(["./*.tsx", "{CATALOG_DEPTH}/**/*.ts"]);'
    ),
    "a glob that matches every product": reach(
        'export const every = import.meta.glob("../../../*/frontend/api.ts");',
        "orders names a pattern that matches every product's files",
    ),
    "an asset by new URL()": reach(
        f'export const icon = new URL("{CATALOG_DEPTH}/icon.svg", import.meta.url);'
    ),
    "a test mocking another product's module": reach(f'vi.mock("{CATALOG_DEPTH}/api");'),
    "a path through a detour": reach(
        'export * from "../../../orders/../catalog/frontend/hooks/useItems";'
    ),
    "an eslint-disable comment": reach(
        "// eslint-disable-next-line boundaries/frontend-reach\n"
        f'export * from "{CATALOG_DEPTH}/hooks/useItems";'
    ),
    "the web app importing a product's scene": reach(
        'export { ItemsScene } from "../../products/catalog/frontend/scenes/ItemsScene";',
        "the web app reaches into catalog; it finds products by their frontend/manifest.tsx only",
        file="frontend/src/App.tsx",
    ),
}


@pytest.fixture(scope="module")
def project(tooling_cell: Cell, bake_once: Callable[..., Path]) -> Path:
    project = installed_bake(bake_once, tooling_cell)
    run("make", "node_modules", cwd=project)
    commit_all(project, "pnpm-lock.yaml")
    run(*LINT, cwd=project)  # the clean tree passes before anything is planted
    return project


@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
def test_each_reach_is_caught_and_the_revert_passes(project: Path, case: Case) -> None:
    assert_caught_and_reverted(project, case, CASES)


def test_own_code_own_client_and_a_declared_products_exports_pass(project: Path) -> None:
    exports = project / "products/catalog/frontend/exports.ts"
    exports.write_text('export { useItems } from "./hooks/useItems";\n')
    scene = project / SCENE
    scene.write_text(
        scene.read_text()
        + 'export { useItems as useCatalogItems } from "../../../catalog/frontend/exports";\n'
        + 'export type { paths } from "../generated/schema";\n'
        + 'export { ItemList as OwnList } from "../components/ItemList";\n'
        + 'export const ownScenes = import.meta.glob("./*.tsx");\n'
    )
    try:
        run(*LINT, cwd=project)
    finally:
        run("git", "checkout", "-q", "--", ".", cwd=project)
        run("git", "clean", "-qfd", cwd=project)


def test_an_import_that_would_close_a_cycle_is_not_told_to_declare_it(project: Path) -> None:
    """Orders uses catalog: catalog importing orders is undeclared, and declaring it is a cycle."""
    scene = project / "products/catalog/frontend/scenes/ItemsScene.tsx"
    scene.write_text(scene.read_text() + 'export * from "../../../orders/frontend/exports";\n')
    try:
        returncode, output = attempt(*LINT, cwd=project)
    finally:
        revert(project)

    assert returncode != 0, output
    assert "products/catalog/frontend/scenes/ItemsScene.tsx:" in output
    assert (
        "frontend-reach: catalog imports orders, which already depends on catalog "
        "(catalog -> orders -> catalog), so declaring it would close a cycle; move what both "
        "need into products/catalog/frontend/exports.ts"
    ) in output, output
    assert '"@my_product_monorepo/orders"' not in output
    assert "package.json dependencies" not in output
