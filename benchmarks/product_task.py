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

The product timed is ``p002``, which uses ``p001``. The budget: the task at
most 2 s of CPU at 8 products, and at most 1.2 times that at 96. It prints
medians of --repeat and the ratio of the largest size to the smallest; it
asserts nothing.
"""

import json
import sys
import tempfile
from pathlib import Path

from baking import (
    NOTE,
    Timing,
    arguments,
    bake,
    repeated,
    run,
    stop_on_failure,
    user_environment,
)

PRODUCT = "p002"
PYTHON = ".venv/bin/python"
TESTS = f"products/{PRODUCT}/backend/tests"
SETUP = "import django; django.setup()"


def measure(products: int, repeat: int, env: dict[str, str]) -> dict[str, Timing]:
    with tempfile.TemporaryDirectory() as scratch:
        project, _ = bake(products, Path(scratch), env)
        run(("make", "install"), project, env)
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
        run(pytest, project, every)  # compile the bytecode once, as a second run would find it
        return {name: repeated(repeat, *step) for name, step in steps.items()}


def main() -> None:
    args = arguments(__doc__, products=(8, 96))
    sizes = sorted(set(args.products))
    env = user_environment()
    results = {}
    print(f"{sys.platform}; medians of {args.repeat} runs; {NOTE}\n", flush=True)
    for products in sizes:
        results[products] = measure(products, args.repeat, env)
        print(f"{products} products {'wall':>32} {'CPU':>10}")
        for name, timing in results[products].items():
            print(f"  {name:<34} {timing}")
        print(flush=True)
    if len(sizes) > 1:
        small, large = results[sizes[0]], results[sizes[-1]]
        print(f"Ratio {sizes[-1]} / {sizes[0]} products {'wall':>18} {'CPU':>10}")
        for name in small:
            wall, cpu = large[name].wall / small[name].wall, large[name].cpu / small[name].cpu
            print(f"  {name:<34} {wall:8.2f}   {cpu:8.2f}")


if __name__ == "__main__":
    stop_on_failure(main)
