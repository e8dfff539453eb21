"""python -m slicekit layers: import-linter's contracts, generated; its report, placed."""

from pathlib import Path

from slicekit.layers import config, parse

REPORT = """\
Broken contracts
----------------

shop: presentation | tasks > facade.api > logic > models
---------------------------------------------------------

products.shop.backend.logic is not allowed to import products.shop.backend.presentation:

- products.shop.backend.logic -> products.shop.backend.presentation.views (l.12)


products.shop.backend.models is not allowed to import products.shop.backend.facade.api:

- products.shop.backend.models -> products.shop.backend.admin (l.3, l.9)
  products.shop.backend.admin -> products.shop.backend.facade.api (l.5)

- products.shop.backend.models -> products.shop.backend.helpers (l.4)
  products.shop.backend.helpers -> products.shop.backend.facade.api (l.2)
"""


def product(root: Path, name: str, *files: str) -> None:
    for file in ("backend/__init__.py", *files):
        path = root / "products" / name / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("")


def test_one_layers_contract_per_product_on_disk(tmp_path: Path) -> None:
    product(tmp_path, "shop")
    product(tmp_path, "billing")
    (tmp_path / "products" / "notes").mkdir()  # no backend: not a product the layers hold

    text = config(tmp_path)

    assert text.count("type = layers") == 2
    assert "[importlinter:contract:billing]" in text
    assert "    products.shop.backend\nlayers =\n    (presentation) | (tasks)\n" in text
    assert text.endswith("    (facade.api)\n    (logic)\n    (models)\n")


def test_each_broken_chain_is_placed_at_its_first_import(tmp_path: Path) -> None:
    product(tmp_path, "shop", "backend/logic.py", "backend/models.py")

    found = [str(violation) for violation in parse(REPORT, tmp_path)]

    assert len(found) == 3
    assert found[0].startswith(
        "products/shop/backend/logic.py:12: product-layers: logic imports presentation: "
    )
    assert found[1].startswith(
        "products/shop/backend/models.py:3: product-layers: models imports facade.api through "
        "products.shop.backend.models -> products.shop.backend.admin then "
        "products.shop.backend.admin -> products.shop.backend.facade.api: "
    )
    assert found[2].startswith("products/shop/backend/models.py:4: product-layers:")
    assert "(presentation | tasks > facade.api > logic > models)" in found[0]


def test_a_package_module_is_placed_at_its_init(tmp_path: Path) -> None:
    product(tmp_path, "shop", "backend/logic/__init__.py")
    report = (
        "products.shop.backend.logic is not allowed to import products.shop.backend.tasks:\n"
        "- products.shop.backend.logic -> products.shop.backend.tasks.tasks (l.7)\n"
    )

    (violation,) = parse(report, tmp_path)

    assert violation.path == "products/shop/backend/logic/__init__.py"
    assert violation.line == 7


def test_a_kept_report_has_no_violations(tmp_path: Path) -> None:
    assert parse("Contracts: 2 kept, 0 broken.\n", tmp_path) == []
