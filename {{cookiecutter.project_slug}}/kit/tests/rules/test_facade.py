"""The facade's surface: __all__ honest, annotated with contracts, tested, and locked."""

from collections.abc import Callable
from pathlib import Path

import pytest

from slicekit.contracts import read_contracts
from slicekit.lock import compare, lock_path, read_lock, write_lock

CONTRACTS = """\
from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class Item:
    id: UUID
    name: str
"""
API = """\
from uuid import UUID

from .. import logic
from ..models import Item as ItemRow
from .contracts import Item

__all__ = ["get_item", "list_items"]


def get_item(item_id: UUID) -> Item:
    return _to_item(logic.get_item(item_id))


def list_items(offset: int = 0, *, limit: int | None = None) -> tuple[Item, ...]:
    return ()


def _to_item(row: ItemRow) -> Item:
    return Item(id=row.id, name=row.name)
"""
TESTS = """\
from ..facade import api
from ..facade.api import list_items as listing


def test_it() -> None:
    api.get_item(1)
    listing()
"""


@pytest.fixture
def shop(write_contracts: Callable[..., Path]) -> Callable[..., Path]:
    """Write contracts, api.py and one test file; return the project root."""

    def write(api: str = API, tests: str = TESTS) -> Path:
        root = write_contracts(CONTRACTS)
        (root / "products/shop/backend/facade/api.py").write_text(api)
        directory = root / "products/shop/backend/tests"
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "test_api.py").write_text(tests)
        return root

    return write


def findings(root: Path) -> list[str]:
    return [f"{f.line}:{f.rule}: {f.message}" for f in read_contracts(root, "shop").findings]


def test_an_honest_tested_facade_has_no_findings_and_a_surface(shop: Callable[..., Path]) -> None:
    contracts = read_contracts(shop(), "shop")

    assert contracts.findings == []
    assert contracts.functions["list_items"] == {
        "parameters": [
            {"name": "offset", "kind": "positional_or_keyword", "type": "int", "default": "0"},
            {"name": "limit", "kind": "keyword_only", "type": "int | None", "default": "None"},
        ],
        "returns": "tuple[Item, ...]",
    }


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda s: s.replace('__all__ = ["get_item", "list_items"]\n', ""), "1:facade-surface"),
        (
            lambda s: s.replace('__all__ = ["get_item"', '__all__ = [*NAMES, "get_item"'),
            "7:facade-surface",
        ),
        (lambda s: s.replace('"list_items"]', '"list_items", "find"]'), "find"),
        (
            lambda s: s + "\n\ndef count_items() -> int:\n    return 0\n",
            "public function count_items",
        ),
        (lambda s: s + "\n\nget_item = logic.get_item\n", "(a def, assigned (logic.get_item))"),
        (
            lambda s: s.replace("from .. import logic\n", "from ..logic import get_item\n"),
            "get_item is in __all__ but is bound more than once (imported, a def)",
        ),
        (lambda s: s + "\nlist_items = lambda: ()  # noqa: E731\n", "(a def, a lambda)"),
        (lambda s: s + '\n__all__.append("logic")\n', "__all__ is used again after"),
        (
            lambda s: s.replace("    return ()\n", "    return logic.rows()  # type: ignore\n"),
            "15:facade-types: # type: ignore overrules the type checker",
        ),
        (
            lambda s: s.replace("    return ()\n", "    return typing.cast(tuple[Item], x)\n"),
            "15:facade-types: cast() overrules",
        ),
        (
            lambda s: (
                "from typing import cast as as_is\n"
                + s.replace("    return ()\n", "    return as_is(tuple[Item], x)\n")
            ),
            "16:facade-types: cast() overrules",
        ),
        (
            lambda s: '# mypy: disable-error-code="return-value"\n' + s,
            "1:facade-types: # mypy: overrules",
        ),
        (lambda s: s + "\n\ndef _f() -> None:\n    __all__[0] = 'logic'\n", "used again"),
        (
            lambda s: s + "\nlist_items = functools.partial(list_items, 0)\n",
            "assigned (functools.partial",
        ),
        (
            lambda s: s.replace("-> Item:\n    return _to", "-> ItemRow:\n    return _to"),
            "facade-types",
        ),
        (
            lambda s: s.replace("(item_id: UUID)", "(item_id)"),
            "get_item(item_id): it has no annotation",
        ),
        (lambda s: s.replace("-> tuple[Item, ...]", "-> list[Item]"), "list is not hashable"),
        (lambda s: s.replace("-> tuple[Item, ...]", "-> Sequence[Item]"), "facade-types"),
        (lambda s: s.replace("-> tuple[Item, ...]", ""), "list_items(): it has no annotation"),
        (lambda s: s.replace("(item_id: UUID)", "(item_id: typing.Any)"), "admits any value"),
    ],
)
def test_a_dishonest_facade_is_refused(
    shop: Callable[..., Path], edit: Callable[[str], str], expected: str
) -> None:
    found = findings(shop(api=edit(API)))

    assert any(expected in finding for finding in found), found


