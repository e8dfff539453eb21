"""What selective testing saves: a full run against a one-product change and a no-op.

    uv run python benchmarks/selective_testing.py               # 10 products
    uv run python benchmarks/selective_testing.py --products 50

Bakes a project with N products (every other one uses the facade of the one
before), installs it, commits, then times, through the project's own commands:

- the full Django suite in one process (``make pytest``);
- a full turbo run that ignores the cache (``make test-selected TURBO_ARGS=--force``),
  every product's contract check and tests, as CI runs on main;
- a logic-only change in one product (``make test-selected``), median of --repeat;
- a no-op (``make test-selected`` with nothing changed), median of --repeat;
- the discover plan for the logic change (``python -m slicekit discover``).

It prints wall and CPU times, the tasks turbo ran, and the ratio
selective/full; it asserts nothing (the template's tests prove which tasks run).
"""

import re
import sys
import tempfile
from pathlib import Path

from baking import (
    NOTE,
    Timing,
    arguments,
    bake,
    measured,
    median,
    run,
    stop_on_failure,
    timed,
    user_environment,
)

CHANGED = Path("products", "p001", "backend", "logic.py")
# The benchmark's commits need no identity of yours, and none of the project's hooks.
IDENTITY = ("-c", "user.name=b", "-c", "user.email=b@example.com")


def turbo(project: Path, env: dict[str, str], *arguments: str) -> tuple[Timing, str]:
    """Run ``make test-selected``; return its timing and turbo's task tally."""
    timing, output = measured(("make", "test-selected", *arguments), project, env)
    cached = re.search(r"Cached:\s+(\d+) cached, (\d+) total", output)
    ran = f"{int(cached[2]) - int(cached[1])} of {cached[2]} tasks ran" if cached else "?"
    return timing, ran


def change_logic(project: Path, number: int) -> None:
    path = project / CHANGED
    path.write_text(path.read_text() + f"\n# benchmark change {number}\n")


def main() -> None:
    args = arguments(__doc__, products=10)

    env = user_environment()
    with tempfile.TemporaryDirectory() as scratch:
        project, _ = bake(args.products, Path(scratch), env)
        for command in (
            ("make", "install", "node_modules"),
            ("git", "init", "-q"),  # the bake's repository, or a new one if it made none
            ("git", "add", "-A"),
            ("git", *IDENTITY, "commit", "--no-verify", "-qm", "b"),
        ):
            run(command, project, env)

        django = timed(("make", "pytest"), project, env)
        full, full_ran = turbo(project, env, "TURBO_ARGS=--force")
        changes = []
        for number in range(args.repeat):
            change_logic(project, number)
            changes.append(turbo(project, env))
        change, change_ran = median(timing for timing, _ in changes), changes[0][1]
        noops = [turbo(project, env) for _ in range(args.repeat)]
        noop, noop_ran = median(timing for timing, _ in noops), noops[0][1]
        run(("git", *IDENTITY, "commit", "--no-verify", "-qam", "change"), project, env)
        discover = timed(
            (sys.executable, "-m", "boundaries", "discover", "--base", "HEAD~1"), project, env
        )

    print(f"{args.products} products, {sys.platform}; changes and no-ops: medians of {args.repeat}")
    print(f"  {NOTE}")
    print(f"  {'':<32} {'wall':>10} {'CPU':>10}")
    rows = [
        ("full Django suite, one process", django, ""),
        ("full turbo run, cache ignored", full, full_ran),
        ("logic change in one product", change, change_ran),
        ("no-op (everything cached)", noop, noop_ran),
        ("discover plan for the change", discover, ""),
    ]
    for name, timing, ran in rows:
        print(f"  {name:<32} {timing}  {ran}")
    for name, whole in (("turbo", full), ("Django suite", django)):
        ratios = f"{change.wall / whole.wall:8.2f}   {change.cpu / whole.cpu:8.2f}"
        print(f"  {f'selective/full ({name})':<32} {ratios}")


if __name__ == "__main__":
    stop_on_failure(main)
