"""The edit each kind of commit makes to a baked project, as a team would make it.

A surface change is made whole: the owner's own code follows a rename and its
lock is rewritten (``python -m slicekit contracts <p> --update-lock``), a
serializer change rewrites the API slice (``manage.py openapi``). What stays
behind is what a team misses: the users' code, which is why the breaking kinds
break them. ``prepare`` adds what the skeleton lacks (a template per product and
its test) in one commit before the history starts.
"""

import re
from collections.abc import Callable
from pathlib import Path

from baking import run

PYTHON = ".venv/bin/python"
COUNT_ITEMS = re.compile(r"(def count_items\(\) -> int:\n)(?:    .*\n)+")
TEMPLATE_TEST = """from django.template.loader import render_to_string


def test_the_receipt_names_the_item() -> None:
    assert render_to_string("{product}/receipt.txt", {{"name": "Blue mug"}}).startswith(
        "Item: Blue mug"
    )
"""


def backend(project: Path, product: str) -> Path:
    return project / "products" / product / "backend"


def append(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text((path.read_text() if path.exists() else "") + text)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    if old not in text:
        raise ValueError(f"{path}: no {old!r} to replace")
    path.write_text(text.replace(old, new, 1))


def rename_in_owner(project: Path, product: str, old: str, new: str) -> None:
    """Rename a name of the product's own (``old`` not after a dot or a word: another
    product's ``x_contracts.ItemNotFound`` stays) in every Python file of its backend."""
    pattern = re.compile(rf"(?<![\w.]){re.escape(old)}\b")
    for path in backend(project, product).rglob("*.py"):
        text = path.read_text()
        if pattern.search(text):
            path.write_text(pattern.sub(new, text))


def rewrite_lock(project: Path, product: str, env: dict[str, str]) -> None:
    run((PYTHON, "-m", "slicekit", "contracts", product, "--update-lock"), project, env)


def prepare(project: Path, products: list[str]) -> None:
    """A template each product renders, and a test that holds its first words."""
    for product in products:
        templates = backend(project, product) / "templates" / product
        append(templates / "receipt.txt", "Item: {{ name }}\n")
        tests = backend(project, product) / "tests" / "test_receipt.py"
        append(tests, TEMPLATE_TEST.format(product=product))


def edit(project: Path, kind: str, product: str, number: int, env: dict[str, str]) -> None:
    """Make commit ``number``'s change of ``kind`` to ``product`` (unused for shared code)."""
    EDITS[kind](project, product, number, env)


Edit = Callable[[Path, str, int, dict[str, str]], None]


def _logic(project: Path, product: str, number: int, env: dict[str, str]) -> None:
    append(
        backend(project, product) / "logic.py",
        f"\n\ndef count_items_named_{number}(prefix: str) -> int:\n"
        "    return Item.objects.filter(name__startswith=prefix).count()\n",
    )


def _logic_break(project: Path, product: str, number: int, env: dict[str, str]) -> None:
    # The message its own test matches: the owner's tests fail, nobody else's.
    replace(backend(project, product) / "logic.py", "an item needs a name", "a name is required")


def _facade_body(project: Path, product: str, number: int, env: dict[str, str]) -> None:
    # The body of count_items rewritten, its signature kept: the lock does not change.
    api = backend(project, product) / "facade" / "api.py"
    body = f"    total_{number} = logic.count_items()\n    return total_{number}\n"
    text, count = COUNT_ITEMS.subn(lambda match: match[1] + body, api.read_text())
    if count != 1:
        raise ValueError(f"{api}: no count_items to rewrite")
    api.write_text(text)


def _facade_signature(project: Path, product: str, number: int, env: dict[str, str]) -> None:
    # A required keyword-only parameter: the owner's calls follow, its users' calls do not.
    api = backend(project, product) / "facade" / "api.py"
    replace(
        api,
        "def get_item(item_id: UUID) -> Item:",
        "def get_item(item_id: UUID, *, reason: str) -> Item:",
    )
    rename_calls = re.compile(r"(?<![\w.])(api\.get_item\((?:[^()]|\([^()]*\))*)\)")
    for path in backend(project, product).rglob("*.py"):
        text = path.read_text()
        if rename_calls.search(text):
            path.write_text(rename_calls.sub(r'\1, reason="asked")', text))
    rewrite_lock(project, product, env)


def _contract(project: Path, product: str, number: int, env: dict[str, str]) -> None:
    append(
        backend(project, product) / "facade" / "contracts.py",
        f"\n\n@dataclass(frozen=True)\nclass ItemSummary{number}:\n    id: UUID\n    name: str\n",
    )
    rewrite_lock(project, product, env)


def _contract_break(project: Path, product: str, number: int, env: dict[str, str]) -> None:
    rename_in_owner(project, product, "ItemNotFound", "ItemMissing")
    rewrite_lock(project, product, env)


def _enum(project: Path, product: str, number: int, env: dict[str, str]) -> None:
    append(
        backend(project, product) / "facade" / "enums.py",
        f'\n\nclass Priority{number}(StrEnum):\n    LOW = "low"\n    HIGH = "high"\n',
    )
    rewrite_lock(project, product, env)


def _enum_break(project: Path, product: str, number: int, env: dict[str, str]) -> None:
    # The member renamed, its value kept (no migration): users still spell ARCHIVED.
    replace(backend(project, product) / "facade" / "enums.py", "ARCHIVED =", "RETIRED =")
    rename_in_owner(project, product, "ItemStatus.ARCHIVED", "ItemStatus.RETIRED")
    rewrite_lock(project, product, env)


def _template(project: Path, product: str, number: int, env: dict[str, str]) -> None:
    append(backend(project, product) / "templates" / product / "receipt.txt", f"Ref {number}.\n")


def _template_break(project: Path, product: str, number: int, env: dict[str, str]) -> None:
    receipt = backend(project, product) / "templates" / product / "receipt.txt"
    replace(receipt, "Item:", "Article:")


def _serializer(project: Path, product: str, number: int, env: dict[str, str]) -> None:
    serializers = backend(project, product) / "presentation" / "serializers.py"
    replace(serializers, "What people call the item", f"What people call the item (rev {number})")
    settings = "--settings=config.settings.test"
    run((PYTHON, "manage.py", "openapi", product, settings), project, env)


def _admin(project: Path, product: str, number: int, env: dict[str, str]) -> None:
    admin = backend(project, product) / "admin.py"
    text = admin.read_text()
    old, new = 'search_fields = ("name",)', 'search_fields = ("name", "owner__username")'
    admin.write_text(text.replace(old, new) if old in text else text.replace(new, old))


def _test(project: Path, product: str, number: int, env: dict[str, str]) -> None:
    append(
        backend(project, product) / "tests" / "test_receipt.py",
        f"\n\ndef test_receipt_{number}_shows_the_name() -> None:\n"
        f'    assert "Mug" in render_to_string("{product}/receipt.txt", {{"name": "Mug"}})\n',
    )


def _frontend(project: Path, product: str, number: int, env: dict[str, str]) -> None:
    append(
        project / "products" / product / "frontend" / "components" / "ItemList.tsx",
        f"\nexport const ITEM_LIST_REVISION_{number} = {number};\n",
    )


def _docs(project: Path, product: str, number: int, env: dict[str, str]) -> None:
    append(project / "products" / product / "README.md", f"\nRevision {number}.\n")


def _core(project: Path, product: str, number: int, env: dict[str, str]) -> None:
    append(project / "core" / "validators.py", f"\n# Reviewed in change {number}.\n")


def _package(project: Path, product: str, number: int, env: dict[str, str]) -> None:
    append(
        project / "packages" / "display_names" / "_normalize.py",
        f"\n# Reviewed in change {number}.\n",
    )


def _settings(project: Path, product: str, number: int, env: dict[str, str]) -> None:
    append(project / "config" / "settings" / "base.py", f"\nREVISION_{number} = {number}\n")


EDITS: dict[str, Edit] = {
    "logic": _logic,
    "logic-break": _logic_break,
    "facade-body": _facade_body,
    "facade-signature": _facade_signature,
    "contract": _contract,
    "contract-break": _contract_break,
    "enum": _enum,
    "enum-break": _enum_break,
    "template": _template,
    "template-break": _template_break,
    "serializer": _serializer,
    "admin": _admin,
    "test": _test,
    "frontend": _frontend,
    "docs": _docs,
    "core": _core,
    "package": _package,
    "settings": _settings,
}
