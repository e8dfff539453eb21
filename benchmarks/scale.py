"""How baking, the checks and turbo grow with the number of products.

    uv run python benchmarks/scale.py                             # 10, 50 and 100 products
    uv run python benchmarks/scale.py --products 20 200 --repeat 1

For each size it bakes a project (every other product uses the facade of the
one before), installs it (uv sync, pnpm install), commits it, and times:

- the bake (cookiecutter) and the install, once;
- tach check, the contract checks, the product lint and ``manage.py check``,
  the median of --repeat runs;
- ``manage.py migrate`` into a fresh SQLite database, median of --repeat (it
  grows with the square of the products: see ADR 0008);
- turbo's dry run of every product's tasks, median of --repeat;
- a cold turbo run, forced (``--force``, the cache ignored, as CI's full run
  on main): every product's contract check and tests, once (slow with many
  products; ``--cold-runs N`` for a median of N);
- a fully cached turbo run, a no-op, median of --repeat.

It prints a table per size (wall and CPU time), then the cost of each added
product between two sizes, in CPU time: a cost per product that rises with the
size is growth worse than linear. It asserts nothing.
"""

import itertools
import json
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from baking import (
    NOTE,
    Timing,
    bake,
    measured,
    median,
    parser,
    run,
    stop_on_failure,
    timed,
    user_environment,
)

PYTHON = ".venv/bin/python"
DJANGO = ("--settings=config.settings.test",)
CHECKS = {
    "tach check": (".venv/bin/tach", "check"),
    "contract checks": (PYTHON, "-m", "boundaries", "contracts", "--all"),
    "product lint": (PYTHON, "manage.py", "lintproducts", "--all", *DJANGO),
    "manage.py check": (PYTHON, "manage.py", "check", *DJANGO),
}
TASKS = ("backend:contract-check", "backend:test")
COMMIT = ("git", "-c", "user.name=b", "-c", "user.email=b@example.com", "commit", "-qm", "bake")


def turbo(project: Path) -> tuple[str, ...]:
    """turbo, run as ``make test-selected`` runs it (minus make's install step)."""
    pnpm = json.loads((project / "package.json").read_text())["packageManager"]
    return ("npx", "--yes", "--prefer-offline", pnpm, "exec", "turbo", "run", *TASKS)


def turbo_run(project: Path, env: dict[str, str], *flags: str) -> tuple[Timing, str]:
    """Run every product's tasks; return the timing and how many tasks turbo ran."""
    timing, output = measured((*turbo(project), *flags), project, env)
    cached = re.search(r"Cached:\s+(\d+) cached, (\d+) total", output)
    ran = f"{int(cached[2]) - int(cached[1])} of {cached[2]} tasks ran" if cached else "?"
    return timing, ran


def migrate(project: Path, env: dict[str, str]) -> Timing:
    database = project / "benchmark.sqlite3"
    database.unlink(missing_ok=True)
    command = (PYTHON, "manage.py", "migrate", "-v0", *DJANGO)
    return timed(command, project, {**env, "DATABASE_URL": f"sqlite:///{database}"})


def repeated(repeat: int, measure: Callable[[], Timing]) -> Timing:
    return median(measure() for _ in range(repeat))


def measure(
    products: int, repeat: int, cold_runs: int, env: dict[str, str]
) -> list[tuple[str, Timing, str]]:
    """Bake and install a project with ``products`` products; time everything in it."""
    with tempfile.TemporaryDirectory() as scratch:
        project, baking = bake(products, Path(scratch), env)
        rows = [("bake (cookiecutter)", baking, "once")]
        install = timed(("make", "install", "node_modules"), project, env)
        rows.append(("install (uv sync, pnpm install)", install, "once"))
        for command in (("git", "init", "-q"), ("git", "add", "-A"), COMMIT):
            run(command, project, env)

        for name, command in CHECKS.items():
            rows.append((name, repeated(repeat, lambda c=command: timed(c, project, env)), ""))
        rows.append(
            ("migrate, fresh database", repeated(repeat, lambda: migrate(project, env)), "")
        )
        dry = (*turbo(project), "--dry=json")
        rows.append(("turbo dry run", repeated(repeat, lambda: timed(dry, project, env)), ""))
        colds = [turbo_run(project, env, "--force") for _ in range(cold_runs)]
        cold = median(timing for timing, _ in colds)
        times = "once" if cold_runs == 1 else f"median of {cold_runs}"
        rows.append(("turbo run, cold (--force)", cold, f"{times}, {colds[0][1]}"))
        noops = [turbo_run(project, env) for _ in range(repeat)]
        rows.append(("turbo run, all cached", median(t for t, _ in noops), noops[0][1]))
    return rows


def main() -> None:
    options = parser(__doc__, products=(10, 50, 100))
    options.add_argument("--cold-runs", type=int, default=1, help="cold turbo runs per size")
    args = options.parse_args()
    if args.cold_runs < 1:
        options.error("--cold-runs must be at least 1")
    sizes = sorted(set(args.products))

    env = user_environment()
    results = {}
    print(f"{sys.platform}; medians of {args.repeat} unless once; {NOTE}\n", flush=True)
    for products in sizes:
        results[products] = measure(products, args.repeat, args.cold_runs, env)
        print(f"{products} products {'wall':>30} {'CPU':>10}")
        for name, timing, note in results[products]:
            print(f"  {name:<32} {timing}  {note}")
        print(flush=True)

    if len(sizes) > 1:
        steps = list(itertools.pairwise(sizes))
        print("CPU cost of each added product, in ms (rising along a row: worse than linear)")
        print(f"  {'':<32}" + "".join(f"{f'{a} -> {b}':>14}" for a, b in steps))
        for row, (name, _, _) in enumerate(results[sizes[0]]):
            costs = [
                (results[b][row][1].cpu - results[a][row][1].cpu) * 1000 / (b - a) for a, b in steps
            ]
            print(f"  {name:<32}" + "".join(f"{cost:14.1f}" for cost in costs))


if __name__ == "__main__":
    stop_on_failure(main)
