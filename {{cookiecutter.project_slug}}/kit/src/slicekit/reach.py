"""The reach lint: every reference one product makes to another goes through its public surface.

tach sees import statements. Products couple in more ways than that: through
names a facade module merely happens to hold (``catalog_api.logic``), module
paths in strings (``import_module``, ``mock.patch``, ``include``,
``pytest_plugins``), app labels and model labels in strings, SQL naming
another product's table, and names it owns (URL names, template paths, tasks,
commands, cache keys; in its templates' tags too). This module reads each source
file once, as a syntax tree, and reports each such reference with file:line.

A product's public surface is an explicit list: the names in ``__all__`` of
its ``facade/api.py`` and the public classes its ``facade/contracts.py`` and
``facade/enums.py`` define. Everything else is private, and so is anything
this lint cannot verify (a module path or label computed at run time).

Standard library only. What only Django knows (tables, and the names and name
prefixes of the ownership map) is passed in as a :class:`Registry` by
``manage.py lintproducts``.

This module walks each file and hands every node to the rules of ``reach_names`` (imports
and names), ``reach_calls`` (calls) and ``reach_text`` (strings); the surfaces are read by
``reach_surface``, escape-hatch comments by ``reach_comments``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from slicekit.findings import Finding
from slicekit.graph import closes_a_cycle
from slicekit.names import ProductNames
from slicekit.reach_calls import REGISTRY_WALKS, CallReach
from slicekit.reach_comments import comment_findings
from slicekit.reach_events import SubscriptionReach
from slicekit.reach_file import FileContext
from slicekit.reach_names import NameReach
from slicekit.reach_project import Project, Registry
from slicekit.reach_rules import RULES, silenceable
from slicekit.reach_strings import StringValues, called_name, keyword
from slicekit.reach_surface import Surfaces, parse
from slicekit.reach_text import TextReach, template_findings
from slicekit.rules import rule

TEXT = frozenset({".html", ".txt"})  # the Django templates read for owned-name
__all__ = ["RULES", "Registry", "check_file", "lint_reach", "model_lookups", "silenceable"]


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
    project = Project(root, frozenset(names), Surfaces(root), registry, declared=declared)
    findings: list[Finding] = []
    for product in sorted(names if checked is None else checked):
        used: dict[str, Finding] = {}
        directory = root / ProductNames(product).directory
        for path in sorted(directory.rglob("*.py")):
            findings += check_file(project, path, product, used)
        for path in sorted(p for p in directory.rglob("templates/**/*.*") if p.suffix in TEXT):
            findings += template_findings(project, path, _relative(root, path), product)
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
        findings += comment_findings(path.read_bytes(), _relative(root, path))
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
    findings = comment_findings(source, relative)
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


class FileReach:
    """The checks of one parsed file: one walk, each node handed to the rule it concerns."""

    def __init__(
        self,
        project: Project,
        tree: ast.Module,
        relative: str,
        module: str,
        owner: str | None,
        used: dict[str, Finding],
    ) -> None:
        self.tree = tree
        self.file = FileContext(project, relative, module, owner, used)
        self.names = NameReach(self.file)
        self.text = TextReach(self.file)
        self.calls = CallReach(self.file, self.names, self.text)
        self.subscriptions = SubscriptionReach(self.file, self.names)

    def run(self) -> list[Finding]:
        nodes = self.file.walk(self.tree)
        constants = self.file.strings.constants
        for node in nodes:
            if isinstance(node, ast.Import | ast.ImportFrom):
                self.names.check_import(node)
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        constants.setdefault(target.id, []).append(node.value)
        for _ in range(2):  # an alias of an alias
            for node in nodes:
                if isinstance(node, ast.Assign):
                    self.names.bind_assignment(node)
        for node in nodes:
            if isinstance(node, ast.Name | ast.Attribute) and not isinstance(
                self.file.parents.get(node), ast.Attribute
            ):
                self.names.check_reference(node)
            elif isinstance(node, ast.Call):
                self.calls.check_call(node)
                self.subscriptions.check_call(node)
            elif isinstance(node, ast.Subscript):
                self.calls.check_subscript(node)
            if isinstance(node, ast.Attribute) and node.attr in REGISTRY_WALKS:
                self.calls.check_walk(node, node.attr, node.value)
            if isinstance(node, ast.Constant | ast.JoinedStr | ast.BinOp | ast.Call):
                self.text.check_string(node)
        return self.file.findings


def model_lookups(tree: ast.Module) -> Iterator[tuple[int, str | None]]:
    """``(line, app label)`` of each ``get_model`` call; the label is None when computed.

    Reads ``get_model("label.Model")``, ``get_model("label", "Model")``,
    ``get_model(app_label=..., model_name=...)`` and labels held in names assigned
    once or built from constant parts. ``model-lookup`` (``slicekit.django.checks``) uses it.
    """
    strings = StringValues()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    strings.constants.setdefault(target.id, []).append(node.value)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and called_name(node) == "get_model"):
            continue
        first = node.args[0] if node.args else keyword(node, "app_label")
        if first is None:
            continue
        text = strings.value(first)
        yield node.lineno, None if text is None else text.partition(".")[0]
