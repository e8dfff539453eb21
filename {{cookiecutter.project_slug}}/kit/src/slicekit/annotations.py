"""Type annotations of contracts and facade functions, resolved and judged by parsing.

A caller relies on what an annotation means, not on how it is spelled:
``Optional[UUID]``, ``uuid.UUID | None`` and an alias ``MaybeId = UUID | None``
are the same type, and ``Tags = list[str]`` is a list wherever ``Tags`` is
used. So every annotation is resolved (aliases followed, imported names
qualified, ``Optional``/``Union`` written as ``|``) before it is judged or
locked.

What may cross a boundary is data that cannot change under a holder's feet:
contracts, enums, immutable builtins, ``None``, ``Literal``, and tuples,
frozensets and unions of those.
"""

from __future__ import annotations

import ast
import builtins
import sys
from dataclasses import dataclass, field

from slicekit.names import is_contract_module
from slicekit.scalars import SCALAR_NAMES

# The leaves a contract may hold: slicekit.scalars is the one list, by qualified name.
SCALARS = SCALAR_NAMES
# Generic forms that stay immutable when their arguments are.
IMMUTABLE_GENERICS = frozenset({"tuple", "frozenset"})
# Refused with a reason the author can act on.
MUTABLE = frozenset(
    {
        "list",
        "dict",
        "set",
        "bytearray",
        "memoryview",
        "typing.List",
        "typing.Dict",
        "typing.Set",
        "typing.DefaultDict",
        "typing.OrderedDict",
        "typing.Counter",
        "typing.Deque",
        "typing.ChainMap",
        "collections.defaultdict",
        "collections.OrderedDict",
        "collections.Counter",
        "collections.deque",
        "collections.ChainMap",
    }
)
ABSTRACT = frozenset(
    f"{module}.{name}"
    for module in ("typing", "collections.abc")
    for name in (
        "Sequence",
        "MutableSequence",
        "Mapping",
        "MutableMapping",
        "Set",
        "AbstractSet",
        "MutableSet",
        "Iterable",
        "Iterator",
        "Collection",
        "Container",
        "Generator",
        "Reversible",
        "KeysView",
        "ValuesView",
        "ItemsView",
    )
)
ANYTHING = frozenset({"typing.Any", "object", "typing_extensions.Any"})
ALIASES = {  # typing's old spellings of the builtin generics
    "typing.Tuple": "tuple",
    "typing.FrozenSet": "frozenset",
    "typing.Type": "type",
}
UNION = frozenset({"typing.Union", "typing_extensions.Union"})
OPTIONAL = frozenset({"typing.Optional", "typing_extensions.Optional"})
LITERAL = frozenset({"typing.Literal", "typing_extensions.Literal"})
ANNOTATED = frozenset({"typing.Annotated", "typing_extensions.Annotated"})
ALIAS_MARKERS = frozenset({"typing.TypeAlias", "typing_extensions.TypeAlias"})
MAX_DEPTH = 20  # an alias chain longer than this is a cycle
NOT_DATA = "{} is not a contract, an enum or an immutable builtin"


@dataclass
class Scope:
    """What the names in one module's annotations refer to."""

    # local name -> qualified name: "UUID" -> "uuid.UUID", "dt" -> "datetime"
    imports: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, ast.expr] = field(default_factory=dict)  # "Tags" -> list[str]
    # the product's own contract classes (both files) -> "dataclass", "enum", ...
    classes: dict[str, str] = field(default_factory=dict)
    sibling_modules: frozenset[str] = frozenset()  # "contracts", "enums" when imported as modules


