"""``manage.py startpackage``: packages come from the one skeleton, atomically."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings

import slicekit.scaffold.render
import slicekit.scaffold.tree
from slicekit.packages import lint_package, package_directories
from slicekit.scaffold.package import create_package, rendered_files

# What the shipped packages write themselves; every other file is the skeleton's.
WRITTEN_BY_HAND = {"README.md", "__init__.py"}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throwaway project root with one package, so the real ``packages/`` is never touched."""
    (tmp_path / "packages").mkdir()
    (tmp_path / "packages" / "__init__.py").touch()
    create_package(tmp_path, "slugs")
    return tmp_path


def listing(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*"))


def test_the_shipped_packages_hold_what_the_skeleton_renders() -> None:
    root = Path(settings.BASE_DIR)
    for package in package_directories(root):
        for relative, text in rendered_files(package):
            shipped = root / "packages" / package / relative
            assert shipped.is_file(), f"{shipped} is missing"
            if str(relative) not in WRITTEN_BY_HAND:
                assert shipped.read_text(encoding="utf-8") == text, f"{shipped} left the skeleton"


def test_it_creates_a_package_that_passes_the_package_lint(project: Path) -> None:
    with override_settings(BASE_DIR=project):
        call_command("startpackage", "money", "--depends-on", "slugs")

    created = project / "packages" / "money"
    assert (created / "tests" / "test_public_api.py").is_file()
    assert 'depends_on = ["//packages.slugs"]' in (created / "tach.domain.toml").read_text()
    assert "from packages import slugs" in (created / "__init__.py").read_text()
    assert lint_package(project, "money") == []
    assert lint_package(project, "slugs") == []


def test_it_takes_a_list_of_packages_as_startproduct_does(project: Path) -> None:
    create_package(project, "units")

    with override_settings(BASE_DIR=project):
        call_command("startpackage", "money", "--depends-on", "units", "--depends-on", "slugs")

    created = project / "packages" / "money"
    domain = (created / "tach.domain.toml").read_text()
    assert 'depends_on = ["//packages.slugs", "//packages.units"]' in domain
    imports = "    slugs,  # noqa: F401\n    units,  # noqa: F401\n"
    assert imports in (created / "__init__.py").read_text()
    assert lint_package(project, "money") == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Money"], "invalid package name 'Money': must be a lowercase Python identifier"),
        (["json"], "standard library"),
        (["class"], "Python keyword"),
        (["core"], "project's own package"),
        (["a" * 21], "at most 20 characters"),
        (["slugs"], "already exists"),
        (["money", "--depends-on", "nowhere"], "'nowhere' of 'money': there is no such package"),
        (["money", "--depends-on", "slugs", "--depends-on", "slugs"], "it is listed twice"),
        (["money", "--depends-on", "money"], "a package cannot depend on itself"),
        (["money", "--depends-on", "../core"], "invalid dependency name '../core'"),
    ],
)
def test_it_refuses_bad_input_and_writes_nothing(
    project: Path, args: list[str], message: str
) -> None:
    before = listing(project)

    with override_settings(BASE_DIR=project), pytest.raises(CommandError, match=message):
        call_command("startpackage", *args)

    assert listing(project) == before


def test_a_failure_half_way_leaves_nothing_behind(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered: list[str] = []

    def render_then_fail(text: str, context: dict[str, object], source: str) -> str:
        rendered.append(source)
        if len(rendered) == 3:
            raise OSError("disk full")
        return slicekit.scaffold.render.render(text, context, source)

    monkeypatch.setattr(slicekit.scaffold.tree, "render", render_then_fail)
    before = listing(project)

    with pytest.raises(OSError, match="disk full"):
        create_package(project, "money")

    assert len(rendered) == 3
    assert listing(project) == before
