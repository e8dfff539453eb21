"""facade-reach: imports, and names and attribute chains leading into another product."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from slicekit.names import possessive
from slicekit.reach_file import FileContext
from slicekit.reach_strings import called_name, keyword
from slicekit.reach_surface import classify, why_private
from slicekit.rules import rule


@dataclass
class Binding:
    """What a local name refers to: a dotted path (a module, or a name in a module)."""

    path: str
    line: int


class NameReach:
    """What each name of the file refers to, and the references past a public facade."""

    def __init__(self, file: FileContext) -> None:
        self.file = file
        self.strings = file.strings
        self.bindings: dict[str, list[Binding]] = {}

    def check_import(self, node: ast.Import | ast.ImportFrom) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    self._bind(alias.asname, alias.name, node)
                else:
                    top = alias.name.partition(".")[0]
                    self._bind(top, top, node, check=alias.name)
            return
        base = node.module or ""
        if node.level:
            parts = self.file.package.split(".")
            prefix = ".".join(parts[: len(parts) - node.level + 1])
            base = f"{prefix}.{base}" if node.module else prefix
        for alias in node.names:
            if alias.name == "*":
                if self.file.product_of(base):
                    self.file.report(
                        node,
                        rule("facade-reach"),
                        f"from {base} import *: a star import takes every name the module "
                        "holds, public or not; import the public names one by one",
                    )
                continue
            self._bind(alias.asname or alias.name, f"{base}.{alias.name}", node)

    def _bind(self, name: str, path: str, node: ast.AST, check: str | None = None) -> None:
        """Record ``name`` as ``path``, unless the import itself reaches too far (reported)."""
        checked = check or path
        product = self.file.product_of(checked)
        if product:
            kind = classify(checked, self.file.project.surfaces)
            if kind == "private":
                self.file.report(
                    node,
                    rule("facade-reach"),
                    f"imports {checked}: {why_private(checked, self.file.project.surfaces)}; "
                    f"other products use only {possessive(product)} public facade (__all__ of "
                    "facade/api.py, and the classes of facade/contracts.py, enums.py and "
                    "events.py)",
                )
                return
            self.file.note_use(node, product, f"imports {checked}")
        self.bindings.setdefault(name, []).append(Binding(path, getattr(node, "lineno", 0)))

    def bind_assignment(self, node: ast.Assign) -> None:
        targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
        if not targets:
            return
        paths = self.resolve(node.value)
        if not paths and isinstance(node.value, ast.Call):
            loaded = self._imported_by(node.value)
            paths = {loaded} if loaded else set()
        for target in targets:
            known = {b.path for b in self.bindings.get(target, [])}
            for path in paths - known:
                product = self.file.product_of(path)
                if product and classify(path, self.file.project.surfaces) == "private":
                    continue  # reported where the value is used
                self.bindings.setdefault(target, []).append(Binding(path, node.lineno))

    def resolve(self, node: ast.AST) -> set[str]:
        """The dotted paths a name or attribute chain may refer to."""
        attributes = []
        while isinstance(node, ast.Attribute):
            attributes.append(node.attr)
            node = node.value
        suffix = "".join(f".{a}" for a in reversed(attributes))
        if isinstance(node, ast.Call):  # import_module("...").name
            loaded = self._imported_by(node)
            return {f"{loaded}{suffix}"} if loaded else set()
        if not isinstance(node, ast.Name):
            return set()
        return {f"{b.path}{suffix}" for b in self.bindings.get(node.id, [])}

    def _imported_by(self, node: ast.Call) -> str | None:
        """The module a literal ``import_module``/``import_string``/``__import__`` returns."""
        name = called_name(node)
        literal = self.strings.first(node)
        if not literal or name not in {"import_module", "import_string", "__import__"}:
            return None
        if name == "__import__" and len(node.args) < 4 and not keyword(node, "fromlist"):
            return literal.partition(".")[0]  # without a fromlist, the top package
        return literal

    def check_reference(self, node: ast.Name | ast.Attribute) -> None:
        if isinstance(node.ctx, ast.Store | ast.Del):
            return
        for path in sorted(self.resolve(node)):
            product = self.file.product_of(path)
            if not product:
                continue
            kind = classify(path, self.file.project.surfaces)
            if kind == "public":
                self.file.note_use(node, product, f"uses {path}")
            elif kind == "private":
                self.file.report(
                    node,
                    rule("facade-reach"),
                    f"uses {ast.unparse(node)}, that is {path}: "
                    f"{why_private(path, self.file.project.surfaces)}; call "
                    f"{possessive(product)} public facade functions and use its contracts and "
                    "enums only",
                )
                return
            elif not self._module_use_allowed(node, path):
                self.file.report(
                    node,
                    rule("facade-reach"),
                    f"uses the module {ast.unparse(node)} ({path}) other than by reading a "
                    "public name from it; nothing can check where a module object goes, "
                    f"so write {ast.unparse(node)}.<public name> where it is used",
                )
                return

    def _module_use_allowed(self, node: ast.AST, path: str) -> bool:
        """A module object may be aliased, or handed to a stub helper with a public name."""
        parent = self.file.parents.get(node)
        if isinstance(parent, ast.Assign) and parent.value is node:
            # An alias in a class body becomes an attribute nobody follows.
            in_class = isinstance(self.file.parents.get(parent), ast.ClassDef)
            return not in_class and all(isinstance(t, ast.Name) for t in parent.targets)
        if not (isinstance(parent, ast.Call) and parent.args and parent.args[0] is node):
            return False
        called = called_name(parent)
        if any(p.startswith("slicekit.testing.") for p in self.resolve(parent.func)):
            return True  # the project's own test helpers, reviewed shared code
        if called in {"setattr", "object"} and isinstance(parent.func, ast.Attribute):
            name = self.strings.value(parent.args[1]) if len(parent.args) > 1 else None
            return bool(name) and classify(f"{path}.{name}", self.file.project.surfaces) == "public"
        return False
