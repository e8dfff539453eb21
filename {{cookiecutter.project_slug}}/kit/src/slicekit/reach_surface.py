"""A product's public surface, and whether a dotted path in a product is on it."""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from slicekit.findings import Finding
from slicekit.names import ProductNames, possessive
from slicekit.rules import rule

FACADE_MODULES = ("api", "contracts", "enums", "events")


@dataclass(frozen=True)
class Surface:
    """The public names of one product's facade modules, by module."""

    names: Mapping[str, frozenset[str]]
    has_all: bool

    def is_public(self, module: str, name: str) -> bool:
        return name in self.names.get(module, frozenset())


def read_surface(root: Path, product: str) -> Surface:
    """``__all__`` of ``facade/api.py``; public classes of its contracts, enums and events."""
    facade = root / ProductNames(product).directory / "backend" / "facade"
    names: dict[str, frozenset[str]] = {}
    has_all = False
    for module in FACADE_MODULES:
        tree, _ = parse(facade / f"{module}.py")
        if tree is None:
            names[module] = frozenset()
        elif module == "api":
            exported = declared_all(tree)
            has_all = exported is not None
            names[module] = frozenset(exported or ())
        else:
            names[module] = frozenset(
                node.name
                for node in tree.body
                if isinstance(node, ast.ClassDef) and not node.name.startswith("_")
            )
    return Surface(names, has_all)


def declared_all(tree: ast.Module) -> list[str] | None:
    """The literal ``__all__`` of a module, or None when it has none (or a computed one)."""
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        else:
            continue
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            value = node.value
            elements = value.elts if isinstance(value, ast.List | ast.Tuple) else None
            if elements is None:
                return None
            names = [
                e.value
                for e in elements
                if isinstance(e, ast.Constant) and isinstance(e.value, str)
            ]
            return names if len(names) == len(elements) else None
    return None


def parse(path: Path) -> tuple[ast.Module | None, Finding | None]:
    """The file's syntax tree, or a one-line finding saying why it cannot be read."""
    try:
        return ast.parse(path.read_bytes(), str(path)), None
    except SyntaxError as error:
        return None, Finding(str(path), error.lineno, rule("syntax"), f"cannot parse: {error.msg}")
    except (OSError, ValueError) as error:
        return None, Finding(str(path), None, rule("syntax"), f"cannot read: {error}")


class Surfaces(dict[str, Surface]):
    """Each product's surface, read when a reference to it is first checked."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root

    def __missing__(self, product: str) -> Surface:
        self[product] = surface = read_surface(self.root, product)
        return surface

    def get(self, product: str, default: object = None) -> Surface:
        return self[product]


def classify(path: str, surfaces: Mapping[str, Surface]) -> str:
    """``"package"``, ``"module"``, ``"public"`` or ``"private"`` for a path in a product.

    ``products.X``, ``.backend`` and ``.backend.facade`` are packages one passes through;
    ``.facade.api``, ``.contracts``, ``.enums`` and ``.events`` are the public modules; a
    name in them is public when it is on the surface (and so is anything reached through it).
    """
    parts = path.split(".")
    rest = parts[2:]
    if rest in ([], ["backend"], ["backend", "facade"]):
        return "package"
    if rest[:2] == ["backend", "facade"] and rest[2] in FACADE_MODULES:
        if len(rest) == 3:
            return "module"
        surface = surfaces.get(parts[1])
        # A dunder of a public name (``get_item.__globals__``) leads back inside.
        inside = any(part.startswith("__") for part in rest[4:])
        public = surface and surface.is_public(rest[2], rest[3]) and not inside
        return "public" if public else "private"
    return "private"


def why_private(path: str, surfaces: Mapping[str, Surface]) -> str:
    parts = path.split(".")
    rest = parts[2:]
    if rest[:2] == ["backend", "facade"] and len(rest) > 3 and rest[2] in FACADE_MODULES:
        file = f"{ProductNames(parts[1]).directory}/backend/facade/{rest[2]}.py"
        if rest[2] != "api":
            return f"{rest[3]} is not a public class of {file}"
        surface = surfaces.get(parts[1])
        if surface and not surface.has_all:
            return f"{file} has no literal __all__, so none of its names is public"
        return f"{rest[3]} is not in __all__ of {file}"
    return f"{path} is not part of {possessive(parts[1])} facade"
