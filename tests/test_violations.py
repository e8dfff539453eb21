"""Full tier: every boundary rule, broken on purpose in a fresh bake, is caught by its check.

Each case injects one violation, asserts that the check named for it fails with
the file (and line, where there is one) and the rule, then reverts the change
with git and asserts that the same check passes again. Cases that fit together
are planted at once, one run of their check for all (tests/planting.py).
"""

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import attempt, commit_all, run
from .options import Cell
from .planting import (
    LINE,
    TACH_HINTS,
    Append,
    Case,
    assert_caught_and_reverted,
    revert,
)

pytestmark = pytest.mark.full

SLUG = "my_product_monorepo"
CATALOG = "products/catalog/backend"
ORDERS = "products/orders/backend"
PACKAGE = "packages/display_names"
PYTHON = ".venv/bin/python"
TACH = (PYTHON, "-m", "slicekit", "tach")  # tach check, its hints rewritten for this layout
CONTRACTS = (PYTHON, "-m", "slicekit", "contracts", "--all")
LINT = (PYTHON, "manage.py", "lintproducts", "--all", "--settings=config.settings.test")
DJANGO = (PYTHON, "manage.py", "check", "--settings=config.settings.test")
CATALOG_API_TESTS = (PYTHON, "-m", "pytest", "-q", f"{CATALOG}/tests/test_api.py")
# The hint for a use of orders by catalog: declaring it would close a cycle, so it says why.
CYCLE_HINT = "HINT: orders already depends on catalog (catalog -> orders -> catalog)"


def append(text: str) -> Append:
    return Append(text)


def replace(old: str, new: str) -> Callable[[str], str]:
    def edit(source: str) -> str:
        assert old in source, f"{old!r} is not in the file: the skeleton changed"
        return source.replace(old, new, 1)

    return edit


def import_of(module: str) -> Case:
    return Case(
        f"{ORDERS}/logic.py",
        append(f"from {module} import Item as Imported  # noqa: E402, F401\n"),
        TACH,
        (
            f"{ORDERS}/logic.py:{LINE}",
            f"'{module}.Item' is not part of the public interface",
            "products.catalog's interface is its facade (products.catalog.backend.facade)",
        ),
        marker=f"from {module} import",
    )


def package_line(line: str, check: tuple[str, ...], *expect: str) -> Case:
    """A line appended to the shipped package's implementation."""
    file = f"{PACKAGE}/_normalize.py"
    return Case(file, append(f"{line}  # noqa\n"), check, (f"{file}:{LINE}", *expect), line)


def field_into(field: str, target: str, rule: str, *expect: str) -> Case:
    return Case(
        f"{ORDERS}/models.py",
        replace("    class Meta:", f"    link = {field}\n\n    class Meta:"),
        DJANGO,
        (rule, f"{ORDERS}/models.py:{LINE}", f"Item.link is a {target}", *expect),
        marker="    link = ",
    )


def lock_change(file: str, edit: Callable[[str], str], message: str, marker: str) -> Case:
    return Case(
        f"{CATALOG}/facade/{file}",
        edit,
        CONTRACTS,
        (f"{CATALOG}/facade/{file}:{LINE}: contract-lock: {message}", "--update-lock"),
        marker=marker,
    )


