"""Refuse bad answers before anything is written: one line naming the value and the rule.

The naming rules are imported from the generated project's own `boundaries` package,
so the template and ``manage.py startproduct`` can never disagree.
"""

import importlib.util
import json
import os
import re
import sys
from pathlib import Path

# Cookiecutter renders the answers here as JSON; tojson escapes every quote.
ANSWERS = json.loads(r"""{{ cookiecutter | tojson }}""")
# The template's own copy of the project, before rendering: cookiecutter passes the
# template's directory, cruft only its address (a local path, or a URL it has cloned
# where this hook cannot see). A relative template path (`cookiecutter .`) is
# relative to the caller's directory, not to this hook's, which runs inside the new project.
PROJECT_TEMPLATE = Path(
    os.environ.get("PWD", ""),
    ANSWERS.get("_repo_dir", ANSWERS["_template"]),
    "{% raw %}{{cookiecutter.project_slug}}{% endraw %}",
)
sys.dont_write_bytecode = True  # importing names.py must not litter the template

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def load_names():
    path = PROJECT_TEMPLATE / "boundaries" / "names.py"
    spec = importlib.util.spec_from_file_location("template_boundaries_names", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def validate(answers: dict) -> None:
    names = load_names()
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


if __name__ == "__main__":
    if not PROJECT_TEMPLATE.is_dir():
        # cruft from a URL: the post-generation hook still refuses bad product names.
        print("answers not validated: cruft cloned the template where this hook cannot see it")
        sys.exit(0)
    try:
        validate(ANSWERS)
    except ValueError as error:
        print(f"ERROR: {error}", file=sys.stderr)
        sys.exit(1)
