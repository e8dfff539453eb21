"""Time each boundary check on a freshly baked project with N products.

    uv run python benchmarks/boundary_checks.py            # 50 products
    uv run python benchmarks/boundary_checks.py --products 10 --repeat 5

Every other product uses the facade of the one before it. Prints the median
wall time of each check; it asserts nothing (the tests do that).
"""

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from baking import arguments, bake, timed, user_environment

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
        subprocess.run(("make", "install"), cwd=project, env=env, check=True, capture_output=True)

        print(f"{args.products} products, median of {args.repeat} runs, {sys.platform}")
        print(f"  {'bake (cookiecutter)':<26} {baking:6.2f} s")
        for name, command in CHECKS.items():
            times = [timed(command, project, env) for _ in range(args.repeat)]
            print(f"  {name:<26} {statistics.median(times):6.2f} s")


if __name__ == "__main__":
    main()
