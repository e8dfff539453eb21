"""Test helpers any product may use: contracts, facade stubs, the contract lock, events.

The event helpers (captured_events, deliver, stub_event) use the project's
``core.events`` as a worker would, minus the broker.
"""

import dataclasses
import datetime as dt
import enum
import inspect
import sys
import types
import typing
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import models

from slicekit.contract_data import data_problem
from slicekit.lock import lock_failures, update_command
from slicekit.names import ProductNames
from slicekit.scalars import CONTRACT_SCALARS

# A value build_contract invents for each scalar (kit/tests/django/test_scalars.py holds it to
# CONTRACT_SCALARS) and for an empty tuple or frozenset; called anew for each field.
_PLACEHOLDERS: dict[type, Callable[[], Any]] = {
    bool: lambda: False,
    int: lambda: 0,
    float: lambda: 0.0,
    complex: lambda: 0j,
    str: lambda: "example",
    bytes: lambda: b"",
    Decimal: lambda: Decimal(0),
    uuid.UUID: uuid.uuid4,
    dt.date: lambda: dt.date(2025, 1, 1),
    dt.datetime: lambda: dt.datetime.now(dt.UTC),
    dt.time: lambda: dt.time(0, 0),
    dt.timedelta: lambda: dt.timedelta(0),
    dt.timezone: lambda: dt.UTC,
    tuple: tuple,
    frozenset: frozenset,
}


def build_contract[T](contract: type[T], **values: Any) -> T:
    """Build a contract instance, filling the fields not given with placeholders.

    A consumer's tests use it to stand in for another product's facade: they
    then depend on that product's contract, not on its implementation.
    """
    if not dataclasses.is_dataclass(contract):
        raise TypeError(f"{contract!r} is not a contract: contracts are dataclasses")
    hints = typing.get_type_hints(contract)
    for field in dataclasses.fields(contract):
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
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return next(iter(annotation))
    if annotation in _PLACEHOLDERS:
        return _PLACEHOLDERS[annotation]()
    raise TypeError(f"build_contract cannot invent a value for {where}: pass it explicitly")


def assert_is_contract(value: object, where: str = "the value") -> None:
    """Fail unless ``value`` is something a facade may return: contracts, never models.

    Frozen, hashable dataclasses (checked field by field), enums, scalars,
    None, and tuples or frozensets of them; then, all the way down, data and
    nothing else (``slicekit.contract_data``: no mutable container, callable,
    attribute beside the fields, or contract class carrying a loader).
    """
    _assert_shape(value, where)
    problem = data_problem(value, where)
    if problem:
        raise AssertionError(problem)


def _assert_shape(value: object, where: str) -> None:
    if isinstance(value, models.Model):
        raise AssertionError(f"{where} is an ORM instance ({type(value).__name__}), not a contract")
    if isinstance(value, tuple | frozenset):
        for index, item in enumerate(value):
            _assert_shape(item, f"{where}[{index}]")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        # Every dataclass has __dataclass_params__; typeshed's DataclassInstance omits it.
        if not type(value).__dataclass_params__.frozen:  # type: ignore[attr-defined]
            raise AssertionError(f"{where} is a {type(value).__name__}, which is not frozen")
        for field in dataclasses.fields(value):
            _assert_shape(getattr(value, field.name), f"{where}.{field.name}")
        hash(value)
    elif not (value is None or isinstance(value, (enum.Enum, *CONTRACT_SCALARS))):
        raise AssertionError(f"{where} is a {type(value).__name__}, not a contract")


def value_problem(value: object, annotation: object, *, deep: bool = True) -> str:
    """Why ``value`` is not what ``annotation`` promises a facade caller, or ``''``.

    Follows unions, ``Literal``, ``tuple[X, ...]``, ``tuple[X, Y]`` and
    ``frozenset[X]``; a dataclass is then checked field by field, so an ORM
    row hidden inside a contract is found too. An annotation it cannot judge
    (a type variable, a string) lets any contract-like value through. With
    ``deep=False`` the check stops there, short of ``contract_data``'s.
    """
    if isinstance(value, models.Model):
        return f"{_describe(value)}, an ORM instance, not {_name(annotation)}"
    if isinstance(value, models.QuerySet):
        return f"a QuerySet of {value.model.__name__}, not {_name(annotation)}"
    problem = _shape_problem(value, annotation)
    if problem:
        return problem
    try:
        (assert_is_contract if deep else _assert_shape)(value, _describe(value))
    except AssertionError as error:
        return str(error)
    except TypeError as error:  # hash() of a frozen dataclass holding a list
        return f"{_describe(value)}, which is not hashable ({error})"
    return ""


