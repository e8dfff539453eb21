"""The facade's public surface: ``__all__`` of ``facade/api.py``, read by parsing.

Other products call these functions and nothing else, so the surface must be
honest and it is part of the contract:

- ``__all__`` is one literal list of names, each a function defined in
  ``api.py`` itself (not an imported or assigned callable, a lambda, a
  ``partial`` or a class), and every public function defined there is in it;
- every parameter and the return are annotated with contracts, enums,
  immutable builtins, ``None``, or tuples and unions of them;
- nothing in ``api.py`` overrules the type checker (``# type: ignore``, a
  ``# mypy:`` setting, ``typing.cast``), which is what keeps a row from hiding behind a contract
  annotation on a path no test takes;
- the product's own tests call every public function, so what each returns
  is seen at least once by the runtime check of ``slicekit.django.facade_guard``;
- the surface (names, parameters with their kinds, defaults and resolved
  types, return types) is recorded in the contract lock and compared with it
  like the contracts: see ``boundaries.lock``.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from slicekit.annotations import Scope, absolute_module, resolve, scope_of
from slicekit.contracts import Contracts, facade_directory, facade_package, parse_file
from slicekit.findings import Finding
from slicekit.names import ProductNames
from slicekit.parsing import comments
from slicekit.rules import rule

SURFACE = rule("facade-surface")
TYPES = rule("facade-types")
TESTS = rule("facade-tests")
TYPING_MODULES = frozenset({"typing", "typing_extensions"})
FUNCTION = ast.FunctionDef | ast.AsyncFunctionDef
KINDS = {  # inspect.Parameter's kind names, as callers see them
    "posonlyargs": "positional_only",
    "args": "positional_or_keyword",
    "vararg": "var_positional",
    "kwonlyargs": "keyword_only",
    "kwarg": "var_keyword",
}


def api_key(function: str, parameter: str = "") -> str:
    """The key of a facade function (or one of its parameters) in ``Contracts.lines``."""
    return f"api:{function}({parameter})"


def read_surface(root: Path, contracts: Contracts) -> None:
    """Read ``api.py`` into ``contracts.functions``, adding a finding per broken rule."""
    path = facade_directory(root, contracts.product) / "api.py"
    if not path.is_file():
        return  # the product lint reports a missing facade
    relative = path.relative_to(root).as_posix()
    tree = parse_file(path, relative, contracts.findings)
    if tree is None:
        return
    surface = _Surface(contracts, tree, relative)
    public = surface.read()
    for line, what in _type_overrules(path.read_bytes(), tree):
        surface.finding(
            line,
            TYPES,
            f"{what} overrules the type checker in the facade, the one place that keeps ORM "
            "rows behind contract annotations; map the row to its contract instead",
        )
    covered = called_in_tests(root, contracts.product)
    for name in public:
        if name not in covered:
            line = contracts.lines[api_key(name)][1]
            tests = ProductNames(contracts.product).tests_directory
            surface.finding(
                line,
                TESTS,
                f"no test in {tests}/ calls the facade function {name}: what it returns is "
                "then never checked, and a path that hands out an ORM row goes unseen; call "
                "it in the product's tests and assert_is_contract() on the result",
            )


def _type_overrules(source: bytes, tree: ast.Module) -> list[tuple[int, str]]:
    """Each ``# type: ignore`` or ``# mypy:`` comment and ``cast(...)`` call (by any name
    it is imported under), by line."""
    found = [
        (token.start[0], what)
        for token in comments(source)
        for what in ("# type: ignore", "# mypy:")
        if what.removeprefix("# ") in token.string
    ]
    casts = {"cast"} | {
        alias.asname
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module in TYPING_MODULES
        for alias in node.names
        if alias.name == "cast" and alias.asname
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            callee = node.func
            name = callee.attr if isinstance(callee, ast.Attribute) else getattr(callee, "id", "")
            if name in casts:
                found.append((node.lineno, "cast()"))
    return sorted(found)


class _Surface:
    def __init__(self, contracts: Contracts, tree: ast.Module, relative: str) -> None:
        self.contracts = contracts
        self.tree = tree
        self.relative = relative
        self.scope: Scope = scope_of(tree, facade_package(contracts.product), contracts.kinds)

    def finding(self, line: int | None, rule: str, message: str) -> None:
        self.contracts.findings.append(Finding(self.relative, line, rule, message))

    def read(self) -> list[str]:
        """The public names that are honest functions, in ``__all__`` order."""
        exported, all_line = self.exported()
        bindings = self.bindings()
        public: list[str] = []
        for name in exported:
            bound = bindings.get(name, [])
            functions = [node for node in bound if isinstance(node, FUNCTION)]
            if not bound:
                self.finding(
                    all_line, SURFACE, f"__all__ names {name!r}, which api.py never defines"
                )
                continue
            last = bound[-1]
            if not isinstance(last, FUNCTION) or len(bound) > 1:
                what = _what(last)
                if len(bound) > 1:
                    what = f"bound more than once ({', '.join(_what(node) for node in bound)})"
                self.finding(
                    last.lineno,
                    SURFACE,
                    f"{name} is in __all__ but is {what}, not one function defined in "
                    "api.py: a re-exported or generated callable can return anything; write "
                    f"def {name}(...) that maps to contracts",
                )
                continue
            self.read_function(functions[0])
            public.append(name)
        for name, bound in bindings.items():
            if name.startswith("_") or name in exported:
                continue
            for node in bound:
                if isinstance(node, FUNCTION):
                    self.finding(
                        node.lineno,
                        SURFACE,
                        f"public function {name} is not in __all__: other products may call "
                        f"only what __all__ lists; add {name!r} to it, or name it _{name}",
                    )
        return public

    def exported(self) -> tuple[list[str], int | None]:
        """The names of the one literal ``__all__``; a finding when there is no such list."""
        assignments = [
            node
            for node in self.tree.body
            if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign)
            and any(
                isinstance(target, ast.Name) and target.id == "__all__"
                for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
            )
        ]
        fix = 'declare the public functions once: __all__ = ["get_item", ...]'
        if not assignments:
            self.finding(
                1, SURFACE, f"api.py has no __all__, so its public surface is unknown; {fix}"
            )
            return [], None
        node = assignments[0]
        value = node.value
        names = (
            [item.value for item in value.elts if isinstance(item, ast.Constant)]
            if isinstance(value, ast.List | ast.Tuple)
            else []
        )
        literal = isinstance(value, ast.List | ast.Tuple) and len(names) == len(value.elts)
        if len(assignments) > 1 or not isinstance(node, ast.Assign | ast.AnnAssign) or not literal:
            line = assignments[-1].lineno if len(assignments) > 1 else node.lineno
            self.finding(line, SURFACE, f"__all__ is not one literal list of names; {fix}")
        declared = node.targets[0] if isinstance(node, ast.Assign) else node.target
        later = [
            other
            for other in ast.walk(self.tree)
            if isinstance(other, ast.Name) and other.id == "__all__" and other is not declared
        ]
        if later and len(assignments) == 1:  # __all__.append(...), __all__[0] = ...
            self.finding(
                later[0].lineno,
                SURFACE,
                f"__all__ is used again after its declaration on line {node.lineno}: the "
                f"surface is that one literal list, never changed; {fix}",
            )
        strings = [name for name in names if isinstance(name, str)]
        for name in {name for name in strings if strings.count(name) > 1}:
            self.finding(node.lineno, SURFACE, f"__all__ lists {name!r} twice")
        return list(dict.fromkeys(strings)), node.lineno

    def bindings(self) -> dict[str, list[ast.stmt]]:
        """Every top-level statement that binds each name, in order."""
        bound: dict[str, list[ast.stmt]] = {}
        for node in self.tree.body:
            for name in _bound_names(node):
                bound.setdefault(name, []).append(node)
        return bound

    def read_function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        name = node.name
        self.contracts.lines[api_key(name)] = (self.relative, node.lineno)
        parameters = []
        arguments = node.args
        defaults = _defaults(arguments)
        for group, kind in KINDS.items():
            found = getattr(arguments, group)
            for argument in found if isinstance(found, list) else [found] if found else []:
                self.contracts.lines[api_key(name, argument.arg)] = (self.relative, argument.lineno)
                resolved = resolve(argument.annotation, self.scope)
                if resolved.problem:
                    self.type_finding(
                        argument.lineno, f"{name}({argument.arg})", argument.annotation, resolved
                    )
                described: dict[str, Any] = {
                    "name": argument.arg,
                    "kind": kind,
                    "type": resolved.text,
                }
                if argument.arg in defaults:
                    described["default"] = defaults[argument.arg]
                parameters.append(described)
        returns = resolve(node.returns, self.scope)
        if returns.problem:
            self.type_finding(node.lineno, f"{name}() -> ", node.returns, returns)
        self.contracts.functions[name] = {"parameters": parameters, "returns": returns.text}

    def type_finding(
        self, line: int, where: str, annotation: ast.expr | None, resolved: Any
    ) -> None:
        written = ast.unparse(annotation) if annotation is not None else ""
        seen = f" (that is {resolved.text})" if resolved.text and resolved.text != written else ""
        subject = f"{where}{written}{seen}" if written else f"{where.rstrip(' ->')}"
        self.finding(
            line,
            TYPES,
            f"{subject}: {resolved.problem}. Facade functions take and return contracts, "
            "enums, immutable builtins, None, or tuples and unions of them, all annotated",
        )


def _defaults(arguments: ast.arguments) -> dict[str, str]:
    positional = [*arguments.posonlyargs, *arguments.args]
    found = {
        argument.arg: ast.unparse(default)
        for argument, default in zip(
            positional[len(positional) - len(arguments.defaults) :], arguments.defaults, strict=True
        )
    }
    for argument, default in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True):
        if default is not None:
            found[argument.arg] = ast.unparse(default)
    return found


def _bound_names(node: ast.stmt) -> list[str]:
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return [node.name]
    if isinstance(node, ast.Import | ast.ImportFrom):
        return [(alias.asname or alias.name).partition(".")[0] for alias in node.names]
    targets: list[ast.expr] = []
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, ast.AnnAssign | ast.AugAssign | ast.For | ast.AsyncFor):
        # an annotation alone (`x: int`) binds nothing
        targets = [node.target] if getattr(node, "value", True) is not None else []
    elif isinstance(node, ast.With | ast.AsyncWith):
        targets = [item.optional_vars for item in node.items if item.optional_vars]
    elif isinstance(node, ast.Delete):
        targets = node.targets
    elif isinstance(node, ast.If | ast.Try):
        # `if TYPE_CHECKING:` or try/except around a definition: bound either way
        inner = [*node.body, *node.orelse]
        if isinstance(node, ast.Try):
            inner += [*node.finalbody, *(s for h in node.handlers for s in h.body)]
        return [name for statement in inner for name in _bound_names(statement)]
    return [
        name.id for target in targets for name in ast.walk(target) if isinstance(name, ast.Name)
    ]


def _what(node: ast.stmt) -> str:
    if isinstance(node, ast.Import | ast.ImportFrom):
        return "imported"
    if isinstance(node, ast.ClassDef):
        return "a class"
    if isinstance(node, FUNCTION):
        return "a def"
    if isinstance(node, ast.If | ast.Try):
        return "defined inside an if or try block"
    value = getattr(node, "value", None)
    if isinstance(value, ast.Lambda):
        return "a lambda"
    if value is not None:
        return f"assigned ({ast.unparse(value)[:60]})"
    return "bound by a statement"


def called_in_tests(root: Path, product: str) -> set[str]:
    """The facade functions the product's own tests call, through any import of ``api``."""
    names = ProductNames(product)
    api = f"{facade_package(product)}.api"
    tests = root / names.tests_directory
    called: set[str] = set()
    for path in sorted(tests.rglob("*.py")) if tests.is_dir() else []:
        try:
            tree = ast.parse(path.read_bytes())
        except (SyntaxError, ValueError, OSError):
            continue  # pytest and ruff report it
        module = ".".join(path.relative_to(root).with_suffix("").parts)
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        local = _imported_names(tree, package)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                target = _qualified(node.func, local)
                if target and target.rpartition(".")[0] == api:
                    called.add(target.rpartition(".")[2])
    return called


def _imported_names(tree: ast.Module, package: str) -> dict[str, str]:
    """Local name -> what it refers to, for every import anywhere in the file."""
    local: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    local[alias.asname] = alias.name
                else:
                    local[alias.name.partition(".")[0]] = alias.name.partition(".")[0]
        elif isinstance(node, ast.ImportFrom):
            module = absolute_module(node, package)
            for alias in node.names:
                local[alias.asname or alias.name] = f"{module}.{alias.name}"
    return local


def _qualified(node: ast.expr, local: dict[str, str]) -> str:
    if isinstance(node, ast.Name):
        return local.get(node.id, "")
    if isinstance(node, ast.Attribute):
        base = _qualified(node.value, local)
        return f"{base}.{node.attr}" if base else ""
    return ""
