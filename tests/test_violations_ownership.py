"""Full tier: every kind of resource a product owns is caught when another product reaches it.

One bake, one pytest run: each family of owned resources (URLs, templates, static files,
management commands, tasks called in process or rescheduled, cache keys, admin
registrations, schema introspection) gets planted variants, spellings the guard's docs do
not list, as test functions of orders that reach into catalog; near-misses (orders using its
own resources, or catalog's through its facade) sit in the same files. The bake's pytest runs
once over all of them, and each planted test must fail with its rule and the reaching line,
each near-miss pass. Then the names a product owns are planted in orders (a task, a beat
entry, template and static directories, a command, a URL namespace, admins of catalog's
model) and one ``manage.py check`` must name each (``foreign-name``, ``foreign-admin``).
"""

import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from .helpers import attempt
from .options import Cell
from .planting import line_of, revert
from .test_violations import CATALOG, DJANGO, ORDERS, PYTHON, installed_bake

pytestmark = pytest.mark.full

REACH = "  # reach"  # marks the line a planted test's violation must be reported at
TESTS = f"{ORDERS}/tests"


@dataclass(frozen=True)
class Variant:
    name: str  # the test function's name
    body: str  # its body; the line ending in REACH is the one reported (none for a near-miss)
    rule: str = ""  # "" for a near-miss, which must pass


def reach(rule: str, name: str, body: str) -> Variant:
    return Variant(name, body, rule)


def near(name: str, body: str) -> Variant:
    return Variant(name, body)


# Files catalog and orders own, as a team would add them: a template, a static file and a
# management command each.
COMMAND = (
    "from django.core.management.base import BaseCommand\n\n\n"
    "class Command(BaseCommand):\n"
    "    def handle(self, *args: object, **options: object) -> None:\n"
    "        self.stdout.write('touched')\n"
)
OWNED_FILES = {
    f"{CATALOG}/templates/catalog/card.html": "catalog's card\n",
    f"{ORDERS}/templates/orders/own.html": "orders' own {% include 'orders/part.html' %}\n",
    f"{ORDERS}/templates/orders/part.html": "part\n",
    f"{CATALOG}/static/catalog/logo.svg": "<svg/>\n",
    f"{ORDERS}/static/orders/logo.svg": "<svg/>\n",
    f"{CATALOG}/management/__init__.py": "",
    f"{CATALOG}/management/commands/__init__.py": "",
    f"{CATALOG}/management/commands/catalog_touch.py": COMMAND,
    f"{ORDERS}/management/__init__.py": "",
    f"{ORDERS}/management/commands/__init__.py": "",
    f"{ORDERS}/management/commands/orders_touch.py": COMMAND,
}