ITEM_NAME = "    name: str\n    status: ItemStatus\n"
NEW_ITEM = "class NewItem:\n    name: str\n    owner_id: int\n"
CASES = {
    # tach: imports of anything but another product's facade, undeclared uses, type-only imports.
    "imports another product's models": import_of("products.catalog.backend.models"),
    "imports another product's logic": import_of("products.catalog.backend.logic"),
    "imports another product's views": import_of("products.catalog.backend.presentation.views"),
    "imports another product's serializers": import_of(
        "products.catalog.backend.presentation.serializers"
    ),
    "imports a model only for type checking": Case(
        f"{ORDERS}/logic.py",
        append(
            "from typing import TYPE_CHECKING  # noqa: E402\n\nif TYPE_CHECKING:\n"
            "    from products.catalog.backend.models import Item as Row  # noqa: F401\n"
        ),
        TACH,
        (
            f"{ORDERS}/logic.py:{LINE}",
            "is not part of the public interface",
            "products.catalog's interface is its facade",
        ),
        marker="    from products.catalog",
    ),
    "uses a facade it did not declare": Case(
        f"{CATALOG}/logic.py",
        append("from products.orders.backend.facade import api as orders_api  # noqa\n"),
        TACH,
        (
            f"{CATALOG}/logic.py:{LINE}",
            "Module 'products.catalog' cannot depend on",
            # Declaring it, as tach advises, would close a cycle: orders uses catalog.
            "products.catalog cannot use products.orders: products.orders already depends on it "
            "(products.orders -> products.catalog), and cycles are refused",
        ),
        marker="from products.orders",
    ),
    "uses a product it no longer declares": Case(
        "products/orders/tach.domain.toml",
        replace(', "//products.catalog"]', "]"),
        TACH,
        (
            f"{ORDERS}/logic.py:",
            "Module 'products.orders' cannot depend on 'products.catalog'",
            # package.json still lists catalog: only the tach module is to be declared.
            'If products.orders should use products.catalog, add "//products.catalog" to '
            "depends_on in products/orders/tach.domain.toml, and import only "
            "products.catalog.backend.facade.",
        ),
    ),
    # Packages: tach for the project's own code, the lint for frameworks and the environment.
    "a package imports a product": package_line(
        "from products.catalog.backend.facade import api",
        TACH,
        "Module 'packages.display_names' cannot depend on 'products.catalog'",
        "packages.display_names cannot use products.catalog: a package may depend on other "
        "packages only.",
    ),
    "a package imports core": package_line(
        "from core.models import BaseModel",
        TACH,
        "Module 'packages.display_names' cannot depend on 'core'",
        "packages.display_names cannot use core: a package may depend on other packages only.",
    ),
    "a package imports Django": package_line(
        "from django.utils.text import slugify",
        LINT,
        "package-imports: it imports django.utils.text: packages know nothing of Django",
    ),
    "a package reads os.environ": package_line(
        "import os; FORM = os.environ.get('FORM', 'NFKC')",
        LINT,
        "package-config: it reads the environment (os.environ)",
    ),
    "a package declares a dependency on core": Case(
        f"{PACKAGE}/tach.domain.toml",
        replace("depends_on = []", 'depends_on = ["//core"]'),
        LINT,
        (
            f"{PACKAGE}/tach.domain.toml: dependencies: it depends on 'core': a package may "
            "depend on other packages only",
        ),
    ),
    "a package without __all__": Case(
        f"{PACKAGE}/__init__.py",
        replace('__all__ = ["comparison_key", "normalize"]\n', ""),
        LINT,
        (f"{PACKAGE}/__init__.py: package-api: it has no __all__",),
    ),
    "a product imports a package's private module": Case(
        f"{ORDERS}/logic.py",
        append("from packages.display_names._normalize import normalize  # noqa\n"),
        TACH,
        (
            f"{ORDERS}/logic.py:{LINE}",
            "'packages.display_names._normalize.normalize' is not part of the public interface",
            "packages.display_names' interface is what packages/display_names/__init__.py exports",
        ),
        marker="from packages.display_names._normalize",
    ),
    # Contract purity: python -m slicekit contracts.
    "imports Django in contracts": Case(
        f"{CATALOG}/facade/contracts.py",
        append("from django.db import models  # noqa\n"),
        CONTRACTS,
        (f"{CATALOG}/facade/contracts.py:{LINE}: contract-purity: imports 'django.db'",),
        marker="from django.db",
    ),
    "imports DRF in contracts": Case(
        f"{CATALOG}/facade/contracts.py",
        append("from rest_framework import serializers  # noqa\n"),
        CONTRACTS,
        (f"{CATALOG}/facade/contracts.py:{LINE}: contract-purity: imports 'rest_framework'",),
        marker="from rest_framework",
    ),
    "imports the product's models in enums": Case(
        f"{CATALOG}/facade/enums.py",
        append("from ..models import Item  # noqa\n"),
        CONTRACTS,
        (f"{CATALOG}/facade/enums.py:{LINE}: contract-purity: imports '..models'",),
        marker="from ..models",
    ),
    "a contract dataclass that is not frozen": Case(
        f"{CATALOG}/facade/contracts.py",
        replace("@dataclass(frozen=True)\nclass NewItem", "@dataclass\nclass NewItem"),
        CONTRACTS,
        (
            f"{CATALOG}/facade/contracts.py:{LINE}: frozen-contracts: dataclass NewItem "
            "is not frozen",
        ),
        marker="class NewItem",
    ),
    "an unhashable contract field": Case(
        f"{CATALOG}/facade/contracts.py",
        replace(NEW_ITEM, f"{NEW_ITEM}    tags: list[str] | None = None\n"),
        CONTRACTS,
        (
            f"{CATALOG}/facade/contracts.py:{LINE}: hashable-fields: NewItem.tags has type "
            "list[str] | None: list is not hashable",
        ),
        marker="    tags:",
    ),
    "a from_model method on a contract": Case(
        f"{CATALOG}/facade/contracts.py",
        replace(
            NEW_ITEM,
            f"{NEW_ITEM}\n    @classmethod\n    def from_model(cls, row):\n"
            "        return cls(name=row.name)\n",
        ),
        CONTRACTS,
        (f"{CATALOG}/facade/contracts.py:{LINE}: no-model-conversion: NewItem.from_model",),
        marker="    def from_model",
    ),
    # The contract lock: breaking changes fail until the lock is rewritten.
    "removes a contract field": lock_change(
        "contracts.py",
        replace(ITEM_NAME, "    status: ItemStatus\n"),
        "field Item.name was removed or renamed",
        "class Item:",
    ),
    "renames a contract field": lock_change(
        "contracts.py",
        replace(ITEM_NAME, "    title: str\n    status: ItemStatus\n"),
        "field Item.name was removed or renamed",
        "class Item:",
    ),
    "changes a contract field's type": lock_change(
        "contracts.py",
        replace(ITEM_NAME, "    name: bytes\n    status: ItemStatus\n"),
        "field Item.name changed type from str to bytes",
        "    name: bytes",
    ),
    "adds a required contract field": lock_change(
        "contracts.py",
        replace(NEW_ITEM, f"{NEW_ITEM}    note: str\n"),
        "new field NewItem.note has no default",
        "    note: str",
    ),
    "removes an enum member": lock_change(
        "enums.py",
        replace('    ARCHIVED = "archived"\n', ""),
        "enum member ItemStatus.ARCHIVED was removed or renamed",
        "class ItemStatus",
    ),
    # Django's registry: manage.py check.
    "a ForeignKey into another product": field_into(
        'models.ForeignKey("catalog.Item", on_delete=models.CASCADE, related_name="+")',
        "ForeignKey to catalog.Item",
        "foreign-relation",
        "a model of product catalog",
    ),
    "a OneToOneField into another product": field_into(
        'models.OneToOneField("catalog.Item", on_delete=models.CASCADE, related_name="+")',
        "OneToOneField to catalog.Item",
        "foreign-relation",
    ),
    "a ManyToManyField into another product": field_into(
        'models.ManyToManyField("catalog.Item", related_name="+")',
        "ManyToManyField to catalog.Item",
        "foreign-relation",
    ),
    'a relation to a core model without related_name="+"': field_into(
        'models.ForeignKey("core.User", on_delete=models.CASCADE, null=True)',
        "ForeignKey to shared model core.User",
        "shared-reverse",
        'without related_name="+"',
    ),
    "apps.get_model() of another product's model": Case(
        f"{ORDERS}/logic.py",
        append(
            "\n\ndef _peek() -> object:\n    from django.apps import apps\n\n"
            '    return apps.get_model("catalog", "Item")\n'
        ),
        DJANGO,
        ("model-lookup", f"{ORDERS}/logic.py:{LINE}", "loads a model of product catalog"),
        marker="apps.get_model",
    ),
    # Into a product that already depends on this one: the hint must not propose a cycle.
    "a ForeignKey into a product that uses this one": Case(
        f"{CATALOG}/models.py",
        replace(
            "    class Meta:",
            '    link = models.ForeignKey("orders.Item", on_delete=models.CASCADE, '
            'related_name="+")\n\n    class Meta:',
        ),
        DJANGO,
        ("foreign-relation", f"{CATALOG}/models.py:{LINE}", CYCLE_HINT),
        marker="    link = ",
    ),
    "apps.get_model() of a product that uses this one": Case(
        f"{CATALOG}/logic.py",
        append(
            "\n\ndef _peek() -> object:\n    from django.apps import apps\n\n"
            '    return apps.get_model("orders", "Item")\n'
        ),
        DJANGO,
        ("model-lookup", f"{CATALOG}/logic.py:{LINE}", CYCLE_HINT),
        marker="apps.get_model",
    ),
    "a facade function annotated to return a model": Case(
        f"{CATALOG}/facade/api.py",
        append("\n\ndef get_row(item_id: UUID) -> ItemRow:\n    return logic.get_item(item_id)\n"),
        DJANGO,
        (
            "facade-returns",
            f"{CATALOG}/facade/api.py:{LINE}: facade function catalog.get_row returns "
            "products.catalog.backend.models.Item, an ORM model",
        ),
        marker="def get_row",
    ),
    "a facade function that returns a model at run time": Case(
        f"{CATALOG}/facade/api.py",
        replace(
            "    return _to_item(logic.get_item(item_id))",
            "    return logic.get_item(item_id)  # type: ignore[return-value]",
        ),
        CATALOG_API_TESTS,
        ("the value is an ORM instance (Item), not a contract",),
    ),
    # The product lint: manage.py lintproducts.
    "tach and package.json disagree on dependencies": Case(
        "products/orders/package.json",
        replace(f'  "dependencies": {{\n    "@{SLUG}/catalog": "workspace:*"\n  }},\n', ""),
        LINT,
        (
            "products/orders/package.json: dependencies: it depends on products [], but "
            "tach.domain.toml says ['catalog']",
        ),
    ),
    "a dependency cycle": Case(
        "products/catalog/tach.domain.toml",
        replace('"//core"', '"//core", "//products.orders"'),
        LINT,
        ("dependencies: dependency cycle catalog -> orders -> catalog",),
    ),
    "an isolated product without a contract check": Case(
        "products/catalog/package.json",
        replace('    "backend:contract-check": ', '    "contract-check": '),
        LINT,
        ("products/catalog/package.json: turbo-tasks: catalog is isolated",),
    ),
    "a facade interface widened to the models": Case(
        "products/catalog/tach.domain.toml",
        replace('expose = ["', 'expose = ["backend\\\\.models", "'),
        LINT,
        ("products/catalog/tach.domain.toml: tach-module: its interfaces are",),
    ),
    "a task that skips its facade": Case(
        f"{ORDERS}/tasks/tasks.py",
        append("from ..logic import list_items  # noqa: E402, F401\n"),
        LINT,
        (f"{ORDERS}/tasks/tasks.py:{LINE}: tasks-facade: a task imports",),
        marker="from ..logic import",
    ),
    "production code importing the kit": Case(
        f"{ORDERS}/logic.py",
        append("from slicekit.names import ProductNames  # noqa: E402, F401\n"),
        LINT,
        (f"{ORDERS}/logic.py:{LINE}: kit-in-production: imports slicekit.names",),
        marker="from slicekit.names import",
    ),
    "shared code importing the kit": Case(
        "core/products.py",
        append("from slicekit import names as kit_names  # noqa: E402, F401\n"),
        LINT,
        (f"core/products.py:{LINE}: kit-in-production: imports slicekit, but",),
        marker="from slicekit import names",
    ),
    "a test file outside backend/tests": Case(
        f"{CATALOG}/test_stray.py",
        append("def test_stray() -> None:\n    pass\n"),
        LINT,
        (f"{CATALOG}/test_stray.py: tests-location: backend:test runs only",),
    ),
    "an app label that is not the product name": Case(
        f"{CATALOG}/apps.py",
        replace('label = "catalog"', 'label = "catalog_app"'),
        LINT,
        (f"{CATALOG}/apps.py:{LINE}: app-registry: the app label is 'catalog_app'",),
        marker="label =",
    ),
    "a facade function missing from the product README": Case(
        f"{CATALOG}/facade/api.py",
        append("\n\ndef count_archived_items() -> int:\n    return 0\n"),
        LINT,
        (
            "products/catalog/README.md: readme: facade function count_archived_items is not "
            "documented",
        ),
    ),
    "an endpoint missing from the product README": Case(
        "products/catalog/README.md",
        replace("| `DELETE` |", "| delete |"),
        LINT,
        (
            "products/catalog/README.md: readme: endpoint DELETE "
            "/api/catalog/items/<uuid:item_id>/ is not documented",
        ),
    ),
    "a required file missing": Case(
        f"{CATALOG}/tasks/tasks.py",
        lambda source: None,
        LINT,
        (f"{CATALOG}/tasks/tasks.py: layout: missing",),
    ),
}


