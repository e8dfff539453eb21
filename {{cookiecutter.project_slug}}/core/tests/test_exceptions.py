"""The exception handler, with exceptions defined where products define theirs."""

import sys
import types

import pytest
from rest_framework.exceptions import ValidationError

from core.exceptions import exception_handler


def contract_exceptions() -> types.ModuleType:
    """A stand-in for a product's ``facade/contracts.py``, under its real module name."""
    module = types.ModuleType("products.shop.backend.facade.contracts")
    source = """
class ItemNotFound(LookupError): ...
class ItemRejected(ValueError): ...
class NotYours(PermissionError): ...
class Unrelated(Exception): ...
"""
    # A <name> for the file: there is none, and coverage measures no such code.
    exec(compile(source, f"<{module.__name__}>", "exec"), module.__dict__)  # noqa: S102
    return module


@pytest.fixture
def contracts(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    module = contract_exceptions()
    monkeypatch.setitem(sys.modules, module.__name__, module)
    return module


@pytest.mark.parametrize(
    ("name", "status"),
    [("ItemNotFound", 404), ("ItemRejected", 409), ("NotYours", 403)],
)
def test_contract_exceptions_become_http_errors_with_their_message(
    contracts: types.ModuleType, name: str, status: int
) -> None:
    response = exception_handler(getattr(contracts, name)("the reason"), {})

    assert response is not None
    assert (response.status_code, response.data) == (status, {"detail": "the reason"})


def test_a_contract_exception_of_another_kind_is_not_translated(
    contracts: types.ModuleType,
) -> None:
    assert exception_handler(contracts.Unrelated("boom"), {}) is None


@pytest.mark.parametrize("error", [ValueError("a bug"), LookupError("a bug"), PermissionError()])
def test_the_same_errors_raised_outside_contracts_stay_server_errors(error: Exception) -> None:
    assert exception_handler(error, {}) is None


def test_drf_errors_are_handled_as_before() -> None:
    response = exception_handler(ValidationError({"name": ["required"]}), {})

    assert response is not None
    assert (response.status_code, response.data) == (400, {"name": ["required"]})
