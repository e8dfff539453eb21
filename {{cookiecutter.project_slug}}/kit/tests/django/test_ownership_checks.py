"""The data-ownership checks (foreign-table ... startup-lookup) on made-up products alpha and beta.

The models here belong to two test-only app labels that no installed app
owns, so Django never migrates them; each check is handed them directly.
"""

from pathlib import Path
from typing import Any, ClassVar

from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import migrations, models
from django.dispatch import Signal

from slicekit.django import ownership_checks as checks
from slicekit.django.lookups import Lookup
from slicekit.django.ownership import SHARED, Ownership

ROOT = Path("/nowhere/products")
OWNERS_DIRECTORIES = {str(ROOT / "alpha"): "alpha", str(ROOT / "beta"): "beta", "/shared": SHARED}
OWNERS = Ownership(
    labels={"core_tests": "alpha", "core_tests_beta": "beta"},
    tables={"core_tests_beta_thing": "beta"},
    directories=OWNERS_DIRECTORIES,
    facades={},
)


class Thing(models.Model):  # noqa: DJ008
    class Meta:
        app_label = "core_tests_beta"


class Mirror(models.Model):  # noqa: DJ008
    class Meta:
        app_label = "core_tests"
        db_table = "core_tests_beta_thing"
        managed = False


class Squatter(models.Model):  # noqa: DJ008
    class Meta:
        app_label = "core_tests"
        db_table = "CORE_TESTS_BETA_prices"


class Tagged(models.Model):  # noqa: DJ008
    kind = models.ForeignKey("contenttypes.ContentType", models.CASCADE, related_name="+")
    object_id = models.PositiveIntegerField()
    target = GenericForeignKey("kind", "object_id")

    class Meta:
        app_label = "core_tests"


class Reviewed(models.Model):  # noqa: DJ008
    reviewer = models.ForeignKey(
        "core.User", models.CASCADE, related_name="+", related_query_name="reviewed"
    )
    hidden = models.ForeignKey(
        "core.User", models.CASCADE, related_name="+", related_query_name="+"
    )

    class Meta:
        app_label = "core_tests"


def ids(errors: list[Any]) -> list[str]:
    return [error.id for error in errors]


def test_a_model_on_another_products_table_or_namespace_is_refused() -> None:
    errors = checks.check_tables(owners=OWNERS, candidates=[Thing, Mirror, Squatter])

    assert ids(errors) == ["foreign-table", "foreign-table"]
    assert "core_tests.Mirror is mapped onto core_tests_beta_thing, the table of beta" in (
        errors[1].msg
    )
    assert "product beta's namespace" in errors[0].msg
    assert checks.check_tables(owners=OWNERS, candidates=[Thing, Reviewed]) == []


class Depends(migrations.Migration):
    dependencies: ClassVar = [("core_tests", "0001_initial"), ("core_tests_beta", "0001_initial")]


class RunsBefore(migrations.Migration):
    run_before: ClassVar = [("core_tests_beta", "0002_more")]


def reach_beta(apps: Any, schema_editor: Any) -> None:
    apps.get_model("core_tests_beta", "Thing").objects.update()


def stay_home(apps: Any, schema_editor: Any) -> None:
    apps.get_model("core_tests", "Mirror")


class Operations(migrations.Migration):
    operations: ClassVar = [
        migrations.RunSQL("select 1", migrations.RunSQL.noop),
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(["UPDATE core_tests_beta_thing SET id = id"])]
        ),
        migrations.RunPython(reach_beta),
        migrations.RunPython(stay_home),
    ]