def installed_bake(bake_once: Callable[..., Path], cell: Cell) -> Path:
    project = bake_once(**cell.answers())
    run("make", "install", cwd=project)
    commit_all(project, "uv.lock")  # the bake made the repository; revert() returns to this
    return project


@pytest.fixture(scope="module")
def project(tooling_cell: Cell, bake_once: Callable[..., Path]) -> Path:
    return installed_bake(bake_once, tooling_cell)


@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
def test_the_violation_is_caught_and_the_revert_passes(project: Path, case: Case) -> None:
    assert_caught_and_reverted(project, case, CASES)


def test_compatible_contract_changes_pass_and_say_so(project: Path) -> None:
    contracts = project / CATALOG / "facade" / "contracts.py"
    enums = project / CATALOG / "facade" / "enums.py"
    try:
        contracts.write_text(
            replace(NEW_ITEM, f'{NEW_ITEM}    note: str = ""\n')(contracts.read_text())
            + "\n\n@dataclass(frozen=True)\nclass Page:\n    items: tuple[Item, ...]\n"
        )
        enums.write_text(enums.read_text() + '    DRAFT = "draft"\n')

        output = run(*CONTRACTS, cwd=project)

        assert "contracts: 2 products checked, all pass" in output
        for addition in ("new field NewItem.note (default '')", "new dataclass Page"):
            assert addition in output
        assert "new member ItemStatus.DRAFT" in output
    finally:
        revert(project)


