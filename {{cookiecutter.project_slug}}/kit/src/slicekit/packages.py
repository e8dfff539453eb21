"""The package lint: what tach cannot check about ``packages/``.

tach holds each package to the packages its ``tach.domain.toml`` declares,
imported only through their ``__init__``, with no cycles. This lint checks
the rest: that the declaration names packages only and exposes only the
``__init__``; the layout; an explicit API (``__all__``, every other module
private); tests; and what no import graph of the project shows, imports of
Django, DRF or Celery and reads of the environment. ``manage.py lintproducts
--all`` runs it for every package.
"""

from __future__ import annotations

import ast
import json
import tomllib
from pathlib import Path

from slicekit.findings import Finding
from slicekit.layout import DOMAIN_ROOT, imported_modules, member_directories
from slicekit.names import PACKAGE_INTERFACE, InvalidName, PackageNames, check_package_name
from slicekit.parsing import parse_python
from slicekit.rules import rule

REQUIRED_FILES = ("__init__.py", "README.md", "tach.domain.toml", "tests/__init__.py")
# The frameworks (and the settings reader) the backend binds; a package never imports them.
FRAMEWORKS = frozenset(
    {"celery", "django", "drf_spectacular", "environ", "kombu", "rest_framework"}
)
ENVIRONMENT = frozenset({"environ", "environb", "getenv", "getenvb"})  # in module os


def package_directories(root: Path) -> list[str]:
    """Every directory under packages/: each one is a package, or a lint error."""
    return member_directories(root / "packages")


def lint_package(root: Path, name: str) -> list[Finding]:
    names = PackageNames(name)
    try:
        check_package_name(name)
    except InvalidName as error:
        return [Finding(names.directory, None, rule("layout"), str(error))]
    findings = [
        Finding(
            f"{names.directory}/{relative}", None, rule("layout"), "missing: every package has it"
        )
        for relative in REQUIRED_FILES
        if not (root / names.directory / relative).is_file()
    ]
    return (
        findings
        + _lint_domain(root, names)
        + _lint_api(root, names)
        + _lint_tests(root, names)
        + _lint_sources(root, names)
    )


def _lint_domain(root: Path, names: PackageNames) -> list[Finding]:
    path = f"{names.directory}/tach.domain.toml"
    try:
        domain = tomllib.loads((root / path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []  # reported as a missing file
    except (OSError, ValueError) as error:
        return [Finding(path, None, rule("tach-module"), f"unreadable: {error}")]
    findings = []
    interfaces = domain.get("interfaces")
    if interfaces != [{"expose": [PACKAGE_INTERFACE], "from": [DOMAIN_ROOT]}]:
        findings.append(
            Finding(
                path,
                None,
                rule("tach-module"),
                f"its interfaces are {interfaces}: a package exposes exactly the names its "
                f"__init__ exports, expose = [{json.dumps(PACKAGE_INTERFACE)}] from "
                f'["{DOMAIN_ROOT}"]',
            )
        )
    for dependency in (domain.get("root") or {}).get("depends_on") or []:
        module = dependency if isinstance(dependency, str) else dependency.get("path", "")
        module = module.removeprefix("//")
        package = module.removeprefix("packages.")
        if package == module or "." in package:
            findings.append(
                Finding(
                    path,
                    None,
                    rule("dependencies"),
                    f"it depends on {module!r}: a package may depend on other packages only, "
                    "never on products, core or config; take what it needs as arguments",
                )
            )
        elif not (root / PackageNames(package).directory / "__init__.py").is_file():
            findings.append(
                Finding(
                    path, None, rule("dependencies"), f"it depends on {module!r}: no such package"
                )
            )
    return findings


def _lint_api(root: Path, names: PackageNames) -> list[Finding]:
    directory = root / names.directory
    init = directory / "__init__.py"
    tree = parse_python(init) if init.is_file() else None
    findings = []
    if tree is not None and not _assigns_all(tree):
        findings.append(
            Finding(
                f"{names.directory}/__init__.py",
                None,
                rule("package-api"),
                "it has no __all__: list the names other code may import, the package's "
                "whole public API",
            )
        )
    for entry in sorted(directory.iterdir()):
        public = not entry.name.startswith(("_", "."))
        module = entry.suffix == ".py" or (entry.is_dir() and any(entry.rglob("*.py")))
        if public and module and entry.name != "tests":
            findings.append(
                Finding(
                    entry.relative_to(root).as_posix(),
                    None,
                    rule("package-api"),
                    "a public module: everything but __init__.py is private, so name it "
                    f"_{entry.name} and export what others need from __init__.py",
                )
            )
    return findings


def _assigns_all(tree: ast.Module) -> bool:
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        if any(isinstance(target, ast.Name) and target.id == "__all__" for target in targets):
            return True
    return False


def _lint_tests(root: Path, names: PackageNames) -> list[Finding]:
    tests = root / names.tests_directory
    if not tests.is_dir() or any(tests.rglob("test_*.py")):
        return []  # a missing tests/ is reported as a missing file
    return [
        Finding(
            names.tests_directory,
            None,
            rule("package-tests"),
            "no test_*.py: every package is tested on its own, in its tests/",
        )
    ]


def _lint_sources(root: Path, names: PackageNames) -> list[Finding]:
    findings = []
    for path in sorted((root / names.directory).rglob("*.py")):
        relative = path.relative_to(root)
        tree = parse_python(path)
        if tree is None:
            continue
        package = ".".join(relative.parent.parts)
        findings += [
            Finding(relative.as_posix(), line, rule, message)
            for line, rule, message in _framework_imports(tree, package) + _environment(tree)
        ]
    return findings


def _framework_imports(tree: ast.Module, package: str) -> list[tuple[int, str, str]]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        for module in imported_modules(node, package):
            if module.partition(".")[0] in FRAMEWORKS:
                found.append(
                    (
                        node.lineno,
                        rule("package-imports"),
                        f"it imports {module}: packages know nothing of Django, DRF or Celery; "
                        "the products and core that call them do",
                    )
                )
    return found


def _environment(tree: ast.Module) -> list[tuple[int, str, str]]:
    """Reads of the environment through module ``os``, however it was imported."""
    aliases = {
        alias.asname or "os"
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
        if alias.name == "os" or (alias.name.startswith("os.") and not alias.asname)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "os" and not node.level:
            names = [alias.name for alias in node.names if alias.name in ENVIRONMENT]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            names = [node.attr] if node.value.id in aliases and node.attr in ENVIRONMENT else []
        else:
            continue
        found += [
            (
                node.lineno,
                rule("package-config"),
                f"it reads the environment (os.{name}): packages take their configuration "
                "as arguments, from the settings of the backend that calls them",
            )
            for name in names
        ]
    return found
