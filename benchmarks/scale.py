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
- one real turbo run, which fills the cache: every product's contract check
  and tests (slow with many products), once;
- a fully cached turbo run, a no-op, median of --repeat.

It prints a table per size, then the cost of each added product between two
sizes: a cost per product that rises with the size is growth worse than
linear. It asserts nothing.
"""

import itertools
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from baking import arguments, bake, timed, user_environment

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


def turbo_run(project: Path, env: dict[str, str]) -> tuple[float, str]:
    """Run every product's tasks; return the wall time and how many turbo ran."""
    start = time.perf_counter()
    completed = subprocess.run(
        turbo(project), cwd=project, env=env, check=True, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    cached = re.search(r"Cached:\s+(\d+) cached, (\d+) total", completed.stdout)
    ran = f"{int(cached[2]) - int(cached[1])} of {cached[2]} tasks ran" if cached else "?"
    return seconds, ran


def migrate(project: Path, env: dict[str, str]) -> float:
    database = project / "benchmark.sqlite3"
    database.unlink(missing_ok=True)
    command = (PYTHON, "manage.py", "migrate", "-v0", *DJANGO)
    return timed(command, project, {**env, "DATABASE_URL": f"sqlite:///{database}"})


def median(repeat: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(repeat))


def measure(products: int, repeat: int, env: dict[str, str]) -> list[tuple[str, float, str]]:
    """Bake and install a project with ``products`` products; time everything in it."""
    with tempfile.TemporaryDirectory() as scratch:
        project, baking = bake(products, Path(scratch), env)
        rows = [("bake (cookiecutter)", baking, "once")]
        install = timed(("make", "install", "node_modules"), project, env)
        rows.append(("install (uv sync, pnpm install)", install, "once"))
        for command in (("git", "init", "-q"), ("git", "add", "-A"), COMMIT):
            subprocess.run(command, cwd=project, env=env, check=True, capture_output=True)

        for name, command in CHECKS.items():
            rows.append((name, median(repeat, lambda c=command: timed(c, project, env)), ""))
        rows.append(("migrate, fresh database", median(repeat, lambda: migrate(project, env)), ""))
        dry = (*turbo(project), "--dry=json")
        rows.append(("turbo dry run", median(repeat, lambda: timed(dry, project, env)), ""))
        filling, ran = turbo_run(project, env)
        rows.append(("turbo run, filling the cache", filling, f"once, {ran}"))
        noops = [turbo_run(project, env) for _ in range(repeat)]
        noop = statistics.median(seconds for seconds, _ in noops)
        rows.append(("turbo run, all cached", noop, noops[0][1]))
    return rows


def main() -> None:
    args = arguments(__doc__, products=(10, 50, 100))
    sizes = sorted(set(args.products))

    env = user_environment()
    results = {}
    for products in sizes:
        results[products] = measure(products, args.repeat, env)
        print(f"{products} products, {sys.platform}; median of {args.repeat} unless once")
        for name, seconds, note in results[products]:
            print(f"  {name:<32} {seconds:8.2f} s  {note}")
        print(flush=True)

    if len(sizes) > 1:
        steps = list(itertools.pairwise(sizes))
        print("Cost of each added product, in ms (rising along a row: worse than linear)")
        print(f"  {'':<32}" + "".join(f"{f'{a} -> {b}':>14}" for a, b in steps))
        for row, (name, _, _) in enumerate(results[sizes[0]]):
            costs = [(results[b][row][1] - results[a][row][1]) * 1000 / (b - a) for a, b in steps]
            print(f"  {name:<32}" + "".join(f"{cost:14.1f}" for cost in costs))


if __name__ == "__main__":
    main()
