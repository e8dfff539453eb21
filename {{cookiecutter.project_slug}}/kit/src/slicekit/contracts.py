"""The contract rules, and the public shape of a product's contracts.

A product's ``facade/contracts.py``, ``facade/enums.py`` and ``facade/events.py``
(the events it publishes) are the only data that crosses its boundary, and other
products' test results are cached against them. So they must be:

- pure: they import only the standard library and other products' contract
  modules (no Django, no DRF, no product internals);
- plain: every class is a frozen dataclass, an enum or an exception, built
  on the standard library's bases or on its own product's contract classes only
  (a field may hold another product's contract; a base may not);
- data: every field is a contract, an enum or an immutable builtin (or a
  tuple, frozenset, union or ``Literal`` of them), aliases followed; no
  ``Any``, ``object``, ``Sequence``-like abstract types, mutable defaults or
  ``default_factory`` producing mutable values; hashable in fact (frozen, eq
  kept, no ``unsafe_hash``, no own ``__hash__``/``__eq__``);
- free of model conversion and of code reached by name: methods are allowed
  (properties, ``__post_init__`` validation, formatting), because a module
  that imports no Django can reach the ORM only dynamically, and
  ``__import__``, ``importlib``, ``sys.modules``, ``eval``/``exec`` and
  ``globals()`` are refused.

The files are read by parsing, never by importing: a check must not run the
code it judges, and a Django import must be reported, not executed. The
facade's functions (``api.py``) are read by ``boundaries.facade``.
"""

from __future__ import annotations

import ast
import builtins
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from slicekit.annotations import Scope, is_stdlib, qualified_name, resolve, scope_of
from slicekit.findings import Finding
from slicekit.names import ProductNames, is_contract_module
from slicekit.rules import rule
from slicekit.scalars import SCALAR_NAMES

# enums.py first: contracts.py usually builds on it, and events.py (the events the product
# publishes, data like its contracts, locked alike) on both.
CONTRACT_FILES = ("enums.py", "contracts.py", "events.py")
ENUM_BASES = frozenset({"Enum", "IntEnum", "StrEnum", "Flag", "IntFlag", "ReprEnum"})
EXCEPTION_BASES = frozenset(
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
)
MODEL_CONVERSION = re.compile(r"(from|to)_(model|orm|instance|row|record|queryset|django)s?")
# Methods that would make a contract's construction, equality, hash or immutability
# differ from what its fields (and the lock) say.
OVERRIDES = frozenset(
    {
        "__init__",
        "__new__",
        "__eq__",
        "__hash__",
        "__setattr__",
        "__delattr__",
        "__getattr__",
        "__getattribute__",
        "__setstate__",
        "__init_subclass__",
        "__class_getitem__",
    }
)
# Ways to reach code by name at run time, around the import rule.
DYNAMIC_CALLS = frozenset(
    {"__import__", "import_module", "import_string", "eval", "exec", "compile", "globals", "vars"}
)
DYNAMIC_ATTRIBUTES = frozenset({"modules", "import_module", "__import__", "__builtins__"})
DATACLASS_OPTIONS = frozenset(
    {"init", "repr", "eq", "order", "unsafe_hash", "frozen", "match_args", "kw_only", "slots"}
)
FIELD_OPTIONS = frozenset(
    {"default", "default_factory", "init", "repr", "hash", "compare", "metadata", "kw_only", "doc"}
)
# Calls that build immutable values: the scalars (slicekit.scalars), tuple and frozenset.
IMMUTABLE_CONSTRUCTORS = frozenset({"tuple", "frozenset"}) | SCALAR_NAMES
# Functional forms that build a class from a call, invisible to a parser.
CLASS_FACTORIES = frozenset(
    {"make_dataclass", "namedtuple", "NamedTuple", "TypedDict", "type", "new_class"} | ENUM_BASES
)
PURITY = rule("contract-purity")
CLASSES = rule("contract-classes")
FROZEN = rule("frozen-contracts")
HASHABLE = rule("hashable-fields")
FIELDS = rule("contract-fields")
DEFAULTS = rule("contract-defaults")
METHODS = rule("contract-methods")
BASES = rule("contract-bases")
CONVERSION = rule("no-model-conversion")


