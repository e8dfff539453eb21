"""Full tier: contracts are data, the facade is honest, and the lock holds what callers use.

Like ``test_violations.py``: each case plants one violation in a fresh bake,
asserts that its check fails with the rule and file:line, then reverts and
asserts that the same check passes again. The variants differ on purpose from
the examples in the issue (other syntax, aliases, indirection). Compatible
changes must pass and say what they add.
"""

from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import attempt, run
from .options import Cell
from .planting import LINE, Case, assert_caught_and_reverted, line_of, revert
from .test_violations import (
    CATALOG,
    CONTRACTS,
    DJANGO,
    PYTHON,
    append,
    installed_bake,
    replace,
)

pytestmark = pytest.mark.full


@pytest.fixture(scope="module")
def project(tooling_cell: Cell, bake_once: Callable[..., Path]) -> Path:
    return installed_bake(bake_once, tooling_cell)


__all__ = ["project"]  # the module-scoped bake, shared with this module's tests

CONTRACTS_PY = f"{CATALOG}/facade/contracts.py"
ENUMS_PY = f"{CATALOG}/facade/enums.py"
API_PY = f"{CATALOG}/facade/api.py"
CATALOG_TESTS = (PYTHON, "-m", "pytest", "-q", "-p", "no:tach", f"{CATALOG}/tests")
ORDERS_TESTS = (PYTHON, "-m", "pytest", "-q", "-p", "no:tach", "products/orders/backend/tests")
ITEM_OWNER = "    created_at: datetime\n    owner_id: int\n"  # in Item, not NewItem
NEW_ITEM = "class NewItem:\n    name: str\n    owner_id: int\n"
GET_ITEM = "def get_item(item_id: UUID) -> Item:\n"
COUNT_ITEMS = "def count_items() -> int:\n    return logic.count_items()\n"


def edits(*steps: Callable[[str], str]) -> Callable[[str], str]:
    def edit(source: str) -> str:
        for step in steps:
            source = step(source)
        return source

    return edit


def imports(line: str) -> Callable[[str], str]:
    """Add an import after the contract file's ``from uuid import UUID``."""
    return replace("from uuid import UUID\n", f"from uuid import UUID\n{line}\n")


def new_item_field(line: str, *more: Callable[[str], str]) -> Callable[[str], str]:
    return edits(*more, replace(NEW_ITEM, f"{NEW_ITEM}{line}\n"))


def contract(rule: str, message: str, edit: Callable[[str], str], marker: str) -> Case:
    return Case(
        CONTRACTS_PY, edit, CONTRACTS, (f"{CONTRACTS_PY}:{LINE}: {rule}: {message}",), marker
    )


def facade(rule: str, message: str, edit: Callable[[str], str], marker: str) -> Case:
    return Case(API_PY, edit, CONTRACTS, (f"{API_PY}:{LINE}: {rule}: {message}",), marker)


