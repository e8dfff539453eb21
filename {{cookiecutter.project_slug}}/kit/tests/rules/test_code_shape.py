"""No class of the kit over 200 lines: a class that long does several jobs, so split it."""

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "src"
SKELETON = "skeleton"  # templates of a product's files, not the kit's code
LIMIT = 200


def long_classes() -> list[str]:
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        if SKELETON in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.end_lineno is not None:
                length = node.end_lineno - node.lineno + 1
                if length > LIMIT:
                    found.append(f"{path.relative_to(SOURCE)}: {node.name}, {length} lines")
    return found


def test_no_class_is_over_200_lines() -> None:
    assert long_classes() == []