FAMILIES: dict[str, tuple[str, list[Variant]]] = {
    "urls": (
        "from django.shortcuts import resolve_url\n"
        "from django.urls import get_resolver, reverse, reverse_lazy\n"
        "from rest_framework.reverse import reverse as drf_reverse\n",
        [
            reach(
                "runtime-url",
                "test_lazy_url",
                "assert str(reverse_lazy('catalog:item-list'))" + REACH,
            ),
            reach(
                "runtime-url", "test_drf_reverse", "assert drf_reverse('catalog:item-list')" + REACH
            ),
            reach(
                "runtime-url", "test_resolve_url", "assert resolve_url('catalog:item-list')" + REACH
            ),
            reach(
                "runtime-url",
                "test_view_resolved_in_process",
                "match = get_resolver().resolve('/api/catalog/items/')" + REACH + "\n"
                "assert match.func",
            ),
            near(
                "test_own_urls", "assert get_resolver().resolve(reverse('orders:item-list')).func"
            ),
        ],
    ),
    "templates": (
        "from django.template import Context, Template, engines\n"
        "from django.template.loader import get_template, render_to_string\n"
        "from django.template.response import SimpleTemplateResponse\n",
        [
            reach(
                "runtime-template",
                "test_engine_lookup",
                "engines['django'].get_template('catalog/card.html')" + REACH,
            ),
            reach(
                "runtime-template",
                "test_template_response",
                "SimpleTemplateResponse('catalog/card.html').render()" + REACH,
            ),
            reach(
                "runtime-template",
                "test_include_in_a_string_template",
                "Template(\"{% include 'catalog/card.html' %}\").render(Context())" + REACH,
            ),
            reach(
                "runtime-template",
                "test_fallback_in_a_name_list",
                "render_to_string(['orders/card.html', 'catalog/card.html'])" + REACH,
            ),
            near("test_own_template", "assert 'part' in get_template('orders/own.html').render()"),
        ],
    ),
    "static": (
        "from django.contrib.staticfiles import finders\n",
        [
            reach("runtime-static", "test_find", "assert finders.find('catalog/logo.svg')" + REACH),
            reach(
                "runtime-static",
                "test_find_all",
                "assert finders.find('catalog/logo.svg', find_all=True)" + REACH,
            ),
            reach(
                "runtime-static",
                "test_one_finder",
                "finder = finders.get_finder(\n"
                "    'django.contrib.staticfiles.finders.AppDirectoriesFinder'\n"
                ")\n"
                "assert finder.find('catalog/logo.svg')" + REACH,
            ),
            near("test_own_static", "assert finders.find('orders/logo.svg')"),
        ],
    ),
    "commands": (
        "from importlib import import_module\nfrom io import StringIO\n\n"
        "from django.core.management import call_command, load_command_class\n",
        [
            reach(
                "runtime-command",
                "test_call_by_name",
                "call_command('catalog_touch', stdout=StringIO())" + REACH,
            ),
            reach(
                "runtime-command",
                "test_call_a_loaded_command",
                "command = load_command_class('products.catalog.backend', 'catalog_touch')\n"
                "call_command(command, stdout=StringIO())" + REACH,
            ),
            reach(
                "runtime-command",
                "test_execute_the_command_object",
                "module = import_module(\n"
                "    'products.catalog.backend.management.commands.catalog_touch'\n"
                ")\n"
                "module.Command().execute(force_color=False, no_color=True, skip_checks=True, "
                "stdout=StringIO())" + REACH,
            ),
            near("test_own_command", "call_command('orders_touch', stdout=StringIO())"),
        ],
    ),
    "tasks": (
        "from importlib import import_module\n\n"
        "from celery import current_app, signature\n\n"
        "import_module('products.catalog.backend.' + 'tasks.tasks')\n"
        "import_module('products.orders.backend.tasks.tasks')\n"
        "NAME = 'catalog.archive_stale_items'\n",
        [
            reach(
                "runtime-task",
                "test_run_from_the_registry",
                "current_app.tasks[NAME].run(max_age_days=1)" + REACH,
            ),
            reach(
                "runtime-task",
                "test_apply_in_process",
                "current_app.tasks.get(NAME).apply(kwargs={'max_age_days': 1})" + REACH,
            ),
            reach("runtime-task", "test_call_a_signatures_type", "signature(NAME).type(1)" + REACH),
            reach(
                "runtime-task",
                "test_reschedule_a_beat_entry",
                "current_app.conf.beat_schedule['catalog.archive-stale-items']"
                ".update(schedule=60.0)" + REACH,
            ),
            reach(
                "runtime-task",
                "test_add_a_periodic_task_of_another_product",
                "current_app.add_periodic_task(60.0, signature(NAME), name='orders.sneaky')"
                + REACH,
            ),
            reach(
                "runtime-task",
                "test_drop_a_beat_entry",
                "current_app.conf.beat_schedule.pop('catalog.archive-stale-items')" + REACH,
            ),
            near("test_own_task_in_process", "current_app.tasks['orders.archive_stale_items'](1)"),
            near(
                "test_own_beat_entry",
                "current_app.conf.beat_schedule['orders.archive-stale-items']['options'] = {}",
            ),
        ],
    ),
    "cache": (
        "from django.core.cache import caches\n\n"
        "from core.cache import ProductCache, product_cache\n",
        [
            reach(
                "runtime-cache",
                "test_get_or_set",
                "caches['default'].get_or_set('catalog:items', list)" + REACH,
            ),
            reach(
                "runtime-cache",
                "test_delete_many",
                "caches['default'].delete_many(['catalog:count'])" + REACH,
            ),
            reach(
                "runtime-cache",
                "test_another_products_accessor",
                "ProductCache('catalog').get('count')" + REACH,
            ),
            reach(
                "runtime-cache",
                "test_an_accessor_for_another_module",
                "product_cache('products.' + 'catalog.backend.logic').set('count', 1)" + REACH,
            ),
            near(
                "test_own_keys",
                "product_cache(__name__).set('count', 1)\n"
                "assert caches['default'].get('orders:count') == 1",
            ),
        ],
    ),
    "admin": (
        "from django.contrib import admin\n\n"
        "from products.orders.backend.models import Item as OrdersItem\n\n"
        "CATALOG = next(m for m in admin.site._registry if m._meta.label == 'catalog.Item')\n",
        [
            reach(
                "runtime-admin",
                "test_change_through_the_site",
                "admin.site.get_model_admin(CATALOG).list_per_page = 1" + REACH,
            ),
            reach(
                "runtime-admin",
                "test_change_while_walking_the_registry",
                "for model, model_admin in admin.site._registry.items():\n"
                "    if model._meta.app_label == 'catalog':\n"
                "        setattr(model_admin, 'search_fields', ())" + REACH,
            ),
            reach(
                "runtime-admin",
                "test_take_the_registration_out",
                "model_admin = admin.site._registry.pop(CATALOG)" + REACH + "\n"
                "dict.__setitem__(admin.site._registry, CATALOG, model_admin)",
            ),
            near("test_own_admin", "admin.site.get_model_admin(OrdersItem).list_per_page = 100"),
        ],
    ),
    "schema": (
        "from django.db import connection\n",
        [
            reach(
                "runtime-schema",
                "test_describe",
                "with connection.cursor() as cursor:\n"
                "    connection.introspection.get_table_description(cursor, 'catalog_item')"
                + REACH,
            ),
            reach(
                "runtime-schema",
                "test_constraints",
                "with connection.cursor() as cursor:\n"
                "    connection.introspection.get_constraints(cursor, 'CATALOG_ITEM'.lower())"
                + REACH,
            ),
            reach(
                "runtime-schema",
                "test_list_the_django_tables",
                "connection.introspection.django_table_names(only_existing=True)" + REACH,
            ),
            near(
                "test_own_table",
                "with connection.cursor() as cursor:\n"
                "    connection.introspection.get_table_description(cursor, 'orders_item')",
            ),
        ],
    ),
    "facade": (
        "from products.catalog.backend.facade import api as catalog_api\n",
        [near("test_another_products_facade", "catalog_api.count_items()")],
    ),
}


