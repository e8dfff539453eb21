"""The value of a string expression, when every part of it is known from the file alone."""

from __future__ import annotations

import ast


class StringValues:
    """Strings written as constants, sums, joins and f-strings, and names assigned once."""

    def __init__(self) -> None:
        self.constants: dict[str, list[ast.expr]] = {}  # name -> every value assigned to it

    def value(self, node: ast.AST, depth: int = 0) -> str | None:
        """The value of a string expression whose every part is known, else None."""
        text, complete = self.parts(node, depth)
        return text if complete else None

    def parts(self, node: ast.AST, depth: int = 0) -> tuple[str, bool]:
        """The known leading text of a string expression, and whether that is all of it."""
        if depth > 10:
            return "", False
        if isinstance(node, ast.Constant):
            return (node.value, True) if isinstance(node.value, str) else ("", False)
        if isinstance(node, ast.Name):
            values = self.constants.get(node.id, [])
            if len(values) == 1:  # assigned once: a constant
                return self.parts(values[0], depth + 1)
            return "", False
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, done = self.parts(node.left, depth + 1)
            if not done:
                return left, False
            right, done = self.parts(node.right, depth + 1)
            return left + right, done
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            separator = node.func.value
            items = node.args[0] if len(node.args) == 1 else None
            if (
                node.func.attr == "join"
                and isinstance(separator, ast.Constant)
                and isinstance(separator.value, str)
                and isinstance(items, ast.List | ast.Tuple)
            ):
                parts = [self.value(item, depth + 1) for item in items.elts]
                if all(part is not None for part in parts):
                    return separator.value.join(p for p in parts if p is not None), True
            return "", False
        if isinstance(node, ast.JoinedStr | ast.FormattedValue):
            values = node.values if isinstance(node, ast.JoinedStr) else [node.value]
            text = ""
            for value in values:
                part, done = self.parts(value, depth + 1)
                text += part
                if not done:
                    return text, False
            return text, True
        return "", False

    def first(self, node: ast.Call) -> str | None:
        return self.value(node.args[0]) if node.args else None


def called_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def keyword(node: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in node.keywords if k.arg == name), None)