def test_a_breaking_change_is_accepted_by_rewriting_the_lock(project: Path) -> None:
    contracts = project / CATALOG / "facade" / "contracts.py"
    lock = project / CATALOG / "facade" / "contracts.lock.json"
    try:
        contracts.write_text(
            replace(ITEM_NAME, "    title: str\n    status: ItemStatus\n")(contracts.read_text())
        )
        assert attempt(*CONTRACTS, cwd=project)[0] == 1

        output = run(PYTHON, "-m", "slicekit", "contracts", "catalog", "--update-lock", cwd=project)

        assert f"wrote {CATALOG}/facade/contracts.lock.json" in output
        assert '{"name": "title", "type": "str"}' in lock.read_text()
        run(*CONTRACTS, cwd=project)
    finally:
        revert(project)


def test_a_relation_to_a_core_model_that_hides_its_reverse_passes(project: Path) -> None:
    models = project / ORDERS / "models.py"
    try:
        models.write_text(
            replace(
                "    class Meta:",
                '    reviewer = models.ForeignKey("core.User", on_delete=models.CASCADE, '
                'null=True, related_name="+")\n\n    class Meta:',
            )(models.read_text())
        )
        assert "System check identified no issues" in run(*DJANGO, cwd=project)
    finally:
        revert(project)


