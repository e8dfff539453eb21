"""Create a package from the one package skeleton.

``manage.py startpackage`` and ``python -m scaffold package`` both call
:func:`create_package`; the project's shipped packages hold what the
skeleton renders too (a test in ``core/tests`` compares them).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from boundaries.names import (
    PACKAGE_INTERFACE,
    InvalidName,
    PackageNames,
    check_identifier,
    check_package_name,
)
from scaffold.tree import render_tree, write_tree

SKELETON = Path(__file__).parent / "skeleton" / "package"


def package_exists(root: Path, name: str) -> bool:
    return (root / PackageNames(name).directory / "__init__.py").is_file()


def create_package(root: Path, name: str, *, depends_on: str | None = None) -> Path:
    """Render the skeleton into ``packages/<name>`` atomically; return its path."""
    check_package_name(name)
    if not (root / "packages" / "__init__.py").is_file():
        raise InvalidName(f"{root} is not a project root: it has no packages/__init__.py")
    target = root / PackageNames(name).directory
    if target.exists():
        raise InvalidName(f"invalid package name {name!r}: {target} already exists")
    if depends_on is not None:
        check_identifier(depends_on, "dependency name")
    if depends_on is not None and not package_exists(root, depends_on):
        raise InvalidName(f"invalid dependency {depends_on!r}: there is no package {depends_on!r}")
    write_tree(target, rendered_files(name, depends_on))
    return target


def rendered_files(name: str, depends_on: str | None = None) -> Iterator[tuple[Path, str]]:
    """The files of a new package: each one's path inside it, and its text."""
    return render_tree(SKELETON, skeleton_context(name, depends_on))


def skeleton_context(name: str, depends_on: str | None) -> dict[str, object]:
    package = PackageNames(name)
    dependency = PackageNames(depends_on) if depends_on else None
    return {
        "package": package.name,
        "verbose_name": package.verbose_name,
        "module": package.module,
        "tests_directory": package.tests_directory,
        "public_interface": json.dumps(PACKAGE_INTERFACE),  # a TOML string, escaped alike
        "has_dependency": dependency is not None,
        "dependency": dependency.name if dependency else "",
        "dependency_module": dependency.module if dependency else "",
    }
