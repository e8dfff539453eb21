"""The kit's npm side (kit/package.json, kit/js/): the same package and version as the Python
side, and the same names for a project's parts (its JavaScript cannot import slicekit.names)."""

import json
import tomllib
from pathlib import Path

from slicekit.names import SCHEMA_SLICE, WEB_APP_DIRECTORY
from slicekit.scaffold.client import GENERATED_CLIENT

KIT = Path(__file__).resolve().parents[2]
PACKAGE = json.loads((KIT / "package.json").read_text())


def test_the_npm_package_is_the_python_package_at_its_version() -> None:
    project = tomllib.loads((KIT / "pyproject.toml").read_text())["project"]

    assert (PACKAGE["name"], PACKAGE["version"]) == (project["name"], project["version"])
    assert PACKAGE["license"] == project["license"]


def test_what_it_exports_and_runs_is_in_what_it_ships() -> None:
    targets = [*PACKAGE["exports"].values(), *PACKAGE["bin"].values()]

    assert PACKAGE["files"] == ["js/", "CHANGELOG.md"]
    for target in targets:
        assert (KIT / target).is_file(), target
        assert target in ("./package.json",) or target.startswith("./js/"), target


def test_its_javascript_names_the_project_parts_as_the_python_side_does() -> None:
    clients = (KIT / "js" / "clients.mjs").read_text()
    rule = (KIT / "js" / "eslint.js").read_text()

    assert f'const SLICE = "{SCHEMA_SLICE}";' in clients
    assert f'const CLIENT = "{GENERATED_CLIENT}";' in clients
    assert f'const WEB_APP_DIRECTORY = "{WEB_APP_DIRECTORY}";' in rule