def test_a_non_isolated_product_must_not_declare_a_contract_check(project: Path) -> None:
    try:
        run(PYTHON, "-m", "slicekit.scaffold", "product", "legacy", "--not-isolated", cwd=project)
        legacy = project / "products" / "legacy"
        assert "[[interfaces]]" not in (legacy / "tach.domain.toml").read_text()
        assert not (legacy / "backend" / "facade" / "contracts.lock.json").exists()
        run(*LINT, cwd=project)  # as created, it is consistent
        run(*TACH, cwd=project)

        package = legacy / "package.json"
        package.write_text(
            replace('"scripts": {\n', '"scripts": {\n    "backend:contract-check": "true",\n')(
                package.read_text()
            )
        )
        returncode, output = attempt(*LINT, cwd=project)

        assert returncode != 0
        assert re.search(
            r"products/legacy/package\.json: turbo-tasks: legacy is not isolated .* but declares "
            r"backend:contract-check: selective testing .* would skip the full Django suite",
            output,
        ), output
    finally:
        revert(project)
    run(*LINT, cwd=project)


def test_a_cycle_between_two_packages_is_caught(project: Path) -> None:
    try:
        scaffold = (PYTHON, "-m", "slicekit.scaffold", "package")
        run(*scaffold, "slugs", "--depends-on", "display_names", cwd=project)
        run(*TACH, cwd=project)  # as created, slugs uses display_names
        run(*LINT, cwd=project)

        domain = project / PACKAGE / "tach.domain.toml"
        domain.write_text(
            replace("depends_on = []", 'depends_on = ["//packages.slugs"]')(domain.read_text())
        )
        implementation = project / PACKAGE / "_normalize.py"
        implementation.write_text(
            implementation.read_text() + "from packages import slugs  # noqa\n"
        )
        returncode, output = attempt(*TACH, cwd=project)

        assert returncode != 0
        assert "Circular dependency detected for module 'packages.display_names'" in output
        assert (
            "Cycles are refused here (the product lint keeps forbid_circular_dependencies on): "
            "drop the depends_on entry that closes the cycle in "
        ) in output
        assert not [hint for hint in TACH_HINTS if hint in output], output
    finally:
        revert(project)
    run(*TACH, cwd=project)