CASES = {
    # Family 4: contracts are data.
    "a field typed Any through a string annotation": contract(
        "contract-fields",
        "NewItem.extra has type 'typing.Any' (that is typing.Any): typing.Any admits any value",
        new_item_field("    extra: 'typing.Any' = None", imports("import typing")),
        "    extra:",
    ),
    "a field typed object": contract(
        "contract-fields",
        "NewItem.payload has type object",
        new_item_field("    payload: object = None"),
        "    payload:",
    ),
    "an abstract Mapping from collections.abc under another name": contract(
        "hashable-fields",
        "NewItem.labels has type abc.Mapping[str, str] | None",
        new_item_field(
            "    labels: abc.Mapping[str, str] | None = None",
            imports("from collections import abc"),
        ),
        "    labels:",
    ),
    "a Sequence behind a module-level alias": contract(
        "hashable-fields",
        "NewItem.tags has type Tags (that is typing.Sequence[str])",
        new_item_field(
            "    tags: Tags = ()", imports("import typing\n\nTags = typing.Sequence[str]")
        ),
        "    tags: Tags",
    ),
    "a dict behind a type statement": contract(
        "hashable-fields",
        "NewItem.meta has type Meta (that is dict[str, int] | None)",
        new_item_field("    meta: Meta = None", imports("\ntype Meta = dict[str, int] | None")),
        "    meta: Meta",
    ),
    "a default_factory producing a list": contract(
        "contract-defaults",
        "NewItem.tags has default_factory=lambda: ['new']",
        new_item_field(
            "    tags: tuple[str, ...] = field(default_factory=lambda: ['new'])",
            replace(
                "from dataclasses import dataclass\n", "from dataclasses import dataclass, field\n"
            ),
        ),
        "    tags:",
    ),
    "a dataclass based on an exception": contract(
        "contract-classes",
        "dataclass Failure is based on RuntimeError",
        append("\n\n@dataclass(frozen=True)\nclass Failure(RuntimeError):\n    code: int\n"),
        "class Failure",
    ),
    "a contract with unsafe_hash": contract(
        "frozen-contracts",
        "dataclass Page has unsafe_hash=True",
        append("\n\n@dataclass(frozen=True, unsafe_hash=True)\nclass Page:\n    size: int\n"),
        "unsafe_hash=True",
    ),
    "a contract that defines its own equality": contract(
        "contract-methods",
        "NewItem.__eq__ overrides what the dataclass or enum generates",
        new_item_field("\n    def __eq__(self, other: object) -> bool:\n        return True"),
        "def __eq__",
    ),
    "a property that loads the models by name": contract(
        "contract-methods",
        "uses import_module(), which reaches code by name at run time",
        new_item_field(
            "\n    @property\n    def row(self) -> object:\n"
            '        return importlib.import_module("products.catalog.backend.models")',
            imports("import importlib"),
        ),
        "importlib.import_module(",
    ),
    # Family 5: the lock records what callers rely on.
    "a KW_ONLY sentinel before an existing field": contract(
        "contract-lock",
        "field Item.owner_id became keyword-only",
        edits(
            replace(ITEM_OWNER, "    created_at: datetime\n    _: KW_ONLY\n    owner_id: int\n"),
            replace(
                "from dataclasses import dataclass\n",
                "from dataclasses import KW_ONLY, dataclass\n",
            ),
        ),
        "    owner_id: int",
    ),
    "field(kw_only=True) on an existing field": contract(
        "contract-lock",
        "field NewItem.owner_id became keyword-only",
        edits(
            replace(
                NEW_ITEM, "class NewItem:\n    name: str\n    owner_id: int = field(kw_only=True)\n"
            ),
            replace(
                "from dataclasses import dataclass\n", "from dataclasses import dataclass, field\n"
            ),
        ),
        "field(kw_only=True)",
    ),
    "a type changed behind an alias": contract(
        "contract-lock",
        "field Item.owner_id changed type from int to str",
        edits(
            replace(ITEM_OWNER, "    created_at: datetime\n    owner_id: OwnerId\n"),
            imports("\ntype OwnerId = str"),
        ),
        "    owner_id: OwnerId",
    ),
    "a field taken out of __init__": contract(
        "contract-lock",
        "field NewItem.owner_id left __init__ (init=False)",
        edits(
            replace(
                NEW_ITEM,
                "class NewItem:\n    name: str\n    owner_id: int = field(init=False, default=0)\n",
            ),
            replace(
                "from dataclasses import dataclass\n", "from dataclasses import dataclass, field\n"
            ),
        ),
        "init=False",
    ),
    # Family 3: the facade is honest.
    "a logic function re-exported under a facade name": facade(
        "facade-surface",
        "count_items is in __all__ but is assigned (logic.count_items)",
        replace(COUNT_ITEMS, "count_items = logic.count_items\n"),
        "count_items = logic",
    ),
    "a re-exported facade name, seen by the system check": Case(
        API_PY,
        replace(COUNT_ITEMS, "count_items = logic.count_items\n"),
        DJANGO,
        (
            "facade-returns",
            "facade function catalog.count_items is products.catalog.backend.logic",
        ),
    ),
    "a public function left out of __all__": facade(
        "facade-surface",
        "public function peek is not in __all__",
        append(
            "\n\ndef peek(item_id: UUID) -> Item:\n    return _to_item(logic.get_item(item_id))\n"
        ),
        "def peek",
    ),
    "a facade function returning a list": facade(
        "facade-types",
        "list_items() -> list[Item]: list is not hashable",
        edits(
            replace("-> tuple[Item, ...]:", "-> list[Item]:"),
            replace("    return tuple(_to_item(row)", "    return list(_to_item(row)"),
        ),
        "-> list[Item]:",
    ),
    "a facade function no test calls": facade(
        "facade-tests",
        "no test in products/catalog/backend/tests/ calls the facade function find_item",
        edits(
            replace('    "get_item",\n', '    "find_item",\n    "get_item",\n'),
            append(
                "\n\ndef find_item(name: str) -> Item | None:\n"
                "    return next((item for item in list_items() if item.name == name), None)\n"
            ),
        ),
        "def find_item",
    ),
    "a row returned on a path the annotation hides": Case(
        API_PY,
        replace(
            f"{GET_ITEM}"
            '    """Raises ItemNotFound when no item has that id."""\n'
            "    return _to_item(logic.get_item(item_id))\n",
            f"{GET_ITEM}"
            "    row = logic.get_item(item_id)\n"
            '    return row if row.name.startswith("Blue") else _to_item(row)  # type: ignore\n',
        ),
        CATALOG_TESTS,
        (
            f"facade function catalog.get_item ({API_PY}:{LINE}): facade-values: returned Item "
            "(products.catalog.backend.models.Item), an ORM instance, not Item",
        ),
        marker=GET_ITEM.strip(),
    ),
    # The facade's surface is in the lock (issue 14, item 2).
    "a new required parameter": facade(
        "contract-lock",
        "new parameter tenant of get_item() is required",
        replace(GET_ITEM, "def get_item(item_id: UUID, tenant: str) -> Item:\n"),
        GET_ITEM.split("(")[0],
    ),
    "a parameter made keyword-only": facade(
        "contract-lock",
        "parameter limit of list_items() changed from positional_or_keyword to keyword_only",
        replace("offset: int = 0, limit: int | None", "offset: int = 0, *, limit: int | None"),
        "*, limit",
    ),
    "a changed return type": facade(
        "contract-lock",
        "facade function count_items changed its return type from int to int | None",
        replace("def count_items() -> int:", "def count_items() -> int | None:"),
        "def count_items",
    ),
    "a facade signature change fails the product's own tests": Case(
        API_PY,
        replace("def count_items() -> int:", "def count_items(*, archived: bool) -> int:"),
        CATALOG_TESTS,
        (
            f"{API_PY}:{LINE}: contract-lock: new parameter archived of count_items() is required",
            "--update-lock",
        ),
        marker="def count_items",
    ),
    # Consumer stubs check the real signature (issue 14, item 3): orders stubs catalog.
    "a new required keyword breaks the consumer's stubbed tests": Case(
        API_PY,
        replace(GET_ITEM, "def get_item(item_id: UUID, *, tenant: str) -> Item:\n"),
        ORDERS_TESTS,
        ("does not match the real products.catalog.backend.facade.api.get_item",),
    ),
    "a parameter type change breaks the consumer's stubbed tests": Case(
        API_PY,
        replace(GET_ITEM, "def get_item(item_id: str) -> Item:\n"),
        ORDERS_TESTS,
        ("argument item_id of products.catalog.backend.facade.api.get_item is UUID",),
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
def test_the_violation_is_caught_and_the_revert_passes(project: Path, case: Case) -> None:
    assert_caught_and_reverted(project, case, CASES)


COMPATIBLE = {
    "a required field gets a default": (
        CONTRACTS_PY,
        replace(ITEM_OWNER, "    created_at: datetime\n    owner_id: int = 0\n"),
        "field Item.owner_id gained a default (0)",
    ),
    "a new field outside __init__": (
        CONTRACTS_PY,
        edits(
            replace(NEW_ITEM, f"{NEW_ITEM}    revision: int = field(init=False, default=0)\n"),
            replace(
                "from dataclasses import dataclass\n", "from dataclasses import dataclass, field\n"
            ),
        ),
        "new field NewItem.revision (default 0)",
    ),
    "the same type behind an alias": (
        CONTRACTS_PY,
        edits(
            replace(ITEM_OWNER, "    created_at: datetime\n    owner_id: OwnerId\n"),
            imports("\ntype OwnerId = int"),
        ),
        "",
    ),
    "StrEnum members whose auto() values equal the old ones": (
        ENUMS_PY,
        edits(
            replace("from enum import StrEnum\n", "from enum import StrEnum, auto\n"),
            replace(
                '    ACTIVE = "active"\n    ARCHIVED = "archived"\n',
                "    ACTIVE = auto()\n    ARCHIVED = auto()\n",
            ),
        ),
        "",
    ),
    "a new optional keyword parameter": (
        API_PY,
        replace("def count_items() -> int:", "def count_items(*, archived: bool = False) -> int:"),
        "new optional parameter archived of count_items()",
    ),
    "a facade function body changed": (
        API_PY,
        replace(
            "    return logic.count_items()\n",
            "    total = logic.count_items()\n    return total\n",
        ),
        "",
    ),
}


@pytest.mark.parametrize(("file", "edit", "addition"), COMPATIBLE.values(), ids=list(COMPATIBLE))
def test_compatible_changes_pass_every_check_and_say_so(
    project: Path, file: str, edit: Callable[[str], str], addition: str
) -> None:
    path = project / file
    try:
        path.write_text(edit(path.read_text()))

        output = run(*CONTRACTS, cwd=project)
        tests = run(*CATALOG_TESTS, "-k", "contract_lock or api", cwd=project)

        assert "contracts: 2 products checked, all pass" in output
        assert (addition in output) if addition else ("compatible additions" not in output)
        assert " passed" in tests
    finally:
        revert(project)


def test_an_auto_member_inserted_before_others_changes_their_values(project: Path) -> None:
    enums = project / ENUMS_PY
    update = (PYTHON, "-m", "slicekit", "contracts", "catalog", "--update-lock")
    try:
        enums.write_text(
            enums.read_text().replace(
                "from enum import StrEnum\n", "from enum import IntEnum, StrEnum, auto\n"
            )
            + "\n\nclass Priority(IntEnum):\n    LOW = auto()\n    HIGH = auto()\n"
        )
        run(*update, cwd=project)
        edited = enums.read_text().replace(
            "    LOW = auto()\n", "    NONE = auto()\n    LOW = auto()\n"
        )
        enums.write_text(edited)

        returncode, output = attempt(*CONTRACTS, cwd=project)

        assert returncode == 1, output
        line = line_of(edited, "class Priority")
        assert (
            f"{ENUMS_PY}:{line}: contract-lock: enum member Priority.LOW changed value from 1 to 2"
        ) in output
    finally:
        revert(project)


def test_a_breaking_surface_change_is_accepted_by_rewriting_the_lock(project: Path) -> None:
    api = project / API_PY
    lock = project / CATALOG / "facade" / "contracts.lock.json"
    update = (PYTHON, "-m", "slicekit", "contracts", "catalog", "--update-lock")
    try:
        api.write_text(
            api.read_text().replace("def count_items() -> int:", "def count_items() -> int | None:")
        )
        assert attempt(*CONTRACTS, cwd=project)[0] == 1

        assert f"wrote {CATALOG}/facade/contracts.lock.json" in run(*update, cwd=project)

        assert '"returns": "int | None"' in lock.read_text()
        run(*CONTRACTS, cwd=project)
        run(*CATALOG_TESTS, "-k", "contract_lock", cwd=project)
    finally:
        revert(project)