def _shape_problem(value: object, annotation: object) -> str:
    if annotation is None or annotation is type(None):
        return "" if value is None else f"{_describe(value)}, not None"
    origin, arguments = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        problems = [_shape_problem(value, member) for member in arguments]
        return "" if "" in problems else f"{_describe(value)}, not {_name(annotation)}"
    if origin is typing.Literal:
        return "" if value in arguments else f"{value!r}, not one of {arguments}"
    if origin in (tuple, frozenset):
        if not isinstance(value, origin):
            return f"{_describe(value)}, not {_name(annotation)}"
        items = list(value)
        if origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis:
            expected = [arguments[0]] * len(items)
        elif origin is tuple:
            if len(items) != len(arguments):
                return f"a tuple of {len(items)} items, not {_name(annotation)}"
            expected = list(arguments)
        else:
            expected = [arguments[0]] * len(items) if arguments else []
        for index, (item, member) in enumerate(zip(items, expected, strict=False)):
            problem = _shape_problem(item, member)
            if problem:
                return f"[{index}] is {problem}"
        return ""
    if isinstance(annotation, type):
        if isinstance(value, annotation):
            return ""
        return f"{_describe(value)}, not {_name(annotation)}"
    return ""


def _describe(value: object) -> str:
    kind = type(value)
    return f"{kind.__name__} ({kind.__module__}.{kind.__qualname__})"


def _name(annotation: object) -> str:
    if isinstance(annotation, type):
        return annotation.__qualname__
    return str(annotation).replace("typing.", "")


_STUB_OF = "__facade_stub_of__"
_NOTHING: Any = object()  # returns= not given (None is a value a facade may return)


def stub_facade[R](
    monkeypatch: pytest.MonkeyPatch,
    function: Callable[..., R],
    implementation: Callable[..., R] | None = None,
    /,
    *,
    returns: R = _NOTHING,
) -> list[inspect.BoundArguments]:
    """Replace another product's facade function for one test, held to the real one.

    ``stub_facade(monkeypatch, catalog_api.get_item, returns=item)`` answers
    every call with ``item``; pass an ``implementation`` instead when the
    answer depends on the arguments. Either way each call must bind to the
    real function's signature and its arguments must be what the real
    annotations say, and what the stub returns must be what the real return
    annotation promises (that product's contracts), or the test fails. So a
    breaking change to the facade (a new required parameter, a renamed one, a
    new return type) fails the consumer's tests even in a full run. Returns
    the list of calls, as ``inspect.BoundArguments``, for assertions.

    Callers must reach the function as ``<product>_api.<name>``, through the
    module, as the skeleton does: a name imported with ``from ... import``
    before the stub is installed still points at the real function.
    """
    real = getattr(function, _STUB_OF, function)
    module = sys.modules.get(getattr(real, "__module__", ""), None)
    name = getattr(real, "__name__", "")
    parts = getattr(module, "__name__", "").split(".")
    is_facade = (
        module is not None
        and len(parts) == 5
        and module.__name__ == f"{ProductNames(parts[1]).app_module}.facade.api"
        and getattr(module, name, None) in (real, function)
        and name in getattr(module, "__all__", ())
    )
    if module is None or not is_facade:
        raise TypeError(f"{function!r} is not a public facade function (in a facade's __all__)")
    if (implementation is None) == (returns is _NOTHING):
        raise TypeError("stub_facade takes an implementation or returns=..., exactly one")
    where = f"{module.__name__}.{name}"
    signature = inspect.signature(real)
    hints = typing.get_type_hints(real)
    expected = hints.get("return")
    if implementation is None:
        problem = value_problem(returns, expected)
        if problem:
            raise TypeError(f"returns= for {where} is {problem}")
    calls: list[inspect.BoundArguments] = []

    def stub(*args: Any, **kwargs: Any) -> R:
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError as error:
            raise TypeError(
                f"the call does not match the real {where}{signature}: {error}"
            ) from None
        for parameter, value in bound.arguments.items():
            kind = signature.parameters[parameter].kind
            if parameter in hints and kind not in (kind.VAR_POSITIONAL, kind.VAR_KEYWORD):
                problem = _shape_problem(value, hints[parameter])
                if problem:
                    raise TypeError(f"argument {parameter} of {where} is {problem}")
        calls.append(bound)
        if implementation is None:
            return returns
        result = implementation(*bound.args, **bound.kwargs)
        problem = value_problem(result, expected)
        if problem:
            raise AssertionError(f"the stub of {where} returned {problem}")
        return result

    setattr(stub, _STUB_OF, real)
    # inspect.signature() reads __signature__, an attribute typeshed's functions lack.
    stub.__signature__ = signature  # type: ignore[attr-defined]
    monkeypatch.setattr(module, name, stub)
    return calls


