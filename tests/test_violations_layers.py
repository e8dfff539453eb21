"""Full tier, batched: layers inside a product, contract bases, contracts as data at run time,
facade names as imported, and erasure through every facade (issue 22, items 5-7).

One bake for the module. Each batch plants all its variants at once, each in a file of
its own, runs each check once, and asserts every variant's rule and file:line in the
output, and that the near-misses planted beside them are not reported; reverted, the same
checks pass. The variants are spelled otherwise than the issue's examples.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from .helpers import attempt
from .options import Cell
from .planting import line_of, revert
from .test_violations import (
    CATALOG,
    CONTRACTS,
    DJANGO,
    ORDERS,
    PYTHON,
    append,
    installed_bake,
    replace,
)

pytestmark = pytest.mark.full

LAYERS = (PYTHON, "-m", "slicekit", "layers")
# The products' tests, and core's erasure tests: the near-miss (core calling every facade).
PYTEST = (
    PYTHON,
    "-m",
    "pytest",
    "-q",
    "-p",
    "no:tach",
    "--no-cov",
    "products",
    "core/tests/test_erasure.py",
)


@pytest.fixture(scope="module")
def project(tooling_cell: Cell, bake_once: Callable[..., Path]) -> Path:
    return installed_bake(bake_once, tooling_cell)


@dataclass(frozen=True)
class Plant:
    file: str
    edit: Callable[[str], str]
    marker: str  # the line a finding must name ("" when the file itself is not reported)
    expect: str  # what the finding says after "<file>:<line>: " (or after its place)


def planted(project: Path, plants: dict[str, Plant]) -> dict[str, str]:
    """Write every plant (each file edited once, in order); the edited text of each file."""
    edited: dict[str, str] = {}
    for plant in plants.values():
        path = project / plant.file
        text = edited.get(plant.file, path.read_text() if path.exists() else "")
        edited[plant.file] = plant.edit(text)
        path.write_text(edited[plant.file])
    return edited


def place(plant: Plant, edited: dict[str, str]) -> str:
    return f"{plant.file}:{line_of(edited[plant.file], plant.marker)}"


# Batch 1, read from the source: the layers (import-linter) and the contracts' bases.
STATIC = {
    "models.py reaching the facade through an import inside a function": Plant(
        f"{CATALOG}/models.py",
        append("\n\ndef _facade() -> object:\n    from .facade import api\n\n    return api\n"),
        "    from .facade import api",
        "product-layers: models imports facade.api",
    ),
    "logic.py reaching the tasks through a helper module": Plant(
        f"{CATALOG}/logic.py",
        append("\nfrom . import scheduling as _scheduling  # noqa: E402\n"),
        "from . import scheduling",
        "product-layers: logic imports tasks through",
    ),
    "the helper that logic.py goes through": Plant(
        f"{CATALOG}/scheduling.py",
        append('"""Scheduling helpers."""\n\nfrom .tasks import tasks as _tasks\n'),
        "",
        "",
    ),
    "the facade importing a serializer for its annotations only": Plant(
        f"{ORDERS}/facade/api.py",
        replace(
            "from core.transactions import transactional\n",
            "from typing import TYPE_CHECKING\n\nfrom core.transactions import transactional\n\n"
            "if TYPE_CHECKING:\n    from ..presentation.serializers import ItemSerializer\n",
        ),
        "from ..presentation.serializers import ItemSerializer",
        "product-layers: facade.api imports presentation",
    ),
    "a task importing a view (presentation and tasks are independent)": Plant(
        f"{ORDERS}/tasks/tasks.py",
        append("\nfrom ..presentation import views as _views  # noqa: E402\n"),
        "from ..presentation import views",
        "product-layers: tasks imports presentation",
    ),
    "a contract based on another product's contract through a module alias": Plant(
        f"{ORDERS}/facade/contracts.py",
        append(
            "\nimport products.catalog.backend.facade.contracts as catalog_contracts  # noqa\n\n\n"
            "@dataclass(frozen=True)\nclass OrderedItem(catalog_contracts.Item):\n"
            "    quantity: int = 1\n\n\n"
            "@dataclass(frozen=True)\nclass Line:\n    item: catalog_contracts.Item\n"
        ),
        "class OrderedItem(",
        "contract-bases: dataclass OrderedItem is based on "
        "products.catalog.backend.facade.contracts.Item",
    ),
    "an exception based on another product's exception, renamed, in enums.py": Plant(
        f"{ORDERS}/facade/enums.py",
        append(
            "\nfrom products.catalog.backend.facade.contracts import ItemRejected as Refusal  "
            "# noqa\n\n\nclass PriceRefused(Refusal):\n    pass\n"
        ),
        "class PriceRefused(",
        "contract-bases: class PriceRefused is based on "
        "products.catalog.backend.facade.contracts.ItemRejected",
    ),
    "a contract of the used product based on its user's contract": Plant(
        f"{CATALOG}/facade/contracts.py",
        append(
            "\nfrom products.orders.backend.facade.contracts import NewItem as Draft  # noqa\n"
            "\n\n@dataclass(frozen=True)\nclass Reorder(Draft):\n    again: bool = True\n"
        ),
        "class Reorder(",
        "contract-bases: dataclass Reorder is based on "
        "products.orders.backend.facade.contracts.NewItem",
    ),
}
STATIC_NEAR_MISSES = {
    "a view importing its product's logic (a higher layer uses a lower one)": Plant(
        f"{CATALOG}/presentation/views.py",
        append("\nfrom .. import logic as _logic  # noqa: E402\n"),
        "from .. import logic",
        "",
    ),
    "a task importing its product's logic": Plant(
        f"{CATALOG}/tasks/tasks.py",
        append("\nfrom .. import logic as _logic  # noqa: E402\n"),
        "from .. import logic",
        "",
    ),
}


def test_static_variants_fail_with_rule_and_line_and_near_misses_pass(project: Path) -> None:
    try:
        edited = planted(project, {**STATIC, **STATIC_NEAR_MISSES})
        layers = attempt(*LAYERS, cwd=project)
        contracts = attempt(*CONTRACTS, cwd=project)
    finally:
        revert(project)
    output = layers[1] + contracts[1]
    assert layers[0] == 1, layers[1]
    assert contracts[0] == 1, contracts[1]
    for plant in STATIC.values():
        if plant.marker:
            assert f"{place(plant, edited)}: {plant.expect}" in output, (plant, output)
    for plant in STATIC_NEAR_MISSES.values():
        assert f"{place(plant, edited)}:" not in output, output
    # Beside OrderedItem, a field holding the used product's contract is legal, and its
    # class is recorded in the lock (compatible: the lock predates it).
    line = line_of(edited[f"{ORDERS}/facade/contracts.py"], "    item: catalog_contracts.Item")
    assert f"{ORDERS}/facade/contracts.py:{line}:" not in output, output
    assert "now hands out catalog.Item, another product's contract" in contracts[1]

    assert attempt(*LAYERS, cwd=project)[0] == 0
    assert attempt(*CONTRACTS, cwd=project)[0] == 0


# Batch 2, seen only by running code: what facades return, and their names as imported.
# Each finding names the facade function (or name) and its place in api.py:
# (file, marker whose line is reported, what follows the place).
RUNTIME = {
    "a contract that writes a list into its __dict__ after init": Plant(
        f"{ORDERS}/facade/contracts.py",
        replace(
            "\n\n\n@dataclass(frozen=True)\nclass NewItem:",
            "\n\n    def __post_init__(self) -> None:\n"
            '        self.__dict__["words"] = self.name.split()\n\n\n'
            "@dataclass(frozen=True)\nclass NewItem:",
        ),
        "",
        "",
    ),
    "the logic handing out an int subclass that carries a method": Plant(
        f"{CATALOG}/logic.py",
        replace(
            "    return Item.objects.count()\n",
            "    return Tally(Item.objects.count())\n\n\nclass Tally(int):\n"
            "    def rows(self) -> QuerySet[Item]:\n        return Item.objects.all()\n",
        ),
        "",
        "",
    ),
    "a loader hung on the contract class by the logic at import time": Plant(
        f"{ORDERS}/logic.py",
        append(
            "\n\nfrom .facade.contracts import Item as _Contract  # noqa: E402\n\n"
            "_Contract.reload = staticmethod(get_item)  # type: ignore[attr-defined]\n"
        ),
        "",
        "",
    ),
    "a facade function decorated into a functools.partial": Plant(
        f"{CATALOG}/facade/api.py",
        lambda source: replace(
            "@transactional\ndef delete_item(",
            "def _bound(function):  # noqa: ANN001, ANN202\n"
            "    return functools.partial(function)\n\n\n"
            "@_bound\n@transactional\ndef delete_item(",
        )(
            replace(
                "from datetime import datetime\n",
                "import functools\nfrom datetime import datetime\n",
            )(source)
        ),
        "",
        "",
    ),
    "a facade name rebound through globals() to the logic": Plant(
        f"{ORDERS}/facade/api.py",
        append('\nglobals()["count_items"] = logic.count_items\n'),
        "",
        "",
    ),
    "a facade function swapped for a lambda when the app is ready": Plant(
        f"{ORDERS}/apps.py",
        append(
            "\n    def ready(self) -> None:\n        from .facade import api\n\n"
            "        real = api.list_items\n"
            "        api.list_items = lambda offset=0, limit=None: real(offset, limit)\n"
        ),
        "",
        "",
    ),
}
CATALOG_API, ORDERS_API = f"{CATALOG}/facade/api.py", f"{ORDERS}/facade/api.py"
NOT_DATA = "contract-values: returned a value that is not data all the way down: the value"
RUNTIME_FINDINGS = [  # (file, marker, text before the place, text after it)
    (
        ORDERS_API,
        "def get_item(",
        "facade function orders.get_item (",
        f"): {NOT_DATA} is a Item, whose class attribute Item.reload is get_item from "
        "products.orders.backend.logic, code outside the contracts (a loader); "
        "the value.words is an attribute that is not a field",
    ),
    (
        CATALOG_API,
        "def count_items(",
        "facade function catalog.count_items (",
        f"): {NOT_DATA} is a Tally (products.catalog.backend.logic.Tally), which is not data",
    ),
    (
        CATALOG_API,
        "def delete_item(",
        "",
        ": facade-surface: facade name catalog.delete_item is a functools.partial of ",
    ),
    (
        ORDERS_API,
        'globals()["count_items"]',
        "",
        ": facade-surface: facade name orders.count_items is products.orders.backend.logic."
        "count_items, defined outside api.py",
    ),
    (
        ORDERS_API,
        "def list_items(",
        "",
        ": facade-surface: facade name orders.list_items is a lambda",
    ),
]

CHECK_FINDINGS = [  # manage.py check: (file, marker, what follows the place)
    (
        CATALOG_API,
        "def delete_item(",
        ": facade name catalog.delete_item is a functools.partial of delete_item, not a function",
    ),
    (ORDERS_API, "def list_items(", ": facade name orders.list_items is a lambda"),
    (  # a function of another module: the re-export the check has always named
        "",
        "",
        "(facade-returns) products/orders/backend/logic.py:",
    ),
]


def test_runtime_variants_fail_the_tests_and_the_check_and_erasure_stays_legal(
    project: Path,
) -> None:
    try:
        edited = planted(project, RUNTIME)
        for file in (CATALOG_API, ORDERS_API):
            edited.setdefault(file, (project / file).read_text())
        tests = attempt(*PYTEST, cwd=project)
        check = attempt(*DJANGO, cwd=project)
    finally:
        revert(project)
    assert tests[0] == 1, tests[1]
    assert check[0] == 1, check[1]
    for file, marker, before, after in RUNTIME_FINDINGS:
        where = f"{file}:{line_of(edited[file], marker)}"
        assert f"{before}{where}{after}" in tests[1], (where, after, tests[1])
    for file, marker, after in CHECK_FINDINGS:
        where = f"{file}:{line_of(edited[file], marker)}" if marker else ""
        assert f"{where}{after}" in check[1], check[1]
    # The near-miss: core calling every product's erase function, through their facades.
    assert "test_erasure.py" not in tests[1], tests[1]

    assert attempt(*PYTEST, cwd=project)[0] == 0
    assert attempt(*DJANGO, cwd=project)[0] == 0
