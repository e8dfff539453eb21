from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def write_contracts(tmp_path: Path) -> Callable[..., Path]:
    """Write a product's contract files into a scratch project root; return the root."""

    def write(contracts: str, enums: str = "", product: str = "shop") -> Path:
        facade = tmp_path / "products" / product / "backend" / "facade"
        facade.mkdir(parents=True, exist_ok=True)
        (facade / "contracts.py").write_text(contracts)
        (facade / "enums.py").write_text(enums)
        return tmp_path

    return write