def assert_contract_lock_holds(product: str) -> None:
    """Fail unless the product's contracts and facade pass ``python -m slicekit contracts``.

    A product's own tests call it, so a change to its facade's surface that
    the lock does not record fails the product's own ``backend:test`` (whose
    inputs include ``api.py``), even where the cached ``backend:contract-check``
    (whose inputs do not) is replayed. Accepting the change rewrites the lock,
    which re-tests every consumer.
    """
    failures = lock_failures(Path(settings.BASE_DIR), product)
    if failures:
        raise AssertionError(
            "\n".join([*failures, f"accept deliberate changes with: {update_command(product)}"])
        )


@contextmanager
def captured_events() -> Iterator[list[Any]]:
    """The events published inside the block, in the order they were published.

    Read from the outbox itself, so an event that a rolled-back change published is not
    there: ``with captured_events() as published: api.delete_item(item.id)``, then
    ``assert published == [ItemDeleted(item_id=item.id)]``.
    """
    from core.events.codec import loads
    from core.events.models import OutboxEvent
    from core.events.registry import event_class

    before = set(OutboxEvent.objects.values_list("id", flat=True))
    published: list[Any] = []
    yield published
    for row in OutboxEvent.objects.exclude(id__in=before).order_by("created_at", "id"):
        published.append(loads(event_class(row.topic), row.payload))


def deliver(event: object, *, aggregate_id: object = "") -> list[str]:
    """Hand ``event`` to every installed handler now, synchronously, without a broker.

    Each handler runs as a worker runs it (in a transaction with its processed-events
    record, so delivering the same stored event twice handles it once); a handler's
    exception is raised as it is. Returns the subscribers' names; fails when no
    installed product subscribes to the event.
    """
    from core.events.delivery import HandlerFailed, handle
    from core.events.outbox import store
    from core.events.registry import subscriptions_to, topic_of

    subscriptions = subscriptions_to(topic_of(type(event)))
    if not subscriptions:
        raise AssertionError(f"no installed product subscribes to {topic_of(type(event))}")
    row = store(event, aggregate_id=aggregate_id)
    for subscription in subscriptions:
        try:
            handle(subscription.name, row.id)
        except HandlerFailed as failed:
            raise failed.__cause__ or failed from None
    return [subscription.name for subscription in subscriptions]


def stub_event[E](event_type: type[E], **values: Any) -> E:
    """An event of another product, for delivering to this one's handlers in its tests.

    Like ``stub_facade``, held to the real thing: ``event_type`` must be a class of a
    product's ``facade/events.py``, every value must name one of its fields and be what
    that field's annotation says, and the fields not given get placeholders
    (``build_contract``). A renamed field or a changed type fails the subscriber's tests.
    """
    module = sys.modules.get(getattr(event_type, "__module__", ""))
    parts = getattr(module, "__name__", "").split(".")
    expected = f"{ProductNames(parts[1]).app_module}.facade.events" if len(parts) == 5 else ""
    if module is None or module.__name__ != expected or not dataclasses.is_dataclass(event_type):
        raise TypeError(f"{event_type!r} is not an event: a dataclass of a facade's events.py")
    hints = typing.get_type_hints(event_type)
    fields = {field.name for field in dataclasses.fields(event_type) if field.init}
    for name, value in values.items():
        if name not in fields:
            raise TypeError(f"{event_type.__qualname__} has no field {name!r}: {sorted(fields)}")
        problem = _shape_problem(value, hints[name])
        if problem:
            raise TypeError(f"{event_type.__qualname__}.{name} is {problem}")
    return build_contract(event_type, **values)
