"""One list of contract scalars: the static check, the runtime checks and build_contract agree.

They used to keep three lists: the static check accepted a ``complex`` or a
``datetime.timezone`` field the runtime checks refused, and build_contract could not fill a
``bytes``, ``time``, ``timedelta`` (or either of those) field the checks accepted.
"""

import ast
import dataclasses
import importlib
from collections.abc import Callable

import pytest

from slicekit.annotations import SCALARS, resolve, scope_of
from slicekit.django.checks import _return_problem
from slicekit.scalars import CONTRACT_SCALARS, qualified_name
from slicekit.testing import _PLACEHOLDERS, assert_is_contract, build_contract, value_problem

IMPORTS = "import datetime\nimport decimal\nimport uuid\n"


def runtime_type(name: str) -> object:
    module, _, attribute = name.rpartition(".")
    return getattr(importlib.import_module(module or "builtins"), attribute)


def test_the_static_list_names_exactly_the_runtime_types() -> None:
    assert {runtime_type(name) for name in SCALARS} == set(CONTRACT_SCALARS)
    assert len(SCALARS) == len(CONTRACT_SCALARS)


def test_build_contract_has_a_placeholder_for_every_scalar() -> None:
    missing = [scalar.__qualname__ for scalar in CONTRACT_SCALARS if scalar not in _PLACEHOLDERS]

    assert missing == []
    for scalar in CONTRACT_SCALARS:
        assert type(_PLACEHOLDERS[scalar]()) is scalar, scalar


def returning(annotation: type) -> Callable[[], object]:
    def facade_function() -> object:
        return None

    facade_function.__annotations__ = {"return": annotation}
    return facade_function


@pytest.mark.parametrize("scalar", CONTRACT_SCALARS, ids=qualified_name)
def test_a_scalar_field_is_accepted_and_built_by_every_check(scalar: type) -> None:
    name = qualified_name(scalar)
    scope = scope_of(ast.parse(IMPORTS), "products.catalog.backend.facade", {})
    contract = dataclasses.make_dataclass("Holder", [("value", scalar)], frozen=True)

    static = resolve(ast.parse(name, mode="eval").body, scope)
    built = build_contract(contract)

    assert (static.text, static.problem) == (name, "")
    assert isinstance(built.value, scalar)
    assert_is_contract(built)
    assert value_problem(built.value, scalar) == ""
    assert _return_problem(returning(scalar)) == ""
