"""The package lint, on scratch copies of this project's packages."""

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from slicekit.packages import lint_package, package_directories

from ..project import PROJECT_ROOT, project_file

PACKAGE = "packages/display_names"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch project root holding a copy of this project's packages."""
    shutil.copytree(
        project_file("packages"),
        tmp_path / "packages",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    return tmp_path


def findings(root: Path, package: str = "display_names") -> list[str]:
    return [str(finding) for finding in lint_package(root, package)]


def test_this_projects_packages_pass() -> None:
    project_file("packages")
    for package in package_directories(PROJECT_ROOT):
        assert findings(PROJECT_ROOT, package) == [], package


def append(text: str) -> Callable[[str], str]:
    return lambda source: source + text


def replace(old: str, new: str) -> Callable[[str], str]:
    def edit(source: str) -> str:
        assert old in source
        return source.replace(old, new, 1)

    return edit


IMPLEMENTATION = f"{PACKAGE}/_normalize.py"
IMPLEMENTED = PROJECT_ROOT / IMPLEMENTATION  # without it, the project fixture skips
LAST = len(IMPLEMENTED.read_text().splitlines()) if IMPLEMENTED.exists() else 0


@pytest.mark.parametrize(
    ("path", "edit", "expected"),
    [
        (
            IMPLEMENTATION,
            append("import django.conf\n"),
            f"{IMPLEMENTATION}:{LAST + 1}: package-imports: it imports django.conf",
        ),
        (
            IMPLEMENTATION,
            append("from rest_framework import serializers\n"),
            f"{IMPLEMENTATION}:{LAST + 1}: package-imports: it imports rest_framework",
        ),
        (
            IMPLEMENTATION,
            append("\n\ndef later():\n    from celery import shared_task\n"),
            f"{IMPLEMENTATION}:{LAST + 4}: package-imports: it imports celery",
        ),
        (
            f"{PACKAGE}/tests/__init__.py",
            append("from django.test import TestCase\n"),
            f"{PACKAGE}/tests/__init__.py:1: package-imports: it imports django.test",
        ),
        (
            IMPLEMENTATION,
            append("import os\n\nLOCALE = os.environ['LOCALE']\n"),
            f"{IMPLEMENTATION}:{LAST + 3}: package-config: it reads the environment (os.environ)",
        ),
        (
            IMPLEMENTATION,
            append("from os import getenv\n"),
            f"{IMPLEMENTATION}:{LAST + 1}: package-config: it reads the environment (os.getenv)",
        ),
        (
            IMPLEMENTATION,
            append("import os.path as paths, os as system\n\nX = system.getenv('X')\n"),
            f"{IMPLEMENTATION}:{LAST + 3}: package-config: it reads the environment (os.getenv)",
        ),
        (
            f"{PACKAGE}/__init__.py",
            replace('__all__ = ["comparison_key", "normalize"]\n', ""),
            f"{PACKAGE}/__init__.py: package-api: it has no __all__",
        ),
        (
            f"{PACKAGE}/helpers.py",
            append("X = 1\n"),
            f"{PACKAGE}/helpers.py: package-api: a public module: everything but __init__.py "
            "is private, so name it _helpers.py",
        ),
        (
            f"{PACKAGE}/tach.domain.toml",
            replace("depends_on = []", 'depends_on = ["//core"]'),
            f"{PACKAGE}/tach.domain.toml: dependencies: it depends on 'core': a package may "
            "depend on other packages only",
        ),
        (
            f"{PACKAGE}/tach.domain.toml",
            replace("depends_on = []", 'depends_on = ["//products.catalog"]'),
            f"{PACKAGE}/tach.domain.toml: dependencies: it depends on 'products.catalog'",
        ),
        (
            f"{PACKAGE}/tach.domain.toml",
            replace("depends_on = []", 'depends_on = ["//packages.nowhere"]'),
            f"{PACKAGE}/tach.domain.toml: dependencies: it depends on 'packages.nowhere': "
            "no such package",
        ),
        (
            f"{PACKAGE}/tach.domain.toml",
            replace('expose = ["', 'expose = [".*", "'),
            f"{PACKAGE}/tach.domain.toml: tach-module: its interfaces are",
        ),
    ],
)
def test_a_broken_rule_is_one_finding(
    project: Path, path: str, edit: Callable[[str], str], expected: str
) -> None:
    file = project / path
    file.write_text(edit(file.read_text() if file.exists() else ""))

    (found,) = findings(project)
    assert found.startswith(expected), found


def test_a_package_without_tests_is_reported(project: Path) -> None:
    for test in (project / PACKAGE / "tests").glob("test_*.py"):
        test.unlink()

    assert findings(project) == [
        f"{PACKAGE}/tests: package-tests: no test_*.py: every package is tested on its own, "
        "in its tests/"
    ]


def test_a_missing_file_is_reported(project: Path) -> None:
    (project / PACKAGE / "README.md").unlink()

    assert findings(project) == [f"{PACKAGE}/README.md: layout: missing: every package has it"]


def test_every_directory_under_packages_is_a_package(project: Path) -> None:
    (project / "packages" / "Money").mkdir()
    (project / "packages" / "__pycache__").mkdir()

    assert package_directories(project) == ["Money", "display_names"]
    assert findings(project, "Money") == [
        "packages/Money: layout: invalid package name 'Money': must be a lowercase Python "
        "identifier: letters, digits and single underscores, starting with a letter"
    ]
