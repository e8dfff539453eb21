"""Which frontend tasks (``frontend:*``) a change re-runs, as turbo's hashes decide it.

A package's frontend task re-runs when a file among its inputs changed (read from
``turbo.json``: a plain glob is inside the package, ``$TURBO_ROOT$/`` from the
root, ``$TURBO_DEFAULT$`` every file of the package), when its ``package.json``
changed (turbo hashes it into every task of the package), when a file every task
depends on changed (``globalDependencies``, the workspace's own files), or when a
task it depends on through ``^`` re-runs in a package its ``package.json`` depends
on. The packages are the products with frontend scripts and the web app.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from slicekit.names import WEB_APP_DIRECTORY

PREFIX = "frontend:"
TURBO_ROOT = "$TURBO_ROOT$/"
PACKAGE = "package.json"
# Files of the workspace itself: a change to one changes every task's hash or definition.
WORKSPACE = ("package.json", "pnpm-lock.yaml", "pnpm-workspace.yaml", "turbo.json")


def frontend_tasks(
    root: Path, turbo: dict[str, Any], changed: list[str], globs: Callable[[list[str]], Matcher]
) -> tuple[str, ...]:
    """``package#task`` for every frontend task the change re-runs, sorted.

    ``globs`` reads turbo's glob patterns (discover's reader, passed in to share it).
    """
    packages = _frontend_packages(root)
    by_name = {package["name"]: directory for directory, package in packages.items()}
    uses = {
        directory: [by_name[name] for name in package.get("dependencies") or {} if name in by_name]
        for directory, package in packages.items()
    }
    shared = globs(turbo["globalDependencies"])
    every = any(path in WORKSPACE or shared.match(path) for path in changed)

    def runs(directory: str, task: str) -> bool:
        return task in packages[directory].get("scripts", {})

    rerun: set[tuple[str, str]] = set()
    for (directory, task), spec in _definitions(turbo, packages).items():
        inputs: list[str] = spec.get("inputs", [])
        inside = globs([pattern for pattern in inputs if not _rooted(pattern)])
        rooted = globs([_from_root(pattern) for pattern in inputs if _rooted(pattern)])
        prefix = f"{directory}/"
        if runs(directory, task) and (
            every
            or any(
                path == f"{prefix}package.json"
                or (path.startswith(prefix) and inside.match(path.removeprefix(prefix)))
                or rooted.match(path)
                for path in changed
            )
        ):
            rerun.add((directory, task))
    # ``^task`` in dependsOn: a task's hash holds that task's hash in each package it uses.
    grew = True
    while grew:
        grew = False
        for (directory, task), spec in _definitions(turbo, packages).items():
            upstream = [name[1:] for name in spec.get("dependsOn", []) if name.startswith("^")]
            if (
                runs(directory, task)
                and (directory, task) not in rerun
                and any((other, name) in rerun for other in uses[directory] for name in upstream)
            ):
                rerun.add((directory, task))
                grew = True
    return tuple(sorted(f"{packages[directory]['name']}#{task}" for directory, task in rerun))


def _definitions(
    turbo: dict[str, Any], packages: dict[str, dict[str, Any]]
) -> dict[tuple[str, str], dict[str, Any]]:
    """Each package's definition of each frontend task: ``package#task`` over ``task``."""
    directories = {package["name"]: directory for directory, package in packages.items()}
    definitions: dict[tuple[str, str], dict[str, Any]] = {}
    specific: dict[tuple[str, str], dict[str, Any]] = {}
    for key, spec in turbo["tasks"].items():
        name, _, task = key.rpartition("#")
        if not task.startswith(PREFIX):
            continue
        if not name:
            definitions.update({(directory, task): spec for directory in packages})
        elif name in directories:
            specific[(directories[name], task)] = spec
    return {**definitions, **specific}


class Matcher(Protocol):
    def match(self, path: str) -> bool: ...


def _rooted(pattern: str) -> bool:
    return pattern.removeprefix("!").startswith(TURBO_ROOT)


def _from_root(pattern: str) -> str:
    """A ``$TURBO_ROOT$/`` pattern as a path from the root, its ``!`` kept."""
    excluded = "!" if pattern.startswith("!") else ""
    return excluded + pattern.removeprefix("!").removeprefix(TURBO_ROOT)


def _frontend_packages(root: Path) -> dict[str, dict[str, Any]]:
    """Each package with a frontend task, by its directory from the root."""
    files = [*sorted(root.glob("products/*/package.json")), root / WEB_APP_DIRECTORY / PACKAGE]
    found: dict[str, dict[str, Any]] = {}
    for file in files:
        if not file.is_file():
            continue
        package = json.loads(file.read_text(encoding="utf-8"))
        if any(script.startswith(PREFIX) for script in package.get("scripts", {})):
            found[file.parent.relative_to(root).as_posix()] = package
    return found
