"""What the benchmarks share: baking a project with N products and timing commands."""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent


def product_list(count: int) -> str:
    """``p001, p002:p001, p003, ...``: every other product uses the facade of the one before."""
    names = [f"p{number:03d}" for number in range(1, count + 1)]
    return ", ".join(
        f"{name}:{names[index - 1]}" if index % 2 else name for index, name in enumerate(names)
    )


def user_environment() -> dict[str, str]:
    """The environment as a user's shell has it: without this template's own virtualenv,
    and writing bytecode (where PYTHONDONTWRITEBYTECODE is set, every Django process
    compiled Django again, which doubled small timings)."""
    left_out = {"UV", "VIRTUAL_ENV", "PYTHONDONTWRITEBYTECODE"}
    return {key: value for key, value in os.environ.items() if key not in left_out}


def timed(command: tuple[str, ...], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def bake(products: int, scratch: Path, env: dict[str, str]) -> tuple[Path, float]:
    """Bake into ``scratch``; return the project and the seconds cookiecutter took."""
    seconds = timed(
        (
            *(sys.executable, "-m", "cookiecutter", str(TEMPLATE), "--no-input"),
            *("--output-dir", str(scratch), f"products={product_list(products)}"),
        ),
        scratch,
        env,
    )
    return scratch / "my_product_monorepo", seconds


def arguments(doc: str, products: int | tuple[int, ...]) -> argparse.Namespace:
    """``--products N`` (default ``products``; several values when it is a tuple) and
    ``--repeat N`` (default 3), all at least 1."""
    several = isinstance(products, tuple)
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--products", type=int, nargs="+" if several else None, default=products)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if min(args.products if several else [args.products]) < 1 or args.repeat < 1:
        parser.error("--products and --repeat must be at least 1")
    return args
