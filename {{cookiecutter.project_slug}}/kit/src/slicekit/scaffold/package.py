"""Create a package from the one package skeleton.

``manage.py startpackage`` and ``python -m slicekit.scaffold package`` both call
:func:`create_package`; the project's shipped packages hold what the
skeleton renders too (a test in ``core/tests`` compares them).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

from slicekit.names import (
    PACKAGE_INTERFACE,
    InvalidName,
    PackageNames,
    check_dependencies,
    check_package_name,
)
from slicekit.packages import package_directories
from slicekit.scaffold.tree import render_tree, write_tree

SKELETON = Path(__file__).parent / "skeleton" / "package"


def package_exists(root: Path, name: str) -> bool:
    return (root / PackageNames(name).directory / "__init__.py").is_file()


def create_package(root: Path, name: str, *, depends_on: Sequence[str] = ()) -> Path:
    """Render the skeleton into ``packages/<name>`` atomically; return its path.

    ``depends_on`` lists existing packages it uses, refused as ``startproduct`` refuses a
    product's list (a bad name, itself, a repeat, one that does not exist).
    """
    check_package_name(name)
    if not (root / "packages" / "__init__.py").is_file():
        raise InvalidName(f"{root} is not a project root: it has no packages/__init__.py")
    target = root / PackageNames(name).directory
    if target.exists():
        raise InvalidName(f"invalid package name {name!r}: {target} already exists")
    existing = [package for package in package_directories(root) if package_exists(root, package)]
    check_dependencies(name, depends_on, existing, "there is no such package", kind="package")
    write_tree(target, rendered_files(name, depends_on))
    return target


def rendered_files(name: str, depends_on: Sequence[str] = ()) -> Iterator[tuple[Path, str]]:
    """The files of a new package: each one's path inside it, and its text."""
    return render_tree(SKELETON, skeleton_context(name, depends_on))


def skeleton_context(name: str, depends_on: Sequence[str]) -> dict[str, object]:
    package = PackageNames(name)
    dependencies = [PackageNames(dependency) for dependency in sorted(depends_on)]
    return {
        "package": package.name,
        "verbose_name": package.verbose_name,
        "module": package.module,
        "tests_directory": package.tests_directory,
        "public_interface": json.dumps(PACKAGE_INTERFACE),  # a TOML string, escaped alike
        "has_dependency": bool(dependencies),
        "has_several_dependencies": len(dependencies) > 1,
        "dependency": dependencies[0].name if dependencies else "",
        "dependencies": [
            {"dependency": each.name, "dependency_module": each.module} for each in dependencies
        ],
        "tach_depends_on": json.dumps([f"//{each.module}" for each in dependencies]),
    }
