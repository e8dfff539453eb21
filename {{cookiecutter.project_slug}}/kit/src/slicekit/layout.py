"""The product lint: each product has the standard layout and a consistent isolation chain.

A product's boundary is declared in three places that must agree: its tach
module (``tach.domain.toml``: what it may import, what others may import from
it), its workspace package (``package.json``: the products it depends on and
its turbo tasks), and its tests (where ``backend:test`` looks). The Django
half of the lint (the app is registered under the product's name) is in
``core/management/commands/lintproducts.py``.
"""

from __future__ import annotations

import ast
import json
import shlex
from pathlib import Path
from typing import Any

from slicekit.domains import declared_dependencies, is_isolated, read_domain
from slicekit.findings import Finding
from slicekit.names import (
    FACADE_INTERFACE,
    InvalidName,
    ProductNames,
    check_product_name,
    possessive,
)
from slicekit.parsing import parse_python
from slicekit.readme import lint_readme
from slicekit.rules import rule

REQUIRED_FILES = (
    "README.md",
    "package.json",
    "tach.domain.toml",
    "__init__.py",
    "backend/__init__.py",
    "backend/apps.py",
    "backend/models.py",
    "backend/logic.py",
    "backend/migrations/__init__.py",
    "backend/facade/__init__.py",
    "backend/facade/api.py",
    "backend/facade/contracts.py",
    "backend/presentation/__init__.py",
    "backend/presentation/serializers.py",
    "backend/presentation/urls.py",
    "backend/presentation/views.py",
    "backend/tasks/__init__.py",
    "backend/tasks/tasks.py",
    "backend/tests/__init__.py",
)
TEST_SCRIPT = "backend:test"
CONTRACT_SCRIPT = "backend:contract-check"
DOMAIN_ROOT = "<domain_root>"


def product_directories(root: Path) -> list[str]:
    """Every directory under products/: each one is a product, or a lint error."""
    return member_directories(root / "products")


def lint_products_directory(root: Path) -> list[Finding]:
    """products/ holds products and its ``__init__.py``: any other file there belongs to none.

    A ``products/conftest.py`` (or any module beside the products) would be loaded by every
    product's tests, yet no product's turbo task has it among its inputs, so a change to it
    would re-run nothing that it can break.
    """
    parent = root / "products"
    strays = sorted(
        path.name
        for path in (parent.iterdir() if parent.is_dir() else ())
        if not path.is_dir() and path.name != "__init__.py" and not path.name.startswith(".")
    )
    return [
        Finding(
            f"products/{name}",
            None,
            rule("layout"),
            "products/ holds products only: a file beside them belongs to no product, so "
            "no product's tests re-run when it changes; move shared test code to "
            "core/testing.py or the root conftest.py, shared code to core/ or packages/",
        )
        for name in strays
    ]


def member_directories(parent: Path) -> list[str]:
    """The directories in ``parent``, sorted, but hidden and private ones (``__pycache__``)."""
    if not parent.is_dir():
        return []
    return sorted(
        path.name
        for path in parent.iterdir()
        if path.is_dir() and not path.name.startswith((".", "_"))
    )


def isolated_products(root: Path) -> list[str]:
    isolated = []
    for product in product_directories(root):
        try:
            if is_isolated(read_domain(root, product)):
                isolated.append(product)
        except (OSError, ValueError):
            continue  # the lint reports it
    return isolated


def lint_product(root: Path, product: str, project_slug: str) -> list[Finding]:
    names = ProductNames(product)
    directory = names.directory
    try:
        check_product_name(product, project_slug)
    except InvalidName as error:
        return [Finding(directory, None, rule("layout"), str(error))]
    findings = [
        Finding(f"{directory}/{relative}", None, rule("layout"), "missing: every product has it")
        for relative in REQUIRED_FILES
        if not (root / directory / relative).is_file()
    ]
    domain, domain_findings = _lint_domain(root, names)
    package, package_findings = _read_package(root, names, project_slug)
    findings += domain_findings + package_findings + _lint_task_imports(root, names)
    findings += lint_readme(root, names)
    if domain is not None and package is not None:
        findings += _lint_tasks(root, names, is_isolated(domain), package)
        findings += _lint_dependencies(root, names, project_slug, domain, package)
    return findings


