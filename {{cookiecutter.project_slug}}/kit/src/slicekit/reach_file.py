"""One parsed file as the reach rules see it, and the walk that hands each node to them."""

from __future__ import annotations

import ast

from slicekit.findings import Finding
from slicekit.reach_project import Project
from slicekit.reach_strings import StringValues


class FileContext:
    """What the rules share about one file: whose it is, its tree's parents, its findings."""

    def __init__(
        self,
        project: Project,
        relative: str,
        module: str,
        owner: str | None,
        used: dict[str, Finding],
    ) -> None:
        self.project = project
        self.relative = relative
        self.module = module
        self.package = module if relative.endswith("__init__.py") else module.rpartition(".")[0]
        self.owner = owner
        self.used = used
        self.parents: dict[ast.AST, ast.AST] = {}
        self.docstrings: set[ast.AST] = set()
        self.strings = StringValues()
        self.findings: list[Finding] = []

    def report(self, node: ast.AST, rule: str, message: str) -> None:
        self.findings.append(Finding(self.relative, getattr(node, "lineno", None), rule, message))

    def foreign(self, product: str) -> bool:
        return product in self.project.products and product != self.owner

    def note_use(self, node: ast.AST, product: str, what: str) -> None:
        """A legal reference to ``product``: the product must declare it."""
        if self.owner is not None and product not in self.used:
            self.used[product] = Finding(self.relative, getattr(node, "lineno", None), "", what)

    def product_of(self, path: str) -> str | None:
        parts = path.split(".")
        if len(parts) > 1 and parts[0] == "products" and self.foreign(parts[1]):
            return parts[1]
        return None

    def walk(self, tree: ast.Module) -> list[ast.AST]:
        """Every node of ``tree`` (as ast.walk), recording parents and docstrings on the way."""
        nodes: list[ast.AST] = []
        stack: list[ast.AST] = [tree]
        while stack:
            node = stack.pop()
            nodes.append(node)
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node
                stack.append(child)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                first = node.body[0] if node.body else None
                if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                    self.docstrings.add(first.value)
        return nodes
