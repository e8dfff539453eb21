"""Reading the project's files for the lints, which judge code by parsing it, never importing it."""

from __future__ import annotations

import ast
import io
import json
import tokenize
from pathlib import Path
from typing import Any


def parse_python(path: Path) -> ast.Module | None:
    """The module's syntax tree, or None when it cannot be read or parsed.

    The lints skip such a file: ruff and tach report it with a better message.
    """
    try:
        return ast.parse(path.read_text(encoding="utf-8"), str(path))
    except (OSError, SyntaxError, ValueError):
        return None


def comments(source: bytes) -> list[tokenize.TokenInfo]:
    """The comment tokens of ``source`` (its encoding cookie honoured); none when it cannot
    be tokenized, which its parse reports."""
    try:
        tokens = list(tokenize.tokenize(io.BytesIO(source).readline))
    except (tokenize.TokenError, SyntaxError, ValueError):
        return []
    return [token for token in tokens if token.type == tokenize.COMMENT]


def read_json_object(path: Path) -> dict[str, Any]:
    """A JSON object file (a package.json), or nothing when it is missing, unreadable or not
    an object: the product lint reports such a file."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}
