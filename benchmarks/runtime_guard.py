"""What the runtime data-ownership guard costs, and how `make check` grows with products.

    uv run python benchmarks/runtime_guard.py                        # 10, 50 and 100 products
    uv run python benchmarks/runtime_guard.py --products 10 --repeat 5
    uv run python benchmarks/runtime_guard.py --against main         # and main's make check

For the smallest size it runs the generated project's whole pytest suite with
the guard (as every run has it) and without it (``-p no:core.guard``, for
measuring only), and prints both medians and their ratio: the budget is 1.15.
For every size it times ``make check`` (tach, contracts, product lint, Django
checks with the data-ownership checks, migrations). ``--against REF`` also
bakes the template at git REF (``git archive``) and times its ``make check``,
with the ratio: the budget at 100 products is 1.5. It asserts nothing.
"""

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from baking import TEMPLATE, product_list, timed, user_environment

PYTEST = (".venv/bin/python", "-m", "pytest", "-q", "-p", "no:cacheprovider")
WITHOUT_GUARD = ("-p", "no:core.guard")
MAKE_CHECK = ("make", "check")


def bake_from(template: Path, products: int, scratch: Path, env: dict[str, str]) -> Path:
    """Bake ``template`` with ``products`` products into ``scratch``; install it."""
    command = (
        *(sys.executable, "-m", "cookiecutter", str(template), "--no-input"),
        *("--output-dir", str(scratch), f"products={product_list(products)}"),
    )
    subprocess.run(command, cwd=scratch, env=env, check=True, capture_output=True)
    project = scratch / "my_product_monorepo"
    subprocess.run(("make", "install"), cwd=project, env=env, check=True, capture_output=True)
    return project


def median(repeat: int, command: tuple[str, ...], project: Path, env: dict[str, str]) -> float:
    return statistics.median(timed(command, project, env) for _ in range(repeat))


def cpu_seconds(command: tuple[str, ...], project: Path, env: dict[str, str]) -> float:
    """User plus system time of ``command`` and its children: steadier than wall time
    on a shared machine, where other work stretches the wall clock."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=project, env=env, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def suites(repeat: int, project: Path, env: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds of the generated pytest suite with and without the guard,
    the runs interleaved so that load from other work falls on both alike."""
    runs: dict[str, list[tuple[float, float]]] = {"with": [], "without": []}
    for _ in range(repeat):
        for variant, extra in (("with", ()), ("without", WITHOUT_GUARD)):
            start = time.perf_counter()
            cpu = cpu_seconds((*PYTEST, *extra), project, env)
            runs[variant].append((time.perf_counter() - start, cpu))
    return {
        variant: (
            statistics.median(w for w, _ in timings),
            statistics.median(c for _, c in timings),
        )
        for variant, timings in runs.items()
    }


def template_at(ref: str, scratch: Path) -> Path:
    """The template as committed at ``ref``, unpacked into ``scratch``."""
    archive = subprocess.run(
        ("git", "archive", "--format=tar", ref), cwd=TEMPLATE, check=True, capture_output=True
    ).stdout
    scratch.mkdir()
    subprocess.run(("tar", "-x", "-C", str(scratch)), input=archive, check=True)
    return scratch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, nargs="+", default=[10, 50, 100])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--against", metavar="REF", help="also time make check of the template at REF"
    )
    args = parser.parse_args()
    if min(args.products) < 1 or args.repeat < 1:
        parser.error("--products and --repeat must be at least 1")
    sizes = sorted(set(args.products))

    env = user_environment()
    print(f"{sys.platform}; median of {args.repeat} runs", flush=True)
    for products in sizes:
        with tempfile.TemporaryDirectory() as scratch:
            project = bake_from(TEMPLATE, products, Path(scratch), env)
            if products == sizes[0]:
                measured = suites(args.repeat, project, env)
                guarded, bare = measured["with"], measured["without"]
                print(f"{products} products: generated pytest suite    wall s    CPU s")
                print(f"  {'with the guard':<36} {guarded[0]:8.2f} {guarded[1]:8.2f}")
                print(f"  {'without (-p no:core.guard)':<36} {bare[0]:8.2f} {bare[1]:8.2f}")
                ratios = f"{guarded[0] / bare[0]:8.2f} {guarded[1] / bare[1]:8.2f}"
                print(f"  {'ratio (budget 1.15)':<36} {ratios}", flush=True)
            check = median(args.repeat, MAKE_CHECK, project, env)
        print(f"{products} products: make check {check:8.2f} s", flush=True)
        if args.against:
            with tempfile.TemporaryDirectory() as scratch:
                template = template_at(args.against, Path(scratch, "template"))
                baseline = bake_from(template, products, Path(scratch), env)
                before = median(args.repeat, MAKE_CHECK, baseline, env)
            print(f"  {args.against}: make check {before:8.2f} s, ratio {check / before:.2f}")


if __name__ == "__main__":
    main()
