from collections.abc import Callable
from pathlib import Path

import pytest

from boundaries.contracts import read_contracts

PURE = """\
from dataclasses import dataclass, field
from uuid import UUID

from products.other.backend.facade.contracts import Thing

from .enums import Colour


@dataclass(frozen=True)
class Item:
    id: UUID
    colour: Colour
    tags: tuple[str, ...] = ()
    extra: frozenset[str] = field(default_factory=frozenset)


class ItemNotFound(LookupError):
    pass
"""
COLOURS = 'from enum import StrEnum\n\n\nclass Colour(StrEnum):\n    RED = "red"\n'


def rules(root: Path) -> list[str]:
    return [f"{finding.line}:{finding.rule}" for finding in read_contracts(root, "shop").findings]


def test_pure_contracts_have_no_findings_and_a_shape(write_contracts: Callable[..., Path]) -> None:
    contracts = read_contracts(write_contracts(PURE, COLOURS), "shop")

    assert contracts.findings == []
    assert contracts.classes["Item"]["fields"] == [
        {"name": "id", "type": "UUID"},
        {"name": "colour", "type": "Colour"},
        {"name": "tags", "type": "tuple[str, ...]", "default": "()"},
        {"name": "extra", "type": "frozenset[str]", "default": "frozenset()"},
    ]
    assert contracts.classes["Colour"]["members"] == {"RED": "'red'"}
    assert contracts.classes["ItemNotFound"] == {
        "kind": "exception",
        "module": "contracts",
        "bases": ["LookupError"],
    }


@pytest.mark.parametrize(
    "line",
    [
        "from django.db import models",
        "import rest_framework",
        "from ..models import Item",
        "from . import api",
        "from products.other.backend.logic import thing",
        "import requests",
    ],
)
def test_impure_imports_are_reported_with_their_line(
    write_contracts: Callable[..., Path], line: str
) -> None:
    root = write_contracts(f'"""Doc."""\n\n{line}\n')

    assert rules(root) == ["3:contract-purity"]


def test_an_import_inside_a_function_is_still_an_import(
    write_contracts: Callable[..., Path],
) -> None:
    root = write_contracts("def later():\n    import django\n")

    assert rules(root) == ["2:contract-purity"]


def test_classes_must_be_frozen_dataclasses_enums_or_exceptions(
    write_contracts: Callable[..., Path],
) -> None:
    root = write_contracts(
        "from dataclasses import dataclass\n\n"
        "@dataclass\nclass Loose:\n    name: str\n\n"
        "class Plain:\n    pass\n"
    )

    assert rules(root) == ["4:frozen-contracts", "7:contract-classes"]


def test_unhashable_fields_are_found_through_aliases_and_strings(
    write_contracts: Callable[..., Path],
) -> None:
    root = write_contracts(
        "from dataclasses import dataclass\n\nTags = list[str]\n\n"
        "@dataclass(frozen=True)\nclass Item:\n"
        "    tags: Tags\n    meta: 'dict[str, str] | None' = None\n    ok: tuple[int, ...] = ()\n"
    )

    assert rules(root) == ["7:hashable-fields", "8:hashable-fields"]


def test_conversion_from_models_belongs_in_the_facade(
    write_contracts: Callable[..., Path],
) -> None:
    root = write_contracts(
        "from dataclasses import dataclass\n\n@dataclass(frozen=True)\nclass Item:\n"
        "    name: str\n\n    @classmethod\n    def from_model(cls, row):\n"
        "        return cls(row.name)\n"
    )

    assert rules(root) == ["8:no-model-conversion"]


def test_a_syntax_error_is_a_finding_not_a_crash(write_contracts: Callable[..., Path]) -> None:
    assert rules(write_contracts("class (:\n")) == ["1:syntax"]
