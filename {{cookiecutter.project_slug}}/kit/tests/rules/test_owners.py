"""Owners: declared once per product, CODEOWNERS generated from them, and the lint on both."""

import json
from pathlib import Path

import pytest

from slicekit.owners import (
    CODEOWNERS,
    OwnersError,
    lint_owners,
    read_owners,
    render_codeowners,
    write_codeowners,
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A project with default owners and two products, each with owners of its own."""
    (tmp_path / "package.json").write_text(json.dumps({"name": "demo", "owners": ["@demo/core"]}))
    for product, owners in (("shop", ["@demo/shop", "lead@example.com"]), ("billing", ["@ann"])):
        directory = tmp_path / "products" / product
        directory.mkdir(parents=True)
        (directory / "package.json").write_text(json.dumps({"owners": owners}))
    return tmp_path


def set_owners(root: Path, product: str, owners: object) -> None:
    (root / "products" / product / "package.json").write_text(json.dumps({"owners": owners}))


def test_codeowners_has_the_default_then_each_product(root: Path) -> None:
    text = render_codeowners(root, ["billing", "shop"])

    rules = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert rules == [
        "* @demo/core",
        "/products/billing/ @ann",
        "/products/shop/ @demo/shop lead@example.com",
    ]


def test_a_generated_codeowners_passes_the_lint(root: Path) -> None:
    write_codeowners(root, ["billing", "shop"])

    assert lint_owners(root, ["billing", "shop"]) == []


def test_a_changed_owner_makes_codeowners_stale_at_its_line(root: Path) -> None:
    write_codeowners(root, ["billing", "shop"])
    set_owners(root, "shop", ["@demo/checkout"])

    (finding,) = lint_owners(root, ["billing", "shop"])

    assert str(finding).startswith(f"{CODEOWNERS}:7: owners: stale")
    assert "make codeowners" in finding.message


def test_a_new_product_makes_codeowners_stale(root: Path) -> None:
    write_codeowners(root, ["shop"])

    (finding,) = lint_owners(root, ["billing", "shop"])

    assert finding.path == CODEOWNERS
    assert "stale" in finding.message


def test_a_missing_codeowners_says_how_to_generate_it(root: Path) -> None:
    (finding,) = lint_owners(root, ["shop"])

    assert str(finding) == f"{CODEOWNERS}: owners: missing: generate it with make codeowners"


@pytest.mark.parametrize(
    ("owners", "message"),
    [
        (None, "no owners"),
        ([], "no owners"),
        ("@demo/shop", "no owners"),
        (["Your Name"], "'Your Name' is not a GitHub @user, @org/team or email"),
        (["@demo/shop", 7], "7 is not a GitHub"),
        (["demo/shop"], "'demo/shop' is not"),
    ],
)
def test_bad_owners_are_findings_on_the_products_package_json(
    root: Path, owners: object, message: str
) -> None:
    set_owners(root, "shop", owners)

    (finding,) = lint_owners(root, ["billing", "shop"])

    assert finding.path == "products/shop/package.json"
    assert finding.rule == "owners"
    assert message in finding.message


def test_an_unreadable_package_json_is_one_finding(root: Path) -> None:
    (root / "products" / "shop" / "package.json").write_text("{not json")

    (finding,) = lint_owners(root, ["billing", "shop"])

    assert finding.path == "products/shop/package.json"
    assert "unreadable" in finding.message


def test_a_product_without_package_json_is_left_to_the_layout_lint(root: Path) -> None:
    write_codeowners(root, ["billing", "shop"])
    (root / "products" / "gone").mkdir()

    assert lint_owners(root, ["billing", "shop", "gone"]) == []


def test_read_owners_refuses_a_project_without_default_owners(root: Path) -> None:
    (root / "package.json").write_text(json.dumps({"name": "demo"}))

    with pytest.raises(OwnersError, match=r"^package\.json: owners: no owners"):
        read_owners(root, "package.json")
