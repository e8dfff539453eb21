"""The contract rules, and the public shape of a product's contracts.

A product's ``facade/contracts.py`` and ``facade/enums.py`` are the only data
that crosses its boundary, and other products' test results are cached
against them. So they must be:

- pure: they import only the standard library and other products' contract
  modules (no Django, no DRF, no product internals);
- plain: every class is a frozen dataclass, an enum or an exception;
- hashable: no list, dict or set fields;
- free of model conversion: no ``from_model``-style methods (the facade maps).

Both files are read by parsing, never by importing: a check must not run the
code it judges, and a Django import must be reported, not executed.
"""

from __future__ import annotations

import ast
import builtins
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from boundaries.findings import Finding
from boundaries.names import ProductNames, is_contract_module

# enums.py first: contracts.py usually builds on it.
CONTRACT_FILES = ("enums.py", "contracts.py")
ENUM_BASES = frozenset({"Enum", "IntEnum", "StrEnum", "Flag", "IntFlag"})
EXCEPTION_BASES = frozenset(
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
)
UNHASHABLE = frozenset(
    {
        "list",
        "dict",
        "set",
        "bytearray",
        "List",
        "Dict",
        "Set",
        "DefaultDict",
        "OrderedDict",
        "Counter",
        "Deque",
        "defaultdict",
        "deque",
        "MutableMapping",
        "MutableSequence",
        "MutableSet",
    }
)
MODEL_CONVERSION = re.compile(r"(from|to)_(model|orm|instance|row|record|queryset|django)s?")
PURITY = "contract-purity"
CLASSES = "contract-classes"
FROZEN = "frozen-contracts"
HASHABLE = "hashable-fields"
CONVERSION = "no-model-conversion"


@dataclass
class Contracts:
    """What a product's contract files declare, and the rules they break."""

    product: str
    classes: dict[str, dict[str, Any]] = field(default_factory=dict)  # the lockable shape
    lines: dict[str, tuple[str, int]] = field(default_factory=dict)  # "Cls[.field]" -> place
    findings: list[Finding] = field(default_factory=list)


def facade_directory(root: Path, product: str) -> Path:
    return root / ProductNames(product).directory / "backend" / "facade"


def read_contracts(root: Path, product: str) -> Contracts:
    """Parse the product's contract files; collect their shape and every broken rule."""
    contracts = Contracts(product)
    directory = facade_directory(root, product)
    for filename in CONTRACT_FILES:
        path = directory / filename
        if path.is_file():
            _read_file(contracts, path, path.relative_to(root).as_posix())
    return contracts


def _read_file(contracts: Contracts, path: Path, relative: str) -> None:
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=relative)
    except SyntaxError as error:
        contracts.findings.append(Finding(relative, error.lineno, "syntax", str(error.msg)))
        return
    module = path.stem
    contracts.findings.extend(_import_findings(tree, relative))
    aliases = _type_aliases(tree)
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            _read_class(contracts, node, module, relative, aliases)


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


def _is_sibling_contract(node: ast.ImportFrom) -> bool:
    """``from .enums import X``, ``from . import contracts``: the facade's own contract files."""
    siblings = {Path(name).stem for name in CONTRACT_FILES}
    if node.module is not None:
        return node.module in siblings
    return all(alias.name in siblings for alias in node.names)


def _is_allowed_import(module: str) -> bool:
    top = module.partition(".")[0]
    if top in sys.stdlib_module_names or top == "__future__":
        return True
    return is_contract_module(module)


def _type_aliases(tree: ast.Module) -> dict[str, ast.expr]:
    """Module-level aliases (``Tags = list[str]``), so a field typed ``Tags`` is seen through."""
    aliases: dict[str, ast.expr] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            if isinstance(node.targets[0], ast.Name):
                aliases[node.targets[0].id] = node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            aliases[node.target.id] = node.value
        elif isinstance(node, ast.TypeAlias):
            aliases[node.name.id] = node.value
    return aliases