def planted_file(family: str) -> str:
    return f"{TESTS}/test_planted_{family}.py"


def planted_source(imports: str, variants: list[Variant]) -> str:
    functions = "".join(
        f"\n\ndef {v.name}() -> None:\n{textwrap.indent(v.body, '    ')}\n" for v in variants
    )
    header = '"""Planted by the template\'s full tier."""\n\nimport pytest\n'
    return f"{header}{imports}\npytestmark = pytest.mark.django_db\n{functions}"


@pytest.fixture(scope="module")
def project(tooling_cell: Cell, bake_once: Callable[..., Path]) -> Path:
    return installed_bake(bake_once, tooling_cell)


Outcome = tuple[dict[str, str], dict[str, str], str]


@pytest.fixture(scope="module")
def outcome(project: Path) -> Outcome:
    return run_planted(project)


def run_planted(project: Path) -> Outcome:
    """Plant everything, run pytest once: (the sections of the failed tests, each test's
    outcome, the whole output)."""
    for name, text in OWNED_FILES.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text)
    files = []
    for family, (imports, variants) in FAMILIES.items():
        (project / planted_file(family)).write_text(planted_source(imports, variants))
        files.append(planted_file(family))
    try:
        _, output = attempt(
            PYTHON, "-m", "pytest", "-p", "no:cacheprovider", "-rA", *files, cwd=project
        )
    finally:
        revert(project)
    outcomes = {
        node.rpartition("::")[2]: state
        for state, node in re.findall(r"^(PASSED|FAILED|ERROR) (\S+)", output, re.M)
    }
    sections = dict(
        re.findall(r"^_{3,} (test_\w+) _{3,}\n(.*?)(?=^_{3,} |^=+ )", output, re.M | re.S)
    )
    return sections, outcomes, output


def reached() -> list[tuple[str, Variant]]:
    return [(f, v) for f, (_, vs) in FAMILIES.items() for v in vs if v.rule]


def near_misses() -> list[tuple[str, Variant]]:
    return [(f, v) for f, (_, vs) in FAMILIES.items() for v in vs if not v.rule]


