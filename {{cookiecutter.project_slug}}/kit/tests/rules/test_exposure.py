"""A contract's bases are its own product's; another product's contract it hands out is locked."""

from collections.abc import Callable
from pathlib import Path

import pytest

from slicekit.contracts import read_contracts
from slicekit.lock import compare, read_lock, write_lock

ORDER = """\
from dataclasses import dataclass

from .enums import Size


@dataclass(frozen=True)
class Order:
    total: int
    size: Size


class OrderFailed(ValueError):
    pass
"""
SIZES = 'from enum import StrEnum\n\n\nclass Size(StrEnum):\n    BIG = "big"\n'
SHOP = """\
from dataclasses import dataclass

import products.orders.backend.facade.contracts as orders
from products.orders.backend.facade.contracts import Order


@dataclass(frozen=True)
class Item:
    name: str
    order: Order | None = None
    history: tuple[orders.Order, ...] = ()
"""


def rules(root: Path, product: str = "shop") -> list[str]:
    return [f"{finding.line}:{finding.rule}" for finding in read_contracts(root, product).findings]


@pytest.mark.parametrize(
    ("imports", "bases"),
    [
        ("from products.orders.backend.facade.contracts import Order", "(Order)"),
        ("from products.orders.backend.facade.contracts import Order as Base", "(Base)"),
        ("import products.orders.backend.facade.contracts as oc", "(oc.Order)"),
    ],
)
def test_a_dataclass_based_on_another_products_contract_fails(
    write_contracts: Callable[..., Path], imports: str, bases: str
) -> None:
    source = (
        f"{imports}\nfrom dataclasses import dataclass\n\n\n"
        f"@dataclass(frozen=True)\nclass Mine{bases}:\n    extra: int = 0\n"
    )

    assert rules(write_contracts(source)) == ["6:contract-bases"]


def test_an_exception_based_on_another_products_exception_fails(
    write_contracts: Callable[..., Path],
) -> None:
    source = (
        "from products.orders.backend.facade.contracts import OrderFailed\n\n\n"
        "class Refused(OrderFailed):\n    pass\n"
    )

    assert "4:contract-bases" in rules(write_contracts(source))


def test_own_bases_and_another_products_contract_in_a_field_pass(
    write_contracts: Callable[..., Path],
) -> None:
    write_contracts(ORDER, SIZES, product="orders")
    source = SHOP + "\n\n@dataclass(frozen=True)\nclass Special(Item):\n    rank: int = 0\n"

    assert rules(write_contracts(source)) == []


@pytest.fixture
def exposing(write_contracts: Callable[..., Path]) -> Path:
    write_contracts(ORDER, SIZES, product="orders")
    root = write_contracts(SHOP)
    write_lock(root, read_contracts(root, "shop"))
    return root


def test_the_lock_records_the_foreign_classes_handed_out_through_their_fields(
    exposing: Path,
) -> None:
    exposes = read_lock(exposing, "shop")["exposes"]

    assert sorted(exposes) == ["orders.Order", "orders.Size"]
    assert exposes["orders.Order"]["fields"][0] == {"name": "total", "type": "int"}


def test_a_breaking_change_to_a_handed_out_class_breaks_the_exposing_product(
    exposing: Path,
) -> None:
    orders = exposing / "products/orders/backend/facade/contracts.py"
    orders.write_text(ORDER.replace("    total: int\n", "    total: str\n"))

    breaking, _ = compare(read_lock(exposing, "shop"), read_contracts(exposing, "shop"))

    assert [str(finding) for finding in breaking] == [
        "products/shop/backend/facade/contracts.py:10: contract-lock: field "
        "orders.Order.total changed type from int to str"
    ]


def test_an_addition_to_a_handed_out_class_is_compatible(exposing: Path) -> None:
    orders = exposing / "products/orders/backend/facade/contracts.py"
    orders.write_text(ORDER.replace("    size: Size\n", "    size: Size\n    note: str = ''\n"))

    breaking, additions = compare(read_lock(exposing, "shop"), read_contracts(exposing, "shop"))

    assert breaking == []
    assert additions == ["new field orders.Order.note (default '')"]


def test_a_lock_without_exposes_stays_valid_and_lists_them_as_additions(
    exposing: Path,
) -> None:
    lock = exposing / "products/shop/backend/facade/contracts.lock.json"
    lock.write_text(lock.read_text().split('  "exposes"')[0].rstrip().rstrip(",") + "\n}\n")

    breaking, additions = compare(read_lock(exposing, "shop"), read_contracts(exposing, "shop"))

    assert breaking == []
    assert "now hands out orders.Order, another product's contract" in additions
