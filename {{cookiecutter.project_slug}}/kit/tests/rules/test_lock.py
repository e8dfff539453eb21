import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from slicekit.contracts import read_contracts
from slicekit.lock import compare, lock_path, read_lock, write_lock

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
    assert json.loads(text)["functions"] == {}
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

    command = "scripts/uv run python -m slicekit contracts shop --update-lock"
    with pytest.raises(ValueError, match=f"contract-lock: missing; create it with `{command}`"):
        read_lock(root, "shop")


AUTO = """\
import enum
from dataclasses import KW_ONLY, dataclass, field

type Money = int
Label = str


class Size(enum.IntEnum):
    SMALL = enum.auto()
    LARGE = enum.auto()


class Shade(enum.StrEnum):
    LIGHT = enum.auto()


class Perm(enum.Flag):
    READ = enum.auto()
    WRITE = enum.auto()


@dataclass(frozen=True)
class Item:
    name: str
    price: Money
    label: Label = ""
    owner_id: int = field(default=0)
"""


@pytest.fixture
def locked_auto(write_contracts: Callable[..., Path]) -> Path:
    root = write_contracts(AUTO)
    write_lock(root, read_contracts(root, "shop"))
    return root


def test_enum_values_are_evaluated_as_enum_would(locked_auto: Path) -> None:
    classes = read_lock(locked_auto, "shop")["classes"]

    assert classes["Size"]["members"] == {"SMALL": "1", "LARGE": "2"}
    assert classes["Shade"]["members"] == {"LIGHT": "'light'"}
    assert classes["Perm"]["members"] == {"READ": "1", "WRITE": "2"}


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "    SMALL = enum.auto()\n",
            "    TINY = enum.auto()\n    SMALL = enum.auto()\n",
            "enum member Size.SMALL changed value from 1 to 2",
        ),
        (
            "    READ = enum.auto()\n",
            "    NONE = enum.auto()\n    READ = enum.auto()\n",
            "enum member Perm.READ changed value from 1 to 2",
        ),
        (
            "type Money = int",
            "type Money = float",
            "field Item.price changed type from int to float",
        ),
        ("Label = str", "Label = bytes", "field Item.label changed type from str to bytes"),
        (
            "    label: Label",
            "    _: KW_ONLY\n    label: Label",
            "field Item.label became keyword-only",
        ),
        (
            "    owner_id: int = field(default=0)",
            "    owner_id: int = field(default=0, kw_only=True)",
            "field Item.owner_id became keyword-only",
        ),
        (
            "@dataclass(frozen=True)\nclass Item",
            "@dataclass(frozen=True, kw_only=True)\nclass Item",
            "field Item.name became keyword-only",
        ),
        (
            "    owner_id: int = field(default=0)",
            "    owner_id: int = field(default=0, init=False)",
            "field Item.owner_id left __init__",
        ),
        ('    label: Label = ""\n', "", "field Item.label was removed or renamed"),
    ],
)
def test_what_callers_rely_on_is_compared(
    locked_auto: Path, old: str, new: str, message: str
) -> None:
    assert old in AUTO
    breaking, _ = changes(locked_auto, AUTO.replace(old, new))

    assert any(text.startswith(message) for text in breaking), breaking


@pytest.mark.parametrize(
    ("old", "new", "addition"),
    [
        ("    name: str\n", "    name: str = 'x'\n", "field Item.name gained a default ('x')"),
        ("    price: Money\n", "    price: Money = field(default=0)\n", "field Item.price gained"),
        (
            "    owner_id: int = field(default=0)\n",
            "    owner_id: int = field(default=0)\n    count: int = field(init=False, default=0)\n",
            "new field Item.count (default 0)",
        ),
        (
            "    owner_id: int = field(default=0)\n",
            "    owner_id: int = field(default=0)\n    _: KW_ONLY\n    note: str = ''\n",
            "new field Item.note (default '')",
        ),
        (
            "    LARGE = enum.auto()\n",
            "    LARGE = enum.auto()\n    HUGE = 3\n",
            "new member Size.HUGE",
        ),
        ("type Money = int", "type Money = 'int'", None),
    ],
)
def test_compatible_changes_pass_and_never_crash(
    locked_auto: Path, old: str, new: str, addition: str | None
) -> None:
    breaking, additions = changes(locked_auto, AUTO.replace(old, new))

    assert breaking == []
    if addition:
        assert any(text.startswith(addition) for text in additions), additions


def test_a_lock_without_facade_functions_asks_to_be_rewritten(locked: Path) -> None:
    path = lock_path(locked, "shop")
    lock = json.loads(path.read_text())
    del lock["functions"]
    path.write_text(json.dumps(lock))

    with pytest.raises(ValueError, match="records no facade functions"):
        read_lock(locked, "shop")


