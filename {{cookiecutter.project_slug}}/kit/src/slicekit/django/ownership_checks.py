"""Boundary checks on data ownership, read from the loaded app registry.

A product owns its tables, its migrations, its signals and its rows. These
checks (``foreign-table``, ``migration-dependency``, ``migration-reach``,
``generic-relation``, ``reverse-query-name``, ``foreign-signal``, ``startup-lookup``;
tag ``boundaries``, so ``manage.py check`` runs them) look at what Django has loaded
rather than at the source, so a table name, a dependency or a sender is judged however
it was written.
The runtime guard (``core/guard.py``) is the net for what only running code
shows.
"""

import ast
import inspect
import sys
import textwrap
import types
import weakref
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from django.apps import AppConfig, apps
from django.core.checks import Error, register
from django.db import migrations, models
from django.db.migrations.loader import MigrationLoader
from django.dispatch import Signal

from slicekit.django import lookups
from slicekit.django.checks import TAG, _field_place, _line, _reverse_hidden
from slicekit.django.ownership import SHARED, Ownership, owners_text, ownership, relative
from slicekit.names import possessive
from slicekit.rules import rule

LOOKUPS = frozenset({"get_model", "get_registered_model"})


@register(TAG)
def check_tables(
    app_configs: Iterable[AppConfig] | None = None,
    *,
    owners: Ownership | None = None,
    candidates: Iterable[type[models.Model]] | None = None,
    **kwargs: Any,
) -> list[Error]:
    """foreign-table: no product model on a table another product owns or will name."""
    owners = owners or ownership()
    by_table: dict[str, list[type[models.Model]]] = defaultdict(list)
    if candidates is None:
        candidates = apps.get_models(include_auto_created=True)
    for model in candidates:
        by_table[model._meta.db_table.lower()].append(model)
    prefixes = sorted(((label + "_", name) for label, name in owners.labels.items()), reverse=True)
    errors = []
    for table, sharing in sorted(by_table.items()):
        # The longest product label that prefixes the name is the namespace it lives in.
        namespace = next((name for prefix, name in prefixes if table.startswith(prefix)), None)
        claimants = {owners.model_owner(model) for model in sharing}  # None: a shared model
        # Who keeps the table when several models claim it: the namespace's product, a
        # shared model, else the product whose concrete, managed model creates it.
        if namespace in claimants:
            rightful = namespace
        else:
            rightful = None if None in claimants else owners.tables.get(table)
        for model in sharing:
            product = owners.model_owner(model)
            if product is None or (product == rightful and namespace in (None, product)):
                continue
            if len(claimants) > 1:
                why = f"the table of {'shared code' if rightful is None else rightful}"
            elif namespace is not None:
                why = f"a name in product {possessive(namespace)} namespace ({namespace}_...)"
            else:
                why = f"a table that {possessive(rightful or 'shared code')} models create"
            errors.append(
                Error(
                    f"{_model_place(model)}: {model._meta.label} is mapped onto {table}, "
                    f"{why}: a product owns its tables alone",
                    hint="Remove db_table (Django names it after the app) or choose a name in "
                    f"{possessive(product)} own namespace ({product}_...); read other "
                    "products' data through their facades.",
                    obj=model,
                    id=rule("foreign-table"),
                )
            )
    return errors


@register(TAG)
def check_migrations(
    app_configs: Iterable[AppConfig] | None = None,
    *,
    owners: Ownership | None = None,
    disk: dict[tuple[str, str], Any] | None = None,
    **kwargs: Any,
) -> list[Error]:
    """migration-dependency and migration-reach: a product's migrations stay inside the product."""
    owners = owners or ownership()
    if disk is None:
        loader = MigrationLoader(None, load=False)
        loader.load_disk()
        disk = loader.disk_migrations
    errors = []
    for (label, name), migration in sorted(disk.items()):
        product = owners.label_owner(label)
        if product is None:
            continue
        path = Path(inspect.getfile(sys.modules[migration.__module__]))
        for kind, (other_label, other_name) in [
            *(("depends on", d) for d in migration.dependencies),
            *(("runs before", d) for d in migration.run_before),
        ]:
            other = owners.label_owner(other_label)
            if other is not None and other != product:
                errors.append(
                    Error(
                        f"{relative(path)}:{_text_line(path, other_label)}: migration "
                        f"{label}.{name} {kind} {other_label}.{other_name}, a migration of "
                        f"product {other}: a product's schema must migrate on its own",
                        hint=f"Remove the dependency; store {possessive(other)} ids "
                        "(UUIDField) and move shared steps into the owning product's migrations.",
                        id=rule("migration-dependency"),
                    )
                )
        for operation in _operations(migration.operations):
            errors.extend(_operation_errors(owners, product, path, label, name, operation))
    return errors


