"""The reach lint: every reference one product makes to another goes through its public surface.

tach sees import statements. Products couple in more ways than that: through
names a facade module merely happens to hold (``catalog_api.logic``), module
paths in strings (``import_module``, ``mock.patch``, ``include``,
``pytest_plugins``), app labels and model labels in strings, SQL naming
another product's table and Celery task names. This module reads each source
file once, as a syntax tree, and reports each such reference with file:line.

A product's public surface is an explicit list: the names in ``__all__`` of
its ``facade/api.py`` and the public classes its ``facade/contracts.py`` and
``facade/enums.py`` define. Everything else is private, and so is anything
this lint cannot verify (a module path or label computed at run time).

Standard library only. What only Django knows (table names, Celery task
names) is passed in as a :class:`Registry` by ``manage.py lintproducts``.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from slicekit.findings import Finding
from slicekit.graph import closes_a_cycle
from slicekit.names import ProductNames, possessive
from slicekit.parsing import comments
from slicekit.rules import RULES as REGISTRY
from slicekit.rules import rule

# The rules of this lint (slicekit.rules holds what each catches, why, and the fix).
RULES = frozenset(
    {
        rule("facade-reach"),
        rule("module-string"),
        rule("dynamic-import"),
        rule("registry-string"),
        rule("registry-walk"),
        rule("foreign-sql"),
        rule("foreign-task"),
        rule("escape-hatch"),
        rule("undeclared-dependency"),
        rule("syntax"),
    }
)
FACADE_MODULES = ("api", "contracts", "enums")
# Calls that import (or find) a module by a name given at run time.
DYNAMIC_IMPORTS = frozenset(
    {
        "__import__",
        "cached_import",
        "find_spec",
        "import_module",
        "import_string",
        "iter_modules",
        "locate",
        "resolve_name",
        "run_module",
        "run_path",
        "walk_packages",
    }
)
# The app registry itself, and what of it hands out every app's models (the two
# mappings are also read by a label, which registry-string checks).
APP_REGISTRIES = frozenset({"django.apps.apps", "django.apps.registry.apps"})
REGISTRY_WALKS = frozenset({"get_models", "get_app_configs", "all_models", "app_configs"})
BY_LABEL = frozenset({"all_models", "app_configs"})
# Calls that take an app label as their first argument.
LABEL_LOOKUPS = frozenset({"get_app_config", "get_by_natural_key", "get_registered_model"})
# Calls whose string arguments are SQL.
SQL_SINKS = frozenset(
    {"execute", "executemany", "executescript", "raw", "RawSQL", "RunSQL", "extra", "copy"}
)
SQL_WORDS = re.compile(
    r"\b(select|insert|update|delete|from|join|into|table|truncate|alter|drop|where)\b",
    re.IGNORECASE,
)
# A string that names a module path of the project (dots, or slashes for a file path).
MODULE_PATH = re.compile(r"products[./](\w+)((?:[./:]\w+)*)")
TEMPLATE_PATH = re.compile(r"products[./](%|\{)")  # "products.%s.backend.logic" % name
# Quick byte tests: a file with none of these cannot hold a finding, so it is not parsed.
TRIGGERS = re.compile(
    rb"products[./](\w+)|products[./][%{]|[\"']products[\"']|from\s+\.\.\.|__import__|import_module|import_string|find_spec|run_module|run_path|"
    rb"walk_packages|iter_modules|locate|resolve_name|app_label|sender|natural_key|"
    rb"get_app_config|get_models|get_registered_model|all_models|app_configs|send_task|signature|tasks\[|SILENCED_SYSTEM_CHECKS"
)
# A comment worth tokenizing: tach-ignore, or a noqa followed by a word like a rule id.
COMMENT_TRIGGERS = re.compile(rb"tach-ignore|noqa\b[^\n]*(boundaries\.|\b[a-z]+-[a-z-]+\b)")


@dataclass(frozen=True)
class Registry:
    """What the app registry knows: the owning product of each table and Celery task."""

    tables: Mapping[str, str] = field(default_factory=dict)
    tasks: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Surface:
    """The public names of one product's facade modules, by module."""

    names: Mapping[str, frozenset[str]]
    has_all: bool

    def is_public(self, module: str, name: str) -> bool:
        return name in self.names.get(module, frozenset())


