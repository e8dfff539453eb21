"""``python -m slicekit.scaffold``: each command writes what it says, or refuses in one line."""

import json
from pathlib import Path

import pytest

from slicekit.scaffold.__main__ import main as scaffold

from .conftest import listing


def test_product_creates_a_product_and_says_where(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert scaffold(["product", "shop", "--root", str(root)]) == 0

    assert capsys.readouterr().out == "created products/shop\n"
    assert (root / "products/shop/backend/facade/contracts.lock.json").is_file()


def test_a_product_that_is_not_isolated_has_no_contract_lock(root: Path) -> None:
    assert scaffold(["product", "shop", "--not-isolated", "--root", str(root)]) == 0

    assert not (root / "products/shop/backend/facade/contracts.lock.json").exists()
    domain = (root / "products/shop/tach.domain.toml").read_text()
    assert "[[interfaces]]" not in domain


def test_a_product_may_use_another_products_facade(root: Path) -> None:
    assert scaffold(["product", "shop", "--root", str(root)]) == 0
    assert scaffold(["product", "till", "--depends-on", "shop", "--root", str(root)]) == 0

    package = json.loads((root / "products/till/package.json").read_text())
    assert package["dependencies"] == {"@demo/shop": "workspace:*"}


def test_package_creates_a_package_and_says_where(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert scaffold(["package", "money", "--root", str(root)]) == 0

    assert capsys.readouterr().out == "created packages/money\n"
    assert (root / "packages/money/__init__.py").is_file()


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["product", "Shop"], "error: invalid product name 'Shop': must be a lowercase Python"),
        (["product", "shop", "--depends-on", "nowhere"], "error: invalid dependency 'nowhere'"),
        (["product", "demo"], "error: invalid product name 'demo'"),
        (["package", "Money"], "error: invalid package name 'Money'"),
        (["package", "money", "--depends-on", "nowhere"], "error: invalid dependency 'nowhere'"),
    ],
)
def test_bad_input_is_refused_in_one_line_and_nothing_is_written(
    root: Path, capsys: pytest.CaptureFixture[str], args: list[str], error: str
) -> None:
    before = listing(root)

    assert scaffold([*args, "--root", str(root)]) == 1

    written = capsys.readouterr()
    assert written.out == ""
    assert written.err.startswith(error)
    assert written.err.count("\n") == 1
    assert listing(root) == before


def test_env_writes_env_once(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / ".env.example").write_text("SECRET_KEY=\n")

    assert scaffold(["env", "--root", str(root)]) == 0
    written = (root / ".env").read_text()
    assert scaffold(["env", "--root", str(root)]) == 0

    assert capsys.readouterr().out == "wrote .env\n.env exists: left as it is\n"
    assert (root / ".env").read_text() == written


def test_docs_writes_the_architecture_guide(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "docs").mkdir()

    assert scaffold(["docs", "--root", str(root)]) == 0

    assert capsys.readouterr().out == "wrote docs/architecture.md\n"


def test_the_workshop_without_a_product_using_another_is_refused(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert scaffold(["docs", "--workshop", "--root", str(root)]) == 1

    assert capsys.readouterr().err == (
        "error: the workshop needs a product that uses another's facade, "
        "e.g. products 'catalog, orders:catalog'\n"
    )
    assert not (root / "docs").exists()


def test_a_command_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        scaffold([])

    assert exited.value.code == 2
    assert "the following arguments are required: command" in capsys.readouterr().err
