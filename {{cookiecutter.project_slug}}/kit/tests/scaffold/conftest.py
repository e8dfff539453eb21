import json
from pathlib import Path

import pytest


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A scratch project root, as the scaffolder finds a real one: it never touches this one."""
    (tmp_path / "package.json").write_text(json.dumps({"name": "demo", "owners": ["@demo/team"]}))
    (tmp_path / "products").mkdir()
    (tmp_path / "packages").mkdir()
    (tmp_path / "packages" / "__init__.py").write_text("")
    return tmp_path


def listing(root: Path) -> list[str]:
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*"))
