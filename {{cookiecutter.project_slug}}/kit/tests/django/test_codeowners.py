"""``python -m slicekit.scaffold codeowners`` (``make codeowners``): write CODEOWNERS, or refuse."""

import json
from pathlib import Path

import pytest

from slicekit.owners import CODEOWNERS, lint_owners
from slicekit.scaffold.__main__ import main as scaffold


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "package.json").write_text(json.dumps({"name": "demo", "owners": ["@demo/core"]}))
    for product in ("billing", "shop"):
        directory = tmp_path / "products" / product
        directory.mkdir(parents=True)
        (directory / "package.json").write_text(json.dumps({"owners": [f"@demo/{product}"]}))
    return tmp_path


def set_owners(root: Path, product: str, owners: object) -> None:
    (root / "products" / product / "package.json").write_text(json.dumps({"owners": owners}))


def test_the_scaffold_command_writes_codeowners(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert scaffold(["codeowners", "--root", str(root)]) == 0

    assert capsys.readouterr().out == f"wrote {CODEOWNERS}\n"
    assert lint_owners(root, ["billing", "shop"]) == []


def test_the_scaffold_command_refuses_bad_owners_in_one_line_and_writes_nothing(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_owners(root, "shop", ["nobody"])

    assert scaffold(["codeowners", "--root", str(root)]) == 1

    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert error.startswith("error: products/shop/package.json: owners: 'nobody' is not")
    assert not (root / CODEOWNERS).exists()
