"""Finish the project: create the products with its own scaffolder, write .env, say what next.

Standard library only and offline. Idempotent: products and a .env that
already exist are left as they are.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

# Cookiecutter renders the answers here as JSON; tojson escapes every quote.
ANSWERS = json.loads(r"""{{ cookiecutter | tojson }}""")
ROOT = Path.cwd()
# Leave no __pycache__ in the new project (or in the template it came from).
sys.dont_write_bytecode = True


def scaffold(*args: str) -> None:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    subprocess.run(
        [sys.executable, "-m", "scaffold", *args, "--root", str(ROOT)],
        cwd=ROOT,
        env=env,
        check=True,
    )


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from boundaries.names import parse_product_specs

    for spec in parse_product_specs(ANSWERS["products"], ANSWERS["project_slug"]):
        if (ROOT / "products" / spec.name).exists():
            continue
        scaffold(
            "product", spec.name, *(["--depends-on", spec.depends_on] if spec.depends_on else [])
        )
    scaffold("env")
    scaffold("docs", *(["--workshop"] if ANSWERS["workshop"] else []))
    print(
        f"""
Your project is ready in {ROOT}

    cd {ROOT.name}
    make run     # install, migrate, start the dev server on http://127.0.0.1:8000
    make test    # install, lint, check boundaries, run the tests

Add a product later with: uv run python manage.py startproduct <name>
and a reusable package with: uv run python manage.py startpackage <name>
"""
    )


if __name__ == "__main__":
    try:
        main()
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode)
