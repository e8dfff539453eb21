"""Refuse a bad answer in cookiecutter's own process, while it renders the answers.

A failing pre-generation hook makes cookiecutter log a traceback and then print
"Hook script failed", which buries the hook's one line. cookiecutter's command line prints
a FailedHookException raised before generation alone, as its last line, and leaves nothing
on disk. cookiecutter, cruft (create, update) and pytest-cookies put the template's directory
on sys.path, which loads this module (`_extensions` in cookiecutter.json); the filter runs when
the private answer `__answers_checked` is rendered, after every other answer. The
pre-generation hook runs the same checks wherever this module cannot (docs/adr/0014).
"""

import importlib.util
import sys
from pathlib import Path
from typing import Any

from cookiecutter.exceptions import FailedHookException
from jinja2 import Environment
from jinja2.ext import Extension

TEMPLATE = Path(__file__).resolve().parent
PROJECT_TEMPLATE = TEMPLATE / "{{cookiecutter.project_slug}}"


class InvalidAnswer(FailedHookException):
    """A bad answer or Python: its message is the one line the user reads."""


class RefuseBadAnswers(Extension):
    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters["refuse_bad_answers"] = refuse_bad_answers


def refuse_bad_answers(answers: dict[str, Any]) -> str:
    try:
        load_checks().validate(answers, PROJECT_TEMPLATE)
    except ValueError as error:
        raise InvalidAnswer(f"ERROR: {error}") from None
    return ""


def load_checks() -> Any:
    path = TEMPLATE / "hooks" / "answers.py"
    spec = importlib.util.spec_from_file_location("template_answers", path)
    module = importlib.util.module_from_spec(spec)
    writes_bytecode, sys.dont_write_bytecode = sys.dont_write_bytecode, True
    try:  # no __pycache__ in the template's hooks/
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = writes_bytecode
    return module
