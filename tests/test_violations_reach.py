"""Full tier: references across products that tach cannot see, each caught by the product lint.

Issue 13's families, planted one at a time into a fresh bake like the cases of
``test_violations.py`` (same helpers, same revert): reaching through a facade
module to names outside its ``__all__``, module paths in strings, computed
imports, registry lookups by label, SQL on another product's table, Celery
tasks by name, escape hatches, tests that load another product's fixtures.
Each must fail its check with the file, the line and the rule; the legal
near-misses, all planted at once, must pass.
"""

from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import attempt, run
from .options import Cell
from .planting import LINE, Case, assert_caught_and_reverted, revert
from .test_violations import (
    CATALOG,
    DJANGO,
    LINT,
    ORDERS,
    append,
    installed_bake,
    replace,
)

pytestmark = pytest.mark.full


@pytest.fixture(scope="module")
def project(tooling_cell: Cell, bake_once: Callable[..., Path]) -> Path:
    return installed_bake(bake_once, tooling_cell)


LOGIC = f"{ORDERS}/logic.py"
CONFTEST = f"{ORDERS}/tests/conftest.py"


def planted(
    code: str, rule: str, marker: str, file: str = LOGIC, check: tuple[str, ...] = LINT
) -> Case:
    """``code`` appended to ``file``; the check reports ``rule`` on the line with ``marker``."""
    return Case(file, append(f"\n\n{code}\n"), check, (f"{file}:{LINE}: {rule}",), marker)


def in_function(body: str, rule: str, marker: str, imports: str = "", **kwargs: str) -> Case:
    """``body`` inside a function, so the module still imports (lintproducts loads tasks)."""
    indented = "\n".join(f"    {line}" for line in body.splitlines())
    return planted(f"{imports}\n\ndef _reach() -> object:\n{indented}\n", rule, marker, **kwargs)


def e003(body: str, marker: str, expect: str) -> Case:
    source = f"\n\ndef _peek(label: str) -> object:\n    from django.apps import apps\n\n{body}\n"
    return Case(LOGIC, append(source), DJANGO, ("model-lookup", f"{LOGIC}:{LINE}", expect), marker)


def template(name: str, text: str, marker: str) -> Case:
    """A new template of orders, under its templates directory."""
    file = f"{ORDERS}/templates/{name}"
    return Case(file, append(text), LINT, (f"{file}:{LINE}: owned-name",), marker)


def config_edit(file: str, old: str, new: str, expect: str) -> Case:
    return Case(file, replace(old, new), LINT, (f"{file}: escape-hatch: {expect}",))


