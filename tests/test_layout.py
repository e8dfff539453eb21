"""Fast tier: every option value bakes, and the project has the seed layout."""

import json
import re
import subprocess
import tomllib
from pathlib import Path

import pytest

from .helpers import DEFAULT_PRODUCTS

PRODUCT_FILES = [
    "__init__.py",
    "package.json",
    "README.md",
    "tach.domain.toml",
    "backend/__init__.py",
    "backend/apps.py",
    "backend/admin.py",
    "backend/models.py",
    "backend/migrations/__init__.py",
    "backend/migrations/0001_initial.py",
    "backend/logic.py",
    "backend/facade/__init__.py",
    "backend/facade/api.py",
    "backend/facade/contracts.py",
    "backend/facade/enums.py",
    "backend/facade/contracts.lock.json",
    "backend/presentation/__init__.py",
    "backend/presentation/serializers.py",
    "backend/presentation/views.py",
    "backend/presentation/urls.py",
    "backend/presentation/openapi.json",
    "backend/presentation/openapi.lock.json",
    "backend/tasks/__init__.py",
    "backend/tasks/tasks.py",
    "backend/tasks/schedules.py",
    "backend/tests/__init__.py",
    "backend/tests/conftest.py",
    "backend/tests/factories.py",
    "backend/tests/test_admin.py",
    "backend/tests/test_models.py",
    "backend/tests/test_logic.py",
    "backend/tests/test_api.py",
    "backend/tests/test_presentation.py",
    "backend/tests/test_tasks.py",
    "backend/tests/test_contract_lock.py",
]
PROJECT_FILES = [
    "README.md",
    "AGENTS.md",
    "LICENSE",
    "Makefile",
    "scripts/uv",
    ".github/dependabot.yml",
    ".github/CODEOWNERS",
    "pyproject.toml",
    ".python-version",
    ".gitignore",
    ".env",
    ".env.example",
    "manage.py",
    "package.json",
    "tach.toml",
    "conftest.py",
    "config/settings/base.py",
    "config/settings/dev.py",
    "config/settings/test.py",
    "config/settings/prod.py",
    "config/urls.py",
    "config/celery.py",
    "config/products.py",
    "config/wsgi.py",
    "config/asgi.py",
    "core/models.py",
    "core/migrations/0001_initial.py",
    "core/products.py",
    "kit/pyproject.toml",
    "kit/README.md",
    "kit/CHANGELOG.md",
    "kit/src/slicekit/py.typed",
    "kit/src/slicekit/names.py",
    "kit/src/slicekit/django/checks.py",
    "kit/src/slicekit/django/management/commands/startproduct.py",
    "kit/src/slicekit/scaffold/product.py",
    "packages/__init__.py",
    "packages/display_names/__init__.py",
    "packages/display_names/README.md",
    "packages/display_names/tach.domain.toml",
    "packages/display_names/tests/test_display_names.py",
]


def test_the_default_bake_has_the_project_and_two_products(bake) -> None:
    project = bake()

    assert project.name == "my_product_monorepo"
    for relative in PROJECT_FILES:
        assert (project / relative).is_file(), relative
    products = sorted(path.name for path in (project / "products").iterdir() if path.is_dir())
    assert products == sorted(DEFAULT_PRODUCTS)
    for product in DEFAULT_PRODUCTS:
        for relative in PRODUCT_FILES:
            assert (project / "products" / product / relative).is_file(), f"{product}/{relative}"


def test_the_second_default_product_uses_the_first_through_its_facade(bake) -> None:
    project = bake()
    orders = project / "products" / "orders"

    logic = (orders / "backend" / "logic.py").read_text()
    assert "from products.catalog.backend.facade import api as catalog_api" in logic
    assert "catalog.backend.models" not in logic
    package = json.loads((orders / "package.json").read_text())
    assert package["dependencies"] == {"@my_product_monorepo/catalog": "workspace:*"}
    domain = tomllib.loads((orders / "tach.domain.toml").read_text())
    display_names = "//packages.display_names"
    assert domain["root"]["depends_on"] == ["//core", display_names, "//products.catalog"]
    catalog_domain = tomllib.loads((project / "products/catalog/tach.domain.toml").read_text())
    assert catalog_domain["root"]["depends_on"] == ["//core", display_names]


def test_a_product_using_several_declares_and_uses_each_of_them(bake) -> None:
    project = bake(products="catalog, orders:catalog, reviews:orders+catalog")
    reviews = project / "products" / "reviews"
    used = ("catalog", "orders")  # sorted, as the imports must be

    domain = tomllib.loads((reviews / "tach.domain.toml").read_text())
    modules = [f"//products.{name}" for name in used]
    assert domain["root"]["depends_on"] == ["//core", "//packages.display_names", *modules]
    package = json.loads((reviews / "package.json").read_text())
    assert list(package["dependencies"]) == [f"@my_product_monorepo/{name}" for name in used]
    readme = (reviews / "README.md").read_text()
    logic = (reviews / "backend" / "logic.py").read_text()
    conftest = (reviews / "backend" / "tests" / "conftest.py").read_text()
    test_logic = (reviews / "backend" / "tests" / "test_logic.py").read_text()
    for name in used:
        assert f"- **{name}**, through its facade and contracts only." in readme
        assert f"from products.{name}.backend.facade import api as {name}_api" in logic
        assert f"    _require_active_{name}_item(new.{name}_item_id)" in logic
        assert f"stub_facade(monkeypatch, {name}_api.get_item, get_item)" in conftest
        assert f"def test_an_archived_{name}_item_is_rejected(" in test_logic
        for layer in ("models.py", "facade/contracts.py", "presentation/serializers.py"):
            assert f"    {name}_item_id" in (reviews / "backend" / layer).read_text(), layer
    # Prose reads naturally whatever the name: no "orders's".
    assert "orders' data" in readme
    assert "Reviews' business rules" in logic
    assert "s's " not in "".join(path.read_text() for path in reviews.rglob("*.*"))


