"""What the runtime data-ownership guard costs, and how `make check` grows with products.

    uv run python benchmarks/runtime_guard.py                        # 10, 50 and 100 products
    uv run python benchmarks/runtime_guard.py --products 10 --repeat 5
    uv run python benchmarks/runtime_guard.py --against 0c5f64f      # and that commit's make check

For the smallest size it runs the generated project's whole pytest suite with
the guard (as every run has it) and without it (``-p no:slicekit.django.guard``, for
measuring only), and prints both medians and their ratio: the budget is 1.15.
For every size it times ``make check`` (tach, contracts, product lint, Django
checks with the data-ownership checks, migrations). ``--against REF`` also
bakes the template as committed at git REF (``git archive``) and times its
``make check`` too, the runs of both interleaved so that load from other work
falls on both alike, with the ratio: the budget at 100 products is 1.5.
0c5f64f is the last commit before the boundaries work (the reach lint, the
runtime guard, the contract lock). Each project's ``make check`` runs once
unmeasured first: it must pass, and it compiles the bytecode. It asserts nothing.
"""

import sys
import tempfile
from pathlib import Path

from baking import (
    NOTE,
    TEMPLATE,
    Timing,
    bake,
    commit_ref,
    median,
    parser,
    ratio,
    run,
    stop_on_failure,
    template_at,
    timed,
    user_environment,
)

PYTEST = (".venv/bin/python", "-m", "pytest", "-q", "-p", "no:cacheprovider")
WITHOUT_GUARD = ("-p", "no:slicekit.django.guard")
MAKE_CHECK = ("make", "check")


def installed(template: Path, products: int, scratch: Path, env: dict[str, str]) -> Path:
    """Bake ``template`` with ``products`` products into ``scratch``, install it, check it once."""
    scratch.mkdir()
    project, _ = bake(products, scratch, env, template)
    run(("make", "install"), project, env)
    run(MAKE_CHECK, project, env)
    return project


def interleaved(
    repeat: int, runs: dict[str, tuple[tuple[str, ...], Path]], env: dict[str, str]
) -> dict[str, Timing]:
    """Median timing of each named command, their runs taken in turn, so drifting load
    from other work falls on all of them alike."""
    timings: dict[str, list[Timing]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, (command, project) in runs.items():
            timings[name].append(timed(command, project, env))
    return {name: median(values) for name, values in timings.items()}


def main() -> None:
    options = parser(__doc__, products=(10, 50, 100))
    options.add_argument(
        "--against", metavar="REF", type=commit_ref, help="also time the template at REF"
    )
    args = options.parse_args()
    sizes = sorted(set(args.products))
    env = user_environment()

    print(f"{sys.platform}; medians of {args.repeat} runs; {NOTE}", flush=True)
    for products in sizes:
        with tempfile.TemporaryDirectory() as scratch:
            project = installed(TEMPLATE, products, Path(scratch, "now"), env)
            if products == sizes[0]:
                suite = interleaved(
                    args.repeat,
                    {"with": (PYTEST, project), "without": ((*PYTEST, *WITHOUT_GUARD), project)},
                    env,
                )
                print(f"{products} products: generated pytest suite     wall        CPU")
                print(f"  {'with the guard':<34} {suite['with']}")
                print(f"  {'without (-p no:slicekit.django.guard)':<34} {suite['without']}")
                print(f"  {'ratio (budget 1.15)':<34} {ratio(suite['with'], suite['without'])}")
            checks = {"now": (MAKE_CHECK, project)}
            if args.against:
                template = template_at(args.against, Path(scratch, "template"), env)
                baseline = installed(template, products, Path(scratch, "then"), env)
                checks[args.against] = (MAKE_CHECK, baseline)
            timings = interleaved(args.repeat, checks, env)
        print(f"{products} products: make check                wall        CPU")
        print(f"  {'this template':<34} {timings['now']}")
        if args.against:
            before = timings[args.against]
            print(f"  {'at ' + args.against:<34} {before}")
            print(f"  {'ratio (budget 1.5 at 100)':<34} {ratio(timings['now'], before)}")
        print(flush=True)


if __name__ == "__main__":
    stop_on_failure(main)
