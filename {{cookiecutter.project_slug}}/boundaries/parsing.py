"""Reading Python source for the lints, which judge code by parsing it, never importing it."""

from __future__ import annotations

import ast
from pathlib import Path


def parse_python(path: Path) -> ast.Module | None:
    """The module's syntax tree, or None when it cannot be read or parsed.

    The lints skip such a file: ruff and tach report it with a better message.
    """
    try:
        return ast.parse(path.read_text(encoding="utf-8"), str(path))
    except (OSError, SyntaxError, ValueError):
        return None