def read_surface(root: Path, product: str) -> Surface:
    """``__all__`` of ``facade/api.py``; public classes of ``facade/contracts.py`` and enums."""
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


@dataclass
class Project:
    """The products, their surfaces and what the registry says, shared by every file's check."""

    root: Path
    products: frozenset[str]
    surfaces: Mapping[str, Surface]
    registry: Registry
    tables: re.Pattern[str] | None = None
    names: re.Pattern[str] | None = None  # every table and task name, for the quick test
    owners: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.registry.tables:
            self.tables = _words(self.registry.tables)
        self.owners = {name.lower(): owner for name, owner in self.registry.tasks.items()}
        self.owners.update({name.lower(): owner for name, owner in self.registry.tables.items()})
        if self.owners:
            self.names = _words(self.owners)

    def worth_parsing(self, source: bytes, owner: str | None) -> bool:
        """Whether the file mentions anything of another product this lint looks for.

        Parsing is most of the cost, and most files mention only their own product.
        """
        own = owner.encode() if owner else None
        if any(m.group(1) is None or m.group(1) != own for m in TRIGGERS.finditer(source)):
            return True
        if self.names is None:
            return False
        matches = self.names.finditer(source.decode("utf-8", "replace"))
        return any(self.owners.get(m.group(1).lower()) != owner for m in matches)


def _words(names: Iterable[str]) -> re.Pattern[str]:
    """Any of ``names`` as a whole word, longest first, in any case."""
    words = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return re.compile(rf"\b({words})\b", re.IGNORECASE)


def lint_reach(
    root: Path,
    products: Iterable[str],
    registry: Registry,
    declared: Mapping[str, set[str]],
    project_slug: str,
    checked: Iterable[str] | None = None,
) -> list[Finding]:
    """Every cross-product reference in products, ``core``, ``config``, root modules.

    ``products`` are all of them (their surfaces); ``checked`` those whose files are
    read (all by default); ``declared`` maps each product to the products its
    ``tach.domain.toml`` lets it use.
    """
    names = sorted(products)
    project = Project(root, frozenset(names), Surfaces(root), registry)
    findings: list[Finding] = []
    for product in sorted(names if checked is None else checked):
        used: dict[str, Finding] = {}
        for path in sorted((root / ProductNames(product).directory).rglob("*.py")):
            findings += check_file(project, path, product, used)
        for other, first in sorted(used.items()):
            if other not in declared.get(product, set()):
                fix = _declare_or_untangle(product, other, declared, project_slug)
                message = f"{product} uses {other} ({first.message}) but {fix}"
                findings.append(
                    Finding(first.path, first.line, rule("undeclared-dependency"), message)
                )
    shared = [root / "core", root / "config"]
    for path in [*sorted(root.glob("*.py")), *(p for d in shared for p in sorted(d.rglob("*.py")))]:
        findings += check_file(project, path, None, {})
    packages = root / "packages"
    for path in sorted(packages.rglob("*.py")) if packages.is_dir() else []:
        findings += _comment_findings(path.read_bytes(), _relative(root, path))
    return sorted(findings, key=lambda f: (f.path, f.line or 0))


def _declare_or_untangle(
    product: str, other: str, declared: Mapping[str, set[str]], project_slug: str
) -> str:
    """Declare the use, unless declaring it would close a cycle."""
    cycle = closes_a_cycle(product, other, lambda name: declared.get(name, set()))
    if cycle:
        return f"it cannot be declared: {cycle}"
    return (
        "its tach.domain.toml and package.json do not declare it, so tach and selective "
        f"testing do not know; add //products.{other} to depends_on and "
        f'"{ProductNames(other).turbo_package(project_slug)}" to package.json dependencies'
    )


def check_file(
    project: Project, path: Path, owner: str | None, used: dict[str, Finding]
) -> list[Finding]:
    relative = _relative(project.root, path)
    try:
        source = path.read_bytes()
    except OSError as error:
        return [Finding(relative, None, rule("syntax"), f"cannot read: {error}")]
    findings = _comment_findings(source, relative)
    if not project.worth_parsing(source, owner):
        return findings
    tree, problem = parse(path)
    if tree is None:
        line = problem.line if problem else None
        return [
            *findings,
            Finding(relative, line, rule("syntax"), problem.message if problem else ""),
        ]
    module = relative.removesuffix(".py").replace("/", ".")
    return findings + FileReach(project, tree, relative, module, owner, used).run()


