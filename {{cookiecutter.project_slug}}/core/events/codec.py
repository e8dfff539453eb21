"""An event as JSON and back: the outbox stores the payload, the handler gets the event.

Events are frozen dataclasses of contract values (the kit's contract rules hold them to it),
so the shapes to handle are few: scalars, enums, nested contracts, tuples and frozensets
of them, and optional ones. Decoding follows the event's type hints, so a handler receives
exactly the class the publisher declared.
"""

import dataclasses
import datetime as dt
import enum
import json
import types
import typing
import uuid
from decimal import Decimal
from functools import cache
from typing import Any

type JSON = bool | int | float | str | list[JSON] | dict[str, JSON] | None

# Values JSON cannot hold, written as text and read back with their type's own parser.
_AS_TEXT: dict[type, typing.Callable[[str], Any]] = {
    uuid.UUID: uuid.UUID,
    Decimal: Decimal,
    dt.datetime: dt.datetime.fromisoformat,
    dt.date: dt.date.fromisoformat,
    dt.time: dt.time.fromisoformat,
}


def dumps(event: object) -> str:
    """An event as JSON text, for the outbox."""
    return json.dumps(encode(event), sort_keys=True)


def loads[E](event_type: type[E], text: str) -> E:
    """The event of class ``event_type`` that ``text`` (from :func:`dumps`) holds."""
    return decode(event_type, json.loads(text))


def encode(value: object) -> JSON:
    """An event (or any of its values) as JSON data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return encode(value.value)
    if isinstance(value, tuple | frozenset):
        items = [encode(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, frozenset) else items
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, uuid.UUID | Decimal | dt.date | dt.time):  # datetime is a date
        return value.isoformat() if not isinstance(value, uuid.UUID | Decimal) else str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError(f"{type(value).__name__} cannot be part of an event")


def decode[E](event_type: type[E], payload: JSON) -> E:
    """The event ``payload`` encodes, of the class ``event_type``."""
    value: E = _decode(event_type, payload)
    return value


def _decode(annotation: Any, data: JSON) -> Any:
    origin, arguments = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        if data is None and type(None) in arguments:
            return None
        member = next(a for a in arguments if a is not type(None))
        return _decode(member, data)
    if origin is tuple and isinstance(data, list):
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            return tuple(_decode(arguments[0], item) for item in data)
        return tuple(_decode(a, item) for a, item in zip(arguments, data, strict=True))
    if origin is frozenset and isinstance(data, list):
        return frozenset(_decode(arguments[0], item) for item in data)
    if (
        isinstance(annotation, type)
        and dataclasses.is_dataclass(annotation)
        and isinstance(data, dict)
    ):
        hints = _hints(annotation)
        fields = [f for f in dataclasses.fields(annotation) if f.init and f.name in data]
        return annotation(**{f.name: _decode(hints[f.name], data[f.name]) for f in fields})
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return annotation(data)
    if annotation is dt.timedelta and isinstance(data, int | float):
        return dt.timedelta(seconds=data)
    if annotation in _AS_TEXT and isinstance(data, str):
        return _AS_TEXT[annotation](data)
    return data


@cache
def _hints(event_type: type) -> dict[str, Any]:
    return typing.get_type_hints(event_type)