CASES = {
    # 1. Reaching through the facade: only __all__ of api.py, contracts and enums are public.
    "a model re-exported by the facade": planted(
        "from products.catalog.backend.facade.api import ItemRow as CatalogRow",
        "facade-reach",
        "import ItemRow",
    ),
    "logic imported from the facade module": planted(
        "from products.catalog.backend.facade.api import logic as catalog_logic",
        "facade-reach",
        "import logic",
    ),
    "a private facade helper": planted(
        "from products.catalog.backend.facade.api import _to_item", "facade-reach", "_to_item"
    ),
    "logic as an attribute of the facade module": in_function(
        "return catalog_api.logic.get_item", "facade-reach", "catalog_api.logic"
    ),
    "the model through an alias of the facade module": in_function(
        "shortcut = catalog_api\nreturn shortcut.ItemRow.objects.all()",
        "facade-reach",
        "shortcut.ItemRow",
    ),
    "getattr on the facade module": in_function(
        'return getattr(catalog_api, "logic")', "facade-reach", "getattr("
    ),
    "the facade module handed to other code": in_function(
        "return [catalog_api]", "facade-reach", "[catalog_api]"
    ),
    "import a.b.c as x of logic": planted(
        "import products.catalog.backend.logic as catalog_logic_module",
        "facade-reach",
        "import products.catalog.backend.logic",
    ),
    "an attribute chain from the products package": in_function(
        "return products.catalog.backend.models.Item",
        "facade-reach",
        "return products.catalog",
        imports="import products.catalog.backend.facade.api",
    ),
    "through the facade package": in_function(
        "return catalog_facade.api.logic",
        "facade-reach",
        "catalog_facade.api.logic",
        imports="from products.catalog.backend import facade as catalog_facade",
    ),
    "a star import of contracts": planted(
        "from products.catalog.backend.facade.contracts import *", "facade-reach", "import *"
    ),
    "a name imported into contracts": planted(
        "from products.catalog.backend.facade.contracts import dataclass",
        "facade-reach",
        "import dataclass",
    ),
    "a relative import out of the product": planted(
        "from ...catalog.backend import models as catalog_models",
        "facade-reach",
        "from ...catalog",
    ),
    # 2. Module paths in strings, and imports computed at run time.
    "import_module of logic": in_function(
        'return importlib.import_module("products.catalog.backend.logic")',
        "module-string",
        "import_module(",
        imports="import importlib",
    ),
    "__import__ of models": in_function(
        'return __import__("products.catalog.backend.models")', "module-string", "__import__("
    ),
    "import_string of a view": in_function(
        'return import_string("products.catalog.backend.presentation.views.ItemListView")',
        "module-string",
        "import_string(",
        imports="from django.utils.module_loading import import_string",
    ),
    "an f-string with constant parts": in_function(
        'layer = "models"\nreturn importlib.import_module(f"products.catalog.backend.{layer}")',
        "module-string",
        'f"products',
        imports="import importlib",
    ),
    "a concatenated path": in_function(
        'return importlib.import_module("products.catalog." + "backend.logic")',
        "module-string",
        "import_module(",
        imports="import importlib",
    ),
    "import_module of a computed name": planted(
        "def _load(name: str) -> object:\n    return importlib.import_module(name)",
        "dynamic-import",
        "return importlib",
    ),
    "find_spec of a computed name": in_function(
        "return importlib.util.find_spec(_name_taken.__name__)",
        "dynamic-import",
        "find_spec(",
        imports="import importlib.util",
    ),
    "another product's URLs in urls.py": Case(
        f"{ORDERS}/presentation/urls.py",
        append(
            "\nfrom django.urls import include  # noqa: E402\n\n"
            'urlpatterns += [path("c/", include("products.catalog.backend.presentation.urls"))]\n'
        ),
        LINT,
        (f"{ORDERS}/presentation/urls.py:{LINE}: module-string",),
        "include(",
    ),
    "shared config including a product's URLs": Case(
        "config/urls.py",
        append(
            'urlpatterns += [path("c/", include("products.catalog.backend.presentation.urls"))]\n'
        ),
        LINT,
        (f"config/urls.py:{LINE}: module-string",),
        "products.catalog",
    ),
    # 9. Tests that load another product's fixtures or patch its internals.
    "another product's conftest imported": planted(
        "from products.catalog.backend.tests.conftest import new_item  # noqa: F401",
        "facade-reach",
        "tests.conftest",
        file=CONFTEST,
    ),
    "another product's factory imported": planted(
        "from products.catalog.backend.tests.factories import ItemFactory  # noqa: F401",
        "facade-reach",
        "tests.factories",
        file=CONFTEST,
    ),
    "another product's conftest as a plugin": planted(
        'pytest_plugins = ["products.catalog.backend.tests.conftest"]',
        "module-string",
        "pytest_plugins",
        file=CONFTEST,
    ),
    "mock.patch of another product's logic": Case(
        f"{ORDERS}/tests/test_logic.py",
        append(
            "\nfrom unittest import mock  # noqa: E402\n\n\n"
            '@mock.patch("products.catalog.backend.logic.get_item")\n'
            "def test_patched(get_item: object) -> None:\n    pass\n"
        ),
        LINT,
        (f"{ORDERS}/tests/test_logic.py:{LINE}: module-string",),
        "mock.patch",
    ),
    # 6. The app registry by label, SQL on another product's table.
    "get_model with keywords": e003(
        '    return apps.get_model(app_label="catalog", model_name="Item")',
        "apps.get_model",
        "loads a model of product catalog",
    ),
    "get_model with the label in a constant": e003(
        '    owner = "catalog"\n    return apps.get_model(owner, "Item")',
        "apps.get_model",
        "loads a model of product catalog",
    ),
    "get_model with a computed label": e003(
        '    return apps.get_model(label, "Item")', "apps.get_model", "computed at run time"
    ),
    "a ContentType by natural key": in_function(
        'return ContentType.objects.get_by_natural_key("catalog", "item")',
        "registry-string",
        "get_by_natural_key",
        imports="from django.contrib.contenttypes.models import ContentType",
    ),
    "a ContentType filtered by app label in core": Case(
        "core/models.py",
        append(
            "\n\ndef _catalog_types() -> object:\n"
            "    from django.contrib.contenttypes.models import ContentType\n\n"
            '    return ContentType.objects.filter(app_label="catalog")\n'
        ),
        LINT,
        (f"core/models.py:{LINE}: registry-string",),
        "app_label=",
    ),
    "a walk over every model, filtered by label": in_function(
        'return [m for m in apps.get_models() if m._meta.app_label == "catalog"]',
        "registry-walk",
        "get_models()",
        imports="from django.apps import apps",
    ),
    "the registry's app configs under another name": in_function(
        "return [config.get_models() for config in registry.get_app_configs()]",
        "registry-walk",
        "get_app_configs()",
        imports="from django.apps import apps as registry",
    ),
    "the registry's all_models iterated": in_function(
        "return dict(apps.all_models.items())",
        "registry-walk",
        "all_models",
        imports="from django.apps import apps",
    ),
    "a relative import_module anchored in another product": in_function(
        'return import_module("..logic", "products.catalog.backend.facade")',
        "module-string",
        "import_module(",
        imports="from importlib import import_module",
    ),
    "a receiver for another product's model": planted(
        "from django.db.models.signals import post_save\nfrom django.dispatch import receiver\n\n\n"
        '@receiver(post_save, sender="catalog.Item")\n'
        "def _on_catalog_item(**kwargs: object) -> None:\n    pass",
        "registry-string",
        "@receiver",
    ),
    "raw SQL in a cursor context": in_function(
        "with connection.cursor() as cursor:\n"
        '    cursor.execute("SELECT COUNT(*) FROM catalog_item")\n'
        "    return cursor.fetchone()",
        "foreign-sql",
        "cursor.execute",
        imports="from django.db import connection",
    ),
    "RawSQL with a quoted table": in_function(
        "return Item.objects.annotate(n=RawSQL('SELECT name FROM \"catalog_item\" LIMIT 1', ()))",
        "foreign-sql",
        "RawSQL(",
        imports="from django.db.models.expressions import RawSQL",
    ),
    "extra() naming the table": in_function(
        'return Item.objects.extra(tables=["catalog_item"])', "foreign-sql", "extra("
    ),
    "an f-string SQL with the table in a constant": in_function(
        'table = "catalog_item"\nreturn Item.objects.raw(f"SELECT * FROM {table}")',
        "foreign-sql",
        "raw(",
    ),
    "RunSQL in a migration": Case(
        f"{ORDERS}/migrations/0099_touch_catalog.py",
        append(
            "from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n"
            '    dependencies = [("orders", "0001_initial")]\n'
            "    operations = [migrations.RunSQL(\"UPDATE catalog_item SET name = ''\")]\n"
        ),
        LINT,
        (f"{ORDERS}/migrations/0099_touch_catalog.py:{LINE}: foreign-sql",),
        "RunSQL",
    ),
    # 7. Celery by name.
    "send_task of another product's task": in_function(
        'return current_app.send_task("catalog.archive_stale_items")',
        "owned-name",
        "send_task(",
        imports="from celery import current_app",
    ),
    "a task from the app's registry": in_function(
        'return current_app.tasks["catalog.archive_stale_items"].delay()',
        "owned-name",
        "current_app.tasks",
        imports="from celery import current_app",
    ),
    "a signature with a computed name": in_function(
        "return signature(_name_taken.__name__)",
        "owned-name",
        "signature(",
        imports="from celery import signature",
    ),
    # Names another product owns, read from the ownership map: in code and in templates.
    "a reverse of another product's URL name": in_function(
        'return reverse("catalog:item-detail", kwargs={"item_id": 1})',
        "owned-name",
        "reverse(",
        imports="from django.urls import reverse",
    ),
    "a template path in an f-string": in_function(
        'kind = "row"\nreturn render_to_string(f"catalog/{kind}.html")',
        "owned-name",
        "render_to_string(",
        imports="from django.template.loader import render_to_string",
    ),
    "a cache key in another product's namespace": in_function(
        'return cache.get("catalog:" + "items")',
        "owned-name",
        "cache.get(",
        imports="from django.core.cache import cache",
    ),
    "a url tag in an HTML template": template(
        "orders/item.html",
        "<a href=\"{% url 'catalog:item-list' %}\">all items</a>\n",
        "{% url",
    ),
    "an include tag in an HTML template": template(
        "orders/page.html",
        '{% block body %}\n{% include "catalog/row.html" with item=item %}\n{% endblock %}\n',
        "{% include",
    ),
    "an extends tag in a text template": template(
        "orders/email.txt", '{% extends "catalog/email_base.txt" %}\n', "{% extends"
    ),
    # 8. Escape hatches.
    "a tach-ignore comment": planted("import os  # tach-ignore", "escape-hatch", "tach-ignore"),
    "a noqa naming a boundary rule": planted(
        "_CATALOG = 1  # noqa: foreign-sql", "escape-hatch", "noqa: foreign-sql"
    ),
    "unchecked in a product's tach.domain.toml": config_edit(
        "products/orders/tach.domain.toml",
        "[root]\n",
        "[root]\nunchecked = true\n",
        "module [root] sets unchecked = True",
    ),
    "an extra exclude in tach.toml": config_edit(
        "tach.toml",
        '"kit"]',
        '"kit", "products/orders"]',
        "exclude adds",
    ),
    "type-checking imports ignored in tach.toml": config_edit(
        "tach.toml",
        "ignore_type_checking_imports = false",
        "ignore_type_checking_imports = true",
        "ignore_type_checking_imports must be false",
    ),
    "a boundary check silenced in the settings": planted(
        'SILENCED_SYSTEM_CHECKS = ["model-lookup"]',
        "escape-hatch",
        "SILENCED_SYSTEM_CHECKS",
        file="config/settings/test.py",
    ),
    "a use of a product not declared": planted(
        "from unittest import mock  # noqa: E402\n\n\n"
        '@mock.patch("products.orders.backend.facade.api.get_item")\n'
        "def test_orders_stubbed(get_item: object) -> None:\n    pass",
        "undeclared-dependency: catalog uses orders",
        "mock.patch",
        file=f"{CATALOG}/tests/test_logic.py",
    ),
    # The baseline: a stale entry and a malformed file are errors.
    "a stale baseline entry": Case(
        "boundaries.baseline.toml",
        append(f'[[allow]]\nrule = "foreign-sql"\npath = "{LOGIC}"\nreason = "fixed since"\n'),
        LINT,
        ("boundaries.baseline.toml: baseline: [[allow]] entry 1 (foreign-sql in",),
    ),
    "a baseline entry without a reason": Case(
        "boundaries.baseline.toml",
        append(f'[[allow]]\nrule = "foreign-sql"\npath = "{LOGIC}"\n'),
        LINT,
        ("boundaries.baseline.toml: [[allow]] entry 1 needs a non-empty reason",),
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
def test_the_reach_is_caught_and_the_revert_passes(project: Path, case: Case) -> None:
    assert_caught_and_reverted(project, case, CASES)


NEAR_MISSES = {
    LOGIC: (
        "from celery import current_app  # noqa: E402\n"
        "from django.apps import apps  # noqa: E402\n"
        "from django.db import connection  # noqa: E402\n"
        "from django.urls import reverse  # noqa: E402\n"
        "from products.catalog.backend.facade.api import get_item as get_catalog_item  # noqa\n"
        "from products.catalog.backend.facade.contracts import Item as CatalogItem  # noqa\n"
        "from products.catalog.backend.facade.enums import ItemStatus as CatalogStatus  # noqa\n"
        "\n\n"
        "def _legal(item_id: UUID) -> object:\n"
        "    with connection.cursor() as cursor:\n"
        '        cursor.execute("SELECT COUNT(*) FROM orders_item")\n'
        '    own_models = apps.get_app_config("orders").get_models()\n'
        "    facade = catalog_api\n"
        "    item: CatalogItem = get_catalog_item(item_id)\n"
        '    current_app.send_task("orders.archive_stale_items")  # its own task\n'
        '    own_url = reverse("orders:item-list")  # its own URL name\n'
        '    note = "catalog: prices are catalog/ items"  # prose naming a product\n'
        "    status = item.status is CatalogStatus.ACTIVE\n"
        "    return facade.count_items(), status, own_models, own_url, note\n"
    ),
    f"{ORDERS}/templates/orders/own.html": (
        '{% url "orders:item-list" %}{% include "orders/row.html" %}<p>see catalog/ items</p>\n'
    ),
    f"{ORDERS}/tests/test_logic.py": (
        "\nfrom unittest import mock  # noqa: E402\n\n\n"
        '@mock.patch("products.catalog.backend.facade.api.get_item")\n'
        "def test_stubbed(get_item: object) -> None:\n    pass\n"
    ),
}


def test_the_legal_near_misses_pass(project: Path) -> None:
    try:
        for file, code in NEAR_MISSES.items():
            path = project / file
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text((path.read_text() if path.exists() else "") + code)
        run(*LINT, cwd=project)
        run(*DJANGO, cwd=project)
    finally:
        revert(project)


def test_a_baseline_entry_with_a_reason_accepts_its_finding(project: Path) -> None:
    logic = project / LOGIC
    baseline = project / "boundaries.baseline.toml"
    try:
        logic.write_text(logic.read_text() + '\n_EXPORT = "SELECT name FROM catalog_item"\n')
        assert attempt(*LINT, cwd=project)[0] != 0
        baseline.write_text(
            baseline.read_text() + f'[[allow]]\nrule = "foreign-sql"\npath = "{LOGIC}"\n'
            'reason = "the export reads catalog_item until catalog ships an export facade"\n'
        )
        run(*LINT, cwd=project)
    finally:
        revert(project)