@pytest.mark.parametrize(("family", "variant"), reached(), ids=[v.name for _, v in reached()])
def test_the_planted_reach_fails_its_test_with_rule_and_line(
    outcome: Outcome, family: str, variant: Variant
) -> None:
    sections, outcomes, output = outcome
    assert outcomes.get(variant.name) == "FAILED", output[-5000:]
    [reaching] = [line for line in variant.body.splitlines() if line.endswith(REACH)]
    line = line_of(planted_source(*FAMILIES[family]), reaching.strip())
    place = f"{planted_file(family)}:{line}: {variant.rule}: orders "
    assert place in sections[variant.name], sections[variant.name]
    assert "which product catalog owns" in sections[variant.name]


@pytest.mark.parametrize(
    ("family", "variant"), near_misses(), ids=[v.name for _, v in near_misses()]
)
def test_the_near_miss_passes_in_the_same_run(
    outcome: Outcome, family: str, variant: Variant
) -> None:
    sections, outcomes, output = outcome
    assert outcomes.get(variant.name) == "PASSED", sections.get(variant.name, output[-5000:])


# The names a product owns, taken by orders: one `manage.py check` names each.
NAMES = {
    f"{ORDERS}/tasks/tasks.py": (
        "\n\n@shared_task(name='catalog.sneaky_refresh')\n"
        "def sneaky_refresh() -> None:\n"
        "    pass\n",
        "catalog.sneaky_refresh",
    ),
    f"{ORDERS}/tasks/schedules.py": (
        "\nSCHEDULE['catalog.nightly'] = {'task': 'orders.x', 'schedule': 60.0}\n",
        "catalog.nightly",
    ),
    f"{ORDERS}/presentation/urls.py": (
        "\napp_name = 'catalog_orders'\n",
        "app_name = 'catalog_orders'",
    ),
}
NAME_DIRECTORIES = {
    f"{ORDERS}/templates/catalog/card.html": f"{ORDERS}/templates/catalog",
    f"{ORDERS}/static/catalog_theme/site.css": f"{ORDERS}/static/catalog_theme",
}
NAME_COMMAND = f"{ORDERS}/management/commands/catalog_fix.py"
ADMIN = (
    "\n\nfrom django.apps import apps as _apps  # noqa: E402\n\n"
    "CatalogItem = _apps.get_model('catalog', 'Item')\n"
    "orders_site = admin.AdminSite(name='orders_admin')\n\n\n"
    "class CatalogOnOwnSite(admin.ModelAdmin):  # own-site\n"
    "    pass\n\n\n"
    "orders_site.register(CatalogItem, CatalogOnOwnSite)\n\n\n"
    "class CatalogReplaced(admin.ModelAdmin):  # replaced\n"
    "    pass\n\n\n"
    "admin.site.unregister(CatalogItem)\n"
    "admin.site.register(CatalogItem, CatalogReplaced)\n"
    "other_site = admin.AdminSite(name='orders_other')\n\n\n"
    "class CatalogDecorated(admin.ModelAdmin):  # decorated\n"
    "    pass\n\n\n"
    "admin.register(CatalogItem, site=other_site)(CatalogDecorated)\n"
)


def test_names_and_admins_of_another_product_fail_the_check(project: Path) -> None:
    try:
        expected = []
        for name, (addition, marker) in NAMES.items():
            edited = (project / name).read_text() + addition
            (project / name).write_text(edited)
            expected.append(("foreign-name", f"{name}:{line_of(edited, marker)}"))
        for name, directory in NAME_DIRECTORIES.items():
            (project / name).parent.mkdir(parents=True)
            (project / name).write_text("x\n")
            expected.append(("foreign-name", f"{directory}: product orders defines"))
        (project / NAME_COMMAND).parent.mkdir(parents=True)
        for package in ("management", "management/commands"):
            (project / ORDERS / package / "__init__.py").write_text("")
        (project / NAME_COMMAND).write_text(COMMAND)
        expected.append(("foreign-name", f"{NAME_COMMAND}:1"))
        admin_file = project / ORDERS / "admin.py"
        edited = admin_file.read_text() + ADMIN
        admin_file.write_text(edited)
        for marker in ("# own-site", "# replaced", "# decorated"):
            expected.append(("foreign-admin", f"{ORDERS}/admin.py:{line_of(edited, marker)}"))

        returncode, output = attempt(*DJANGO, cwd=project)

        assert returncode != 0, output
        for rule, place in expected:
            assert any(rule in line and place in line for line in output.splitlines()), (
                f"{rule} at {place} not reported:\n{output}"
            )
    finally:
        revert(project)
    returncode, output = attempt(*DJANGO, cwd=project)
    assert returncode == 0, output
