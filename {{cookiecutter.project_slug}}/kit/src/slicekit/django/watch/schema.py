"""runtime-schema: introspecting another product's tables.

``connection.introspection`` lists the schema (``table_names``, ``get_table_list``,
``django_table_names``) or describes one table (``get_table_description``,
``get_constraints``, ``get_relations``, ...). A call product code makes itself is judged:
describing another product's table, or listing a schema that holds other products'
tables (a product asks about its own tables by name). Django's own callers (flush, the
test database set-up, ``inspectdb``) are no product's and pass.
"""

import sys
from collections.abc import Callable, Iterable
from types import FrameType
from typing import Any

from django.db import connections

from slicekit.django.ownership import SHARED
from slicekit.django.watch import Judge, Undo, patch, undo_all
from slicekit.rules import rule

RULE = rule("runtime-schema")
DESCRIBING = (
    "get_table_description",
    "get_constraints",
    "get_relations",
    "get_sequences",
    "get_primary_key_column",
    "get_primary_key_columns",
)
LISTING = ("table_names", "get_table_list", "django_table_names")


def install(judge: Judge) -> Undo:
    kinds = {type(connection.introspection) for connection in connections.all()}
    return undo_all(
        *(
            patch(kind, name, _describing(judge, getattr(kind, name)))
            for kind in kinds
            for name in DESCRIBING
            if hasattr(kind, name)
        ),
        *(
            patch(kind, name, _listing(judge, getattr(kind, name)))
            for kind in kinds
            for name in LISTING
            if hasattr(kind, name)
        ),
    )


def _product_caller(judge: Judge) -> FrameType | None:
    """The frame calling the introspection method, if it is product code."""
    caller = sys._getframe(2)
    owner = judge.owners.file_owner(caller.f_code.co_filename)
    return caller if owner not in (None, SHARED) else None


def _describing(judge: Judge, method: Callable[..., Any]) -> Callable[..., Any]:
    def described(self: Any, cursor: Any, table_name: str, *args: Any, **kwargs: Any) -> Any:
        caller = _product_caller(judge)
        if caller is not None:
            owner = judge.owners.tables.get(str(table_name).lower())
            judge.use(owner, RULE, f"introspects the table {table_name}", caller)
        return method(self, cursor, table_name, *args, **kwargs)

    return described


def _listing(judge: Judge, method: Callable[..., Any]) -> Callable[..., Any]:
    def listed(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = method(self, *args, **kwargs)
        caller = _product_caller(judge)
        if caller is not None:
            tables = judge.owners.tables
            for owner, table in sorted(
                {tables[n]: n for n in _names(result) if n in tables}.items()
            ):
                judge.use(owner, RULE, f"lists the schema, with {table} and the rest", caller)
        return result

    return listed


def _names(result: Iterable[Any]) -> list[str]:
    return [str(getattr(item, "name", item)).lower() for item in result]
