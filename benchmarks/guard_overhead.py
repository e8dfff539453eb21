"""What the runtime guard costs a generated project's product suite, with every watcher on.

    uv run python benchmarks/guard_overhead.py                     # bake 4 products, 5 runs
    uv run python benchmarks/guard_overhead.py --products 10 --repeat 7
    uv run python benchmarks/guard_overhead.py --project /tmp/bake/my_product_monorepo

The guard (``slicekit.django.guard``) judges SQL, task publications and model lookups, and
its watchers (``slicekit.django.watch``) every URL reversed or resolved, template loaded,
static file found, command run, task called, beat entry changed, cache key made, admin
entry changed and schema introspected. This runs the products' tests
(``pytest products``) with it, as every run has it, and without it
(``-p no:slicekit.django.guard``, for measuring only), the runs taken in turn so that load
from other work falls on both alike, and prints both medians and their ratio: the budget
is 1.15. ``--project`` measures an installed bake instead of baking one. It asserts nothing.
"""

import sys
import tempfile
from pathlib import Path

from baking import (
    NOTE,
    Timing,
    bake,
    median,
    parser,
    ratio,
    run,
    stop_on_failure,
    timed,
    user_environment,
)

SUITE = (".venv/bin/python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "products")
WITHOUT_GUARD = ("-p", "no:slicekit.django.guard")


def measure(project: Path, repeat: int, env: dict[str, str]) -> None:
    runs = {"with": SUITE, "without": (*SUITE, *WITHOUT_GUARD)}
    for command in runs.values():
        run(command, project, env)  # once unmeasured: it must pass, and it compiles bytecode
    timings: dict[str, list[Timing]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, command in runs.items():
            timings[name].append(timed(command, project, env))
    with_guard, without = median(timings["with"]), median(timings["without"])
    print(f"{project.name}: pytest products                 wall        CPU")
    print(f"  {'with the guard':<34} {with_guard}")
    print(f"  {'without (-p no:slicekit.django.guard)':<34} {without}")
    print(f"  {'ratio (budget 1.15)':<34} {ratio(with_guard, without)}", flush=True)


def main() -> None:
    options = parser(__doc__, products=4)
    options.add_argument("--project", type=Path, help="an installed bake to measure")
    args = options.parse_args()
    env = user_environment()
    print(f"{sys.platform}; medians of {args.repeat} runs; {NOTE}", flush=True)
    if args.project:
        measure(args.project.resolve(), args.repeat, env)
        return
    with tempfile.TemporaryDirectory() as scratch:
        project, _ = bake(args.products, Path(scratch), env)
        run(("make", "install"), project, env)
        measure(project, args.repeat, env)


if __name__ == "__main__":
    stop_on_failure(main)
