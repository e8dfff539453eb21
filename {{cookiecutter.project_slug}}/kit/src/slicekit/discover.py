"""Which tests a change can affect: the plan behind CI's selective testing.

Given the files changed between two commits, decide:

- the **full suite** runs when a change can reach tests anywhere: shared code,
  settings or dependencies (turbo's ``globalDependencies``), the kit code
  product tests run (the ``$TURBO_ROOT$/kit/...`` inputs of the backend
  tasks), any other file outside products except documentation, the web app
  (``frontend/``) and the rest of the kit (static rules, which ``make check``
  runs), a removed product, or a product that is not isolated among those
  affected;
- otherwise only the **affected products' tests** run: a product any of whose
  files changed (but its documentation), and, when its contract inputs changed,
  every product that uses it directly or through others (turbo chains
  ``^backend:contract-check``). The contract inputs are what another product may
  use of it (its facade's contracts, enums, events and lock, its dependencies,
  the packages on the way to its facade), nothing it keeps to itself: its models,
  admin, URLs, tasks, templates and HTTP slice re-test only their product.

Beside them, the **frontend tasks** turbo re-runs (``boundaries.frontend_plan``).
The inputs are read from ``turbo.json`` and the dependencies from each
product's ``package.json``, the files turbo itself reads, so this plan and
turbo's cache agree (the template's tests hold them to that).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from slicekit.domains import is_isolated, read_domain
from slicekit.frontend_plan import TURBO_ROOT, frontend_tasks
from slicekit.graph import reachable, reverse
from slicekit.layout import CONTRACT_SCRIPT, TEST_SCRIPT
from slicekit.names import WEB_APP_DIRECTORY
from slicekit.shards import DURATIONS_FILE

# Files outside products that no test reads (the durations only balance CI's jobs).
DOCUMENTATION = ("**/*.md", "docs/**", "LICENSE", DURATIONS_FILE)
# The web app: TypeScript no Django test reads; its own turbo tasks (frontend:*) test it.
WEB_APP = (f"{WEB_APP_DIRECTORY}/**",)
# The kit: what product tests run of it is in the backend tasks' inputs (turbo.json, held
# to the kit's import graph by kit/tests/rules/test_turbo_inputs.py); the rest are static
# rules, which the lint and ``make check`` run, not a Django test.
KIT = ("kit/**",)
# turbo hashes a package's package.json into every task of that package.
PACKAGE_FILE = "package.json"
# In a task's inputs: every file of the package git does not ignore, as turbo reads it.
TURBO_DEFAULT = "$TURBO_DEFAULT$"


class DiscoverError(Exception):
    """The plan cannot be made: a bad revision or an unreadable turbo.json."""


@dataclass(frozen=True)
class Plan:
    changed: tuple[str, ...]
    full_suite: bool
    reasons: tuple[str, ...]  # why the full suite runs, or why each product runs
    products: tuple[str, ...]  # whose tests run (every product when the full suite runs)
    packages: tuple[str, ...]  # their turbo packages, for ``turbo run --filter``
    unaffected: tuple[str, ...]
    frontend_tasks: tuple[str, ...] = ()  # ``package#frontend:<task>`` turbo re-runs

    def as_json(self) -> dict[str, Any]:
        """The plan for CI; ``turbo_args`` is empty when the full suite covers every test."""
        selected = () if self.full_suite else self.packages
        return {
            "full_suite": self.full_suite,
            "products": list(self.products),
            "turbo_args": [f"--filter={package}" for package in selected],
            "reasons": list(self.reasons),
            "changed_files": len(self.changed),
            "frontend_tasks": list(self.frontend_tasks),
        }

    def summary(self) -> str:
        lines = [f"{len(self.changed)} files changed."]
        if self.full_suite:
            lines.append("Full Django suite: yes, because")
        elif self.products:
            lines.append(
                f"Full Django suite: no. Product tests to run "
                f"({len(self.products)} of {len(self.products) + len(self.unaffected)}):"
            )
        else:
            lines.append("Full Django suite: no. No product test is affected.")
        lines += [f"  - {reason}" for reason in self.reasons]
        if not self.full_suite and self.unaffected:
            lines.append(f"Not affected: {', '.join(self.unaffected)}")
        if self.frontend_tasks:
            lines.append(f"Frontend tasks to run ({len(self.frontend_tasks)}):")
            lines += [f"  - {task}" for task in self.frontend_tasks]
        return "\n".join(lines)


class Globs:
    """turbo's glob patterns: ``*``, ``**`` and ``!`` exclusions."""

    def __init__(self, patterns: list[str]) -> None:
        self.include: list[re.Pattern[str]] = []
        self.exclude: list[re.Pattern[str]] = []
        for pattern in patterns:
            excluded = pattern.startswith("!")
            if pattern == TURBO_DEFAULT:
                # git lists only the files it tracks, so every changed path is one of them.
                self.include.append(re.compile(".*"))
                continue
            regex = _glob_regex(pattern.removeprefix("!"))
            (self.exclude if excluded else self.include).append(regex)

    def match(self, path: str) -> bool:
        return any(regex.fullmatch(path) for regex in self.include) and not any(
            regex.fullmatch(path) for regex in self.exclude
        )