def test_migrations_depending_on_or_running_sql_on_another_product_are_refused() -> None:
    disk = {
        ("core_tests", "0002_depends"): Depends("0002_depends", "core_tests"),
        ("core_tests", "0003_before"): RunsBefore("0003_before", "core_tests"),
        ("core_tests", "0004_operations"): Operations("0004_operations", "core_tests"),
        ("core_tests_beta", "0002_more"): migrations.Migration("0002_more", "core_tests_beta"),
    }

    errors = checks.check_migrations(owners=OWNERS, disk=disk)

    assert ids(errors) == ["migration-dependency", "migration-dependency"] + ["migration-reach"] * 2
    assert "depends on core_tests_beta.0001_initial, a migration of product beta" in errors[0].msg
    assert "runs before core_tests_beta.0002_more" in errors[1].msg
    assert "runs RunSQL on core_tests_beta_thing (product beta)" in errors[2].msg
    assert "runs RunPython on" in errors[3].msg
    assert f"test_ownership_checks.py:{reach_beta.__code__.co_firstlineno}:" in errors[3].msg


def test_generic_relations_and_content_type_keys_are_refused() -> None:
    errors = checks.check_generic_relations(owners=OWNERS, candidates=[Tagged, Thing])

    assert ids(errors) == ["generic-relation", "generic-relation"]
    messages = " ".join(error.msg for error in errors)
    assert "Tagged.target is a GenericForeignKey" in messages
    assert "Tagged.kind is a ForeignKey to ContentType" in messages


def test_a_hidden_reverse_relation_must_not_keep_a_query_name() -> None:
    [error] = checks.check_reverse_queries(owners=OWNERS, candidates=[Reviewed])

    assert error.id == "reverse-query-name"
    assert 'related_query_name="reviewed"' in error.msg
    assert "core.User.objects.filter(reviewed__...) reaches into product alpha" in error.msg


def test_receivers_for_another_products_model_are_refused() -> None:
    signal = Signal()
    # The module's name is derived, not spelled: a project may have a real product alpha,
    # and the product lint refuses a literal path into another product's private modules.
    apps_module = Path("products", "alpha", "backend", "apps").as_posix().replace("/", ".")
    namespace: dict[str, Any] = {"__name__": apps_module}
    source = "def heard(sender, **kwargs):\n    pass\n"
    exec(compile(source, str(ROOT / "alpha/backend/apps.py"), "exec"), namespace)  # noqa: S102
    own: dict[str, Any] = {}
    exec(compile(source, str(ROOT / "beta/backend/apps.py"), "exec"), own)  # noqa: S102
    signal.connect(namespace["heard"], sender=Thing)
    signal.connect(own["heard"], sender=Thing)  # beta hears its own model: fine
    signal.connect(namespace["heard"], sender=Mirror)  # alpha hears its own model: fine

    [error] = checks.check_signal_receivers(owners=OWNERS, signals=[("planted", signal)])

    assert error.id == "foreign-signal"
    assert error.msg.startswith(f"{ROOT / 'alpha/backend/apps.py'}:1: product alpha receives")
    assert "planted of core_tests_beta.Thing, a model of product beta" in error.msg


def test_the_receivers_fix_never_proposes_a_cycle() -> None:
    """Beta uses alpha: alpha cannot be told to call beta's facade, but beta may call alpha's."""
    signal = Signal()
    namespace: dict[str, Any] = {}
    source = "def heard(sender, **kwargs):\n    pass\n"
    exec(compile(source, str(ROOT / "alpha/backend/apps.py"), "exec"), namespace)  # noqa: S102
    signal.connect(namespace["heard"], sender=Thing)
    beta_uses = {"alpha"}
    owners = Ownership(OWNERS.labels, OWNERS.tables, OWNERS_DIRECTORIES, {}, {"beta": beta_uses})

    [error] = checks.check_signal_receivers(owners=owners, signals=[("planted", signal)])

    assert "beta already depends on alpha (alpha -> beta -> alpha)" in str(error.hint)
    assert "(beta passes what alpha needs through alpha's facade)" in str(error.hint)
    assert "Ask beta" not in str(error.hint)


def test_shared_code_resolving_a_product_model_at_startup_is_refused() -> None:
    startup = [
        Lookup("core_tests_beta", "Thing", "/shared/admin.py", 7),
        Lookup("auth", "User", "/x", 1),
    ]

    [error] = checks.check_startup_lookups(owners=OWNERS, startup=startup)

    assert error.id == "startup-lookup"
    assert error.msg.startswith("/shared/admin.py:7: shared code resolves core_tests_beta.Thing")