def _read_class(
    contracts: Contracts,
    node: ast.ClassDef,
    module: str,
    relative: str,
    aliases: dict[str, ast.expr],
) -> None:
    name = node.name
    contracts.lines[name] = (relative, node.lineno)
    bases = [_base_name(base) for base in node.bases]
    known = contracts.classes
    options = _dataclass_options(node)

    for item in node.body:
        is_method = isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
        if is_method and MODEL_CONVERSION.fullmatch(item.name):
            contracts.findings.append(
                Finding(
                    relative,
                    item.lineno,
                    CONVERSION,
                    f"{name}.{item.name} converts between models and contracts: that "
                    "mapping belongs in the facade (api.py), so contracts never know models",
                )
            )

    if options is not None:
        if not options.get("frozen"):
            contracts.findings.append(
                Finding(
                    relative,
                    node.lineno,
                    FROZEN,
                    f"dataclass {name} is not frozen: contracts are immutable, "
                    "use @dataclass(frozen=True)",
                )
            )
        inherited = [
            field
            for base in bases
            if known.get(base, {}).get("kind") == "dataclass"
            for field in known[base]["fields"]
        ]
        fields = _dataclass_fields(contracts, node, relative, aliases)
        own = {field["name"] for field in fields}
        contracts.classes[name] = {
            "kind": "dataclass",
            "module": module,
            "kw_only": bool(options.get("kw_only")),
            "fields": [field for field in inherited if field["name"] not in own] + fields,
        }
    elif any(base in ENUM_BASES or known.get(base, {}).get("kind") == "enum" for base in bases):
        contracts.classes[name] = {
            "kind": "enum",
            "module": module,
            "bases": bases,
            "members": _enum_members(node),
        }
    elif any(
        base in EXCEPTION_BASES or known.get(base, {}).get("kind") == "exception" for base in bases
    ):
        contracts.classes[name] = {"kind": "exception", "module": module, "bases": bases}
    else:
        contracts.findings.append(
            Finding(
                relative,
                node.lineno,
                CLASSES,
                f"class {name} is not a frozen dataclass, an enum or an exception: "
                "contracts hold immutable data and errors only",
            )
        )


def _base_name(base: ast.expr) -> str:
    if isinstance(base, ast.Attribute):
        return base.attr
    return ast.unparse(base)


def _dataclass_options(node: ast.ClassDef) -> dict[str, bool] | None:
    """The literal keyword options of a ``@dataclass`` decorator, or None if there is none."""
    for decorator in node.decorator_list:
        call = decorator if isinstance(decorator, ast.Call) else None
        target = call.func if call else decorator
        if _base_name(target) != "dataclass":
            continue
        options: dict[str, bool] = {}
        for keyword in call.keywords if call else []:
            if keyword.arg and isinstance(keyword.value, ast.Constant):
                options[keyword.arg] = keyword.value.value is True
        return options
    return None


def _dataclass_fields(
    contracts: Contracts, node: ast.ClassDef, relative: str, aliases: dict[str, ast.expr]
) -> list[dict[str, str]]:
    fields = []
    for item in node.body:
        if not (isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)):
            continue
        annotation = item.annotation
        if _base_name(_strip_subscript(annotation)) in {"ClassVar", "KW_ONLY"}:
            continue
        name = item.target.id
        contracts.lines[f"{node.name}.{name}"] = (relative, item.lineno)
        type_text = ast.unparse(annotation)
        unhashable = _unhashable_part(annotation, aliases)
        if unhashable:
            contracts.findings.append(
                Finding(
                    relative,
                    item.lineno,
                    HASHABLE,
                    f"{node.name}.{name} has type {type_text}: {unhashable} is not hashable; "
                    "use tuple, frozenset or a frozen dataclass",
                )
            )
        described = {"name": name, "type": type_text}
        default = _default(item.value)
        if default is not None:
            described["default"] = default
        fields.append(described)
    return fields


def _strip_subscript(annotation: ast.expr) -> ast.expr:
    return annotation.value if isinstance(annotation, ast.Subscript) else annotation


def _unhashable_part(annotation: ast.expr, aliases: dict[str, ast.expr], depth: int = 0) -> str:
    """The name of the first unhashable type inside an annotation, or ''."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = ast.parse(annotation.value, mode="eval").body
        except SyntaxError:
            return ""
    for node in ast.walk(annotation):
        if isinstance(node, ast.Name | ast.Attribute):
            name = _base_name(node)
            if name in UNHASHABLE:
                return name
            if isinstance(node, ast.Name) and name in aliases and depth < 5:
                found = _unhashable_part(aliases[name], aliases, depth + 1)
                if found:
                    return found
    return ""


def _default(value: ast.expr | None) -> str | None:
    """A field's default as source text; None when the field is required."""
    if value is None:
        return None
    if isinstance(value, ast.Call) and _base_name(value.func) == "field":
        for keyword in value.keywords:
            if keyword.arg == "default":
                return ast.unparse(keyword.value)
            if keyword.arg == "default_factory":
                return f"{ast.unparse(keyword.value)}()"
        return None
    return ast.unparse(value)


def _enum_members(node: ast.ClassDef) -> dict[str, str]:
    members = {}
    for item in node.body:
        if isinstance(item, ast.Assign) and len(item.targets) == 1:
            target = item.targets[0]
            if isinstance(target, ast.Name) and not target.id.startswith("_"):
                members[target.id] = ast.unparse(item.value)
    return members