@dataclass
class Contracts:
    """What a product's facade declares, and the rules it breaks."""

    product: str
    classes: dict[str, dict[str, Any]] = field(default_factory=dict)  # the lockable shape
    functions: dict[str, dict[str, Any]] = field(default_factory=dict)  # the facade's surface
    lines: dict[str, tuple[str, int]] = field(default_factory=dict)  # "Cls[.field]" -> place
    findings: list[Finding] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)  # every class of both files -> kind
    # Other products' contract classes it hands out, "product.Class" -> shape (exposure.py)
    exposes: dict[str, dict[str, Any]] = field(default_factory=dict)


def facade_directory(root: Path, product: str) -> Path:
    return root / ProductNames(product).directory / "backend" / "facade"


def facade_package(product: str) -> str:
    return f"{ProductNames(product).app_module}.facade"


def read_contracts(root: Path, product: str, *, surface: bool = True) -> Contracts:
    """Parse the product's contract files (and its facade's surface); collect every broken rule."""
    contracts = Contracts(product)
    directory = facade_directory(root, product)
    trees = {}
    for filename in CONTRACT_FILES:
        path = directory / filename
        if path.is_file():
            relative = path.relative_to(root).as_posix()
            tree = parse_file(path, relative, contracts.findings)
            if tree is not None:
                trees[filename] = (tree, relative)
    contracts.kinds = _class_kinds([tree for tree, _ in trees.values()])
    for filename, (tree, relative) in trees.items():
        _read_tree(contracts, tree, Path(filename).stem, relative)
    if surface:
        from slicekit.exposure import exposed  # reads other products' contracts
        from slicekit.facade import read_surface  # the facade reads contracts' kinds

        read_surface(root, contracts)
        contracts.exposes = exposed(root, contracts)
    return contracts


def parse_file(path: Path, relative: str, findings: list[Finding]) -> ast.Module | None:
    """The file's tree, or None with a one-line finding when it cannot be read."""
    try:
        return ast.parse(path.read_bytes(), filename=relative)
    except SyntaxError as error:
        findings.append(Finding(relative, error.lineno, rule("syntax"), str(error.msg)))
    except (OSError, ValueError) as error:
        findings.append(Finding(relative, None, rule("syntax"), f"cannot be read ({error})"))
    return None


def _class_kinds(trees: list[ast.Module]) -> dict[str, str]:
    """Every top-level class of the contract files and what it is, before any is judged.

    Found first so that a field may name a class defined further down, and so
    that inheritance from another contract class is known, however long the chain.
    """
    classes = [node for tree in trees for node in tree.body if isinstance(node, ast.ClassDef)]
    kinds: dict[str, str] = {}
    for _ in range(len(classes) + 1):
        for node in classes:
            bases = [_last_name(base) for base in node.bases]
            if any(_last_name(d) == "dataclass" for d in _decorator_targets(node)):
                kind = "dataclass"
            elif any(base in ENUM_BASES or kinds.get(base) == "enum" for base in bases):
                kind = "enum"
            elif any(base in EXCEPTION_BASES or kinds.get(base) == "exception" for base in bases):
                kind = "exception"
            else:
                kind = "class"
            kinds[node.name] = kind
    return kinds


def _read_tree(contracts: Contracts, tree: ast.Module, module: str, relative: str) -> None:
    package = facade_package(contracts.product)
    scope = scope_of(tree, package, contracts.kinds)
    contracts.findings.extend(_import_findings(tree, relative))
    contracts.findings.extend(_dynamic_findings(tree, relative))
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            _Class(contracts, node, module, relative, scope).read()
        elif (
            isinstance(node, ast.Assign | ast.AnnAssign)
            and isinstance(node.value, ast.Call)
            and _last_name(node.value.func) in CLASS_FACTORIES
        ):
            contracts.findings.append(
                Finding(
                    relative,
                    node.lineno,
                    CLASSES,
                    f"{ast.unparse(node.value.func)}(...) builds a class at run time, which no "
                    "check or lock can read: write a class statement",
                )
            )


def _import_findings(tree: ast.Module, relative: str) -> list[Finding]:
    findings = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                if node.level == 1 and _is_sibling_contract(node):
                    continue
                dots = "." * node.level
                if node.module:
                    imported = [f"{dots}{node.module}"]
                else:
                    imported = [f"{dots}{alias.name}" for alias in node.names]
            else:
                imported = [node.module or ""]
        else:
            continue
        for name in imported:
            if not name.startswith(".") and _is_allowed_import(name):
                continue
            findings.append(
                Finding(
                    relative,
                    node.lineno,
                    PURITY,
                    f"imports {name!r}: contracts may import only the standard library and "
                    "other products' facade.contracts and facade.enums modules",
                )
            )
    return findings


