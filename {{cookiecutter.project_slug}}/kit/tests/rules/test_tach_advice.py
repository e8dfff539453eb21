import json
from pathlib import Path

from slicekit.tach_advice import CYCLE_HINT, DEPENDENCY_HINT, INTERFACE_HINT, advise

OTHERWISE = "Otherwise, remove any disallowed imports and consider refactoring."
# orders uses catalog; both use the display_names package.
GRAPH = {
    "products.orders": ["core", "packages.display_names", "products.catalog"],
    "products.catalog": ["core", "packages.display_names"],
    "packages.display_names": [],
}


def report(finding: str, hint: str) -> str:
    return f"Section\n[FAIL] {finding}\n\n{hint}\n{OTHERWISE}\n"


def project(tmp_path: Path, orders_dependencies: dict[str, str]) -> Path:
    for product, dependencies in (("catalog", {}), ("orders", orders_dependencies)):
        directory = tmp_path / "products" / product
        directory.mkdir(parents=True)
        manifest = {"name": f"@shop/{product}", "dependencies": dependencies}
        (directory / "package.json").write_text(json.dumps(manifest))
    return tmp_path


def test_a_private_import_is_sent_to_the_facade_not_to_tach_toml(tmp_path: Path) -> None:
    finding = "a.py:3: The path 'products.catalog.backend.models.Item' is not part of the public "
    finding += "interface for 'products.catalog'."

    advised = advise(report(finding, INTERFACE_HINT), lambda: GRAPH, tmp_path)

    assert "tach.toml" not in advised
    assert f"[FAIL] {finding}" in advised
    assert "products.catalog's interface is its facade (products.catalog.backend.facade)" in advised
    assert advised.endswith(f"{OTHERWISE}\n")


def test_an_undeclared_product_names_both_files_to_declare_it_in(tmp_path: Path) -> None:
    graph = {**GRAPH, "products.orders": ["core"]}
    finding = (
        "a.py:3: Cannot use 'x'. Module 'products.orders' cannot depend on 'products.catalog'."
    )

    advised = advise(report(finding, DEPENDENCY_HINT), lambda: graph, project(tmp_path, {}))

    assert "tach sync" not in advised
    assert (
        'If products.orders should use products.catalog, add "//products.catalog" to depends_on '
        'in products/orders/tach.domain.toml and "@shop/catalog": "workspace:*" to '
        '"dependencies" in products/orders/package.json, and import only '
        "products.catalog.backend.facade."
    ) in advised


def test_a_dependency_that_would_close_a_cycle_is_not_advised(tmp_path: Path) -> None:
    finding = (
        "a.py:3: Cannot use 'x'. Module 'products.catalog' cannot depend on 'products.orders'."
    )

    advised = advise(report(finding, DEPENDENCY_HINT), lambda: GRAPH, tmp_path)

    assert "add " not in advised
    assert (
        "products.catalog cannot use products.orders: products.orders already depends on it "
        "(products.orders -> products.catalog), and cycles are refused"
    ) in advised


def test_a_package_may_use_packages_only(tmp_path: Path) -> None:
    finding = "a.py:3: Cannot use 'x'. Module 'packages.display_names' cannot depend on 'core'."

    advised = advise(report(finding, DEPENDENCY_HINT), lambda: GRAPH, tmp_path)

    assert (
        "packages.display_names cannot use core: a package may depend on other packages only."
    ) in advised


def test_a_cycle_names_the_domain_files_not_the_setting(tmp_path: Path) -> None:
    text = (
        "❌ Circular dependency detected for module 'products.orders'\n"
        "❌ Circular dependency detected for module 'products.catalog'\n\n"
        f"Resolve circular dependencies.\n{CYCLE_HINT}\n"
    )

    advised = advise(text, lambda: GRAPH, tmp_path)

    assert "forbid_circular_dependencies' from" not in advised
    assert (
        "drop the depends_on entry that closes the cycle in products/orders/tach.domain.toml, "
        "products/catalog/tach.domain.toml"
    ) in advised


def test_a_report_without_hints_is_unchanged(tmp_path: Path) -> None:
    assert advise("✅ All modules validated!\n", lambda: GRAPH, tmp_path) == (
        "✅ All modules validated!\n"
    )