def test_a_facade_in_another_encoding_is_read_as_python_reads_it(
    shop: Callable[..., Path],
) -> None:
    root = shop()
    api = root / "products/shop/backend/facade/api.py"
    source = "# -*- coding: latin-1 -*-\n" + API.replace("    return ()\n", "    return ()  # é\n")
    api.write_bytes(source.encode("latin-1"))

    assert findings(root) == []
    api.write_bytes(source.replace("# é", "# type: ignore  # é").encode("latin-1"))
    assert any("facade-types: # type: ignore overrules" in f for f in findings(root))


@pytest.mark.parametrize(
    "tests",
    [
        TESTS.replace("    listing()\n", ""),
        TESTS.replace("    listing()\n", "    stub = listing\n"),
        TESTS.replace("    listing()\n", "    logic.list_items()\n"),
        "",
    ],
)
def test_a_public_function_no_test_calls_fails(shop: Callable[..., Path], tests: str) -> None:
    found = findings(shop(tests=tests))

    assert any(f.startswith("14:facade-tests") and "list_items" in f for f in found), found


@pytest.mark.parametrize(
    "tests",
    [
        "import products.shop.backend.facade.api\n\n\ndef test() -> None:\n"
        "    products.shop.backend.facade.api.get_item(1)\n"
        "    products.shop.backend.facade.api.list_items()\n",
        "from products.shop.backend import facade\n\n\ndef test() -> None:\n"
        "    facade.api.get_item(1)\n    facade.api.list_items()\n",
        "def test() -> None:\n    from ..facade.api import get_item, list_items\n\n"
        "    get_item(1)\n    list_items()\n",
    ],
)
def test_calls_through_any_import_of_the_facade_count(
    shop: Callable[..., Path], tests: str
) -> None:
    assert findings(shop(tests=tests)) == []


def surface_changes(root: Path, api: str) -> tuple[list[str], list[str]]:
    write_lock(root, read_contracts(root, "shop"))
    (root / "products/shop/backend/facade/api.py").write_text(api)
    breaking, additions = compare(read_lock(root, "shop"), read_contracts(root, "shop"))
    return [str(finding) for finding in breaking], additions


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (', "list_items"]', "]", "facade function list_items was removed or renamed"),
        (
            "(item_id: UUID)",
            "(item_id: UUID, tenant: str)",
            "new parameter tenant of get_item() is required",
        ),
        ("(item_id: UUID)", "(item_id: UUID, /)", "parameter item_id of get_item() changed from"),
        ("(item_id: UUID)", "(*, item_id: UUID)", "parameter item_id of get_item() changed from"),
        ("(item_id: UUID)", "(ident: UUID)", "parameter item_id of get_item() was removed"),
        ("(item_id: UUID)", "(item_id: int)", "changed type from uuid.UUID to int"),
        ("offset: int = 0", "offset: int = 1", "changed its default from 0 to 1"),
        ("offset: int = 0", "offset: int", "lost its default"),
        (
            "offset: int = 0",
            "start: int = 0, offset: int = 0",
            "parameters of list_items() were reordered",
        ),
        ("-> tuple[Item, ...]", "-> tuple[Item, ...] | None", "changed its return type"),
        ("limit: int | None = None", "limit: int | None = None, **kw: int", None),
    ],
)
def test_facade_surface_changes_are_compared(
    shop: Callable[..., Path], old: str, new: str, message: str | None
) -> None:
    assert old in API
    edited = API.replace(old, new)
    if "list_items" not in edited.split("__all__")[1].split("\n")[0]:
        edited = edited.replace("def list_items", "def _list_items")
    breaking, additions = surface_changes(shop(), edited)

    if message is None:
        assert breaking == []
        assert additions == ["new optional parameter kw of list_items()"]
    else:
        assert any(message in finding for finding in breaking), breaking
        assert all(
            finding.startswith("products/shop/backend/facade/api.py") for finding in breaking
        )


@pytest.mark.parametrize(
    ("old", "new", "addition"),
    [
        (
            "limit: int | None = None",
            "limit: int | None = None, sort: str = 'name'",
            "new optional parameter sort",
        ),
        ("(item_id: UUID)", "(item_id: UUID, /, *, deep: bool = False)", None),
        ("(offset: int = 0, *,", "(offset: int = 0,", None),  # keyword-only -> either: widens
        (
            "    return _to_item(logic.get_item(item_id))",
            "    return _to_item(logic.fetch(item_id))",
            None,
        ),
    ],
)
def test_compatible_surface_changes_pass(
    shop: Callable[..., Path], old: str, new: str, addition: str | None
) -> None:
    assert old in API
    breaking, additions = surface_changes(shop(), API.replace(old, new))

    if "/" in new:  # item_id became positional-only: a breaking change after all
        assert len(breaking) == 1
        assert "positional_only" in breaking[0]
        return
    assert breaking == []
    if addition:
        assert any(text.startswith(addition) for text in additions), additions


def test_a_body_only_change_leaves_the_lock_as_it_is(shop: Callable[..., Path]) -> None:
    root = shop()
    write_lock(root, read_contracts(root, "shop"))
    before = lock_path(root, "shop").read_text()

    api = root / "products/shop/backend/facade/api.py"
    api.write_text(API.replace("return ()", "return tuple(get_item(i) for i in ())"))
    write_lock(root, read_contracts(root, "shop"))

    assert lock_path(root, "shop").read_text() == before
