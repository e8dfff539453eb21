"""The bake's checks, run in cookiecutter's process (answers_extension.py) and by the
pre-generation hook: one line naming the value and the rule, before anything is written.

Standard library only, and importable by any Python 3 (annotations stay strings), since
the first check refuses an old Python. The naming rules are the generated project's own
(`kit/src/slicekit/names.py`), so the template and ``manage.py startproduct`` never disagree.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

# The project's own code, which the post-generation hook runs, uses PEP 695 `type` statements.
MINIMUM_PYTHON = (3, 12)
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def python_refusal() -> str | None:
    """Why this Python cannot bake the template, in one line; None when it can."""
    if sys.version_info >= MINIMUM_PYTHON:
        return None
    version = ".".join(str(part) for part in sys.version_info[:3])
    return (
        f"invalid Python {version} ({sys.executable}): the template needs Python 3.12 or newer "
        "to bake; run cookiecutter with one, e.g. `uvx --python 3.13 cookiecutter <template>`"
    )


def load_names(project_template: Path):
    path = project_template / "kit" / "src" / "slicekit" / "names.py"
    spec = importlib.util.spec_from_file_location("template_boundaries_names", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    writes_bytecode, sys.dont_write_bytecode = sys.dont_write_bytecode, True
    try:  # a __pycache__ in the template's kit/ would be copied into every project
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = writes_bytecode
    return module


def validate(answers: dict, project_template: Path) -> None:
    """Raise ValueError with one line for the first bad answer."""
    refusal = python_refusal()
    if refusal:
        raise ValueError(refusal)
    names = load_names(project_template)
    if not answers["project_name"].strip():
        raise names.InvalidName("invalid project_name '': it must not be empty")
    for key in ("project_name", "description", "author_name"):
        if any(char in answers[key] for char in '"\\\n'):
            raise names.InvalidName(
                f"invalid {key} {answers[key]!r}: it may not contain double quotes, "
                "backslashes or line breaks"
            )
    if not EMAIL.fullmatch(answers["email"]):
        raise names.InvalidName(f"invalid email {answers['email']!r}: expected name@domain.tld")
    for key in ("workshop", "frontend"):
        if not isinstance(answers[key], bool):
            raise names.InvalidName(f"invalid {key} {answers[key]!r}: expected yes or no")
    names.check_identifier(answers["project_slug"], "project_slug")
    specs = names.parse_product_specs(answers["products"], answers["project_slug"])
    if answers["workshop"] and not any(spec.depends_on for spec in specs):
        raise names.InvalidName(
            f"invalid products {answers['products']!r} for workshop mode: the exercises need a "
            "product that uses another's facade, e.g. 'catalog, orders:catalog'"
        )