@register(TAG)
def check_generic_relations(
    app_configs: Iterable[AppConfig] | None = None,
    *,
    owners: Ownership | None = None,
    candidates: Iterable[type[models.Model]] | None = None,
    **kwargs: Any,
) -> list[Error]:
    """generic-relation: no generic relation in a product model (it reaches any rows)."""
    if not apps.is_installed("django.contrib.contenttypes"):
        return []
    from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
    from django.contrib.contenttypes.models import ContentType

    owners = owners or ownership()
    errors = []
    for model in apps.get_models() if candidates is None else candidates:
        product = owners.model_owner(model)
        if product is None:
            continue
        for field in model._meta.get_fields():  # private fields (GenericForeignKey) included
            if isinstance(field, GenericForeignKey | GenericRelation):
                kind = type(field).__name__
            elif (
                field.is_relation and not field.auto_created and field.related_model is ContentType
            ):
                kind = f"{type(field).__name__} to ContentType"
            else:
                continue
            errors.append(
                Error(
                    f"{_field_place(model, field.name)}: {model.__name__}.{field.name} is a "
                    f"{kind}: a content type and an id reach any product's rows, "
                    "past every facade",
                    hint="Reference one product's rows by id (a UUIDField) and read them "
                    "through its facade; a product's own polymorphism uses its own models.",
                    obj=model,
                    id=rule("generic-relation"),
                )
            )
    return errors


@register(TAG)
def check_reverse_queries(
    app_configs: Iterable[AppConfig] | None = None,
    *,
    owners: Ownership | None = None,
    candidates: Iterable[type[models.Model]] | None = None,
    **kwargs: Any,
) -> list[Error]:
    """reverse-query-name: a hidden reverse relation to a shared model has no query name."""
    owners = owners or ownership()
    errors = []
    for model in apps.get_models() if candidates is None else candidates:
        product = owners.model_owner(model)
        if product is None:
            continue
        for field in model._meta.get_fields():
            if not field.is_relation or field.auto_created or not field.concrete:
                continue
            target = field.related_model
            query_name = str(getattr(field.remote_field, "related_query_name", None) or "")
            if (
                isinstance(target, type)
                and owners.model_owner(target) is None
                and _reverse_hidden(field)
                and query_name
                and not query_name.endswith("+")
            ):
                errors.append(
                    Error(
                        f"{_field_place(model, field.name)}: {model.__name__}.{field.name} "
                        f'hides its reverse accessor (related_name="+") but keeps '
                        f'related_query_name="{query_name}": '
                        f"{target._meta.label}.objects.filter({query_name}__...) reaches "
                        f"into product {product}",
                        hint="Remove related_query_name; ask the product's facade instead.",
                        obj=model,
                        id=rule("reverse-query-name"),
                    )
                )
    return errors


@register(TAG)
def check_signal_receivers(
    app_configs: Iterable[AppConfig] | None = None,
    *,
    owners: Ownership | None = None,
    signals: Iterable[tuple[str, Signal]] | None = None,
    **kwargs: Any,
) -> list[Error]:
    """foreign-signal: only a product listens to its models' signals (``sender=`` a label too)."""
    owners = owners or ownership()
    errors = []
    by_id = {id(model): model for model in apps.get_models(include_auto_created=True)}
    for signal_name, signal in _signals() if signals is None else signals:
        for key, receiver, *rest in list(signal.receivers):
            # Django keeps a weak reference to the sender; its id is in the lookup key too.
            sender_ref = rest[0] if rest and isinstance(rest[0], weakref.ReferenceType) else None
            sender = sender_ref() if sender_ref is not None else by_id.get(key[1])
            function = receiver() if isinstance(receiver, weakref.ReferenceType) else receiver
            if not (isinstance(sender, type) and issubclass(sender, models.Model)):
                continue
            product = owners.model_owner(sender)
            code = getattr(getattr(function, "__func__", function), "__code__", None)
            if product is None or code is None:
                continue
            listener = owners.file_owner(code.co_filename)
            if listener in (None, product):
                continue
            who = "shared code" if listener == SHARED else f"product {listener}"
            errors.append(
                Error(
                    f"{relative(code.co_filename)}:{code.co_firstlineno}: {who} receives "
                    f"{signal_name} of {sender._meta.label}, a model of product {product}: "
                    "it runs inside that product's writes and depends on its internals",
                    hint=owners.facade_fix(
                        str(listener),
                        product,
                        f"Ask {product} to publish what happened through its facade (a "
                        "function or a task of its own) and call that.",
                    ),
                    id=rule("foreign-signal"),
                )
            )
    return errors