def _relative(root: Path, path: Path) -> str:
    return path.as_posix()[len(root.as_posix()) + 1 :]  # Path.relative_to is slow


def _comment_findings(source: bytes, relative: str) -> list[Finding]:
    """``# tach-ignore`` anywhere; ``# noqa`` naming one of the boundary rules."""
    if not COMMENT_TRIGGERS.search(source):
        return []
    findings = []
    for token in comments(source):
        line = token.start[0]
        if "tach-ignore" in token.string:
            findings.append(
                Finding(
                    relative,
                    line,
                    rule("escape-hatch"),
                    "# tach-ignore switches tach off for this import: the boundary would "
                    "hold only on paper; use the product's facade, or record the exception "
                    "in boundaries.baseline.toml with its reason",
                )
            )
        noqa = re.search(r"noqa\b:?(.*)", token.string)
        named = noqa and _our_rules(noqa.group(1))
        if named:
            findings.append(
                Finding(
                    relative,
                    line,
                    rule("escape-hatch"),
                    f"# noqa names the boundary rule {named}, which noqa does not silence and "
                    "must not: fix the reference, or record it in boundaries.baseline.toml "
                    "with its reason",
                )
            )
    return findings


def _our_rules(text: str) -> str:
    """The first boundary rule ``text`` names: a noqa does not silence any of them."""
    words: list[str] = re.findall(r"[\w.-]+", text)
    for word in words:
        if word in REGISTRY or word in PREVIOUS:
            return word
    return ""


def silenceable(check: str) -> bool:
    """A check id ``SILENCED_SYSTEM_CHECKS`` must not name: a boundary rule's, or any
    ``boundaries.*`` (the ids before 0.2.0, or one made up)."""
    return check in REGISTRY or check.startswith("boundaries.")


# The ids before 0.2.0 (foreign-relation), which a noqa must not name either.
PREVIOUS = frozenset(r.previously for r in REGISTRY.values() if r.previously)


