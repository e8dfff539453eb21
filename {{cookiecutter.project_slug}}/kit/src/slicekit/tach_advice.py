"""``tach check`` with advice that holds in this project: ``python -m slicekit tach``.

tach's own hints assume one central ``tach.toml``: edit its ``[[interfaces]]``, run
``tach sync``, unset ``forbid_circular_dependencies``. Here every product and package
declares itself in its own ``tach.domain.toml``, the product lint refuses interfaces
and loosened settings in ``tach.toml``, and ``tach sync`` would write a cycle as
readily as a dependency and never touch ``package.json``. So tach's findings are
printed as tach wrote them, and each of those hints is replaced by what to edit here,
for the modules the findings name. tach's exit status is kept.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from slicekit.graph import reachable
from slicekit.names import possessive
from slicekit.parsing import read_json_object

# tach 0.35's hints, word for word (tach/cli.py and its extension).
INTERFACE_HINT = (
    "If you intended to change an interface, edit the '[[interfaces]]' section of tach.toml."
)
DEPENDENCY_HINT = (
    "If you intended to add a new dependency, run 'tach sync' to update your module configuration."
)
CYCLE_HINT = (
    "Remove or unset 'forbid_circular_dependencies' from 'tach.toml' "
    "to allow circular dependencies."
)
PRIVATE = re.compile(r"is not part of the public interface for '(?P<module>[^']+)'")
UNDECLARED = re.compile(r"Module '(?P<user>[^']+)' cannot depend on '(?P<used>[^']+)'")
CYCLE = re.compile(r"Circular dependency detected for module '(?P<module>[^']+)'")
WIDE = "1000"  # rich wraps tach's hints at 80 columns when the output is not a terminal


def run(root: Path) -> int:
    """Run ``tach check`` in ``root``; print its report with this project's advice."""
    completed = subprocess.run(
        [sys.executable, "-m", "tach", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": WIDE},
        check=False,
    )
    report = advise(completed.stdout + completed.stderr, lambda: dependencies(root), root)
    print(report, end="" if report.endswith("\n") else "\n", file=sys.stderr)
    return completed.returncode


def advise(report: str, graph: Callable[[], dict[str, list[str]]], root: Path) -> str:
    """``report`` with each of tach's hints replaced by advice for the findings above it."""
    private: list[str] = []
    undeclared: list[tuple[str, str]] = []
    cycle: list[str] = []
    lines = []
    for line in report.splitlines():
        if found := PRIVATE.search(line):
            private.append(found["module"])
        elif found := UNDECLARED.search(line):
            undeclared.append((found["user"], found["used"]))
        elif found := CYCLE.search(line):
            cycle.append(found["module"])
        if line.strip() == INTERFACE_HINT:
            lines += [interface_advice(module) for module in dict.fromkeys(private)]
            private = []
        elif line.strip() == DEPENDENCY_HINT:
            edges = graph()
            lines += [dependency_advice(*pair, edges, root) for pair in dict.fromkeys(undeclared)]
            undeclared = []
        elif line.strip() == CYCLE_HINT:
            lines.append(cycle_advice(cycle))
            cycle = []
        else:
            lines.append(line)
    return "\n".join(lines) + ("\n" if report.endswith("\n") else "")


def interface_advice(module: str) -> str:
    kind, _, name = module.partition(".")
    if kind == "products":
        return (
            f"{possessive(module)} interface is its facade ({module}.backend.facade), and stays so "
            f"(products/{name}/tach.domain.toml, held by the product lint): import from the "
            "facade; to need more of it, add a function and a contract to that facade."
        )
    if kind == "packages":
        return (
            f"{possessive(module)} interface is what packages/{name}/__init__.py exports (names "
            "without a leading underscore): import those, or export what you need there."
        )
    return f"Import only what {module} exposes."


def dependency_advice(user: str, used: str, edges: dict[str, list[str]], root: Path) -> str:
    kind, _, name = user.partition(".")
    if kind == "packages" and not used.startswith("packages."):
        return f"{user} cannot use {used}: a package may depend on other packages only."
    back = reachable([used], lambda module: edges.get(module, ())).get(user)
    if back:
        return (
            f"{user} cannot use {used}: {used} already depends on it ({' -> '.join(back)}), "
            "and cycles are refused; move what both need into one of them or a package."
        )
    if kind not in ("products", "packages"):
        return (
            f"{user} may use only what its [[modules]] entry in tach.toml lists in depends_on; "
            f"add {used} there only if shared code should depend on it."
        )
    declare = f'add "//{used}" to depends_on in {kind}/{name}/tach.domain.toml'
    if kind == "products" and used.startswith("products."):
        wanted = read_json_object(root / used.replace(".", "/") / "package.json").get("name", used)
        manifest = read_json_object(root / "products" / name / "package.json")
        if wanted not in (manifest.get("dependencies") or {}):
            declare += (
                f' and "{wanted}": "workspace:*" to "dependencies" in products/{name}/package.json'
            )
        declare += f", and import only {used}.backend.facade"
    return f"If {user} should use {used}, {declare}."


def cycle_advice(modules: Iterable[str]) -> str:
    files = [domain_file(module) for module in dict.fromkeys(modules)]
    return (
        "Cycles are refused here (the product lint keeps forbid_circular_dependencies on): "
        f"drop the depends_on entry that closes the cycle in {', '.join(files)}, and move "
        "what both need into one of them or a package."
    )


def domain_file(module: str) -> str:
    kind, _, name = module.partition(".")
    return f"{kind}/{name}/tach.domain.toml" if kind in ("products", "packages") else "tach.toml"


def dependencies(root: Path) -> dict[str, list[str]]:
    """Every tach module's declared dependencies: tach.toml's and each domain file's."""
    edges: dict[str, list[str]] = {}
    config = _read_toml(root / "tach.toml")
    for module in config.get("modules", []):
        edges[module.get("path", "")] = [str(path) for path in module.get("depends_on", [])]
    for kind in ("products", "packages"):
        for domain in sorted((root / kind).glob("*/tach.domain.toml")):
            declared = (_read_toml(domain).get("root") or {}).get("depends_on") or []
            edges[f"{kind}.{domain.parent.name}"] = [
                str(path).removeprefix("//") for path in declared if isinstance(path, str)
            ]
    return edges


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # tach and the product lint report an unreadable file