def scope_of(tree: ast.Module, package: str, classes: dict[str, str]) -> Scope:
    """The imports and aliases at the top of ``tree``, a module of ``package``."""
    scope = Scope(classes=classes)
    siblings = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    scope.imports[alias.asname] = alias.name
                else:  # `import a.b` binds `a`
                    top = alias.name.partition(".")[0]
                    scope.imports[top] = top
        elif isinstance(node, ast.ImportFrom):
            module = absolute_module(node, package)
            for alias in node.names:
                local = alias.asname or alias.name
                qualified = f"{module}.{alias.name}" if module else alias.name
                if module == package and alias.name in {"contracts", "enums"}:
                    siblings.add(local)
                    continue
                if module in {f"{package}.contracts", f"{package}.enums"}:
                    qualified = alias.name  # the product's own class: its bare name
                scope.imports[local] = qualified
        elif isinstance(node, ast.TypeAlias):
            scope.aliases[node.name.id] = node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            if isinstance(node.targets[0], ast.Name):
                scope.aliases[node.targets[0].id] = node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            scope.aliases[node.target.id] = node.value
    scope.sibling_modules = frozenset(siblings)
    return scope


def absolute_module(node: ast.ImportFrom, package: str) -> str:
    """The module a ``from ... import`` names, with relative imports made absolute."""
    if not node.level:
        return node.module or ""
    parts = package.split(".")
    base = parts[: len(parts) - (node.level - 1)] if node.level > 1 else parts
    return ".".join(filter(None, [*base, node.module or ""]))


@dataclass(frozen=True)
class Resolved:
    """An annotation's meaning as text, and why it may not cross a boundary ('' if it may)."""

    text: str
    problem: str = ""


def resolve(annotation: ast.expr | None, scope: Scope) -> Resolved:
    """Resolve and judge an annotation. Never raises: odd input becomes a problem."""
    if annotation is None:
        return Resolved("", "it has no annotation")
    try:
        return _Resolver(scope).resolve(annotation, 0)
    except RecursionError:
        return Resolved(_unparse(annotation), "the annotation is nested too deeply to be read")


