"""Time each boundary check on a freshly baked project with N products.

    uv run python benchmarks/boundary_checks.py            # 50 products
    uv run python benchmarks/boundary_checks.py --products 10 --repeat 5

Every other product uses the facade of the one before it. Prints the median
wall and CPU time of each check; it asserts nothing (the tests do that).
"""

import sys
import tempfile
from pathlib import Path

from baking import NOTE, arguments, bake, repeated, run, stop_on_failure, user_environment

DJANGO = ("--settings=config.settings.test",)
CHECKS = {
    "tach check": (".venv/bin/tach", "check"),
    "contracts --all": (".venv/bin/python", "-m", "boundaries", "contracts", "--all"),
    "contracts, one product": (".venv/bin/python", "-m", "boundaries", "contracts", "p001"),
    "lintproducts --all": (".venv/bin/python", "manage.py", "lintproducts", "--all", *DJANGO),
    "manage.py check": (".venv/bin/python", "manage.py", "check", *DJANGO),
    "check --tag boundaries": (
        ".venv/bin/python",
        "manage.py",
        "check",
        "--tag",
        "boundaries",
        *DJANGO,
    ),
}


def main() -> None:
    args = arguments(__doc__, products=50)

    env = user_environment()
    with tempfile.TemporaryDirectory() as scratch:
        project, baking = bake(args.products, Path(scratch), env)
        run(("make", "install"), project, env)

        print(f"{args.products} products, {sys.platform}; medians of {args.repeat} runs; {NOTE}")
        print(f"  {'':<26} {'wall':>10} {'CPU':>10}")
        print(f"  {'bake (cookiecutter), once':<26} {baking}")
        for name, command in CHECKS.items():
            print(f"  {name:<26} {repeated(args.repeat, command, project, env)}")


if __name__ == "__main__":
    stop_on_failure(main)
