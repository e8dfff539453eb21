"""Fast tier: the baked files are clean text that parses, lints and is formatted."""

import json
import re
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from .helpers import run
from .options import STATIC_BAKES

GITHUB_EXPRESSION = re.compile(r"\$\{\{ [^{}]+ \}\}")
# The scaffolder's skeleton and renderer, and Django's templates, hold template syntax on purpose.
OWN_TEMPLATES = (
    Path("kit", "src", "slicekit", "scaffold", "skeleton"),
    Path("kit", "src", "slicekit", "scaffold", "render.py"),
    Path("kit", "tests", "scaffold"),  # the renderer's tests: templates to render
    Path("core", "templates"),
)


def text_files(project: Path) -> list[Path]:
    skipped = {".venv", ".git", "node_modules"}
    return [
        path
        for path in sorted(project.rglob("*"))
        if path.is_file()
        and not skipped & set(path.relative_to(project).parts)
        and not any(path.relative_to(project).is_relative_to(own) for own in OWN_TEMPLATES)
    ]


@pytest.fixture(params=list(STATIC_BAKES), ids=list(STATIC_BAKES))
def project(request: pytest.FixtureRequest, bake) -> Path:
    return bake(**STATIC_BAKES[request.param])


def test_no_template_syntax_is_left_behind(project: Path) -> None:
    for path in text_files(project):
        text = GITHUB_EXPRESSION.sub("", path.read_text())  # ${{ }} is the workflows' own
        # JSX closes a function in a prop with "}}" (onClick={() => { ... }}).
        closing = () if path.suffix in {".ts", ".tsx"} else ("}}",)
        for marker in ("{{", "{%", "%}", "{#", *closing):
            assert marker not in text, f"{marker!r} left in {path.relative_to(project)}"


def test_every_toml_yaml_and_json_file_parses(project: Path) -> None:
    parsers = {
        ".toml": tomllib.loads,
        ".json": json.loads,
        ".yaml": yaml.safe_load,
        ".yml": yaml.safe_load,
    }
    parsed = 0
    for path in text_files(project):
        if parser := parsers.get(path.suffix):
            parser(path.read_text())
            parsed += 1
    assert parsed >= 3


def test_ruff_check_and_format_are_clean(project: Path) -> None:
    run(sys.executable, "-m", "ruff", "check", "--no-cache", ".", cwd=project)
    run(sys.executable, "-m", "ruff", "format", "--check", "--no-cache", ".", cwd=project)


def test_generated_python_compiles(project: Path) -> None:
    for path in text_files(project):
        if path.suffix == ".py":
            compile(path.read_text(), str(path), "exec")