ODD_SOURCES = [
    "",
    "class (:\n",
    "\x00",
    "x = [\n" * 200,
    "from dataclasses import dataclass\n@dataclass(frozen=True)\nclass A:\n    x: 'in'\n",
    "from dataclasses import dataclass\n@dataclass(frozen=True)\nclass A:\n    x: A\n",
    "type A = B\ntype B = A\nfrom dataclasses import dataclass\n"
    "@dataclass(frozen=True)\nclass C:\n    x: A\n",
    "from dataclasses import dataclass, field\n@dataclass(frozen=True)\nclass A:\n"
    "    x: int = field(default=0, init=False, kw_only=True, default_factory=int)\n",
    "from dataclasses import dataclass, field\n@dataclass(frozen=True)\nclass A:\n"
    "    x: int = field(0)\n    y: int = field(*a)\n    z: int = field(init=maybe)\n",
    "from dataclasses import dataclass, InitVar\n@dataclass(frozen=True)\nclass A:\n"
    "    x: InitVar[int]\n    y: InitVar = 1\n",
    "import enum\nclass E(enum.Enum):\n    A = enum.auto()\n    B = 'x'\n    C = enum.auto\n"
    "    D = A\n    E = (1, [2])\n    _ignore_ = ['F']\n",
    "import enum\nclass E(enum.Flag):\n    A = -1\n    B = enum.auto()\n",
    "import enum\nclass E(enum.Enum):\n"
    "    def _generate_next_value_(n, s, c, l):\n        return n\n    A = enum.auto()\n",
    "class A(B, metaclass=M, **k):\n    pass\n",
    "from dataclasses import dataclass\n@dataclass(frozen=True)\nclass A(*bases):\n    x: 1 + 2\n",
    "from dataclasses import dataclass\n@dataclass(frozen=True)\nclass A:\n"
    "    x: typing.Literal[f(1)]\n    y: list[int][0]\n    z: lambda: int\n",
    "from dataclasses import dataclass\n@dataclass(frozen=True)\nclass A:\n"
    "    x: 'tuple[int, ...' = ()\n",
    "from dataclasses import dataclass\n@dataclass\nclass A:\n    (x): int\n    a.b: int = 1\n",
]


@pytest.mark.parametrize("source", ODD_SOURCES)
def test_odd_sources_never_crash_reading_writing_or_comparing(
    write_contracts: Callable[..., Path], source: str
) -> None:
    root = write_contracts(source)
    contracts = read_contracts(root, "shop")
    write_lock(root, contracts)

    for other in ODD_SOURCES:
        (lock_path(root, "shop").parent / "contracts.py").write_text(other)
        compare(read_lock(root, "shop"), read_contracts(root, "shop"))


# Written as JSON text (with "} }"): this file is copied into projects whose
# template checks refuse a doubled closing brace.
HAND_EDITED = [
    '{"classes": {"A": { } }, "functions": {"f": { } } }',
    '{"classes": {"A": {"kind": "dataclass", "fields": [1, {"name": 2}, null] } },'
    ' "functions": { } }',
    '{"classes": {"A": {"kind": "enum", "members": [1] } },'
    ' "functions": {"f": {"parameters": 3} } }',
    '{"classes": {"A": {"kind": "dataclass", "fields": "x"} },'
    ' "functions": {"f": {"returns": []} } }',
]


@pytest.mark.parametrize("lock", HAND_EDITED)
def test_a_hand_edited_lock_is_a_change_not_a_crash(
    write_contracts: Callable[..., Path], lock: str
) -> None:
    root = write_contracts(AUTO)
    lock_path(root, "shop").write_text(lock)

    breaking, _ = compare(read_lock(root, "shop"), read_contracts(root, "shop"))

    assert breaking


def test_random_mutations_of_real_contracts_never_crash(
    write_contracts: Callable[..., Path],
) -> None:
    """Lines dropped, duplicated, swapped and re-indented at random, seeded: never a crash."""
    rng = random.Random(13)  # noqa: S311 (a reproducible fuzz, not a secret)
    lines = (AUTO + BEFORE + "\n".join(ODD_SOURCES)).splitlines()
    root = write_contracts(AUTO)
    write_lock(root, read_contracts(root, "shop"))
    for _ in range(300):
        mutated = list(lines)
        for _ in range(rng.randint(1, 6)):
            index = rng.randrange(len(mutated))
            operation = rng.choice(("drop", "copy", "swap", "indent", "dedent"))
            if operation == "drop":
                del mutated[index]
            elif operation == "copy":
                mutated.insert(rng.randrange(len(mutated)), mutated[index])
            elif operation == "swap":
                other = rng.randrange(len(mutated))
                mutated[index], mutated[other] = mutated[other], mutated[index]
            elif operation == "indent":
                mutated[index] = "    " + mutated[index]
            else:
                mutated[index] = mutated[index].lstrip()
        (lock_path(root, "shop").parent / "contracts.py").write_text("\n".join(mutated))
        contracts = read_contracts(root, "shop")
        compare(read_lock(root, "shop"), contracts)
        if not contracts.findings:
            write_lock(root, contracts)
