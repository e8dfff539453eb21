"""A product's facade/events.py: held to the contract rules, and locked like its contracts."""

from collections.abc import Callable
from pathlib import Path

from slicekit.contracts import facade_directory, read_contracts
from slicekit.lock import compare, read_lock, write_lock
from slicekit.reach_surface import read_surface

EVENTS = """\
from dataclasses import dataclass
from uuid import UUID

from .enums import Reason


@dataclass(frozen=True)
class ItemDeleted:
    item_id: UUID
    reason: Reason
"""
ENUMS = "from enum import StrEnum\n\n\nclass Reason(StrEnum):\n    GONE = 'gone'\n"


def with_events(write_contracts: Callable[..., Path], events: str) -> Path:
    root = write_contracts("", ENUMS)
    (facade_directory(root, "shop") / "events.py").write_text(events)
    return root


def test_events_are_read_and_locked_with_the_contracts(
    write_contracts: Callable[..., Path],
) -> None:
    root = with_events(write_contracts, EVENTS)
    contracts = read_contracts(root, "shop")

    assert contracts.findings == []
    assert contracts.classes["ItemDeleted"] == {
        "kind": "dataclass",
        "module": "events",
        "fields": [{"name": "item_id", "type": "uuid.UUID"}, {"name": "reason", "type": "Reason"}],
    }
    assert read_surface(root, "shop").is_public("events", "ItemDeleted")


def test_a_breaking_change_to_an_event_is_refused_by_the_lock(
    write_contracts: Callable[..., Path],
) -> None:
    root = with_events(write_contracts, EVENTS)
    write_lock(root, read_contracts(root, "shop"))

    (facade_directory(root, "shop") / "events.py").write_text(
        EVENTS.replace("    reason: Reason\n", "")
    )
    breaking, _ = compare(read_lock(root, "shop"), read_contracts(root, "shop"))

    assert "field ItemDeleted.reason was removed or renamed" in [f.message for f in breaking]


def test_an_event_is_pure_frozen_data(write_contracts: Callable[..., Path]) -> None:
    events = (
        "from dataclasses import dataclass\n\nfrom django.db import models\n\n\n"
        "@dataclass\nclass ItemDeleted:\n    names: list[str]\n"
    )
    root = with_events(write_contracts, events)

    rules = sorted(f.rule for f in read_contracts(root, "shop").findings)

    assert rules == ["contract-purity", "frozen-contracts", "hashable-fields"]
    assert all(f.path.endswith("facade/events.py") for f in read_contracts(root, "shop").findings)
