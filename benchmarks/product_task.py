"""What one product's ``backend:test`` costs as the project grows, and where it goes.

    uv run python benchmarks/product_task.py                      # 8 and 96 products
    uv run python benchmarks/product_task.py --products 8 400 --repeat 5

For each size it bakes a project (every other product uses the facade of the
one before), installs it, and times, in wall seconds and CPU seconds (user +
system of the processes; the CPU figure holds better on a busy machine):

- the product's ``backend:test`` script, exactly as turbo runs it (its
  contract check, then pytest with ``PRODUCTS=<product>``);
- the same pytest with every product installed (no ``PRODUCTS``), as each task
  ran before the tasks installed only their dependency closure;
- the fixed cost, step by step: an empty interpreter, Django's setup with the
  product's closure, pytest collecting the product's tests, and the contract
  check alone.

The product timed is ``p002``, which uses ``p001``. It prints medians of
--repeat and the ratio of the largest size to the smallest; it asserts nothing.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from baking import arguments, bake, user_environment

PRODUCT = "p002"
PYTHON = ".venv/bin/python"
TESTS = f"products/{PRODUCT}/backend/tests"
SETUP = "import django; django.setup()"


def run(command: tuple[str, ...], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Run a command; return its wall and CPU seconds (children's user + system)."""
    before = os.times()
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu


def medians(repeat: int, command: tuple[str, ...], cwd: Path, env: dict[str, str]) -> list[float]:
    runs = [run(command, cwd, env) for _ in range(repeat)]
    return [statistics.median(wall for wall, _ in runs), statistics.median(cpu for _, cpu in runs)]


def measure(products: int, repeat: int, env: dict[str, str]) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory() as scratch:
        project, _ = bake(products, Path(scratch), env)
        subprocess.run(("make", "install"), cwd=project, env=env, check=True, capture_output=True)
        package = json.loads((project / "products" / PRODUCT / "package.json").read_text())
        script = package["scripts"]["backend:test"]
        alone = {**env, "PRODUCTS": PRODUCT, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
        every = {key: value for key, value in env.items() if key != "PRODUCTS"}
        pytest = (PYTHON, "-m", "pytest", "-q", "-p", "no:tach", TESTS)
        steps = {
            "backend:test, as turbo runs it": (
                ("sh", "-c", script),
                project / "products" / PRODUCT,
                env,
            ),
            "pytest, every product installed": (pytest, project, every),
            "  interpreter start": ((PYTHON, "-c", "pass"), project, alone),
            "  Django setup, closure only": ((PYTHON, "-c", SETUP), project, alone),
            "  pytest collection, closure only": ((*pytest, "--collect-only"), project, alone),
            "  contract check": ((PYTHON, "-m", "boundaries", "contracts", PRODUCT), project, env),
        }
        run(pytest, project, alone)  # compile the bytecode once, as a second run would find it
        return {name: medians(repeat, *step) for name, step in steps.items()}


def main() -> None:
    args = arguments(__doc__, products=(8, 96))
    sizes = sorted(set(args.products))
    env = user_environment()
    results = {}
    for products in sizes:
        results[products] = measure(products, args.repeat, env)
        print(f"{products} products, {sys.platform}; median of {args.repeat}; wall / CPU seconds")
        for name, (wall, cpu) in results[products].items():
            print(f"  {name:<36} {wall:6.2f} s  {cpu:6.2f} s")
        print(flush=True)
    if len(sizes) > 1:
        small, large = results[sizes[0]], results[sizes[-1]]
        print(f"Ratio {sizes[-1]} / {sizes[0]} products (wall, CPU)")
        for name in small:
            ratios = [large[name][i] / small[name][i] for i in (0, 1)]
            print(f"  {name:<36} {ratios[0]:6.2f}    {ratios[1]:6.2f}")


if __name__ == "__main__":
    main()