@register(TAG)
def check_startup_lookups(
    app_configs: Iterable[AppConfig] | None = None,
    *,
    owners: Ownership | None = None,
    startup: Iterable[lookups.Lookup] | None = None,
    **kwargs: Any,
) -> list[Error]:
    """startup-lookup: core and config never resolve a product's model while the apps load."""
    owners = owners or ownership()
    return [
        Error(
            f"{relative(lookup.filename)}:{lookup.line}: shared code resolves "
            f"{lookup.label}.{lookup.model}, a model of product {product}, while the apps "
            "load: core and config must work whatever products exist",
            hint="Iterate the products (config.products) and call their facades, or move "
            "the code into the product.",
            id=rule("startup-lookup"),
        )
        for lookup in dict.fromkeys(lookups.STARTUP if startup is None else startup)
        if (product := owners.label_owner(lookup.label)) is not None
    ]


def _operations(operations: Iterable[Any]) -> Iterator[Any]:
    for operation in operations:
        if isinstance(operation, migrations.SeparateDatabaseAndState):
            yield from _operations(operation.database_operations)
        else:
            yield operation


def _operation_errors(
    owners: Ownership, product: str, path: Path, label: str, name: str, operation: Any
) -> Iterator[Error]:
    """migration-reach: a RunSQL naming another product's table, a RunPython reaching its data."""
    found: dict[str, str] = {}
    line = 0
    if isinstance(operation, migrations.RunSQL):
        for sql in _sql_texts(operation.sql) + _sql_texts(operation.reverse_sql):
            found.update(owners.tables_in(sql))
    elif isinstance(operation, migrations.RunPython):
        for function in (operation.code, operation.reverse_code):
            code: types.CodeType | None = getattr(function, "__code__", None)
            if code is None:
                continue
            line = line or code.co_firstlineno
            found.update(_python_reach(owners, code))
    foreign = {(t, o) for t, o in found.items() if o != product}
    if foreign:
        line = line or _text_line(path, sorted(foreign)[0][0])
        yield Error(
            f"{relative(path)}:{line}: migration {label}.{name} runs "
            f"{type(operation).__name__} on {owners_text(foreign)}: "
            "a product's migrations change its own tables only",
            hint="Move the step into the owning product's migrations, or ask its facade "
            "for the data in a management command.",
            id=rule("migration-reach"),
        )


def _sql_texts(sql: Any) -> list[str]:
    if sql is None or sql == migrations.RunSQL.noop:
        return []
    if isinstance(sql, str):
        return [sql]
    texts = []
    for item in sql:
        texts.append(item[0] if isinstance(item, list | tuple) else str(item))
    return texts


def _python_reach(owners: Ownership, code: types.CodeType) -> dict[str, str]:
    """Tables a RunPython function names in strings, or through ``get_model("label", ...)``."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(code)))
    except (OSError, TypeError, SyntaxError):
        return {}
    found: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.update(owners.tables_in(node.value))
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in LOOKUPS:
                found.update(_looked_up(owners, [_text(arg) for arg in node.args[:2]]))
    return found


def _looked_up(owners: Ownership, label: list[str]) -> dict[str, str]:
    """The table of ``get_model("catalog", "Item")`` or ``("catalog.Item")``, else the app's."""
    app, _, name = ".".join(filter(None, label)).partition(".")
    product = owners.label_owner(app)
    if product is None:
        return {}
    model = apps.all_models.get(app, {}).get(name.lower())
    return {model._meta.db_table if model else f"models of {app}": product}


def _text(node: ast.expr) -> str:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""


def _signals() -> Iterator[tuple[str, Signal]]:
    """Every Signal a loaded Django, core, config or product module defines."""
    seen: set[int] = set()
    for module_name, module in list(sys.modules.items()):
        if module is None or not module_name.startswith(("django.", "core", "config", "products.")):
            continue
        for attribute, value in list(getattr(module, "__dict__", {}).items()):
            if isinstance(value, Signal) and id(value) not in seen:
                seen.add(id(value))
                yield attribute, value


def _model_place(model: type[models.Model]) -> str:
    # An M2M's through table: Django sets auto_created to the model whose field made it
    # (django-stubs types it as a bool only).
    maker: type[models.Model] | bool = model._meta.auto_created
    if isinstance(maker, type):
        for field in maker._meta.local_many_to_many:
            if field.remote_field.through is model:
                return _field_place(maker, field.name)
    path = inspect.getfile(model)
    return f"{relative(path)}:{_line(model)}"


def _text_line(path: Path, text: str) -> int:
    """The first line of ``path`` that mentions ``text`` in quotes, else 1."""
    try:
        lines = path.read_text().splitlines()
    except OSError:
        return 1
    for number, line in enumerate(lines, 1):
        if f'"{text}' in line or f"'{text}" in line:
            return number
    return next((n for n, line in enumerate(lines, 1) if text in line), 1)
