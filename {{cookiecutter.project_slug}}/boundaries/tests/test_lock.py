import json
from collections.abc import Callable
from pathlib import Path

import pytest

from boundaries.contracts import read_contracts
from boundaries.lock import compare, lock_path, read_lock, write_lock

BEFORE = """\
from dataclasses import dataclass
from enum import StrEnum


class Colour(StrEnum):
    RED = "red"
    BLUE = "blue"


@dataclass(frozen=True)
class Item:
    name: str
    colour: Colour
    note: str = ""
"""


@pytest.fixture
def locked(write_contracts: Callable[..., Path]) -> Path:
    root = write_contracts(BEFORE)
    write_lock(root, read_contracts(root, "shop"))
    return root


def changes(root: Path, source: str) -> tuple[list[str], list[str]]:
    (lock_path(root, "shop").parent / "contracts.py").write_text(source)
    breaking, additions = compare(read_lock(root, "shop"), read_contracts(root, "shop"))
    return [finding.message for finding in breaking], additions


def test_the_lock_is_readable_json_naming_how_to_update_it(locked: Path) -> None:
    text = lock_path(locked, "shop").read_text()

    assert '        {"name": "name", "type": "str"},\n' in text
    assert "--update-lock" in json.loads(text)["about"]
    assert changes(locked, BEFORE) == ([], [])


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    name: str\n", "", "field Item.name was removed or renamed"),
        ("    name: str\n", "    name: bytes\n", "field Item.name changed type from str to bytes"),
        ('    note: str = ""\n', "    note: str\n", "field Item.note lost its default"),
        ('    note: str = ""\n', '    note: str = "-"\n', "field Item.note changed its default"),
        ('    note: str = ""\n', '    note: str = ""\n    size: int\n', "new field Item.size"),
        ('    BLUE = "blue"\n', "", "enum member Colour.BLUE was removed or renamed"),
        ('    BLUE = "blue"\n', '    BLUE = "navy"\n', "enum member Colour.BLUE changed value"),
        ("class Item:", "class Thing:", "dataclass Item was removed or renamed"),
        (
            "    name: str\n    colour: Colour\n",
            "    colour: Colour\n    name: str\n",
            "fields of Item were reordered",
        ),
    ],
)
def test_breaking_changes_fail(locked: Path, old: str, new: str, message: str) -> None:
    breaking, _ = changes(locked, BEFORE.replace(old, new))

    assert any(text.startswith(message) for text in breaking), breaking


def test_compatible_additions_pass_and_are_listed(locked: Path) -> None:
    source = BEFORE.replace('    BLUE = "blue"\n', '    BLUE = "blue"\n    GREEN = "green"\n')
    source += "    size: int = 0\n\n\nclass Missing(LookupError):\n    pass\n"

    breaking, additions = changes(locked, source)

    assert breaking == []
    assert sorted(additions) == [
        "new exception Missing",
        "new field Item.size (default 0)",
        "new member Colour.GREEN",
    ]


def test_keyword_only_dataclasses_may_insert_fields_anywhere(
    write_contracts: Callable[..., Path],
) -> None:
    before = BEFORE.replace("@dataclass(frozen=True)", "@dataclass(frozen=True, kw_only=True)")
    root = write_contracts(before)
    write_lock(root, read_contracts(root, "shop"))

    inserted = before.replace("    name: str\n", "    size: int = 0\n    name: str\n")
    breaking, additions = changes(root, inserted)

    assert breaking == []
    assert additions == ["new field Item.size (default 0)"]


def test_a_missing_lock_says_how_to_create_it(write_contracts: Callable[..., Path]) -> None:
    root = write_contracts(BEFORE)

    command = "scripts/uv run python -m boundaries contracts shop --update-lock"
    with pytest.raises(ValueError, match=f"contract-lock: missing; create it with `{command}`"):
        read_lock(root, "shop")
