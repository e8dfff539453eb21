"""What a facade returns is data all the way down: the object, whatever its source did."""

import functools
import sys
import types
from collections.abc import Iterator
from typing import Any

import pytest

from slicekit.contract_data import data_problem

CONTRACTS = "products.shop.backend.facade.contracts"
SOURCE = """\
import functools
import math
from dataclasses import dataclass
from enum import Enum
from typing import Any, ClassVar, NamedTuple


class Size(Enum):
    SMALL = 1
    HUGE = [1, 2]


@dataclass(frozen=True)
class Item:
    name: str
    tags: Any = ()
    loader: ClassVar[Any] = None

    @property
    def rounded(self) -> int:
        return math.floor(len(self.name))


@dataclass(frozen=True)
class Tagged:
    tags: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "tags", list(self.tags))


@dataclass(frozen=True)
class Cached:
    name: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "_cache", {})


@dataclass(frozen=True)
class Reaching:
    id: int

    @property
    def row(self) -> Any:
        return _logic.get_item(self.id)


@dataclass
class Loose:
    name: str


class Name(str):
    def load(self) -> Any:
        return None


class Pair(NamedTuple):
    left: int
    right: int


_logic: Any = None
"""


@pytest.fixture
def contracts() -> Iterator[types.ModuleType]:
    """The source above as shop's facade.contracts module, with a logic module beside it."""
    module = types.ModuleType(CONTRACTS)
    sys.modules[CONTRACTS] = module
    exec(compile(SOURCE, "contracts.py", "exec"), module.__dict__)  # noqa: S102 - test source
    logic = types.ModuleType("products.shop.backend.logic")
    exec("def get_item(item_id):\n    return item_id", logic.__dict__)  # noqa: S102
    logic.get_item.__module__ = logic.__name__
    module.logic = logic
    yield module
    del sys.modules[CONTRACTS]


def problem(value: object) -> str:
    return data_problem(value, "it")


def test_contracts_of_scalars_enums_and_tuples_are_data(contracts: Any) -> None:
    item = contracts.Item("mug", (contracts.Size.SMALL, frozenset({b"x", None})))

    assert problem(item) == ""
    assert problem((item, item, 3, "text")) == ""
    assert item.rounded == 3  # a property that computes from its fields (and the stdlib)


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (lambda c: c.Tagged(("a",)), "it.tags is a list"),
        (lambda c: c.Item("mug", ((1, {"k": 2}),)), "it.tags[0][1] is a dict"),
        (lambda c: c.Item("mug", bytearray(b"x")), "it.tags is a bytearray"),
        (lambda c: c.Item("mug", {1, 2}), "it.tags is a set"),
        (lambda c: c.Item("mug", len), "it.tags is a builtin_function_or_method"),
        (lambda c: c.Cached("mug"), "it._cache is an attribute that is not a field"),
        (lambda c: c.Item(c.Name("mug")), "it.name is a Name"),
        (lambda c: c.Item("mug", c.Pair(1, 2)), "it.tags is a Pair"),
        (lambda c: c.Size.HUGE, "it.value is a list"),
        (lambda c: c.Loose("mug"), "it is a Loose, which is not frozen"),
        (lambda c: c.Reaching(1), "Reaching.row, which reaches products.shop.backend.logic"),
    ],
)
def test_what_is_not_data_is_named_with_its_path(contracts: Any, build: Any, expected: str) -> None:
    if "Reaching" in expected:
        contracts._logic = contracts.logic  # what a facade could do at import time

    assert expected in problem(build(contracts))


def test_a_class_level_loader_set_from_outside_is_found(contracts: Any) -> None:
    contracts.Item.loader = staticmethod(contracts.logic.get_item)

    found = problem(contracts.Item("mug"))

    assert "class attribute Item.loader is get_item from products.shop.backend.logic" in found


def test_a_partial_as_a_class_attribute_is_a_loader(contracts: Any) -> None:
    contracts.Item.loader = functools.partial(contracts.logic.get_item, 1)

    assert "a functools.partial of 'get_item'" in problem(contracts.Item("mug"))


def test_a_mutable_class_attribute_is_shared_state(contracts: Any) -> None:
    contracts.Item.loader = []

    assert "a mutable list shared by every instance" in problem(contracts.Item("mug"))


def test_every_problem_of_one_value_is_named(contracts: Any) -> None:
    contracts.Item.loader = staticmethod(contracts.logic.get_item)
    item = contracts.Item("mug", [1])
    object.__setattr__(item, "_rows", ())

    found = problem(item).split("; ")

    assert len(found) == 3
    assert found[0].startswith("it is a Item, whose class attribute Item.loader")
    assert found[1].startswith("it._rows is an attribute that is not a field")
    assert found[2] == "it.tags is a list (builtins.list), which is not data"
