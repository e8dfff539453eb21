"""The docs that quote this project's products: written from its own code, and only once."""

from pathlib import Path

import pytest

from slicekit.names import InvalidName
from slicekit.scaffold.__main__ import main as scaffold
from slicekit.scaffold.docs import example_pair, write_docs


def add(root: Path, product: str, *depends_on: str) -> None:
    args = [arg for dependency in depends_on for arg in ("--depends-on", dependency)]
    assert scaffold(["product", product, *args, "--root", str(root)]) == 0


def test_the_guide_quotes_the_first_product_that_uses_another(root: Path) -> None:
    add(root, "shop")
    add(root, "till", "shop")
    add(root, "audit", "shop")  # first by name

    assert example_pair(root) == ("shop", "audit")
    (written,) = write_docs(root)

    guide = written.read_text()
    domain = (root / "products/audit/tach.domain.toml").read_text()
    (depends_on,) = [line for line in domain.splitlines() if line.startswith("depends_on =")]
    assert written == root / "docs" / "architecture.md"
    assert "`shop` and `audit`" in guide
    assert f"\n{depends_on}\n" in guide
    assert "from products.shop.backend.facade import api as shop_api" in guide
    assert "no product that uses another's facade yet" not in guide


def test_without_such_a_pair_the_guide_shows_what_one_would_write(root: Path) -> None:
    add(root, "shop")

    assert example_pair(root) is None
    (written,) = write_docs(root)

    guide = written.read_text()
    assert "`shop` and `orders`" in guide
    assert "no product that uses another's facade yet" in guide
    assert '"//products.shop"' in guide  # the skeleton's depends_on line for orders


def test_without_products_the_guide_uses_example_names(root: Path) -> None:
    (written,) = write_docs(root)

    assert "`catalog` and `orders`" in written.read_text()


def test_the_workshop_is_written_with_the_guide_when_asked(root: Path) -> None:
    add(root, "shop")
    add(root, "till", "shop")

    written = write_docs(root, workshop=True)

    assert [path.name for path in written] == ["architecture.md", "workshop.md"]
    assert "till" in (root / "docs" / "workshop.md").read_text()


def test_the_workshop_needs_a_product_that_uses_another(root: Path) -> None:
    add(root, "shop")

    with pytest.raises(InvalidName, match="the workshop needs a product that uses another's"):
        write_docs(root, workshop=True)
    assert not (root / "docs").exists()


def test_documents_the_project_already_has_are_left_as_they_are(root: Path) -> None:
    (root / "docs").mkdir()
    (root / "docs" / "architecture.md").write_text("ours\n")

    assert write_docs(root, workshop=False) == []
    assert (root / "docs" / "architecture.md").read_text() == "ours\n"
