"""Fast tier: the frontend option. With it, a web app and a UI slice in every product,
made by the same scaffolder for the bake and for products added later; without it,
no trace of a frontend."""

import json
import re
from pathlib import Path

import pytest
import yaml

from .helpers import DEFAULT_PRODUCTS, run_kit

# What every product's frontend holds (the product skeleton's frontend/ slice).
PRODUCT_FRONTEND = (
    "manifest.tsx",
    "api.ts",
    "tsconfig.json",
    "components/ItemForm.tsx",
    "components/ItemList.tsx",
    "hooks/useItems.ts",
    "scenes/ItemsScene.tsx",
    "scenes/ItemsScene.test.tsx",
    "generated/schema.d.ts",
)
WEB_APP = ("package.json", "vite.config.ts", "src/products.ts", "src/manifest.ts", "index.html")
FRONTEND_SCRIPTS = ("frontend:client", "frontend:lint", "frontend:test", "frontend:typecheck")


def scaffold_product(project: Path, name: str, *depends_on: str) -> None:
    dependency = ("--depends-on", depends_on[0]) if depends_on else ()
    run_kit("slicekit.scaffold", "product", name, *dependency, cwd=project)


def test_the_default_bake_has_the_web_app_and_a_frontend_per_product(bake) -> None:
    project = bake()

    for path in WEB_APP:
        assert (project / "frontend" / path).is_file(), path
    for product in DEFAULT_PRODUCTS:
        frontend = project / "products" / product / "frontend"
        assert sorted(str(p.relative_to(frontend)) for p in frontend.rglob("*.*")) == sorted(
            PRODUCT_FRONTEND
        )
        scripts = json.loads((frontend.parent / "package.json").read_text())["scripts"]
        assert set(FRONTEND_SCRIPTS) <= set(scripts)
    workspace = (project / "pnpm-workspace.yaml").read_text()
    assert '  - "frontend"' in workspace
    # The kit's npm side (the ESLint rule, the client generator), pinned at the kit's version.
    assert '  - "kit"' in workspace
    kit = json.loads((project / "kit" / "package.json").read_text())
    web_app = json.loads((project / "frontend" / "package.json").read_text())
    assert web_app["devDependencies"]["slicekit"] == f"workspace:{kit['version']}"
    root = json.loads((project / "package.json").read_text())
    assert "slicekit" not in root["devDependencies"]  # turbo would hash the kit into every task
    assert "catalog:" in workspace
    assert "typescript: 5.9." in workspace  # TypeScript 7 breaks openapi-typescript


def test_without_a_frontend_there_is_no_trace_of_one(bake) -> None:
    project = bake(frontend="no")

    assert not (project / "frontend").exists()
    assert not list(project.glob("products/*/frontend"))
    root = json.loads((project / "package.json").read_text())
    assert root["devDependencies"] == {"turbo": root["devDependencies"]["turbo"]}
    for product in DEFAULT_PRODUCTS:
        package = json.loads((project / "products" / product / "package.json").read_text())
        assert "devDependencies" not in package
        assert not any(script.startswith("frontend:") for script in package["scripts"])
    assert yaml.safe_load((project / "pnpm-workspace.yaml").read_text()) == {
        "packages": ["products/*"]
    }
    # The kit's inputs name its modules (slicekit/frontend_plan.py among them), not a web app.
    turbo = re.sub(r'"\$TURBO_ROOT\$/kit/[^"]*"', "", (project / "turbo.json").read_text())
    assert "frontend" not in turbo
    for path in ("Makefile", "Dockerfile", ".github/workflows/ci.yml", "config/urls.py"):
        text = (project / path).read_text()
        assert not re.search(r"frontend[-:/ ]|vite|pnpm install --frozen|web_app", text), path
    assert (project / "core" / "templates" / "core" / "home.html").is_file()
    assert not (project / "config" / "session.py").exists()


@pytest.mark.parametrize("frontend", ["yes", "no"])
def test_a_product_added_later_follows_the_project(bake, frontend: str) -> None:
    # The project remembers its choice by its frontend/ directory, nowhere else.
    project = bake(frontend=frontend)

    scaffold_product(project, "billing", "catalog")

    billing = project / "products" / "billing"
    assert (billing / "frontend" / "manifest.tsx").is_file() == (frontend == "yes")
    package = json.loads((billing / "package.json").read_text())
    assert ("frontend:test" in package["scripts"]) == (frontend == "yes")


def test_a_product_frontend_is_named_from_its_product(bake) -> None:
    project = bake(products="big_shop, zeta_orders:big_shop")
    frontend = project / "products" / "zeta_orders" / "frontend"

    manifest = (frontend / "manifest.tsx").read_text()
    assert 'name: "zeta_orders"' in manifest
    assert 'title: "Zeta orders"' in manifest
    form = (frontend / "components" / "ItemForm.tsx").read_text()
    assert "const [bigShopItemId, setBigShopItemId]" in form
    assert "big_shop_item_id: bigShopItemId" in form
    api = (frontend / "api.ts").read_text()
    assert 'components["schemas"]["ZetaOrdersNewItemErrors"]' in api
    assert '"/api/zeta_orders/items/"' in (frontend / "hooks" / "useItems.ts").read_text()


def schema_names(client: str) -> list[str]:
    schemas = client.split("    schemas: {\n", 1)[1].split("\n    };\n", 1)[0]
    return re.findall(r"^ {8}(\w+): ", schemas, flags=re.MULTILINE)


@pytest.mark.parametrize("product", ["alpha", "zeta"])
def test_the_rendered_client_lists_schemas_in_name_order_like_the_generator(
    bake, product: str
) -> None:
    # openapi-typescript writes the slice's order, which is by name: the shared Error and
    # ValidationError fall before or after the product's own, depending on its name.
    project = bake(products=product)
    client = project / "products" / product / "frontend" / "generated" / "schema.d.ts"

    names = schema_names(client.read_text())

    assert names == sorted(names)
    assert {"Error", "ValidationError", f"{product.capitalize()}Item"} <= set(names)
    slice_ = json.loads(
        (project / "products" / product / "backend/presentation/openapi.json").read_text()
    )
    assert names == list(slice_["components"]["schemas"])


def test_the_web_app_finds_manifests_without_a_list(bake) -> None:
    project = bake()
    products = (project / "frontend" / "src" / "products.ts").read_text()

    assert 'import.meta.glob<ManifestModule>("../../products/*/frontend/manifest.tsx"' in products
    for product in DEFAULT_PRODUCTS:
        assert product not in products