def _glob_regex(pattern: str) -> re.Pattern[str]:
    if re.search(r"[\[\]{}$]", pattern):
        raise DiscoverError(
            f"turbo.json: the glob {pattern!r} uses syntax discover does not read; "
            "keep inputs to *, ** and ! patterns"
        )
    regex = ""
    for part in re.split(r"(\*\*/|\*\*|\*|\?)", pattern):
        regex += {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}.get(
            part, re.escape(part)
        )
    return re.compile(regex)


def changed_files(root: Path, base: str, head: str) -> list[str]:
    """Files that differ between ``head`` and its merge base with ``base``."""
    _checked_out(root, head)
    merge_base = _git(root, "merge-base", base, head)
    diff = _git(root, "diff", "--name-only", "--no-renames", "-z", merge_base, head)
    return sorted(path for path in diff.split("\0") if path)


def _checked_out(root: Path, head: str) -> None:
    # The layout (isolation, dependencies, turbo.json) is read from the working tree.
    if _git(root, "rev-parse", head + "^{commit}") != _git(root, "rev-parse", "HEAD"):
        raise DiscoverError(f"check out {head} first: discover reads the layout from the checkout")


def _git(root: Path, *args: str) -> str:
    git = shutil.which("git")
    if git is None:
        raise DiscoverError("git is not on PATH")
    # A fixed program and no shell: the revisions are arguments, never code.
    result = subprocess.run(  # noqa: S603
        [git, *args], cwd=root, capture_output=True, text=True, check=False
    )
    if result.returncode:
        message = result.stderr.strip().splitlines() or [f"exit {result.returncode}"]
        raise DiscoverError(f"git {args[0]}: {message[-1]}")
    return result.stdout.strip()