def test_the_slug_is_derived_from_the_project_name(bake) -> None:
    project = bake(project_name="Acme Web-Shop")

    assert project.name == "acme_web_shop"
    assert tomllib.loads((project / "pyproject.toml").read_text())["project"]["name"] == (
        "acme_web_shop"
    )


@pytest.mark.parametrize("python_version", ["3.12", "3.13"])
def test_the_python_version_is_pinned_for_uv_and_required(bake, python_version: str) -> None:
    project = bake(python_version=python_version)

    assert (project / ".python-version").read_text().strip() == python_version
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    assert pyproject["project"]["requires-python"] == f">={python_version}"


@pytest.mark.parametrize(
    ("license_", "spdx", "first_words"),
    [
        ("MIT", "MIT", "MIT License"),
        ("BSD-3-Clause", "BSD-3-Clause", "Copyright (c) Ada Lovelace"),
        ("Apache-2.0", "Apache-2.0", "Apache License"),
        ("Proprietary", "LicenseRef-Proprietary", "Copyright (c) Ada Lovelace. All rights"),
    ],
)
def test_the_licence_is_written_and_declared(
    bake, license_: str, spdx: str, first_words: str
) -> None:
    project = bake(license=license_, author_name="Ada Lovelace")

    assert (project / "LICENSE").read_text().strip().startswith(first_words)
    assert tomllib.loads((project / "pyproject.toml").read_text())["project"]["license"] == spdx


def test_answers_reach_the_project_metadata(bake) -> None:
    project = bake(
        project_name="Acme", description="Shops, fast.", author_name="Ada", email="ada@acme.io"
    )

    metadata = tomllib.loads((project / "pyproject.toml").read_text())["project"]
    assert metadata["description"] == "Shops, fast."
    assert metadata["authors"] == [{"name": "Ada", "email": "ada@acme.io"}]
    assert json.loads((project / "package.json").read_text())["name"] == "acme"


@pytest.mark.parametrize(
    ("products", "expected"),
    [
        ("", []),
        ("billing", ["billing"]),
        ("accounts, billing:accounts, invoices:billing", ["accounts", "billing", "invoices"]),
    ],
)
def test_the_product_list_is_honoured(bake, products: str, expected: list[str]) -> None:
    project = bake(products=products)

    found = sorted(path.name for path in (project / "products").iterdir() if path.is_dir())
    assert found == expected


def test_the_secret_key_is_random_and_git_ignored(bake) -> None:
    first, second = bake(), bake()

    keys = [line_value(project / ".env", "SECRET_KEY") for project in (first, second)]
    assert len(keys[0]) >= 50
    assert keys[0] != keys[1]
    assert ".env" in (first / ".gitignore").read_text().splitlines()


def line_value(path: Path, key: str) -> str:
    for line in path.read_text().splitlines():
        if line.startswith(f"{key}="):
            return line.removeprefix(f"{key}=")
    raise AssertionError(f"{key} not in {path}")


# Lines of Python, tests included. Issue 21 set 7,000 for the lean project (5,527 when the kit
# moved out); events through an outbox and erasure through facades (issues 22 and 24) are
# production code the team owns, and tracing across them (issue 24) took it to about 7,500.
TEAM_CODE_BUDGET = 7_600
LANGUAGES = {".py": "Python", ".ts": "TS", ".tsx": "TS", ".js": "TS", ".mjs": "TS"}


def team_code_lines(project: Path) -> dict[str, int]:
    """Lines of the files the first commit holds outside kit/, per language."""
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=project, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    counts = dict.fromkeys(LANGUAGES.values(), 0)
    for name in tracked:
        if name and not name.startswith("kit/") and Path(name).suffix in LANGUAGES:
            counts[LANGUAGES[Path(name).suffix]] += len((project / name).read_bytes().splitlines())
    return counts


def test_the_teams_code_is_lean_and_the_readme_says_how_lean(bake) -> None:
    """The kit is one folder; everything else is the team's, and the README reports its size."""
    counts = team_code_lines(bake())
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    stated = re.search(r"about ([\d,]+) lines of Python and ([\d,]+) of TypeScript", readme)

    assert counts["Python"] <= TEAM_CODE_BUDGET, counts
    assert stated, "the README states the team's lines of code"
    for language, figure in zip(("Python", "TS"), stated.groups(), strict=True):
        assert abs(counts[language] - int(figure.replace(",", ""))) <= 250, (language, counts)
