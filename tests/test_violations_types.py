"""Full tier: type errors planted in a fresh bake fail the project's mypy gate.

Each case, planted one at a time like the cases of ``test_violations.py`` (same
helpers, same revert), must fail ``mypy .`` with ``file:line: error:`` and the
error code; reverted, mypy passes again. The cases need what the gate gives:
typed managers and querysets, typed settings, strict mode over tests and
tooling, ignores that name their code. One case goes through ``make check`` to
prove the gate is wired in. Then the edge-case bakes (a chain of three
products, the longest names) must type-check as baked.
"""

from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import run
from .options import EDGE_CASES, Cell
from .planting import LINE, Case, assert_caught_and_reverted
from .test_violations import (
    CATALOG,
    append,
    installed_bake,
)

pytestmark = pytest.mark.full

MYPY = (".venv/bin/mypy", ".")
LOGIC = f"{CATALOG}/logic.py"


@pytest.fixture(scope="module")
def project(tooling_cell: Cell, bake_once: Callable[..., Path]) -> Path:
    return installed_bake(bake_once, tooling_cell)


def planted(
    code: str, marker: str, *expect: str, file: str = LOGIC, check: tuple[str, ...] = MYPY
) -> Case:
    """``code`` appended to ``file``; mypy reports an error on the line with ``marker``."""
    return Case(file, append(f"\n\n{code}\n"), check, (f"{file}:{LINE}: error:", *expect), marker)


CASES = {
    "a wrong return type, through make check": planted(
        'def answer() -> int:\n    return "forty-two"',
        "forty-two",
        '"str", expected "int"',
        "[return-value]",
        check=("make", "check"),
    ),
    "a queryset where a model is promised (the manager is typed)": planted(
        "def first_named(name: str) -> Item:\n    return Item.objects.filter(name=name)",
        "return Item.objects.filter(name=name)",
        '"SoftDeleteQuerySet[Item]", expected "Item"',
        "[return-value]",
    ),
    "a field the model does not have": planted(
        'def misspelt() -> Item:\n    return Item.objects.create(nmae="mug")',
        "nmae=",
        "nmae",
        "[misc]",
    ),
    "an attribute the model does not have": planted(
        "def title(item: Item) -> str:\n    return item.title",
        "item.title",
        '"Item" has no attribute "title"',
        "[attr-defined]",
    ),
    "a setting used as the wrong type (settings are typed)": planted(
        "from django.conf import settings\n\n\n"
        "def broker_port() -> int:\n    return settings.CELERY_BROKER_URL",
        "CELERY_BROKER_URL",
        '"str", expected "int"',
        "[return-value]",
    ),
    "django-environ, untyped, imported outside config/settings/values.py": planted(
        "import environ",
        "import environ",
        "[import-untyped]",
        file="config/settings/base.py",
    ),
    "a facade that returns the row instead of the contract": planted(
        "def get_row(item_id: UUID) -> Item:\n    return logic.get_item(item_id)",
        "return logic.get_item",
        "[return-value]",
        file=f"{CATALOG}/facade/api.py",
    ),
    "an unannotated function in a test": planted(
        "def test_unannotated():\n    assert True",
        "def test_unannotated",
        "[no-untyped-def]",
        file=f"{CATALOG}/tests/test_logic.py",
    ),
    "an unannotated function in the project's wiring": planted(
        "def helper(value):\n    return value",
        "def helper",
        "[no-untyped-def]",
        file="config/products.py",
    ),
    "an Any leaking out of a typed function": planted(
        "import json\n\n\ndef parsed(text: str) -> dict[str, int]:\n    return json.loads(text)",
        "return json.loads",
        "[no-any-return]",
        file="core/products.py",
    ),
    "a type: ignore that names no error code": planted(
        'SIZE: int = "large"  # type: ignore',
        "SIZE: int",
        "[ignore-without-code]",
    ),
    "a type: ignore that is no longer needed": planted(
        "SIZE: int = 3  # type: ignore[assignment]",
        "SIZE: int",
        "[unused-ignore]",
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
def test_the_type_error_fails_mypy_and_the_revert_passes(project: Path, case: Case) -> None:
    assert_caught_and_reverted(project, case, CASES)


@pytest.mark.parametrize("edge_case", ["a chain of three", "longest names"])
def test_an_edge_case_bake_type_checks(
    tooling_cell: Cell, bake_once: Callable[..., Path], edge_case: str
) -> None:
    project = bake_once(**tooling_cell.answers(**EDGE_CASES[edge_case]))
    run("make", "install", cwd=project)

    output = run(*MYPY, cwd=project)

    assert "Success: no issues found" in output
