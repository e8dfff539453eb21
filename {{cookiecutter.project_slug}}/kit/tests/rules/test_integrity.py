"""``python -m slicekit verify``: kit/ is the version it claims, or one line names the first
file that is not."""

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from slicekit.__main__ import main
from slicekit.integrity import MANIFEST, first_difference, kit_files, manifest_text

KIT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch project whose kit/ has three files and their manifest."""
    kit = tmp_path / "kit"
    (kit / "src" / "slicekit").mkdir(parents=True)
    (kit / "pyproject.toml").write_text('[project]\nname = "slicekit"\nversion = "9.8.7"\n')
    (kit / "README.md").write_text("The kit.\n")
    (kit / "src" / "slicekit" / "rules.py").write_text("STRICT = True\n")
    (kit / MANIFEST).write_text(manifest_text(kit))
    return tmp_path


def verify(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["verify", "--root", str(project)])
    return code, capsys.readouterr().out.splitlines()


def test_the_kit_as_released_passes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert verify(project, capsys) == (0, ["kit: slicekit 9.8.7, 3 files as released"])


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda kit: (kit / "src/slicekit/rules.py").write_text("STRICT = False\n"), "edited"),
        (lambda kit: (kit / "src/slicekit/loose.py").write_text("\n"), "added"),
        (lambda kit: (kit / "src/slicekit/rules.py").unlink(), "missing"),
    ],
    ids=["edited", "added", "missing"],
)
def test_a_changed_file_fails_in_one_line_that_names_it_and_the_way_back(
    project: Path, capsys: pytest.CaptureFixture[str], change: Callable[[Path], object], named: str
) -> None:
    file = "loose.py" if named == "added" else "rules.py"
    change(project / "kit")

    code, lines = verify(project, capsys)

    assert code == 1
    assert len(lines) == 1
    assert lines[0].startswith(f"kit: kit/src/slicekit/{file} is {named}: ")
    assert "slicekit 9.8.7" in lines[0]
    assert "cruft update" in lines[0]
    assert "boundaries.baseline.toml" in lines[0]


def test_the_first_difference_in_path_order_is_named(project: Path) -> None:
    kit = project / "kit"
    (kit / "README.md").write_text("Edited.\n")
    (kit / "src/slicekit/rules.py").unlink()

    assert first_difference(kit) == "README.md is edited"


def test_what_tools_leave_in_the_folder_is_not_the_kit(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = project / "kit"
    for junk in (
        "src/slicekit/__pycache__/rules.cpython-313.pyc",
        "src/slicekit/rules.pyc",
        ".mypy_cache/3.13/cache.json",
        ".DS_Store",
        "src/slicekit/.rules.py.swp",
        "dist/slicekit-9.8.7.tar.gz",
        "src/slicekit.egg-info/PKG-INFO",
        "node_modules/openapi-typescript/package.json",  # pnpm links the npm side's peers
    ):
        (kit / junk).parent.mkdir(parents=True, exist_ok=True)
        (kit / junk).write_text("junk\n")

    assert verify(project, capsys)[0] == 0


def test_a_missing_manifest_fails(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "kit" / MANIFEST).unlink()

    code, lines = verify(project, capsys)

    assert code == 1
    assert lines[0].startswith(f"kit: kit/{MANIFEST} is missing: kit/ claims no version. ")


def test_without_a_kit_folder_there_is_nothing_to_verify(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines = verify(tmp_path, capsys)

    assert code == 0
    assert lines == ["kit: no kit/ folder, nothing to verify (the kit comes from a package index)"]


def test_the_manifest_is_the_same_for_the_same_files_wherever_they_are(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    copy = tmp_path_factory.mktemp("elsewhere") / "kit"
    shutil.copytree(project / "kit", copy)

    assert manifest_text(copy) == (project / "kit" / MANIFEST).read_text()
    recorded = json.loads(manifest_text(copy))
    assert list(recorded) == ["name", "version", "files"]
    assert list(recorded["files"]) == sorted(recorded["files"])


def test_this_kit_lists_neither_its_manifest_nor_bytecode() -> None:
    files = kit_files(KIT)

    assert "pyproject.toml" in files
    assert "src/slicekit/integrity.py" in files
    assert MANIFEST not in files
    assert not [name for name in files if "__pycache__" in name or name.endswith(".pyc")]
