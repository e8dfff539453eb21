"""Full tier: a product using several products re-tests when any of their contracts changes.

reviews uses catalog and orders (``reviews:catalog+orders``), orders uses catalog.
After one full run fills turbo's cache, a contract change of orders must re-test
reviews but not catalog, and one of catalog everything: turbo follows each
``package.json`` dependency the bake wrote, and ``python -m slicekit discover``
plans the same products.
"""

from pathlib import Path

import pytest

from .helpers import commit_all, run
from .options import Cell
from .test_selective_testing import TASKS, discover_plan, misses, products_to_test, turbo_plan

pytestmark = pytest.mark.full

PRODUCTS = "catalog, orders:catalog, reviews:catalog+orders"
# A compatible addition: each product's contract check passes, and its users re-test.
ADDITION = "\n\n@dataclass(frozen=True)\nclass ItemSummary:\n    id: UUID\n    name: str\n"


@pytest.fixture(scope="module")
def project(tooling_cell: Cell, bake_once) -> Path:
    project = bake_once(**tooling_cell.answers(products=PRODUCTS))
    run("make", "install", "node_modules", cwd=project)
    commit_all(project, "lock files")
    assert "6 successful, 6 total" in run("make", "test-selected", cwd=project)
    return project


@pytest.mark.parametrize(
    ("provider", "retested"),
    [("orders", ("orders", "reviews")), ("catalog", ("catalog", "orders", "reviews"))],
)
def test_a_contract_change_of_any_product_used_re_tests_the_user(
    project: Path, provider: str, retested: tuple[str, ...]
) -> None:
    base = run("git", "rev-parse", "HEAD", cwd=project).strip()
    contracts = project / "products" / provider / "backend" / "facade" / "contracts.py"
    try:
        contracts.write_text(contracts.read_text() + ADDITION)
        commit_all(project, f"a contract of {provider}")
        turbo, discover = turbo_plan(project), discover_plan(project, base)
    finally:
        run("git", "reset", "-q", "--hard", base, cwd=project)

    assert misses(turbo) == {f"{product}#{task}" for product in retested for task in TASKS}
    assert discover["full_suite"] is False
    assert discover["products"] == list(retested) == products_to_test(turbo)
    assert f"reviews: uses {provider}, whose contract inputs changed" in discover["reasons"]
