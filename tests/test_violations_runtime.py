"""Full tier: data-ownership violations no reading of the source can see, caught when they run.

Runtime cases add a planted function to a file of orders, and a test of orders
that calls it; the generated project's pytest run (its runtime guard,
``slicekit.django.guard``) must fail that test with the rule, what was touched
and the planted line. All of them are planted at once and pytest runs once
(tests/planting_runtime.py). Registry cases edit a model, a migration or an app
and run ``manage.py check`` (``slicekit.django.ownership_checks``), batched the
same way (tests/planting.py). Reverted with git, the same commands pass again.
Near-misses, the legitimate ways across, must pass as planted.
"""

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import attempt, run
from .options import Cell
from .planting import LINE, Case, assert_caught_and_reverted, revert
from .planting_runtime import PLANTED_TEST, Planted, Report, planted_report
from .test_violations import (
    DJANGO,
    ORDERS,
    PYTHON,
    append,
    installed_bake,
    replace,
)

pytestmark = pytest.mark.full

PYTEST = (PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", PLANTED_TEST)
ORDERS_TESTS = (PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"{ORDERS}/tests")
CATALOG_TABLE = "catalog_item (product catalog)"
TASK = "catalog.archive_stale_items"


def sql(code: str, marker: str, statement: str = "") -> Planted:
    expect = ("runtime-sql", CATALOG_TABLE) + ((f"Statement: {statement}",) if statement else ())
    return Planted(code, marker, expect)


def lookup(code: str, marker: str, model: str = "catalog.Item") -> Planted:
    return Planted(code, marker, ("runtime-lookup", f"orders resolves model {model}"))


def task(code: str, marker: str, file: str = f"{ORDERS}/logic.py") -> Planted:
    return Planted(code, marker, ("runtime-task", f"orders publishes task '{TASK}'"), file)


# Loads catalog's tasks by a computed name, as the worker's autodiscovery would.
REGISTER = (
    "from importlib import import_module\n\nfrom celery import current_app, signature\n\n"
    "import_module('products.catalog.backend.' + 'tasks.tasks')\n"
)
CURSOR = "from django.db import connection\n\nwith connection.cursor() as cursor:\n"
RUNTIME = {
    # runtime-sql: SQL on catalog's table, however the statement was built.
    "raw SQL with the table name built by concatenation": sql(
        CURSOR + '    cursor.execute("select count(*) from " + "catalog" + "_item")\n',
        "cursor.execute(",
        "select count(*) from catalog_item",
    ),
    "raw SQL with a quoted, upper-case table name": sql(
        CURSOR + "    cursor.execute('SELECT COUNT(*) FROM \"catalog_item\"'.upper())\n",
        "cursor.execute(",
        'SELECT COUNT(*) FROM "CATALOG_ITEM"',
    ),
    "executemany on another product's table": sql(
        CURSOR + '    cursor.executemany("update catalog_item set name = %s where 1 = 0", '
        '[("a",), ("b",)])\n',
        "cursor.executemany(",
    ),
    "Manager.raw() of an own model over another product's table": sql(
        'return list(Item.objects.raw("select * from " + "catalog_item"))\n', "objects.raw("
    ),
    "a second connection handle from django.db.connections": sql(
        "from django.db import connections\n\n"
        'with connections["default"].cursor() as c:\n'
        '    c.execute("select id from %s" % "_".join(["catalog", "item"]))\n',
        "c.execute(",
    ),
    "import_module of another product's models by a computed name": sql(
        "from importlib import import_module\n\nname = 'catalog'\n"
        'rows = import_module("products." + name + ".backend.models")\n'
        "return rows.Item.objects.count()\n",
        "rows.Item.objects.count()",
    ),
    "import_string of another product's logic, bypassing its facade": sql(
        "from django.utils.module_loading import import_string\n\n"
        'return import_string("products.catalog.backend." + "logic.count_items")()\n',
        "return import_string(",
    ),
    "the model reached as an attribute of another product's facade module": sql(
        "from products.catalog.backend.facade import api as catalog_api\n\n"
        "return catalog_api.ItemRow.objects.exists()\n",
        "catalog_api.ItemRow",
    ),
    "another product's rows deleted through a queryset": sql(
        "from importlib import import_module\n\n"
        'rows = import_module("products.catalog.backend.models").Item.all_objects\n'
        'return rows.filter(name="nothing").hard_delete()\n',
        "return rows.filter(",
    ),
    # runtime-lookup: another product's model resolved through the app registry.
    "apps.get_model with a label split at run time": lookup(
        "from django.apps import apps\n\nlabel = 'catalog' + '.Item'\n"
        "return apps.get_model(*label.split('.'))._default_manager.count()\n",
        "return apps.get_model(",
    ),
    "apps.get_model with keyword arguments": lookup(
        "from django.apps import apps\n\n"
        "return apps.get_model(app_label='cata' + 'log', model_name='Item')\n",
        "return apps.get_model(",
    ),
    "get_app_config(label).get_model": lookup(
        "from django.apps import apps\n\nlabel = 'catalog'\n"
        "return apps.get_app_config(label).get_model('Item')\n",
        "get_app_config(label)",
    ),
    "apps.get_registered_model": lookup(
        "from django.apps import apps\n\nreturn apps.get_registered_model('catalog', 'item')\n",
        "get_registered_model(",
        "catalog.item",
    ),
    "ContentType.model_class of another product's model": lookup(
        "from django.contrib.contenttypes.models import ContentType\n\n"
        "kind = ContentType.objects.get_by_natural_key('catalog', 'item')\n"
        "return kind.model_class()\n",
        "return kind.model_class()",
        "catalog.item",
    ),
    "ContentType.get_all_objects_for_this_type": Planted(
        "from django.contrib.contenttypes.models import ContentType\n\n"
        "kind = ContentType.objects.get_by_natural_key('catalog', 'item')\n"
        "return list(kind.get_all_objects_for_this_type())\n",
        "return list(kind.get_all_objects_for_this_type())",
        ("runtime-lookup", "runtime-sql", CATALOG_TABLE),
    ),
    # runtime-task: another product's Celery task published, eager mode included.
    "send_task with a name computed at run time": task(
        "from celery import current_app\n\n"
        "return current_app.send_task('.'.join(['catalog', 'archive_stale_items']))\n",
        "return current_app.send_task(",
    ),
    "delay() on a task found in the registry by name": task(
        REGISTER + "return current_app.tasks['catalog' + '.archive_stale_items'].delay().get()\n",
        "return current_app.tasks[",
    ),
    "a signature of another product's task, applied": task(
        REGISTER + "return signature('catalog.archive_stale_items').apply_async()\n",
        "return signature(",
    ),
    "apply_async from orders' own tasks module": task(
        REGISTER
        + "return current_app.tasks['catalog.archive_stale_items'].apply_async(countdown=0)\n",
        ".apply_async(countdown=0)",
        f"{ORDERS}/tasks/tasks.py",
    ),
}
NEAR_MISSES = {
    "calling another product's facade": Planted(
        "from products.catalog.backend.facade import api as catalog_api\n\n"
        "return catalog_api.count_items()\n",
        "catalog_api.count_items()",
    ),
    "a product's own raw SQL on its own table": Planted(
        CURSOR + '    cursor.execute("select count(*) from " + "orders_item")\n', "cursor.execute("
    ),
    "a task calling another product's facade, published by its own product": Planted(
        "return count_catalog.delay().get()\n",
        "return count_catalog",
        file=f"{ORDERS}/tasks/tasks.py",
        after="\n\n@shared_task(name='orders.count_catalog')\n"
        "def count_catalog() -> int:\n"
        "    from products.catalog.backend.facade import api as catalog_api\n\n"
        "    return catalog_api.count_items()\n",
    ),
    "publishing its own task by name": Planted(
        "from celery import current_app\n\n"
        "return current_app.send_task('orders.archive_stale_items')\n",
        "send_task(",
    ),
    "deleting a user cascades into every product's rows": Planted(
        "from core.models import User\n"
        "from products.catalog.backend.facade import api as catalog_api\n"
        "from products.catalog.backend.facade.contracts import NewItem as CatalogItem\n\n"
        "user = User.objects.create_user(username='gone', password='a-long-password-1')\n"
        "catalog_api.create_item(CatalogItem(name='Mug', owner_id=user.pk))\n"
        "return User.objects.filter(pk=user.pk).delete()\n",
        "return User.objects",
    ),
}

MIGRATION = f"{ORDERS}/migrations/0001_initial.py"
NEW_MIGRATION = f"{ORDERS}/migrations/0002_planted.py"
DEPENDENCIES = "    dependencies = [\n"


def model(body: str) -> Callable[[str], str]:
    """A new model in orders, with ``body`` as its class body."""
    return append(f"\n\nclass Planted(models.Model):\n{textwrap.indent(body, '    ')}")


def migration(operations: str, marker: str, head: str = "") -> Case:
    return Case(
        NEW_MIGRATION,
        lambda _: (
            "from django.db import migrations\n"
            + head
            + "\n\nclass Migration(migrations.Migration):\n"
            '    dependencies = [("orders", "0001_initial")]\n'
            f"    operations = [{operations}]\n"
        ),
        DJANGO,
        ("migration-reach", f"{NEW_MIGRATION}:{LINE}", CATALOG_TABLE.split(" ")[0]),
        marker=marker,
    )


REGISTRY = {
    "an unmanaged model mapped onto another product's table": Case(
        f"{ORDERS}/models.py",
        model('class Meta:\n    db_table = "catalog_item"\n    managed = False\n'),
        DJANGO,
        (
            "foreign-table",
            f"{ORDERS}/models.py:{LINE}",
            "orders.Planted is mapped onto catalog_item",
        ),
        marker="class Planted(",
    ),
    "a table named in another product's namespace": Case(
        f"{ORDERS}/models.py",
        model('class Meta:\n    db_table = "Catalog_Prices"\n'),
        DJANGO,
        ("foreign-table", f"{ORDERS}/models.py:{LINE}", "product catalog's namespace"),
        marker="class Planted(",
    ),
    "a many-to-many table named into another product": Case(
        f"{ORDERS}/models.py",
        replace(
            "    class Meta:",
            '    watchers = models.ManyToManyField("core.User", related_name="+", '
            'db_table="catalog_item_watchers")\n\n    class Meta:',
        ),
        DJANGO,
        ("foreign-table", f"{ORDERS}/models.py:{LINE}", "catalog_item_watchers"),
        marker="    watchers = ",
    ),
    "a migration that depends on another product's migration": Case(
        MIGRATION,
        replace(DEPENDENCIES, f'{DEPENDENCIES}        ("catalog", "0001_initial"),\n'),
        DJANGO,
        ("migration-dependency", f"{MIGRATION}:{LINE}", "depends on catalog.0001_initial"),
        marker='("catalog", "0001_initial")',
    ),
    "a migration that runs before another product's migration": Case(
        MIGRATION,
        replace(DEPENDENCIES, f'    run_before = [("catalog", "0001_initial")]\n{DEPENDENCIES}'),
        DJANGO,
        ("migration-dependency", f"{MIGRATION}:{LINE}", "runs before catalog.0001_initial"),
        marker='("catalog", "0001_initial")',
    ),
    "RunSQL on another product's table": migration(
        'migrations.RunSQL("UPDATE catalog_item SET name = name", migrations.RunSQL.noop)',
        "UPDATE catalog_item",
    ),
    "RunPython loading another product's model": migration(
        "migrations.RunPython(touch)",
        "def touch(",
        "\n\ndef touch(apps, schema_editor):\n"
        '    apps.get_model("catalog", "Item").objects.update(name="x")\n',
    ),
    "a GenericForeignKey in a product model": Case(
        f"{ORDERS}/models.py",
        model(
            "from django.contrib.contenttypes.fields import GenericForeignKey\n\n"
            "kind = models.ForeignKey('contenttypes.ContentType', on_delete=models.CASCADE, "
            "related_name='+')\n"
            "object_id = models.UUIDField()\n"
            "target = GenericForeignKey('kind', 'object_id')\n"
        ),
        DJANGO,
        ("generic-relation", f"{ORDERS}/models.py:{LINE}", "Planted.target is a GenericForeignKey"),
        marker="    target = ",
    ),
    "a foreign key to ContentType in a product model": Case(
        f"{ORDERS}/models.py",
        replace(
            "    class Meta:",
            '    kind = models.ForeignKey("contenttypes.ContentType", null=True, '
            'on_delete=models.CASCADE, related_name="+")\n\n    class Meta:',
        ),
        DJANGO,
        ("generic-relation", f"{ORDERS}/models.py:{LINE}", "ForeignKey to ContentType"),
        marker="    kind = ",
    ),
    "a hidden reverse relation that keeps its query name": Case(
        f"{ORDERS}/models.py",
        replace(
            "    class Meta:",
            '    reviewer = models.ForeignKey("core.User", null=True, on_delete=models.CASCADE, '
            'related_name="+", related_query_name="reviewed_items")\n\n    class Meta:',
        ),
        DJANGO,
        ("reverse-query-name", f"{ORDERS}/models.py:{LINE}", 'related_query_name="reviewed_items"'),
        marker="    reviewer = ",
    ),
    "a receiver for another product's model connected in ready()": Case(
        f"{ORDERS}/apps.py",
        append(
            "\n    def ready(self) -> None:\n"
            "        from django.db.models.signals import post_save\n\n"
            '        post_save.connect(on_catalog_save, sender="catalog.Item")\n\n\n'
            "def on_catalog_save(sender, **kwargs) -> None:\n"
            "    pass\n"
        ),
        DJANGO,
        ("foreign-signal", f"{ORDERS}/apps.py:{LINE}", "post_save of catalog.Item"),
        marker="def on_catalog_save(",
    ),
    "a @receiver in models.py for another product's model": Case(
        f"{ORDERS}/models.py",
        append(
            "\n\nfrom django.db.models.signals import pre_delete  # noqa: E402\n"
            "from django.dispatch import receiver  # noqa: E402\n\n\n"
            '@receiver(pre_delete, sender="cata" "log.Item")\n'
            "def on_catalog_delete(sender, **kwargs) -> None:\n"
            "    pass\n"
        ),
        DJANGO,
        ("foreign-signal", f"{ORDERS}/models.py:{LINE}", "pre_delete of catalog.Item"),
        marker='@receiver(pre_delete, sender="cata" "log.Item")',
    ),
    "shared code resolving a product's model while the apps load": Case(
        "core/admin.py",
        append(
            "\nfrom django.apps import apps  # noqa: E402\n\n"
            'PLANTED = apps.get_model("cata" + "log.Item")\n'
        ),
        DJANGO,
        ("startup-lookup", f"core/admin.py:{LINE}", "resolves catalog.Item"),
        marker="PLANTED = ",
    ),
}


@pytest.fixture(scope="module")
def project(tooling_cell: Cell, bake_once: Callable[..., Path]) -> Path:
    return installed_bake(bake_once, tooling_cell)


def plant(project: Path, case: Planted) -> None:
    """Add ``planted()`` and a test that calls it."""
    path = project / case.file
    body = textwrap.indent(case.code, "    ")
    path.write_text(f"{path.read_text()}\n\ndef planted() -> object:  # noqa\n{body}{case.after}")
    (project / PLANTED_TEST).write_text(
        "import pytest\n\n"
        f"from {case.module} import planted\n\n\n"
        "@pytest.mark.django_db(transaction=True)\n"
        "def test_planted() -> None:\n"
        "    planted()\n"
    )


@pytest.mark.parametrize("case", RUNTIME.values(), ids=list(RUNTIME))
def test_the_guard_fails_the_test_that_runs_it(project: Path, case: Planted) -> None:
    report = planted_report(project, case, RUNTIME, Report.caught)
    assert not report.caught(case), (
        f"planted with {report.planted_with - 1} other cases, pytest said:\n{report.text}"
    )


@pytest.mark.parametrize("case", NEAR_MISSES.values(), ids=list(NEAR_MISSES))
def test_the_legitimate_ways_across_pass(project: Path, case: Planted) -> None:
    report = planted_report(project, case, NEAR_MISSES, Report.passed)
    assert not report.passed(case), (
        f"planted with {report.planted_with - 1} other cases, pytest said:\n{report.text}"
    )


def test_reverted_the_orders_suite_passes(project: Path) -> None:
    run(*ORDERS_TESTS, cwd=project)


@pytest.mark.parametrize("case", REGISTRY.values(), ids=list(REGISTRY))
def test_the_registry_checks_catch_it(project: Path, case: Case) -> None:
    assert_caught_and_reverted(project, case, REGISTRY)


def test_a_migration_on_its_own_tables_and_a_hidden_relation_pass(project: Path) -> None:
    models = project / ORDERS / "models.py"
    try:
        (project / NEW_MIGRATION).write_text(
            "from django.db import migrations\n\n\n"
            "class Migration(migrations.Migration):\n"
            '    dependencies = [("orders", "0001_initial")]\n'
            '    operations = [migrations.RunSQL("UPDATE orders_item SET name = name", '
            "migrations.RunSQL.noop)]\n"
        )
        models.write_text(
            replace(
                "    class Meta:",
                '    reviewer = models.ForeignKey("core.User", null=True, '
                'on_delete=models.CASCADE, related_name="+", related_query_name="+")\n\n'
                "    class Meta:",
            )(models.read_text())
        )
        assert "System check identified no issues" in run(*DJANGO, cwd=project)
    finally:
        revert(project)


def test_the_guard_can_be_switched_off_for_measuring(project: Path) -> None:
    case = RUNTIME["raw SQL with the table name built by concatenation"]
    try:
        plant(project, case)
        assert "1 passed" in run(*PYTEST, "-p", "no:slicekit.django.guard", cwd=project)
    finally:
        revert(project)


def test_an_allow_list_entry_excuses_a_file_and_a_stale_one_fails_a_full_run(
    project: Path,
) -> None:
    case = RUNTIME["raw SQL with the table name built by concatenation"]
    baseline = project / "boundaries.baseline.toml"
    entry = (
        f'[[allow]]\npath = "{case.file}"\nrule = "runtime-sql"\n'
        'reason = "moving the counts behind the facade, ticket 42"\n'
    )
    try:
        baseline.write_text(entry)
        plant(project, case)
        assert "1 passed" in run(*PYTEST, cwd=project)
        revert(project)

        baseline.write_text(entry)
        returncode, output = attempt(
            PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=project
        )
        assert returncode != 0, output
        assert f"stale [[allow]] entry {case.file} runtime-sql: nothing needs it" in output
    finally:
        revert(project)
