"""Refuse bad answers before anything is written: one line naming the value and the rule.

The guard for every way of baking: cookiecutter, cruft and pytest-cookies check the
answers in their own process first (answers_extension.py), so a refusal is the last
line a user reads; this hook checks again where that extension cannot run. The checks
themselves are the template's hooks/answers.py.
"""

import importlib.util
import json
import os
import sys
from pathlib import Path

# First, in syntax any Python 3 parses: under an older Python the project's own code, which
# the post-generation hook runs, fails with a SyntaxError traceback.
if sys.version_info < (3, 12):  # noqa: UP036 (older than ruff's target: the point)
    VERSION = ".".join(str(part) for part in sys.version_info[:3])
    sys.exit(
        f"ERROR: invalid Python {VERSION} ({sys.executable}): the template needs Python 3.12 "
        "or newer to bake; run cookiecutter with one, e.g. `uvx --python 3.13 cookiecutter "
        "<template>`"
    )

# Cookiecutter renders the answers here as JSON; tojson escapes every quote.
ANSWERS = json.loads(r"""{{ cookiecutter | tojson }}""")
# The template's directory: cookiecutter passes it, cruft only its address (a local path,
# or a URL it has cloned where this hook cannot see). A relative template path
# (`cookiecutter .`) is relative to the caller's directory, not to this hook's, which runs
# inside the new project.
TEMPLATE = Path(os.environ.get("PWD", ""), ANSWERS.get("_repo_dir", ANSWERS["_template"]))
PROJECT_TEMPLATE = TEMPLATE / "{% raw %}{{cookiecutter.project_slug}}{% endraw %}"
sys.dont_write_bytecode = True  # importing the checks must not litter the template


def load_checks():
    path = TEMPLATE / "hooks" / "answers.py"
    spec = importlib.util.spec_from_file_location("template_answers", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    if not PROJECT_TEMPLATE.is_dir():
        # cruft from a URL: the post-generation hook still refuses bad product names.
        print("answers not validated: cruft cloned the template where this hook cannot see it")
        sys.exit(0)
    try:
        load_checks().validate(ANSWERS, PROJECT_TEMPLATE)
    except ValueError as error:
        print(f"ERROR: {error}", file=sys.stderr)
        sys.exit(1)
