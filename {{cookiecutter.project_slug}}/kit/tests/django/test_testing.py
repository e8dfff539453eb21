import datetime as dt
import enum
import uuid
from dataclasses import dataclass, field

import pytest

from slicekit.testing import build_contract


class Colour(enum.StrEnum):
    RED = "red"
    BLUE = "blue"


@dataclass(frozen=True)
class Example:
    id: uuid.UUID
    name: str
    colour: Colour
    at: dt.datetime
    note: str | None
    tags: tuple[str, ...]
    count: int = 3
    extra: frozenset[str] = field(default_factory=frozenset)


class Handle:
    """Not data: nothing a contract may hold, so build_contract has no value to invent."""


@dataclass(frozen=True)
class Unbuildable:
    payload: Handle


def test_missing_fields_get_placeholders_and_given_ones_win() -> None:
    built = build_contract(Example, colour=Colour.BLUE)

    assert isinstance(built.id, uuid.UUID)
    assert built.name == "example"
    assert built.colour is Colour.BLUE
    assert built.at.tzinfo is not None
    assert (built.note, built.tags, built.count, built.extra) == (None, (), 3, frozenset())


def test_enums_default_to_their_first_member() -> None:
    assert build_contract(Example).colour is Colour.RED


def test_an_unknown_field_type_must_be_given_explicitly() -> None:
    with pytest.raises(TypeError, match=r"Unbuildable\.payload"):
        build_contract(Unbuildable)
    handle = Handle()
    assert build_contract(Unbuildable, payload=handle).payload is handle
