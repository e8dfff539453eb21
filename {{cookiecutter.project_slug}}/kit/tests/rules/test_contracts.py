from collections.abc import Callable
from pathlib import Path

import pytest

from slicekit.contracts import read_contracts

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
        {"name": "id", "type": "uuid.UUID"},
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


DATACLASS = "from dataclasses import dataclass, field, KW_ONLY\n\n\n@dataclass(frozen=True)\n"


@pytest.mark.parametrize(
    ("body", "rule"),
    [
        ("    meta: 'typing.Any'\n", "contract-fields"),
        ("    meta: object\n", "contract-fields"),
        ("    meta: typing.Sequence[str]\n", "hashable-fields"),
        ("    meta: abc.Mapping[str, int]\n", "hashable-fields"),
        ("    meta: typing.Optional[typing.Iterable[int]]\n", "hashable-fields"),
        ("    meta: typing.List[int]\n", "hashable-fields"),
        ("    meta: Alias\n", "hashable-fields"),  # `type Alias = Deep`, Deep = set[int]
        ("    meta: typing.Callable[[], int]\n", "contract-fields"),
        ("    meta: tuple\n", "contract-fields"),
        ("    meta: Plain\n", "contract-fields"),  # an exception is not data
        ("    meta: tuple[int, ...] = []\n", "contract-defaults"),
        ("    meta: tuple[int, ...] = field(default_factory=list)\n", "contract-defaults"),
        ("    meta: tuple[int, ...] = field(default_factory=lambda: [1])\n", "contract-defaults"),
        ("    meta: frozenset[int] = field(default_factory=set)\n", "contract-defaults"),
        ("    meta: int = field(**{'default': 0})\n", "contract-defaults"),
        ("    cache = {}\n", "hashable-fields"),
        ("    def __hash__(self) -> int:\n        return 0\n", "contract-methods"),
        ("    def __eq__(self, other: object) -> bool:\n        return True\n", "contract-methods"),
        (
            "    @property\n    def row(self) -> object:\n"
            "        return importlib.import_module('django.apps')\n",
            "contract-methods",
        ),
        (
            "    def peek(self) -> object:\n        return __import__('django')\n",
            "contract-methods",
        ),
        ("    def peek(self) -> object:\n        return sys.modules['x']\n", "contract-methods"),
    ],
)
def test_fields_that_are_not_data_and_methods_that_reach_code_are_refused(
    write_contracts: Callable[..., Path], body: str, rule: str
) -> None:
    header = (
        "import importlib\nimport sys\nimport typing\nfrom collections import abc\n"
        "type Alias = Deep\nDeep = set[int]\n\n\nclass Plain(Exception):\n    pass\n\n\n"
    )
    source = header + DATACLASS + "class Item:\n    name: str\n" + body
    # The line of the body's last statement: where the offending call or override is.
    last = body.rstrip("\n").splitlines()[-1]
    line = len((header + DATACLASS).splitlines()) + 2 + len(body.splitlines())
    if "return" in last and ("import" in last or "modules" in last):
        pass  # reported at the call itself
    elif "def " in body:
        line = len((header + DATACLASS).splitlines()) + 3  # reported at the def

    found = rules(write_contracts(source))

    assert f"{line}:{rule}" in found, found


@pytest.mark.parametrize(
    "body",
    [
        "    meta: typing.Optional[decimal.Decimal] = None\n",
        "    meta: 'tuple[uuid.UUID, ...]' = ()\n",
        "    meta: typing.Literal['a', 'b'] = 'a'\n",
        "    meta: frozenset[str] = frozenset({'a'})\n",
        "    meta: tuple[int, ...] = field(default_factory=tuple)\n",
        "    meta: Other | None = None\n",  # another product's contract
        "    meta: typing.Annotated[int, 'cents'] = 0\n",
        "    _: KW_ONLY\n    meta: int = 0\n",
        "    @property\n    def upper(self) -> str:\n        return self.name.upper()\n",
        "    def __post_init__(self) -> None:\n"
        "        if not self.name:\n            raise ValueError\n",
    ],
)
def test_immutable_fields_and_plain_methods_stay_legal(
    write_contracts: Callable[..., Path], body: str
) -> None:
    header = (
        "import decimal\nimport typing\nimport uuid\n\n"
        "from products.other.backend.facade.contracts import Other\n\n\n"
    )
    source = header + DATACLASS + "class Item:\n    name: str\n" + body

    assert rules(write_contracts(source)) == []


@pytest.mark.parametrize(
    ("decorator", "base", "rule"),
    [
        ("@dataclass(frozen=True, eq=False)", "", "frozen-contracts"),
        ("@dataclass(frozen=True, unsafe_hash=True)", "", "frozen-contracts"),
        ("@dataclass(frozen=FROZEN)", "", "frozen-contracts"),
        ("@dataclass(frozen=True)", "(Base)", "contract-classes"),
        ("@dataclass(frozen=True)", "(typing.NamedTuple)", "contract-classes"),
        ("@functools.total_ordering\n@dataclass(frozen=True)", "", "contract-classes"),
    ],
)
def test_dataclass_options_and_bases_that_break_value_semantics(
    write_contracts: Callable[..., Path], decorator: str, base: str, rule: str
) -> None:
    source = (
        "import functools\nimport typing\nfrom dataclasses import dataclass\n\nFROZEN = True\n\n\n"
        f"class Base:\n    pass\n\n\n{decorator}\nclass Item{base}:\n    name: str\n"
    )

    assert any(found.endswith(rule) for found in rules(write_contracts(source))), rule


@pytest.mark.parametrize(
    "line",
    [
        'Item = dataclasses.make_dataclass("Item", [("name", str)], frozen=True)',
        'Colour = enum.Enum("Colour", "RED BLUE")',
        'Pair = typing.NamedTuple("Pair", [("a", int)])',
        'Thing = type("Thing", (), {})',
    ],
)
def test_classes_built_by_a_call_are_refused(
    write_contracts: Callable[..., Path], line: str
) -> None:
    source = f"import dataclasses\nimport enum\nimport typing\n\n{line}\n"

    assert rules(write_contracts(source)) == ["5:contract-classes"]