def make_plan(root: Path, changed: list[str]) -> Plan:
    turbo = _read_turbo(root)
    shared = Globs(turbo["globalDependencies"])
    no_django_test = Globs([*DOCUMENTATION, *WEB_APP, *KIT])
    packages = _read_packages(root)
    users = reverse(_dependencies(packages))

    full: list[str] = []
    selected: dict[str, str] = {}  # product -> why its tests run

    def select(product: str, reason: str) -> None:
        selected.setdefault(product, reason)

    # Task inputs are relative to the product's directory, as turbo reads them.
    contract_inputs = Globs([*_inputs(turbo, CONTRACT_SCRIPT), PACKAGE_FILE])
    test_inputs = Globs(_inputs(turbo, TEST_SCRIPT))
    # ``$TURBO_ROOT$/`` inputs are the same files for every product: the kit code they run.
    rooted = Globs(_rooted_inputs(turbo, CONTRACT_SCRIPT) + _rooted_inputs(turbo, TEST_SCRIPT))
    for path in changed:
        parts = path.split("/")
        if shared.match(path):
            full.append(f"{path} is shared by every product (turbo.json globalDependencies)")
        elif rooted.match(path):
            full.append(f"{path} is run by every product's tests (turbo.json backend inputs)")
        elif parts[0] != "products" or len(parts) < 3:
            if not no_django_test.match(path):
                full.append(f"{path} is outside the products")
        elif (product := parts[1]) not in packages:
            full.append(f"{path}: products/{product} was removed or is not a product")
        else:
            inside = "/".join(parts[2:])
            if contract_inputs.match(inside):
                select(product, f"{product}: {path} changed (a contract input)")
                # A user's contracts may embed this product's, and its tests load this
                # product's app: every product that reaches it, through any chain.
                for user, chain in reachable([product], lambda node: users.get(node, ())).items():
                    if user != product:
                        through = ", ".join(reversed(chain[1:-1]))
                        via = f" through {through}" if through else ""
                        select(
                            user,
                            f"{user}: uses {product}{via}, whose contract inputs changed",
                        )
            elif test_inputs.match(inside):
                select(product, f"{product}: {path} changed")

    for product in sorted(selected):
        if not _isolated(root, product):
            full.append(f"{product} is not isolated: its tests may reach any product")

    every = sorted(packages)
    frontend = frontend_tasks(root, turbo, changed, Globs)
    if full:
        return Plan(
            changed=tuple(changed),
            full_suite=True,
            reasons=tuple(dict.fromkeys(full)),
            products=tuple(every),
            packages=tuple(packages[product]["name"] for product in every),
            unaffected=(),
            frontend_tasks=frontend,
        )
    chosen = sorted(selected)
    return Plan(
        changed=tuple(changed),
        full_suite=False,
        reasons=tuple(selected[product] for product in chosen),
        products=tuple(chosen),
        packages=tuple(packages[product]["name"] for product in chosen),
        unaffected=tuple(product for product in every if product not in selected),
        frontend_tasks=frontend,
    )


def _read_turbo(root: Path) -> dict[str, Any]:
    try:
        turbo: dict[str, Any] = json.loads((root / "turbo.json").read_text(encoding="utf-8"))
        for task in (CONTRACT_SCRIPT, TEST_SCRIPT):
            _inputs(turbo, task)
        turbo.setdefault("globalDependencies", [])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise DiscoverError(f"turbo.json: unreadable or incomplete: {error}") from error
    return turbo


def _inputs(turbo: dict[str, Any], task: str) -> list[str]:
    """The task's inputs inside its product (``$TURBO_ROOT$/`` ones aside)."""
    return [pattern for pattern in turbo["tasks"][task]["inputs"] if not _is_rooted(pattern)]


def _rooted_inputs(turbo: dict[str, Any], task: str) -> list[str]:
    """The task's ``$TURBO_ROOT$/`` inputs, as paths from the root (``!`` kept)."""
    return [
        ("!" if pattern.startswith("!") else "") + pattern.removeprefix("!")[len(TURBO_ROOT) :]
        for pattern in turbo["tasks"][task]["inputs"]
        if _is_rooted(pattern)
    ]


def _is_rooted(pattern: str) -> bool:
    return pattern.removeprefix("!").startswith(TURBO_ROOT)


def _read_packages(root: Path) -> dict[str, dict[str, Any]]:
    """Every product's package.json, by product: the products turbo sees."""
    packages = {}
    for path in sorted((root / "products").glob(f"*/{PACKAGE_FILE}")):
        if (path.parent / "backend" / "apps.py").is_file():
            try:
                package = json.loads(path.read_text(encoding="utf-8"))
            except ValueError as error:
                raise DiscoverError(f"{path.relative_to(root)}: {error}") from error
            if not isinstance(package, dict) or not isinstance(package.get("name"), str):
                raise DiscoverError(f"{path.relative_to(root)}: it has no package name")
            packages[path.parent.name] = package
    return packages


def _dependencies(packages: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    """For each product, the products its package.json depends on (the graph turbo follows)."""
    by_package = {package.get("name"): product for product, package in packages.items()}
    return {
        product: [
            by_package[dependency]
            for dependency in package.get("dependencies") or {}
            if dependency in by_package
        ]
        for product, package in packages.items()
    }


def _isolated(root: Path, product: str) -> bool:
    try:
        return is_isolated(read_domain(root, product))
    except (OSError, ValueError):
        return False  # the product lint reports it; assume the worst here
