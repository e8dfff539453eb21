"""Every command a check's message names exists: a renamed make target or subcommand fails here.

The messages are read from the code that prints them (the string literals of the checks,
docstrings aside, and the frontend's scripts), so a new hint is covered without a list.
"""

import ast
import re
from collections.abc import Iterator

import pytest

from slicekit.__main__ import main
from slicekit.lock import update_command

from ..project import PROJECT_ROOT, project_file

ROOT = PROJECT_ROOT
CHECKS = ("kit/src/slicekit", "core", "config")
COMMAND = re.compile(r"(?:\bmake|manage\.py|python -m slicekit) ([a-z][\w-]*)")
PROSE = frozenset({"a", "an", "it", "sure", "the", "them"})  # "make the new ones keyword-only"
DJANGO = frozenset({"check", "makemigrations", "migrate", "runserver", "shell"})


def messages() -> Iterator[tuple[str, str]]:
    """(where, text) of every string the checks can print."""
    for directory in CHECKS:
        for path in sorted((ROOT / directory).rglob("*.py")):
            if {"tests", "skeleton"} & set(path.relative_to(ROOT).parts):
                continue
            tree = ast.parse(path.read_bytes())
            docstrings = {
                id(node.body[0].value)
                for node in ast.walk(tree)
                if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
                and node.body
                and isinstance(node.body[0], ast.Expr)
            }
            for node in ast.walk(tree):
                match node:
                    case ast.Constant(value=str(text)) if id(node) not in docstrings:
                        yield f"{path.relative_to(ROOT)}:{node.lineno}", text
    for path in sorted((ROOT / "frontend").glob("*.*js")):
        yield str(path.relative_to(ROOT)), path.read_text()


def named(kind: str) -> list[tuple[str, str]]:
    return sorted(
        {
            (where, match[1])
            for where, text in messages()
            for match in COMMAND.finditer(text)
            if match[0].startswith(kind) and match[1] not in PROSE
        }
    )


def test_the_scan_finds_the_hints_it_guards() -> None:
    """An empty scan would pass anything."""
    assert {"accept-api", "codeowners", "durations", "openapi"} <= {t for _, t in named("make")}
    assert {"contracts", "shards"} <= {c for _, c in named("python -m slicekit")}


def test_each_make_target_a_message_names_exists() -> None:
    targets = set(re.findall(r"^([a-z][\w.-]*):", project_file("Makefile").read_text(), re.M))

    assert [f"{where}: make {t}" for where, t in named("make") if t not in targets] == []


def test_each_management_command_a_message_names_exists() -> None:
    ours = {
        path.stem for path in (ROOT / "kit/src/slicekit/django/management/commands").glob("*.py")
    }

    missing = [c for _, c in named("manage.py") if c not in ours | DJANGO]
    assert missing == []


def test_each_boundaries_command_a_message_names_exists(capsys: pytest.CaptureFixture[str]) -> None:
    for where, command in named("python -m slicekit"):
        with pytest.raises(SystemExit) as exit:
            main([command, "--help"])
        assert exit.value.code == 0, f"{where} names `python -m slicekit {command}`"
    capsys.readouterr()


def test_the_lock_fix_is_a_command_that_parses(capsys: pytest.CaptureFixture[str]) -> None:
    *_, command, product, flag = update_command("catalog").split()
    with pytest.raises(SystemExit):
        main([command, "--help"])

    assert (product, flag) == ("catalog", "--update-lock")
    assert flag in capsys.readouterr().out