def _dynamic_findings(tree: ast.Module, relative: str) -> list[Finding]:
    """Code reached by name at run time: how a method could get at the ORM despite the imports."""
    findings: dict[int, Finding] = {}  # one per line: `importlib.import_module(...)` is one use
    for node in ast.walk(tree):
        if not isinstance(node, ast.expr):  # calls, attributes and names are expressions
            continue
        reached = ""
        if isinstance(node, ast.Call) and _last_name(node.func) in DYNAMIC_CALLS:
            reached = f"{_last_name(node.func)}()"
        elif isinstance(node, ast.Attribute) and node.attr in DYNAMIC_ATTRIBUTES:
            reached = ast.unparse(node)
        elif isinstance(node, ast.Name) and node.id in {"__import__", "__builtins__"}:
            reached = node.id
        if reached and node.lineno not in findings:
            findings[node.lineno] = Finding(
                relative,
                node.lineno,
                METHODS,
                f"uses {reached}, which reaches code by name at run time: contracts "
                "hold data; the facade (api.py) does the work",
            )
    return sorted(findings.values(), key=lambda finding: finding.line or 0)


def _is_sibling_contract(node: ast.ImportFrom) -> bool:
    """``from .enums import X``, ``from . import contracts``: the facade's own contract files."""
    siblings = {Path(name).stem for name in CONTRACT_FILES}
    if node.module is not None:
        return node.module in siblings
    return all(alias.name in siblings for alias in node.names)


def _is_allowed_import(module: str) -> bool:
    return module == "__future__" or is_stdlib(module) or is_contract_module(module)


class _ClassPart:
    """One class of a contract file, and where its findings go."""

    def __init__(
        self, contracts: Contracts, node: ast.ClassDef, module: str, relative: str, scope: Scope
    ) -> None:
        self.contracts = contracts
        self.node = node
        self.module = module
        self.relative = relative
        self.scope = scope
        self.name = node.name
        self.kind = contracts.kinds.get(node.name, "class")

    def finding(self, line: int, rule: str, message: str) -> None:
        self.contracts.findings.append(Finding(self.relative, line, rule, message))