def classify(path: str, surfaces: Mapping[str, Surface]) -> str:
    """``"package"``, ``"module"``, ``"public"`` or ``"private"`` for a path in a product.

    ``products.X``, ``.backend`` and ``.backend.facade`` are packages one passes through;
    ``.facade.api``, ``.contracts`` and ``.enums`` are the public modules; a name in them
    is public when it is on the surface (and so is anything reached through it).
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


@dataclass
class Binding:
    """What a local name refers to: a dotted path (a module, or a name in a module)."""

    path: str
    line: int


class FileReach:
    """The checks of one parsed file."""

    def __init__(
        self,
        project: Project,
        tree: ast.Module,
        relative: str,
        module: str,
        owner: str | None,
        used: dict[str, Finding],
    ) -> None:
        self.project = project
        self.tree = tree
        self.relative = relative
        self.module = module
        self.package = module if relative.endswith("__init__.py") else module.rpartition(".")[0]
        self.owner = owner
        self.used = used
        self.parents: dict[ast.AST, ast.AST] = {}
        self.bindings: dict[str, list[Binding]] = {}
        self.constants: dict[str, list[ast.expr]] = {}
        self.findings: list[Finding] = []
        self.docstrings: set[ast.AST] = set()

    # -- the walk ---------------------------------------------------------------------------

    def run(self) -> list[Finding]:
        nodes: list[ast.AST] = []
        stack: list[ast.AST] = [self.tree]
        while stack:  # ast.walk, recording each node's parent on the way
            node = stack.pop()
            nodes.append(node)
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node
                stack.append(child)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                first = node.body[0] if node.body else None
                if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                    self.docstrings.add(first.value)
        for node in nodes:
            if isinstance(node, ast.Import | ast.ImportFrom):
                self._check_import(node)
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.constants.setdefault(target.id, []).append(node.value)
        for _ in range(2):  # an alias of an alias
            for node in nodes:
                if isinstance(node, ast.Assign):
                    self._bind_assignment(node)
        for node in nodes:
            if isinstance(node, ast.Name | ast.Attribute) and not isinstance(
                self.parents.get(node), ast.Attribute
            ):
                self._check_reference(node)
            elif isinstance(node, ast.Call):
                self._check_call(node)
            elif isinstance(node, ast.Subscript):
                self._check_subscript(node)
            if isinstance(node, ast.Attribute) and node.attr in REGISTRY_WALKS:
                self._check_walk(node, node.attr, node.value)
            if isinstance(node, ast.Constant | ast.JoinedStr | ast.BinOp | ast.Call):
                self._check_string(node)
        return self.findings

    def report(self, node: ast.AST, rule: str, message: str) -> None:
        self.findings.append(Finding(self.relative, getattr(node, "lineno", None), rule, message))

    def foreign(self, product: str) -> bool:
        return product in self.project.products and product != self.owner

    def note_use(self, node: ast.AST, product: str, what: str) -> None:
        """A legal reference to ``product``: the product must declare it."""
        if self.owner is not None and product not in self.used:
            self.used[product] = Finding(self.relative, getattr(node, "lineno", None), "", what)

    # -- imports and names ------------------------------------------------------------------

    def _check_import(self, node: ast.Import | ast.ImportFrom) -> None:
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
            parts = self.package.split(".")
            prefix = ".".join(parts[: len(parts) - node.level + 1])
            base = f"{prefix}.{base}" if node.module else prefix
        for alias in node.names:
            if alias.name == "*":
                if self._product_of(base):
                    self.report(
                        node,
                        rule("facade-reach"),
                        f"from {base} import *: a star import takes every name the module "
                        "holds, public or not; import the public names one by one",
                    )
                continue
            self._bind(alias.asname or alias.name, f"{base}.{alias.name}", node)

    def _product_of(self, path: str) -> str | None:
        parts = path.split(".")
        if len(parts) > 1 and parts[0] == "products" and self.foreign(parts[1]):
            return parts[1]
        return None

    def _bind(self, name: str, path: str, node: ast.AST, check: str | None = None) -> None:
        """Record ``name`` as ``path``, unless the import itself reaches too far (reported)."""
        checked = check or path
        product = self._product_of(checked)
        if product:
            kind = classify(checked, self.project.surfaces)
            if kind == "private":
                self.report(
                    node,
                    rule("facade-reach"),
                    f"imports {checked}: {why_private(checked, self.project.surfaces)}; "
                    f"other products use only {possessive(product)} public facade (__all__ of "
                    "facade/api.py, and the classes of facade/contracts.py and enums.py)",
                )
                return
            self.note_use(node, product, f"imports {checked}")
        self.bindings.setdefault(name, []).append(Binding(path, getattr(node, "lineno", 0)))

    def _bind_assignment(self, node: ast.Assign) -> None:
        targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
        if not targets:
            return
        paths = self._resolve(node.value)
        if not paths and isinstance(node.value, ast.Call):
            loaded = self._imported_by(node.value)
            paths = {loaded} if loaded else set()
        for target in targets:
            known = {b.path for b in self.bindings.get(target, [])}
            for path in paths - known:
                product = self._product_of(path)
                if product and classify(path, self.project.surfaces) == "private":
                    continue  # reported where the value is used
                self.bindings.setdefault(target, []).append(Binding(path, node.lineno))

    def _resolve(self, node: ast.AST) -> set[str]:
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
        name = _called_name(node)
        literal = self._first_string(node)
        if not literal or name not in {"import_module", "import_string", "__import__"}:
            return None
        if name == "__import__" and len(node.args) < 4 and not _keyword(node, "fromlist"):
            return literal.partition(".")[0]  # without a fromlist, the top package
        return literal

    def _check_reference(self, node: ast.Name | ast.Attribute) -> None:
        if isinstance(node.ctx, ast.Store | ast.Del):
            return
        for path in sorted(self._resolve(node)):
            product = self._product_of(path)
            if not product:
                continue
            kind = classify(path, self.project.surfaces)
            if kind == "public":
                self.note_use(node, product, f"uses {path}")
            elif kind == "private":
                self.report(
                    node,
                    rule("facade-reach"),
                    f"uses {ast.unparse(node)}, that is {path}: "
                    f"{why_private(path, self.project.surfaces)}; call "
                    f"{possessive(product)} public facade functions and use its contracts and "
                    "enums only",
                )
                return
            elif not self._module_use_allowed(node, path):
                self.report(
                    node,
                    rule("facade-reach"),
                    f"uses the module {ast.unparse(node)} ({path}) other than by reading a "
                    "public name from it; nothing can check where a module object goes, "
                    f"so write {ast.unparse(node)}.<public name> where it is used",
                )
                return

    def _module_use_allowed(self, node: ast.AST, path: str) -> bool:
        """A module object may be aliased, or handed to a stub helper with a public name."""
        parent = self.parents.get(node)
        if isinstance(parent, ast.Assign) and parent.value is node:
            # An alias in a class body becomes an attribute nobody follows.
            in_class = isinstance(self.parents.get(parent), ast.ClassDef)
            return not in_class and all(isinstance(t, ast.Name) for t in parent.targets)
        if not (isinstance(parent, ast.Call) and parent.args and parent.args[0] is node):
            return False
        called = _called_name(parent)
        if any(p.startswith("slicekit.testing.") for p in self._resolve(parent.func)):
            return True  # the project's own test helpers, reviewed shared code
        if called in {"setattr", "object"} and isinstance(parent.func, ast.Attribute):
            name = self._string(parent.args[1]) if len(parent.args) > 1 else None
            return bool(name) and classify(f"{path}.{name}", self.project.surfaces) == "public"
        return False

    # -- calls: dynamic imports and registry lookups ------------------------------------------

    def _check_call(self, node: ast.Call) -> None:
        name = _called_name(node)
        first = node.args[0] if node.args else _keyword(node, "name")
        inside = self.owner is not None
        if inside and name in DYNAMIC_IMPORTS and (first is None or self._string(first) is None):
            self.report(
                node,
                rule("dynamic-import"),
                f"{name}() with a module name computed at run time: no check can tell "
                "which product's module it loads; import the module, or call the "
                "other product's facade",
            )
        if inside and name in DYNAMIC_IMPORTS and first is not None:
            self._check_relative_import(node, first)
        if name == "getattr" and len(node.args) > 1:  # getattr(apps, "get_models")
            attribute = self._string(node.args[1])
            if attribute in REGISTRY_WALKS:
                self._check_walk(node, attribute, node.args[0])
        sends = name in {"send_task", "signature", "Signature"}
        if inside and sends and first is not None and self._string(first) is None:
            self.report(
                node,
                rule("foreign-task"),
                f"{name}() with a task name computed at run time: no check can tell "
                "whose task it sends; call the task's own product's facade",
            )
        labels = [(first, "label")] if name in LABEL_LOOKUPS and first is not None else []
        for keyword in node.keywords if name != "get_model" else ():  # model-lookup reads get_model
            if keyword.arg and (keyword.arg == "app_label" or keyword.arg.endswith("__app_label")):
                labels.append((keyword.value, "label"))
            elif keyword.arg == "sender":
                labels.append((keyword.value, "model"))
        for value, kind in labels:
            text = self._string(value)
            if text is None:
                if self.owner is not None and kind == "label":
                    self.report(
                        node,
                        rule("registry-string"),
                        f"{name or 'a call'}() with an app label computed at run time: no "
                        "check can tell whose models it reaches; use your own models, or "
                        "another product's facade",
                    )
                continue
            self._check_label(node, text.partition(".")[0] if kind == "model" else text, name)

    def _check_relative_import(self, node: ast.Call, first: ast.expr) -> None:
        """``import_module("..logic", "products.catalog.backend.facade")``: the resolved path."""
        text = self._string(first)
        package = node.args[1] if len(node.args) > 1 else _keyword(node, "package")
        anchor = self._string(package) if package is not None else None
        if text and text.startswith(".") and anchor:
            try:
                resolved = importlib.util.resolve_name(text, anchor)
            except (ImportError, ValueError):
                return
            self._check_module_string(node, resolved, complete=True)

    def _is_app_registry(self, node: ast.AST) -> bool:
        """``apps`` as Django's registry: imported from django.apps, or a migration's argument."""
        if isinstance(node, ast.Name) and node.id == "apps":
            return True
        return bool(self._resolve(node) & APP_REGISTRIES)

    def _check_walk(self, node: ast.AST, attribute: str, registry: ast.AST) -> None:
        """``apps.get_models`` called, passed on or read by getattr: a walk; ``apps.all_models``
        and ``apps.app_configs`` too, but read by a label (``[...]``), a lookup."""
        by_label = attribute in BY_LABEL and isinstance(self.parents.get(node), ast.Subscript)
        if self.owner is None or by_label or not self._is_app_registry(registry):
            return
        self.report(
            node,
            rule("registry-walk"),
            f"apps.{attribute} hands out every product's models, and a filter on them "
            "reaches another product's rows where no check can see it; use your own models by name "
            "(apps.get_app_config(<your label>)), or another product's facade",
        )

    def _check_subscript(self, node: ast.Subscript) -> None:
        if isinstance(node.value, ast.Attribute) and node.value.attr in BY_LABEL:
            text = self._string(node.slice)
            if text:
                self._check_label(node, text, f"apps.{node.value.attr}")

    def _check_label(self, node: ast.AST, label: str, via: str) -> None:
        if self.foreign(label) and "." not in label:
            self.report(
                node,
                rule("registry-string"),
                f"{via or 'a lookup'} names the app label {label!r} of product {label}: the "
                "app registry hands out its models and rows, which only it may touch; call "
                f"{possessive(label)} facade",
            )

    # -- strings: module paths, SQL, task names ---------------------------------------------

    def _check_string(self, node: ast.AST) -> None:
        parent = self.parents.get(node)
        joined = isinstance(parent, ast.BinOp) and isinstance(parent.op, ast.Add)
        if joined or isinstance(parent, ast.JoinedStr | ast.FormattedValue):
            return  # the enclosing string is checked as one
        if node in self.docstrings:
            return
        if isinstance(node, ast.BinOp) and not isinstance(node.op, ast.Add):
            return
        text, complete = self._string_parts(node)
        if not text:
            return
        self._check_module_string(node, text, complete)
        if complete and silenceable(text) and self._silences(node):
            self.report(
                node,
                rule("escape-hatch"),
                f"SILENCED_SYSTEM_CHECKS silences {text}: the boundary it checks would hold "
                "only on paper; fix what it reports",
            )
        if self.project.tables and (SQL_WORDS.search(text) or self._in_sql_sink(node)):
            for match in self.project.tables.finditer(text):
                table = match.group(1).lower()
                owner = self.project.registry.tables.get(table)
                if owner and self.foreign(owner):
                    self.report(
                        node,
                        rule("foreign-sql"),
                        f"SQL names the table {table} of product {owner}: its schema is "
                        f"{possessive(owner)} to change, and its rows are {possessive(owner)} "
                        f"to read and write; call {possessive(owner)} facade",
                    )
                    break
        owner = self.project.registry.tasks.get(text) if complete else None
        if owner and self.foreign(owner):
            self.report(
                node,
                rule("foreign-task"),
                f"the string {text!r} names a Celery task of product {owner}: sending it by "
                f"name skips {possessive(owner)} facade and breaks silently when it is "
                f"renamed; call {possessive(owner)} facade, which may queue it",
            )

    def _check_module_string(self, node: ast.AST, text: str, complete: bool) -> None:
        match = MODULE_PATH.match(text)
        if not match:
            if self.owner is not None and TEMPLATE_PATH.match(text):
                self.report(
                    node,
                    rule("module-string"),
                    f"the string {text!r} is a template of a module path in another product, "
                    "filled in at run time, so no check can verify it stays on the public "
                    "facade; write the path out, or call the facade",
                )
            return
        product = match.group(1)
        if not self.foreign(product):
            return
        whole = text[match.start() : match.end()].replace("/", ".").replace(":", ".")
        whole = whole.removesuffix(".py")
        exact = complete and match.end() == len(text.removesuffix(".py"))
        kind = classify(whole, self.project.surfaces)
        if kind == "private":
            if not exact and not self._prefix_private(whole):
                kind = "unknown"
            else:
                self.report(
                    node,
                    rule("module-string"),
                    f"the string {text!r} names {whole}: "
                    f"{why_private(whole, self.project.surfaces)}; import paths in strings "
                    f"(import_module, mock.patch, include, pytest_plugins) follow the same "
                    f"rule as imports: only {possessive(product)} public facade",
                )
                return
        if not exact and kind != "public":
            self.report(
                node,
                rule("module-string"),
                f"the string {text!r} names a path in product {product} that is computed at "
                "run time, so no check can verify it stays on the public facade; write the "
                "path out, or call the facade",
            )
            return
        self.note_use(node, product, f"names {whole}")

    def _prefix_private(self, path: str) -> bool:
        """Whether the complete components of a partly computed path are private already."""
        parts = path.split(".")
        rest = parts[2:]
        expected = ["backend", "facade"]
        if any(part != want for part, want in zip(rest, expected, strict=False)):
            return True
        return len(rest) > 2 and rest[2] not in FACADE_MODULES

    def _silences(self, node: ast.AST) -> bool:
        """Whether the statement holding ``node`` changes ``SILENCED_SYSTEM_CHECKS``."""
        statement = self.parents.get(node)
        while statement is not None and not isinstance(statement, ast.stmt):
            statement = self.parents.get(statement)
        return statement is not None and any(
            (isinstance(n, ast.Name) and n.id == "SILENCED_SYSTEM_CHECKS")
            or (isinstance(n, ast.Attribute) and n.attr == "SILENCED_SYSTEM_CHECKS")
            for n in ast.walk(statement)
        )

    def _in_sql_sink(self, node: ast.AST) -> bool:
        parent = self.parents.get(node)
        while parent is not None and not isinstance(parent, ast.stmt):
            if isinstance(parent, ast.Call) and _called_name(parent) in SQL_SINKS:
                return True
            parent = self.parents.get(parent)
        return False

    def _string(self, node: ast.AST, depth: int = 0) -> str | None:
        """The value of a string expression whose every part is known, else None."""
        text, complete = self._string_parts(node, depth)
        return text if complete else None

    def _string_parts(self, node: ast.AST, depth: int = 0) -> tuple[str, bool]:
        """The known leading text of a string expression, and whether that is all of it."""
        if depth > 10:
            return "", False
        if isinstance(node, ast.Constant):
            return (node.value, True) if isinstance(node.value, str) else ("", False)
        if isinstance(node, ast.Name):
            values = self.constants.get(node.id, [])
            if len(values) == 1:  # assigned once: a constant
                return self._string_parts(values[0], depth + 1)
            return "", False
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, done = self._string_parts(node.left, depth + 1)
            if not done:
                return left, False
            right, done = self._string_parts(node.right, depth + 1)
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
                parts = [self._string(item, depth + 1) for item in items.elts]
                if all(part is not None for part in parts):
                    return separator.value.join(p for p in parts if p is not None), True
            return "", False
        if isinstance(node, ast.JoinedStr | ast.FormattedValue):
            values = node.values if isinstance(node, ast.JoinedStr) else [node.value]
            text = ""
            for value in values:
                part, done = self._string_parts(value, depth + 1)
                text += part
                if not done:
                    return text, False
            return text, True
        return "", False

    def _first_string(self, node: ast.Call) -> str | None:
        return self._string(node.args[0]) if node.args else None


def _called_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _keyword(node: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in node.keywords if k.arg == name), None)


def model_lookups(tree: ast.Module) -> Iterator[tuple[int, str | None]]:
    """``(line, app label)`` of each ``get_model`` call; the label is None when computed.

    Reads ``get_model("label.Model")``, ``get_model("label", "Model")``,
    ``get_model(app_label=..., model_name=...)`` and labels held in names assigned
    once or built from constant parts. ``model-lookup`` (``slicekit.django.checks``) uses it.
    """
    reach = FileReach.__new__(FileReach)
    reach.constants = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    reach.constants.setdefault(target.id, []).append(node.value)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and _called_name(node) == "get_model"):
            continue
        first = node.args[0] if node.args else _keyword(node, "app_label")
        if first is None:
            continue
        text = reach._string(first)
        yield node.lineno, None if text is None else text.partition(".")[0]
