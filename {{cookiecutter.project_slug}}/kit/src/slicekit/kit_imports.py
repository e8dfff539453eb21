"""kit-in-production: the team's production code imports nothing of the kit.

The kit is a development dependency: a production install has no ``slicekit``, and
production settings never load it. So a module that production imports (anything
under products/, packages/, core/ or config/ but tests) must not import it; only
tests, conftest.py files and manage.py's check path may.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

from slicekit.findings import Finding
from slicekit.rules import rule

KIT = "slicekit"
PRODUCTION_ROOTS = ("core", "config", "packages")  # and every product's directory


def lint_kit_imports(root: Path, directories: Iterable[str]) -> list[Finding]:
    """A finding for each import of the kit in a non-test module under ``directories``."""
    findings = []
    for directory in directories:
        for path in sorted((root / directory).rglob("*.py")):
            relative = path.relative_to(root)
            if not is_test(relative):
                findings += _kit_imports(root, relative)
    return findings


def is_test(path: Path) -> bool:
    return "tests" in path.parts or path.name == "conftest.py" or path.name.startswith("test_")


def _kit_imports(root: Path, relative: Path) -> list[Finding]:
    try:
        tree = ast.parse((root / relative).read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError):
        return []  # the syntax rule reports the file
    findings = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        for name in _absolute_imports(node):
            if name.split(".")[0] == KIT:
                findings.append(
                    Finding(
                        relative.as_posix(),
                        node.lineno,
                        rule("kit-in-production"),
                        f"imports {name}, but production never loads the kit (a development "
                        "dependency); only tests and conftest.py may use slicekit",
                    )
                )
    return findings


def _absolute_imports(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    return [node.module] if not node.level and node.module else []