class _DataclassFields(_ClassPart):
    """A dataclass's own fields: their types, defaults and options, checked and described."""

    def dataclass_fields(self, kw_only: bool) -> list[dict[str, Any]]:
        fields = []
        for item in self.node.body:
            if not (isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)):
                continue
            marker = qualified_name(_outer(item.annotation), self.scope)
            if marker.rpartition(".")[2] == "ClassVar":
                continue
            if marker.rpartition(".")[2] == "KW_ONLY":
                kw_only = True  # every field after the sentinel is keyword-only
                continue
            described = self.dataclass_field(item, kw_only)
            if described is not None:
                fields.append(described)
        return fields

    def dataclass_field(self, item: ast.AnnAssign, kw_only: bool) -> dict[str, Any] | None:
        target = item.target  # a field's name (dataclass bodies annotate names only)
        name = target.id if isinstance(target, ast.Name) else ast.unparse(target)
        key = f"{self.name}.{name}"
        self.contracts.lines[key] = (self.relative, item.lineno)
        annotation = item.annotation
        init_var = qualified_name(_outer(annotation), self.scope).rpartition(".")[2] == "InitVar"
        if init_var and isinstance(annotation, ast.Subscript):
            annotation = annotation.slice
        resolved = resolve(annotation, self.scope)
        if resolved.problem:
            mutable = "is not hashable" in resolved.problem or "is abstract" in resolved.problem
            rule = HASHABLE if mutable else FIELDS
            self.finding(
                item.lineno,
                rule,
                f"{key} has type {ast.unparse(item.annotation)}"
                + (
                    f" (that is {resolved.text})"
                    if resolved.text != ast.unparse(annotation)
                    else ""
                )
                + f": {resolved.problem}. Contract fields are contracts, enums or immutable "
                "builtins (str, int, Decimal, UUID, datetime, ...), or tuple[...], "
                "frozenset[...] and unions of them",
            )
        described: dict[str, Any] = {"name": name, "type": resolved.text}
        options = self.field_options(item, key)
        if options is None:
            return described
        if "default" in options:
            described["default"] = options["default"]
        if options.get("kw_only", kw_only):
            described["kw_only"] = True
        if options.get("init") is False:
            described["init"] = False
        if init_var:
            described["init_only"] = True
        return described

    def field_options(self, item: ast.AnnAssign, key: str) -> dict[str, Any] | None:
        """A field's ``default`` (as text), ``init`` and ``kw_only``: ``= x`` or ``field()``."""
        value = item.value
        if value is None:
            return {}
        if not (
            isinstance(value, ast.Call)
            and qualified_name(value.func, self.scope).rpartition(".")[2] == "field"
        ):
            self.check_default(value, key, item.lineno)
            return {"default": ast.unparse(value)}
        options: dict[str, Any] = {}
        if value.args:
            self.finding(item.lineno, DEFAULTS, f"{key}: field() takes keyword arguments only")
        for keyword in value.keywords:
            if keyword.arg is None or keyword.arg not in FIELD_OPTIONS:
                self.finding(
                    item.lineno,
                    DEFAULTS,
                    f"{key}: field({ast.unparse(keyword)}) cannot be checked: write the "
                    "field's options as literal keywords",
                )
            elif keyword.arg == "default":
                self.check_default(keyword.value, key, item.lineno)
                options["default"] = ast.unparse(keyword.value)
            elif keyword.arg == "default_factory":
                self.check_factory(keyword.value, key, item.lineno)
                options["default"] = f"{ast.unparse(keyword.value)}()"
            elif keyword.arg in {"init", "kw_only"}:
                if isinstance(keyword.value, ast.Constant) and isinstance(
                    keyword.value.value, bool | type(None)
                ):
                    if keyword.value.value is not None:
                        options[keyword.arg] = keyword.value.value
                else:
                    self.finding(
                        item.lineno,
                        DEFAULTS,
                        f"{key}: field({keyword.arg}=...) must be a literal True or False",
                    )
        return options

    def check_default(self, value: ast.expr, key: str, line: int) -> None:
        if not _is_immutable_value(value, self.scope):
            self.finding(
                line,
                DEFAULTS,
                f"{key} defaults to {ast.unparse(value)}, which is not an immutable value: "
                "use a literal, a tuple, None or an enum member",
            )

    def check_factory(self, value: ast.expr, key: str, line: int) -> None:
        if isinstance(value, ast.Lambda):
            if _is_immutable_value(value.body, self.scope):
                return
        elif qualified_name(value, self.scope) in IMMUTABLE_CONSTRUCTORS:
            return
        self.finding(
            line,
            DEFAULTS,
            f"{key} has default_factory={ast.unparse(value)}, which may produce a mutable "
            "value: use default_factory=tuple or frozenset, or a plain immutable default",
        )