class _Resolver:
    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    def resolve(self, node: ast.expr, depth: int) -> Resolved:
        if depth > MAX_DEPTH:
            return Resolved(_unparse(node), f"{_unparse(node)} is an alias that refers to itself")
        if isinstance(node, ast.Constant):
            if node.value is None:
                return Resolved("None")
            if isinstance(node.value, str):  # a forward reference: "Item"
                try:
                    parsed = ast.parse(node.value.strip(), mode="eval").body
                except SyntaxError:
                    return Resolved(repr(node.value), f"{node.value!r} is not a type")
                return self.resolve(parsed, depth + 1)
            return Resolved(_unparse(node), f"{_unparse(node)} is a value, not a type")
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            return self.union([node.left, node.right], depth)
        if isinstance(node, ast.Subscript):
            return self.subscript(node, depth)
        if isinstance(node, ast.Name | ast.Attribute):
            return self.name(node, depth)
        return Resolved(_unparse(node), f"{_unparse(node)} is not a type this check can read")

    def name(self, node: ast.Name | ast.Attribute, depth: int) -> Resolved:
        dotted = _dotted(node)
        if dotted is None:
            return Resolved(_unparse(node), f"{_unparse(node)} is not a type this check can read")
        head, _, rest = dotted.partition(".")
        if head in self.scope.sibling_modules and rest and "." not in rest:
            return self.leaf(rest)  # `contracts.Item` after `from . import contracts`
        if not rest and head in self.scope.classes:
            return self.leaf(head)
        if not rest and head in self.scope.aliases and head not in self.scope.imports:
            return self.resolve(self.scope.aliases[head], depth + 1)
        if head in self.scope.imports:
            qualified = self.scope.imports[head] + (f".{rest}" if rest else "")
        elif not rest and hasattr(builtins, head):
            qualified = head
        else:
            qualified = dotted
        return self.leaf(ALIASES.get(qualified, qualified))

    def leaf(self, qualified: str) -> Resolved:
        kind = self.scope.classes.get(qualified)
        if kind in {"dataclass", "enum"} or qualified in SCALARS:
            return Resolved(qualified)
        if _is_contract_class(qualified):
            return Resolved(qualified)  # another product's contract or enum
        if kind is not None:
            return Resolved(qualified, f"{qualified} is {_article(kind)} {kind}, not data")
        if qualified in ANYTHING:
            return Resolved(qualified, f"{qualified} admits any value, so it promises nothing")
        if qualified in MUTABLE:
            return Resolved(qualified, f"{_short(qualified)} is not hashable: it is mutable")
        if qualified in ABSTRACT:
            return Resolved(
                qualified, f"{qualified} is abstract and admits mutable values (a list, a dict)"
            )
        if qualified in IMMUTABLE_GENERICS:
            return Resolved(
                qualified, f"{qualified} does not say what it holds: write {qualified}[X, ...]"
            )
        return Resolved(qualified, NOT_DATA.format(qualified))

    def subscript(self, node: ast.Subscript, depth: int) -> Resolved:
        origin = self.resolve(node.value, depth + 1)
        arguments = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        if origin.text in OPTIONAL:
            return self.union([*arguments, ast.Constant(None)], depth)
        if origin.text in UNION:
            return self.union(arguments, depth)
        if origin.text in LITERAL:
            values = [_unparse(argument) for argument in arguments]
            literal = all(_is_literal(argument) for argument in arguments)
            problem = "" if literal else "Literal[...] holds something other than literal values"
            return Resolved(f"Literal[{', '.join(values)}]", problem)
        if origin.text in ANNOTATED:
            return self.resolve(arguments[0], depth + 1)
        if origin.text in ALIAS_MARKERS:
            return self.resolve(arguments[0], depth + 1)
        parts = []
        problem = ""
        for argument in arguments:
            if isinstance(argument, ast.Constant) and argument.value is Ellipsis:
                parts.append("...")
                continue
            resolved = self.resolve(argument, depth + 1)
            parts.append(resolved.text)
            problem = problem or resolved.problem
        text = f"{origin.text}[{', '.join(parts)}]"
        if origin.text in IMMUTABLE_GENERICS:
            return Resolved(text, problem)
        return Resolved(text, origin.problem or NOT_DATA.format(origin.text))

    def union(self, members: list[ast.expr], depth: int) -> Resolved:
        texts: list[str] = []
        problem = ""
        for member in members:
            resolved = self.resolve(member, depth + 1)
            for text in _split_union(resolved.text):
                if text not in texts:
                    texts.append(text)
            problem = problem or resolved.problem
        # None last, the rest in written order: `None | X` and `Optional[X]` are `X | None`.
        texts.sort(key=lambda text: text == "None")
        return Resolved(" | ".join(texts), problem)


def _split_union(text: str) -> list[str]:
    """The top-level members of a union's text (brackets keep inner unions whole)."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(text[start:index].strip())
            start = index + 1
    parts.append(text[start:].strip())
    return parts


def _is_contract_class(qualified: str) -> bool:
    module, _, name = qualified.rpartition(".")
    return bool(name) and is_contract_module(module)


def _is_literal(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return isinstance(node.operand, ast.Constant)
    return isinstance(node, ast.Attribute)  # an enum member


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def _short(qualified: str) -> str:
    """``typing.List`` -> ``List``: the name as it is usually written."""
    return qualified.rpartition(".")[2]


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _unparse(node: ast.AST) -> str:
    try:
        return ast.unparse(node)
    except Exception:  # ast.unparse fails on hand-built trees only
        return type(node).__name__


def qualified_name(node: ast.expr, scope: Scope) -> str:
    """``dc`` after ``from dataclasses import dataclass as dc`` -> ``dataclasses.dataclass``."""
    dotted = _dotted(node)
    if dotted is None:
        return ""
    head, _, rest = dotted.partition(".")
    if head in scope.imports:
        return scope.imports[head] + (f".{rest}" if rest else "")
    return dotted


def is_stdlib(module: str) -> bool:
    return module.partition(".")[0] in sys.stdlib_module_names
