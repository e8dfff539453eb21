"""Products are discovered, and ``PRODUCTS`` installs a product with what it depends on.

What discovery registers for each product (its app, URLs, Celery tasks, beat
entries, API schema) is tested in each product's own ``test_registration.py``:
a change to a product's wiring then fails that product's task, which
selective testing runs, not only this project-level suite.
"""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from slicekit.names import ProductNames

from config.products import PRODUCTS_DIR, closure, discovered, products
from core.products import Product, is_contract_module


def test_every_product_directory_is_discovered() -> None:
    on_disk = sorted(path.parent.parent.name for path in PRODUCTS_DIR.glob("*/backend/apps.py"))

    assert [product.name for product in discovered()] == on_disk


def test_without_a_selection_every_product_is_installed() -> None:
    assert products() == discovered()  # pytest's own run: PRODUCTS is not set by make pytest


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """shipping uses orders, orders uses catalog; blog stands alone."""
    for name, uses in [("catalog", []), ("orders", ["catalog"]), ("shipping", ["orders"])]:
        add_product(tmp_path, name, uses)
    add_product(tmp_path, "blog", [])
    return tmp_path


def add_product(root: Path, name: str, uses: list[str]) -> None:
    directory = root / "products" / name
    directory.mkdir(parents=True)
    depends_on = ", ".join(f'"//products.{used}"' for used in uses)
    (directory / "tach.domain.toml").write_text(f"[root]\ndepends_on = [{depends_on}]\n")


EVERY = tuple(Product(name) for name in ("blog", "catalog", "orders", "shipping"))


def names(products: tuple[Product, ...]) -> list[str]:
    return [product.name for product in products]


def test_a_selection_installs_the_dependencies_through_every_chain(root: Path) -> None:
    assert names(closure(["shipping"], EVERY, root)) == ["catalog", "orders", "shipping"]
    assert names(closure(["catalog"], EVERY, root)) == ["catalog"]
    assert names(closure(["blog", "orders"], EVERY, root)) == ["blog", "catalog", "orders"]


def test_an_unknown_product_is_refused_by_name(root: Path) -> None:
    with pytest.raises(ImproperlyConfigured, match="PRODUCTS=shiping: shiping is not a product"):
        closure(["shiping"], EVERY, root)


def test_an_unreadable_dependency_file_is_refused(root: Path) -> None:
    (root / "products" / "orders" / "tach.domain.toml").write_text("[root")

    with pytest.raises(ImproperlyConfigured, match=r"orders/tach\.domain\.toml is unreadable"):
        closure(["shipping"], EVERY, root)


@pytest.mark.parametrize("name", ["catalog", "big_shop", "v2"])
def test_running_code_derives_the_names_the_kit_derives(name: str) -> None:
    """core.products keeps production free of the kit; the convention stays one."""
    ours, kits = Product(name), ProductNames(name)

    assert (ours.app_module, ours.class_prefix) == (kits.app_module, kits.class_prefix)
    assert ours.contract_modules == kits.contract_modules
    assert all(is_contract_module(module) for module in kits.contract_modules)
    assert not is_contract_module(f"{kits.app_module}.facade.api")
