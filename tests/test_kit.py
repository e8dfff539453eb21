"""The kit, slicekit (``{{cookiecutter.project_slug}}/kit``): it builds a wheel and an sdist
that hold what a project needs, its npm side packs only its JavaScript, it is ruff-clean with
its own settings, its manifest is current, and a project's ``python -m slicekit verify`` names
the first file edited in its kit/.

The kit's own test suite passes over its coverage floor standalone, in the kit's own test
project with no bake (``make kit-test``, scripts/kit_test.py); mypy, and the few kit tests that
run a whole project, need an installed one: ``tests/test_kit_full.py``.
"""

import json
import re
import shutil
import sys
import tarfile
import tomllib
from configparser import ConfigParser
from pathlib import Path
from zipfile import ZipFile

from .helpers import TEMPLATE, TOOLS, attempt, require, run, uv

KIT = TEMPLATE / "{{cookiecutter.project_slug}}" / "kit"
SKELETON = Path("src", "slicekit", "scaffold", "skeleton")
VERSION = tomllib.loads((KIT / "pyproject.toml").read_text())["project"]["version"]
PROJECT_PACKAGE = (TEMPLATE / "{{cookiecutter.project_slug}}" / "package.json").read_text()
WEB_APP_PACKAGE = (KIT / "src/slicekit/scaffold/skeleton/frontend/package.json-tpl").read_text()
# The pnpm a project pins (its package.json holds Jinja: read, not parsed).
PNPM = re.findall(r'"packageManager": "(pnpm@[^"]+)"', PROJECT_PACKAGE)[0]
MANIFEST = (sys.executable, "scripts/kit_manifest.py", "--check")
KIT_TEST = (sys.executable, "scripts/kit_test.py")


def kit_copy(destination: Path) -> Path:
    """The kit as it is in the template, with what tools leave in it left out."""
    junk = shutil.ignore_patterns("__pycache__", "*.pyc", ".*", "dist", "build", "node_modules")
    return Path(shutil.copytree(KIT, destination, ignore=junk))


def test_the_kit_builds_a_wheel_and_an_sdist_with_what_a_project_needs(tmp_path: Path) -> None:
    kit = kit_copy(tmp_path / "kit")
    (kit / "src" / "slicekit" / "__pycache__").mkdir()  # left by a test run: never shipped
    (kit / "src" / "slicekit" / "__pycache__" / "names.cpython-313.pyc").write_bytes(b"\0")
    out = tmp_path / "dist"

    run(uv(TEMPLATE), "build", "--python", sys.executable, "--out-dir", str(out), str(kit), cwd=kit)

    (wheel,) = out.glob(f"slicekit-{VERSION}-py3-none-any.whl")
    (sdist,) = out.glob(f"slicekit-{VERSION}.tar.gz")
    with ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(f"slicekit-{VERSION}.dist-info/METADATA").decode()
        entry_points = ConfigParser()
        entry_points.read_string(
            archive.read(f"slicekit-{VERSION}.dist-info/entry_points.txt").decode()
        )
    assert "slicekit/py.typed" in names
    skeleton = sorted(
        p.relative_to(kit / "src").as_posix() for p in (kit / SKELETON).rglob("*") if p.is_file()
    )
    assert len(skeleton) > 50
    files = [name for name in names if not name.endswith("/")]  # not its directories
    assert sorted(n for n in files if n.startswith("slicekit/scaffold/skeleton/")) == skeleton
    assert f"\nVersion: {VERSION}\n" in metadata
    assert dict(entry_points["pytest11"]) == {"slicekit": "slicekit.pytest_plugin"}
    with tarfile.open(sdist) as archive:
        in_sdist = archive.getnames()
    assert f"slicekit-{VERSION}/src/slicekit/py.typed" in in_sdist
    assert not [n for n in [*names, *in_sdist] if "__pycache__" in n or n.endswith(".pyc")]


def test_a_project_depends_on_the_version_the_kit_claims() -> None:
    pyproject = (TEMPLATE / "{{cookiecutter.project_slug}}" / "pyproject.toml").read_text()

    assert re.findall(r'"slicekit==([^"]+)"', pyproject) == [VERSION]
    assert re.findall(r'"slicekit": "workspace:([^"]+)"', WEB_APP_PACKAGE) == [VERSION]
    # Not the root's: turbo hashes the root's workspace dependencies into every task's hash,
    # and a change to a static rule of the kit would re-run every product's tests.
    assert "workspace:" not in PROJECT_PACKAGE
    assert json.loads((KIT / "package.json").read_text())["version"] == VERSION
    assert f'"version": "{VERSION}"' in (KIT / "MANIFEST.json").read_text()


