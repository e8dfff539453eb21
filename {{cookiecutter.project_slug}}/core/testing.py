"""Test helpers any product may use."""

import dataclasses
import datetime as dt
import enum
import types
import typing
import uuid
from decimal import Decimal
from typing import Any

from django.db import models

from core.checks import CONTRACT_SCALARS

_PLACEHOLDERS: dict[type, Any] = {
    str: "example",
    int: 0,
    float: 0.0,
    bool: False,
    Decimal: Decimal(0),
    dt.date: dt.date(2025, 1, 1),
    tuple: (),
    frozenset: frozenset(),
}


def build_contract[T](contract: type[T], **values: Any) -> T:
    """Build a contract instance, filling the fields not given with placeholders.

    A consumer's tests use it to stand in for another product's facade: they
    then depend on that product's contract, not on its implementation.
    """
    hints = typing.get_type_hints(contract)
    for field in dataclasses.fields(contract):  # type: ignore[arg-type]
        if field.name in values or not field.init:
            continue
        if (
            field.default is not dataclasses.MISSING
            or field.default_factory is not dataclasses.MISSING
        ):
            continue
        values[field.name] = _placeholder(hints[field.name], f"{contract.__name__}.{field.name}")
    return contract(**values)


def _placeholder(annotation: Any, where: str) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType) and type(None) in typing.get_args(annotation):
        return None
    if origin is not None:
        annotation = origin
    if annotation is uuid.UUID:
        return uuid.uuid4()
    if annotation is dt.datetime:
        return dt.datetime.now(dt.UTC)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return next(iter(annotation))
    if annotation in _PLACEHOLDERS:
        return _PLACEHOLDERS[annotation]
    raise TypeError(f"build_contract cannot invent a value for {where}: pass it explicitly")


def assert_is_contract(value: object, where: str = "the value") -> None:
    """Fail unless ``value`` is something a facade may return: contracts, never models.

    Frozen, hashable dataclasses (checked field by field), enums, scalars,
    None, and tuples or frozensets of them.
    """
    if isinstance(value, models.Model):
        raise AssertionError(f"{where} is an ORM instance ({type(value).__name__}), not a contract")
    if isinstance(value, tuple | frozenset):
        for index, item in enumerate(value):
            assert_is_contract(item, f"{where}[{index}]")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        if not type(value).__dataclass_params__.frozen:  # type: ignore[attr-defined]
            raise AssertionError(f"{where} is a {type(value).__name__}, which is not frozen")
        for field in dataclasses.fields(value):
            assert_is_contract(getattr(value, field.name), f"{where}.{field.name}")
        hash(value)
    elif not (value is None or isinstance(value, (enum.Enum, *CONTRACT_SCALARS))):
        raise AssertionError(f"{where} is a {type(value).__name__}, not a contract")
