"""stub_facade holds a stub to the real facade function; the guard checks real returns."""

import sys
import types
import uuid
from dataclasses import dataclass

import pytest

from slicekit.django.facade_guard import _Guard
from slicekit.testing import stub_facade, value_problem

from core.models import User

MODULE = "products.stub_shop.backend.facade.api"


@dataclass(frozen=True)
class Item:
    id: uuid.UUID
    name: str


def get_item(item_id: uuid.UUID, *, deep: bool = False) -> Item:
    raise NotImplementedError  # the real function: never called through a stub


def list_items(offset: int = 0) -> tuple[Item, ...]:
    return ()


def delete_item(item_id: uuid.UUID) -> None:
    return None


def _private() -> int:
    return 0


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """A product facade module, as the stub sees one: products.<p>.backend.facade.api."""
    module = types.ModuleType(MODULE)
    module.__all__ = ["delete_item", "get_item", "list_items"]  # type: ignore[attr-defined]
    for function in (get_item, list_items, delete_item, _private):
        monkeypatch.setattr(function, "__module__", MODULE)
        setattr(module, function.__name__, function)
    monkeypatch.setitem(sys.modules, MODULE, module)
    return module


ITEM = Item(uuid.uuid4(), "Blue mug")


def test_a_stub_answers_calls_that_bind_to_the_real_signature(
    api: types.ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = stub_facade(monkeypatch, api.get_item, returns=ITEM)

    assert api.get_item(ITEM.id) is ITEM
    assert api.get_item(item_id=ITEM.id, deep=True) is ITEM
    assert [call.arguments for call in calls] == [
        {"item_id": ITEM.id},
        {"item_id": ITEM.id, "deep": True},
    ]


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((), {}, "missing a required argument: 'item_id'"),
        ((ITEM.id, True), {}, "too many positional arguments"),
        ((ITEM.id,), {"tenant": "x"}, "unexpected keyword argument 'tenant'"),
        (("not-a-uuid",), {}, "argument item_id of .*get_item is str"),
    ],
)
def test_a_call_the_real_function_would_refuse_fails(
    api: types.ModuleType,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[object, ...],
    kwargs: dict[str, object],
    message: str,
) -> None:
    stub_facade(monkeypatch, api.get_item, returns=ITEM)

    with pytest.raises(TypeError, match=message):
        api.get_item(*args, **kwargs)


def test_a_stub_must_return_the_promised_contract(
    api: types.ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(TypeError, match=r"returns= for .*get_item is User"):
        stub_facade(monkeypatch, api.get_item, returns=User(username="ada"))

    stub_facade(monkeypatch, api.list_items, lambda offset=0: [ITEM])
    with pytest.raises(AssertionError, match=r"returned list .*, not tuple"):
        api.list_items()

    stub_facade(monkeypatch, api.list_items, lambda offset=0: (ITEM, "x"))
    with pytest.raises(AssertionError, match=r"\[1\] is str"):
        api.list_items()


def test_an_implementation_gets_the_arguments_as_the_real_function_would(
    api: types.ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    stub_facade(monkeypatch, api.list_items, lambda offset=0: (ITEM,) * offset)
    stub_facade(monkeypatch, api.delete_item, returns=None)

    assert api.list_items(offset=2) == (ITEM, ITEM)
    assert api.delete_item(ITEM.id) is None


def test_restubbing_a_stub_replaces_it_held_to_the_same_real_function(
    api: types.ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    stub_facade(monkeypatch, api.get_item, returns=ITEM)
    other = Item(uuid.uuid4(), "Red mug")
    stub_facade(monkeypatch, api.get_item, returns=other)

    assert api.get_item(ITEM.id) is other
    with pytest.raises(TypeError, match="missing a required argument"):
        api.get_item()


def test_only_public_facade_functions_can_be_stubbed(
    api: types.ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(TypeError, match="not a public facade function"):
        stub_facade(monkeypatch, api._private, returns=0)
    with pytest.raises(TypeError, match="not a public facade function"):
        stub_facade(monkeypatch, value_problem, returns="")
    with pytest.raises(TypeError, match="exactly one"):
        stub_facade(monkeypatch, api.get_item)


@pytest.mark.django_db
def test_value_problem_finds_rows_where_contracts_are_promised(user: User) -> None:
    assert value_problem(ITEM, Item) == ""
    assert value_problem((ITEM,), tuple[Item, ...]) == ""
    assert value_problem(None, Item | None) == ""
    assert "an ORM instance" in value_problem(user, Item)
    assert "a QuerySet of User" in value_problem(User.objects.all(), tuple[Item, ...])
    assert "[0] is User" in value_problem((user,), tuple[Item, ...])
    assert ".name is an ORM instance (User)" in value_problem(Item(ITEM.id, user), Item)  # type: ignore[arg-type]


def test_the_guard_records_what_a_watched_function_really_returns() -> None:
    def dishonest() -> Item:
        return "a row"  # type: ignore[return-value]

    guard = _Guard()
    guard.codes.append(dishonest.__code__)
    guard.functions[id(dishonest.__code__)] = ("facade function shop.dishonest (api.py:1)", Item)
    guard.start()
    try:
        dishonest()
        list_items()  # not watched
    finally:
        guard.stop()

    assert len(guard.problems) == 1
    assert guard.problems[0].startswith(
        "facade function shop.dishonest (api.py:1): facade-values: "
        "returned str (builtins.str), not Item"
    )