def test_the_npm_package_packs_its_javascript_and_nothing_of_the_python_side(
    tmp_path: Path,
) -> None:
    require(shutil.which("npx") is not None, "npx (Node) is not on PATH")
    kit = kit_copy(tmp_path / "kit")
    out = tmp_path / "packed"

    npx = ("npx", "--yes", "--prefer-offline", PNPM)
    run(*npx, "pack", "--pack-destination", str(out), cwd=kit)

    (tarball,) = out.glob(f"slicekit-{VERSION}.tgz")
    with tarfile.open(tarball) as archive:
        packed = sorted(name.removeprefix("package/") for name in archive.getnames())
    javascript = [p.relative_to(kit).as_posix() for p in (kit / "js").rglob("*") if p.is_file()]
    assert javascript  # the ESLint rule and the client generator
    assert packed == sorted(["package.json", "README.md", "CHANGELOG.md", *javascript])


def test_the_kit_is_ruff_clean_with_its_own_settings() -> None:
    # --no-cache: a .ruff_cache in the template's kit/ would be copied into every bake.
    run(str(TOOLS / "ruff"), "check", "--no-cache", ".", cwd=KIT)
    run(str(TOOLS / "ruff"), "format", "--check", "--no-cache", ".", cwd=KIT)


def test_a_projects_own_ruff_leaves_its_kit_alone(bake) -> None:
    project = bake()

    listed = run(str(TOOLS / "ruff"), "check", "--no-cache", "--show-files", ".", cwd=project)

    assert "/products/" in listed  # it does list the project's files
    assert "/kit/" not in listed


def test_the_kit_manifest_is_current() -> None:
    returncode, output = attempt(*MANIFEST, cwd=TEMPLATE)

    assert returncode == 0, output


def test_a_stale_manifest_names_the_first_changed_file(tmp_path: Path) -> None:
    kit = kit_copy(tmp_path / "kit")
    (kit / "src" / "slicekit" / "lock.py").write_text("# changed\n")

    returncode, output = attempt(*MANIFEST, "--kit", str(kit), cwd=TEMPLATE)

    assert returncode == 1
    assert "stale (src/slicekit/lock.py is edited): run make kit-manifest" in output


def test_a_baked_kit_verifies_and_an_edited_one_fails_in_one_line(bake) -> None:
    project = bake()
    verify = (sys.executable, "-m", "slicekit", "verify")  # standard library only: no install
    env = {"PYTHONPATH": str(project / "kit" / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
    lock = project / "kit" / "src" / "slicekit" / "lock.py"
    original = lock.read_text()
    junk = project / "kit" / "src" / "slicekit" / "__pycache__" / "lock.cpython-313.pyc"
    junk.parent.mkdir()
    junk.write_bytes(b"\0")

    assert run(*verify, cwd=project, env=env).startswith(f"kit: slicekit {VERSION}, ")
    lock.write_text(original.replace("def ", "def _", 1))
    returncode, output = attempt(*verify, cwd=project, env=env)
    lock.write_text(original)
    assert run(*verify, cwd=project, env=env).startswith(f"kit: slicekit {VERSION}, ")

    assert returncode == 1
    (line,) = output.splitlines()
    assert line.startswith(
        f"kit: kit/src/slicekit/lock.py is edited: kit/ is not slicekit {VERSION}"
    )
    assert "cruft update" in line


def test_the_kit_passes_its_own_tests_standalone_over_its_coverage_floor(tmp_path: Path) -> None:
    # About 50 s: the whole suite in one process, under coverage, and a uv sync from the cache.
    output = run(*KIT_TEST, "--root", str(tmp_path), "--uv", uv(TEMPLATE), cwd=TEMPLATE)

    passed = re.search(r"(\d+) passed, (\d+) skipped", output)
    assert passed, output[-2000:]
    assert int(passed.group(1)) >= 700
    assert int(passed.group(2)) <= 15  # only the needs_project tests: test_kit_full.py runs them
    assert " failed" not in output
    assert re.search(r"^TOTAL .* \d+%$", output, re.MULTILINE), output  # held to fail_under
