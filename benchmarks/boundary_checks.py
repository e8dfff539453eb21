"""Time each boundary check on a freshly baked project with N products.

    uv run python benchmarks/boundary_checks.py            # 50 products
    uv run python benchmarks/boundary_checks.py --products 10 --repeat 5

Every other product uses the facade of the one before it. Prints the median
wall time of each check; it asserts nothing (the tests do that).
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent
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


def product_list(count: int) -> str:
    names = [f"p{number:03d}" for number in range(1, count + 1)]
    return ", ".join(
        f"{name}:{names[index - 1]}" if index % 2 else name for index, name in enumerate(names)
    )


def timed(command: tuple[str, ...], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.products < 1 or args.repeat < 1:
        parser.error("--products and --repeat must be at least 1")

    env = {key: value for key, value in os.environ.items() if key not in {"UV", "VIRTUAL_ENV"}}
    with tempfile.TemporaryDirectory() as scratch:
        bake = timed(
            (
                *(sys.executable, "-m", "cookiecutter", str(TEMPLATE), "--no-input"),
                *("--output-dir", scratch, f"products={product_list(args.products)}"),
            ),
            Path(scratch),
            env,
        )
        project = Path(scratch, "my_product_monorepo")
        subprocess.run(("make", "install"), cwd=project, env=env, check=True, capture_output=True)

        print(f"{args.products} products, median of {args.repeat} runs, {sys.platform}")
        print(f"  {'bake (cookiecutter)':<26} {bake:6.2f} s")
        for name, command in CHECKS.items():
            times = [timed(command, project, env) for _ in range(args.repeat)]
            print(f"  {name:<26} {statistics.median(times):6.2f} s")


if __name__ == "__main__":
    main()
