"""stub_event holds a stub of another product's event to the event's declared fields."""

import sys
import types
import uuid
from dataclasses import dataclass

import pytest

from slicekit.testing import stub_event

MODULE = "products.stub_shop.backend.facade.events"


@dataclass(frozen=True)
class ItemDeleted:
    item_id: uuid.UUID
    reason: str
    note: str | None = None


@dataclass(frozen=True)
class NotAnEvent:
    item_id: uuid.UUID


@pytest.fixture
def events(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """A product's events module, as stub_event sees one: products.<p>.backend.facade.events."""
    module = types.ModuleType(MODULE)
    monkeypatch.setattr(ItemDeleted, "__module__", MODULE)
    module.ItemDeleted = ItemDeleted  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, MODULE, module)
    return module


def test_a_stub_takes_the_values_given_and_invents_the_others(events: types.ModuleType) -> None:
    item_id = uuid.uuid4()

    event = stub_event(ItemDeleted, item_id=item_id)

    assert event.item_id == item_id
    assert isinstance(event.reason, str)
    assert event.note is None


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"item_id": "not a uuid"}, r"ItemDeleted\.item_id is str .*, not UUID"),
        ({"note": 3}, r"ItemDeleted\.note is int .*, not"),
        ({"item": uuid.uuid4()}, r"ItemDeleted has no field 'item'"),
    ],
    ids=["wrong-type", "wrong-optional", "unknown-field"],
)
def test_a_stub_that_the_real_event_would_not_hold_fails(
    events: types.ModuleType, values: dict[str, object], message: str
) -> None:
    with pytest.raises(TypeError, match=message):
        stub_event(ItemDeleted, **values)


def test_only_an_event_of_a_facades_events_module_can_be_stubbed(
    events: types.ModuleType,
) -> None:
    with pytest.raises(TypeError, match="is not an event"):
        stub_event(NotAnEvent, item_id=uuid.uuid4())