class _Class(_DataclassFields):
    """One class of a contract file: its rules, and its lockable shape."""

    def read(self) -> None:
        self.contracts.lines[self.name] = (self.relative, self.node.lineno)
        self.check_body()
        self.check_bases()
        bases = [_last_name(base) for base in self.node.bases]
        if self.kind == "dataclass":
            self.read_dataclass(bases)
        elif self.kind == "enum":
            self.check_plain(allowed_decorators={"unique", "verify"})
            self.contracts.classes[self.name] = {
                "kind": "enum",
                "module": self.module,
                "bases": bases,
                "members": _EnumMembers(self.node, bases, self.contracts).values(),
            }
        elif self.kind == "exception":
            self.check_plain(allowed_decorators=set())
            self.contracts.classes[self.name] = {
                "kind": "exception",
                "module": self.module,
                "bases": bases,
            }
        else:
            self.finding(
                self.node.lineno,
                CLASSES,
                f"class {self.name} is not a frozen dataclass, an enum or an exception: "
                "contracts hold immutable data and errors only",
            )

    def check_bases(self) -> None:
        """A contract class builds on its own product's contracts, never another's."""
        for written in self.node.bases:
            qualified = qualified_name(written, self.scope)
            module = qualified.rpartition(".")[0]
            if is_contract_module(module) and module.split(".")[1] != self.contracts.product:
                self.finding(
                    self.node.lineno,
                    BASES,
                    f"{self.kind} {self.name} is based on {qualified}, another product's "
                    "contract: its shape would be decided by that product; declare the fields "
                    "here, or hold that contract in a field",
                )

    def check_plain(self, allowed_decorators: set[str]) -> None:
        """No decorator that can rewrite the class, no metaclass or class keywords."""
        for decorator in self.node.decorator_list:
            name = _last_name(decorator.func if isinstance(decorator, ast.Call) else decorator)
            if name not in allowed_decorators | {"dataclass"}:
                self.finding(
                    decorator.lineno,
                    CLASSES,
                    f"class {self.name} is decorated with {ast.unparse(decorator)}, which can "
                    "change the class at run time: contracts are plain classes",
                )
        for keyword in self.node.keywords:
            self.finding(
                self.node.lineno,
                CLASSES,
                f"class {self.name} passes {keyword.arg or '**'}= to its class statement: "
                "a metaclass can make a contract anything; use plain bases",
            )

    def check_body(self) -> None:
        for item in self.node.body:
            if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                self.check_method(item)
            elif isinstance(item, ast.Assign) and _is_mutable_display(item.value):
                self.finding(
                    item.lineno,
                    HASHABLE,
                    f"{self.name}.{ast.unparse(item.targets[0])} is a mutable class attribute "
                    "shared by every instance: use a tuple or a frozenset",
                )

    def check_method(self, item: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        if MODEL_CONVERSION.fullmatch(item.name):
            self.finding(
                item.lineno,
                CONVERSION,
                f"{self.name}.{item.name} converts between models and contracts: that "
                "mapping belongs in the facade (api.py), so contracts never know models",
            )
        elif item.name in OVERRIDES and self.kind in {"dataclass", "enum"}:
            self.finding(
                item.lineno,
                METHODS,
                f"{self.name}.{item.name} overrides what the dataclass or enum generates: "
                "then construction, equality or hashing differ from what the fields say "
                "(and from the lock); derive values in __post_init__ or a property",
            )

    def read_dataclass(self, bases: list[str]) -> None:
        options = self.dataclass_options()
        self.check_plain(allowed_decorators=set())
        for base, written in zip(bases, self.node.bases, strict=True):
            qualified = qualified_name(written, self.scope)
            own = self.contracts.kinds.get(base) == "dataclass" and qualified == base
            imported = "." in qualified and is_contract_module(qualified.rpartition(".")[0])
            if not (own or imported):
                self.finding(
                    self.node.lineno,
                    CLASSES,
                    f"dataclass {self.name} is based on {ast.unparse(written)}, which is not a "
                    "contract dataclass: a contract inherits fields from contracts only",
                )
        known = self.contracts.classes
        inherited: list[dict[str, Any]] = [
            dict(item)
            for base in bases
            if known.get(base, {}).get("kind") == "dataclass"
            for item in known[base]["fields"]
        ]
        fields = inherited
        for described in self.dataclass_fields(bool(options.get("kw_only"))):
            # A redefined field keeps its place, as in dataclasses.
            index = next((i for i, f in enumerate(fields) if f["name"] == described["name"]), None)
            if index is None:
                fields.append(described)
            else:
                fields[index] = described
        shape: dict[str, Any] = {"kind": "dataclass", "module": self.module}
        if bases:
            shape["bases"] = bases
        shape["fields"] = fields
        self.contracts.classes[self.name] = shape

    def dataclass_options(self) -> dict[str, bool]:
        """The dataclass's literal options; anything unreadable or unsafe is a finding."""
        options: dict[str, bool] = {}
        call = next(
            (
                decorator
                for decorator in self.node.decorator_list
                if isinstance(decorator, ast.Call) and _last_name(decorator.func) == "dataclass"
            ),
            None,
        )
        line = call.lineno if call else self.node.lineno
        for keyword in call.keywords if call else []:
            value = keyword.value
            if (
                keyword.arg is None
                or keyword.arg not in DATACLASS_OPTIONS
                or not isinstance(value, ast.Constant)
                or not isinstance(value.value, bool)
            ):
                self.finding(
                    line,
                    FROZEN,
                    f"dataclass {self.name} has the option {ast.unparse(keyword)}: write each "
                    "option as a literal True or False, so the check sees what it is",
                )
                continue
            options[keyword.arg] = value.value
        if call is not None and call.args:
            self.finding(call.lineno, FROZEN, f"dataclass {self.name}: pass options by keyword")
        if not options.get("frozen"):
            self.finding(
                line,
                FROZEN,
                f"dataclass {self.name} is not frozen: contracts are immutable, "
                "use @dataclass(frozen=True)",
            )
        if options.get("eq") is False:
            self.finding(
                line,
                FROZEN,
                f"dataclass {self.name} has eq=False: its hash is then its identity, so two "
                "equal contracts differ; keep eq",
            )
        if options.get("unsafe_hash"):
            self.finding(
                line,
                FROZEN,
                f"dataclass {self.name} has unsafe_hash=True: frozen=True already makes it "
                "hashable; drop unsafe_hash",
            )
        return options


class _EnumMembers:
    """An enum's members and their values, evaluated as ``enum`` would for ``auto()``."""

    def __init__(self, node: ast.ClassDef, bases: list[str], contracts: Contracts) -> None:
        self.node = node
        self.style = self._style(bases, contracts)

    @staticmethod
    def _style(bases: list[str], contracts: Contracts) -> str:
        for base in bases:
            if base == "StrEnum":
                return "str"
            if base in {"Flag", "IntFlag"}:
                return "flag"
            if base in ENUM_BASES:
                return "int"
            inherited = contracts.classes.get(base, {})
            if inherited.get("kind") == "enum":
                return _EnumMembers._style(inherited.get("bases", []), contracts)
        return "int"

    def values(self) -> dict[str, str]:
        custom = any(
            isinstance(item, ast.FunctionDef) and item.name == "_generate_next_value_"
            for item in self.node.body
        )
        members: dict[str, str] = {}
        evaluated: list[Any] = []
        for item in self.node.body:
            if not (isinstance(item, ast.Assign) and len(item.targets) == 1):
                continue
            target = item.targets[0]
            if not isinstance(target, ast.Name) or target.id.startswith("_"):
                continue
            if _is_auto(item.value):
                if custom:  # a value we cannot compute depends on the members before it
                    members[target.id] = f"auto() #{len(evaluated) + 1}"
                    evaluated.append(None)
                    continue
                value = self.next_value(target.id, evaluated)
            else:
                try:
                    value = ast.literal_eval(item.value)
                except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                    members[target.id] = ast.unparse(item.value)
                    evaluated.append(None)
                    continue
            evaluated.append(value)
            members[target.id] = repr(value)
        return members

    def next_value(self, name: str, previous: list[Any]) -> Any:
        if self.style == "str":
            return name.lower()
        numbers = [value for value in previous if isinstance(value, int)]
        if self.style == "flag":
            return 2 ** max(numbers).bit_length() if numbers else 1
        return max(numbers) + 1 if numbers else 1


def _is_auto(value: ast.expr) -> bool:
    return isinstance(value, ast.Call) and _last_name(value.func) == "auto" and not value.args


def _is_immutable_value(value: ast.expr, scope: Scope, depth: int = 0) -> bool:
    """Literals, tuples and frozensets of them, enum members, and immutable constructors."""
    if depth > 20:
        return False
    if isinstance(value, ast.Constant):
        return True
    if isinstance(value, ast.UnaryOp):
        return _is_immutable_value(value.operand, scope, depth + 1)
    if isinstance(value, ast.Tuple):
        return all(_is_immutable_value(item, scope, depth + 1) for item in value.elts)
    if isinstance(value, ast.Attribute):  # an enum member: Colour.RED
        return isinstance(value.value, ast.Name) and scope.classes.get(value.value.id) == "enum"
    if isinstance(value, ast.Call):
        constructor = qualified_name(value.func, scope)
        if constructor in {"tuple", "frozenset"} and len(value.args) == 1 and not value.keywords:
            # frozenset({"a", "b"}): the display is copied into an immutable value
            display = value.args[0]
            if isinstance(display, ast.List | ast.Set | ast.Tuple):
                return all(_is_immutable_value(item, scope, depth + 1) for item in display.elts)
        return constructor in IMMUTABLE_CONSTRUCTORS and all(
            _is_immutable_value(argument, scope, depth + 1)
            for argument in [*value.args, *(k.value for k in value.keywords)]
        )
    return False


def _is_mutable_display(value: ast.expr) -> bool:
    mutable = ast.List | ast.Dict | ast.Set | ast.ListComp | ast.DictComp | ast.SetComp
    if isinstance(value, mutable):
        return True
    return isinstance(value, ast.Call) and _last_name(value.func) in {"list", "dict", "set"}


def _decorator_targets(node: ast.ClassDef) -> list[ast.expr]:
    return [d.func if isinstance(d, ast.Call) else d for d in node.decorator_list]


def _outer(annotation: ast.expr) -> ast.expr:
    return annotation.value if isinstance(annotation, ast.Subscript) else annotation


def _last_name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Subscript):
        return _last_name(node.value)
    try:
        return ast.unparse(node)
    except Exception:
        return type(node).__name__