def _lint_domain(root: Path, names: ProductNames) -> tuple[dict[str, Any] | None, list[Finding]]:
    path = f"{names.directory}/tach.domain.toml"
    try:
        domain = read_domain(root, names.name)
    except FileNotFoundError:
        return None, []  # reported as a missing file
    except (OSError, ValueError) as error:
        return None, [Finding(path, None, rule("tach-module"), f"unreadable: {error}")]
    interfaces = domain.get("interfaces") or []
    facade_only = [{"expose": [FACADE_INTERFACE], "from": [DOMAIN_ROOT]}]
    if interfaces and interfaces != facade_only:
        return domain, [
            Finding(
                path,
                None,
                rule("tach-module"),
                f"its interfaces are {interfaces}: an isolated product exposes exactly its "
                f"facade, expose = [{json.dumps(FACADE_INTERFACE)}] from "
                f'["{DOMAIN_ROOT}"]; a product with no interface is not isolated',
            )
        ]
    return domain, []


def _read_package(
    root: Path, names: ProductNames, project_slug: str
) -> tuple[dict[str, Any] | None, list[Finding]]:
    path = f"{names.directory}/package.json"
    try:
        package = json.loads((root / path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, []  # reported as a missing file
    except (OSError, ValueError) as error:
        return None, [Finding(path, None, rule("turbo-package"), f"unreadable: {error}")]
    expected = names.turbo_package(project_slug)
    if package.get("name") != expected:
        found = package.get("name")
        return package, [
            Finding(
                path, None, rule("turbo-package"), f"its name is {found!r}; it must be {expected!r}"
            )
        ]
    return package, []


def _lint_tasks(
    root: Path, names: ProductNames, isolated: bool, package: dict[str, Any]
) -> list[Finding]:
    path = f"{names.directory}/package.json"
    scripts = package.get("scripts") or {}
    findings = []
    if isolated and CONTRACT_SCRIPT not in scripts:
        findings.append(
            Finding(
                path,
                None,
                rule("turbo-tasks"),
                f"{names.name} is isolated (tach.domain.toml exposes only its facade) but has "
                f"no {CONTRACT_SCRIPT} script: the products that use it would not re-test when "
                f'its contracts change; add "{CONTRACT_SCRIPT}": "{names.contract_check_script}"',
            )
        )
    if not isolated and CONTRACT_SCRIPT in scripts:
        findings.append(
            Finding(
                path,
                None,
                rule("turbo-tasks"),
                f"{names.name} is not isolated (tach.domain.toml has no facade interface) but "
                f"declares {CONTRACT_SCRIPT}: selective testing treats a product with a contract "
                "check as isolated, so a change to it would skip the full Django suite its "
                "exposed internals need; remove the script, or isolate the product",
            )
        )
    expected = names.checked_test_script if isolated else names.test_script
    if TEST_SCRIPT not in scripts:
        findings.append(
            Finding(
                path,
                None,
                rule("turbo-tasks"),
                f'no {TEST_SCRIPT} script: add "{TEST_SCRIPT}": "{expected}"',
            )
        )
        return findings
    if isolated and names.contract_check_command not in scripts[TEST_SCRIPT]:
        findings.append(
            Finding(
                path,
                None,
                rule("turbo-tasks"),
                f"{TEST_SCRIPT} does not check {possessive(names.name)} contracts and facade "
                "against their lock first: the products using it re-test only when the lock "
                "changes, so a stale lock must fail this task; use "
                f'"{expected}"',
            )
        )
    prefix = f"{names.directory}/"
    roots = [word for word in shlex.split(scripts[TEST_SCRIPT]) if word.startswith(prefix)]
    if not roots:
        findings.append(
            Finding(
                path,
                None,
                rule("turbo-tasks"),
                f'{TEST_SCRIPT} names no test directory under {prefix}: use "{expected}"',
            )
        )
    return findings + _lint_test_locations(root, names, roots)


def _lint_test_locations(root: Path, names: ProductNames, roots: list[str]) -> list[Finding]:
    findings = []
    for test in sorted((root / names.directory).rglob("*.py")):
        relative = test.relative_to(root).as_posix()
        is_test = test.name.startswith("test_") or test.name.endswith("_test.py")
        if not (is_test or test.name == "tests.py"):
            continue
        if any(relative == run or relative.startswith(f"{run.rstrip('/')}/") for run in roots):
            continue
        findings.append(
            Finding(
                relative,
                None,
                rule("tests-location"),
                f"{TEST_SCRIPT} runs only {', '.join(roots) or 'nothing'}, so selective testing "
                f"never runs this file; move it into {names.tests_directory}",
            )
        )
    return findings


def _lint_task_imports(root: Path, names: ProductNames) -> list[Finding]:
    """Tasks are entry points: they call their own product's facade and nothing else."""
    facade = f"{names.app_module}.facade"
    findings = []
    for path in sorted((root / names.directory / "backend" / "tasks").glob("*.py")):
        relative = path.relative_to(root).as_posix()
        tree = parse_python(path)
        if tree is None:
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            for module in imported_modules(node, f"{names.app_module}.tasks"):
                inside = module == facade or module.startswith(f"{facade}.")
                if module.startswith("products.") and not inside:
                    findings.append(
                        Finding(
                            relative,
                            node.lineno,
                            rule("tasks-facade"),
                            f"a task imports {module}: tasks call {possessive(names.name)} facade "
                            "only, which owns the logic, the models and other products' calls",
                        )
                    )
    return findings


def imported_modules(node: ast.Import | ast.ImportFrom, package: str) -> list[str]:
    """The absolute modules an import statement reads, relative ones resolved in ``package``."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        parts = package.split(".")
        base = ".".join(parts[: len(parts) - node.level + 1])
        module = f"{base}.{node.module}" if node.module else base
    else:
        module = node.module or ""
    if node.module:
        return [module]
    return [f"{module}.{alias.name}" for alias in node.names]  # from .. import facade


def lint_cycles(root: Path, products: list[str]) -> list[Finding]:
    """Product dependency cycles, one finding per cycle (tach reports modules, not files)."""
    graph = {}
    for product in products:
        try:
            graph[product] = declared_dependencies(read_domain(root, product))
        except (OSError, ValueError):
            graph[product] = set()
    findings, reported = [], set()
    for start in sorted(graph):
        path = _cycle_from(start, graph, [start])
        if path and frozenset(path) not in reported:
            reported.add(frozenset(path))
            findings.append(
                Finding(
                    f"{ProductNames(start).directory}/tach.domain.toml",
                    None,
                    rule("dependencies"),
                    f"dependency cycle {' -> '.join([*path, start])}: products depend on each "
                    "other in one direction only; move what both need into one of them or core",
                )
            )
    return findings


def _cycle_from(start: str, graph: dict[str, set[str]], path: list[str]) -> list[str] | None:
    for dependency in sorted(graph.get(path[-1], ())):
        if dependency == start:
            return path
        if dependency not in path:
            found = _cycle_from(start, graph, [*path, dependency])
            if found:
                return found
    return None


def _lint_dependencies(
    root: Path,
    names: ProductNames,
    project_slug: str,
    domain: dict[str, Any],
    package: dict[str, Any],
) -> list[Finding]:
    in_tach = declared_dependencies(domain)
    scope = f"@{project_slug}/"
    in_package = {
        name.removeprefix(scope)
        for name in package.get("dependencies") or {}
        if name.startswith(scope)
    }
    findings = []
    if in_tach != in_package:
        findings.append(
            Finding(
                f"{names.directory}/package.json",
                None,
                rule("dependencies"),
                f"it depends on products {sorted(in_package)}, but tach.domain.toml says "
                f"{sorted(in_tach)}: turbo follows package.json to re-test a product when a "
                "product it uses changes, and tach enforces the imports, so both must list "
                "the same products",
            )
        )
    for dependency in sorted(in_tach | in_package):
        if not (root / ProductNames(dependency).directory).is_dir():
            findings.append(
                Finding(
                    f"{names.directory}/tach.domain.toml",
                    None,
                    rule("dependencies"),
                    f"it depends on {dependency!r}, which is not a product",
                )
            )
    return findings
