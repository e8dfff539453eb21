"""Spread a plan's tests over parallel CI jobs, balanced by recorded durations.

``python -m slicekit shards --plan <discover's JSON> --shards N`` splits
what the plan selects into at most N shards of about equal time:

- a **selective** plan's units are its products, each run through turbo
  (``make test-selected TURBO_ARGS=...``, the shard's ``turbo`` string);
- a **full-suite** plan's units are every product's directory plus the
  project-level tests (``testpaths`` in ``pyproject.toml`` but ``products``),
  run by pytest together in one Django setup (``make pytest PYTEST_ARGS=...``);
  when the plan also asks turbo for something (``--force`` on main), each
  shard runs its own products' turbo tasks too.

How long a unit takes comes from ``.test-durations.json`` (``make durations``
writes it from a timed turbo run); a unit it does not know yet, a new product
say, counts as the median. Shards are filled longest unit first, each into the
shard with the least time so far (LPT), which keeps the longest shard within
4/3 of the best possible split. Standard library only: the plan job runs it
before anything is installed.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass
from math import inf
from pathlib import Path
from typing import Any

DURATIONS_FILE = ".test-durations.json"
PRODUCTS = "products"
# The unit that stands for the tests outside products/ (a product's name is an identifier).
PROJECT = "(project)"
TEST_TASK = "backend:test"
ABOUT = (
    "Seconds each product's backend:test took, and the project-level tests, written by "
    "`make durations`. CI balances its parallel test jobs with them: "
    "python -m slicekit shards."
)


class ShardError(Exception):
    """The shards cannot be planned: bad input, said in one line."""


@dataclass(frozen=True)
class Shard:
    index: int  # from 1
    total: int
    units: tuple[str, ...]  # products, and PROJECT for the project-level tests
    seconds: float
    pytest: str  # the paths for ``make pytest PYTEST_ARGS=...``; empty: no pytest run
    turbo: str  # the arguments for ``make test-selected TURBO_ARGS=...``; empty: no turbo run

    def as_json(self) -> dict[str, Any]:
        return {
            "name": f"{self.index} of {self.total}",
            "units": list(self.units),
            "seconds": round(self.seconds, 1),
            "pytest": self.pytest,
            "turbo": self.turbo,
        }


def plan_shards(
    root: Path,
    plan: dict[str, Any],
    durations: dict[str, float],
    most: int,
    *,
    min_seconds: float = 0.0,
) -> list[Shard]:
    """At most ``most`` shards, none planned with less than ``min_seconds`` of work
    (a job's own start-up costs about a minute), and none empty."""
    if most < 1:
        raise ShardError(f"--shards must be at least 1, not {most}")
    full_suite, selected, turbo_args = _read_plan(plan)
    if not only_flags(turbo_args):
        raise ShardError(f"the plan's turbo_args are not all flags: {turbo_args}")
    # Each shard filters turbo to its own products; the plan's other flags (--force) stay.
    turbo_flags = [arg for arg in turbo_args if not arg.startswith("--filter=")]
    packages = product_packages(root)
    if full_suite:
        units = [*packages, PROJECT]
    else:
        if unknown := [product for product in selected if product not in packages]:
            raise ShardError(f"the plan names {', '.join(unknown)}, not a product here")
        units = list(dict.fromkeys(selected))
    if not units:
        return []

    # A unit not timed yet counts as the typical product; with nothing timed, all weigh the same.
    known = [seconds for unit, seconds in durations.items() if unit != PROJECT]
    default = statistics.median(known or durations.values() or [1.0])
    cost = {unit: durations.get(unit, default) for unit in units}
    total = sum(cost.values())
    count = min(most, len(units))
    if min_seconds > 0:
        count = max(1, min(count, int(total // min_seconds)))

    loads = [0.0] * count
    members: list[list[str]] = [[] for _ in range(count)]
    # Longest first, ties by name, so the same inputs always give the same shards.
    for unit in sorted(units, key=lambda unit: (-cost[unit], unit)):
        lightest = loads.index(min(loads))
        loads[lightest] += cost[unit]
        members[lightest].append(unit)

    testpaths = _project_testpaths(root, set(packages)) if full_suite else []
    shards = []
    for index, (load, chosen) in enumerate(zip(loads, members, strict=True), start=1):
        chosen.sort()
        products = [unit for unit in chosen if unit != PROJECT]
        paths = [f"{PRODUCTS}/{product}" for product in products]
        if PROJECT in chosen:
            paths = testpaths + paths
        filters = [f"--filter={packages[product]}" for product in products]
        # The full suite alone runs no turbo; with --force (main) each product runs alone too.
        runs_turbo = bool(filters) and (not full_suite or bool(turbo_flags))
        shards.append(
            Shard(
                index=index,
                total=count,
                units=tuple(chosen),
                seconds=load,
                pytest=" ".join(paths) if full_suite else "",
                turbo=" ".join([*turbo_flags, *filters]) if runs_turbo else "",
            )
        )
    return shards


def _read_plan(plan: Any) -> tuple[bool, list[str], list[str]]:
    try:
        full_suite, products, turbo_args = plan["full_suite"], plan["products"], plan["turbo_args"]
    except (TypeError, KeyError) as error:
        raise ShardError(f"the plan is not discover's JSON: no {error}") from error
    if not isinstance(full_suite, bool):
        raise ShardError("the plan's full_suite is not true or false")
    for key, value in (("products", products), ("turbo_args", turbo_args)):
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ShardError(f"the plan's {key} is not a list of strings")
    return full_suite, products, turbo_args


def only_flags(turbo_args: list[str]) -> bool:
    """Whether every argument is one ``--flag``: CI hands them on as one string split at spaces."""
    return all(arg.startswith("--") and " " not in arg for arg in turbo_args)


def product_packages(root: Path) -> dict[str, str]:
    """Each product's turbo package name: the products turbo and discover see."""
    packages = {}
    for path in sorted((root / PRODUCTS).glob("*/package.json")):
        if (path.parent / "backend" / "apps.py").is_file():
            try:
                name = json.loads(path.read_text(encoding="utf-8"))["name"]
            except (OSError, ValueError, KeyError, TypeError) as error:
                raise ShardError(f"{path.relative_to(root)}: no package name ({error})") from error
            packages[path.parent.name] = name
    return packages


def _project_testpaths(root: Path, products: set[str]) -> list[str]:
    """What the full suite runs besides the products' directories, from pyproject.toml."""
    try:
        with (root / "pyproject.toml").open("rb") as file:
            pytest = tomllib.load(file)["tool"]["pytest"]["ini_options"]
        testpaths = [str(path) for path in pytest["testpaths"]]
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as error:
        raise ShardError(
            f"pyproject.toml: no [tool.pytest.ini_options] testpaths ({error})"
        ) from error
    paths = [path for path in testpaths if path != PRODUCTS]
    if PRODUCTS in testpaths and (root / PRODUCTS).is_dir():
        # Anything under products/ that is no product's still runs, with the project's tests.
        for entry in sorted((root / PRODUCTS).iterdir()):
            if entry.name in products or entry.name.startswith(("_", ".")):
                continue
            if entry.is_dir() or entry.name.startswith("test_"):
                paths.append(f"{PRODUCTS}/{entry.name}")
    return paths


def read_durations(path: Path) -> dict[str, float]:
    """Seconds by unit; a missing file means nothing is known yet."""
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        seconds = {**data["products"], PROJECT: data["project"]}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ShardError(
            f"{path.name}: unreadable ({error}); rewrite it with: make durations"
        ) from error
    for unit, value in seconds.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < inf:
            raise ShardError(f"{path.name}: {unit} has {value!r}, not a number of seconds")
    return {unit: float(value) for unit, value in seconds.items()}


def record_durations(root: Path, summary: dict[str, Any], project_seconds: float) -> dict[str, Any]:
    """The durations file's content from a turbo run summary (``turbo run --summarize``)."""
    by_package = {package: product for product, package in product_packages(root).items()}
    products = {}
    try:
        for task in summary["tasks"]:
            execution = task["execution"]
            if task["task"] == TEST_TASK and task["package"] in by_package:
                if execution["exitCode"] != 0:
                    raise ShardError(f"{task['taskId']} failed: durations are timed on green tests")
                seconds = (execution["endTime"] - execution["startTime"]) / 1000
                products[by_package[task["package"]]] = round(seconds, 1)
    except (KeyError, TypeError) as error:
        raise ShardError(f"the turbo run summary has no {error}") from error
    return {
        "about": ABOUT,
        "project": round(project_seconds, 1),
        "products": dict(sorted(products.items())),
    }


def latest_summary(runs: Path) -> dict[str, Any]:
    summaries = sorted(runs.glob("*.json"), key=lambda path: path.stat().st_mtime)
    if not summaries:
        raise ShardError(f"{runs}: no turbo run summary; run turbo with --summarize first")
    summary: dict[str, Any] = json.loads(summaries[-1].read_text(encoding="utf-8"))
    return summary


def timed(command: list[str], root: Path) -> float:
    """Seconds ``command`` took; it must succeed."""
    started = time.monotonic()
    # A fixed command of ours (the project's pytest), no shell.
    if subprocess.run(command, cwd=root, check=False).returncode:  # noqa: S603
        raise ShardError(f"{' '.join(command)} failed: durations are timed on green tests")
    return time.monotonic() - started


def summary(shards: list[Shard]) -> str:
    if not shards:
        return "No test to run: no test job."
    lines = [f"{len(shards)} parallel test jobs:" if len(shards) > 1 else "One test job:"]
    lines += [
        f"  - {shard.index} of {shard.total} ({shard.seconds:.1f} s): {', '.join(shard.units)}"
        for shard in shards
    ]
    return "\n".join(lines)


def add_commands(commands: Any) -> None:
    """The ``shards`` and ``durations`` subcommands of ``python -m slicekit``."""
    shards = commands.add_parser("shards", help="spread a plan's tests over parallel jobs")
    shards.add_argument(
        "--plan", required=True, help="discover's JSON plan: a file, or - for standard input"
    )
    shards.add_argument("--shards", type=int, required=True, help="the most jobs to use")
    shards.add_argument(
        "--min-seconds",
        type=float,
        default=0.0,
        help="open no job for less work than this (a job's own start-up costs about a minute)",
    )
    shards.add_argument("--json", action="store_true", help="print the shards as JSON for CI")
    durations = commands.add_parser(
        "durations", help=f"write {DURATIONS_FILE} from a timed turbo run (make durations)"
    )
    durations.add_argument(
        "--runs", type=Path, required=True, help="turbo's run summaries (.turbo/runs)"
    )


def run_command(root: Path, args: Any) -> int:
    """Print the shards, or record the durations; bad input is one line and exit 2."""
    try:
        if args.command == "durations":
            return _record(root, args.runs)
        text = sys.stdin.read() if args.plan == "-" else Path(args.plan).read_text(encoding="utf-8")
        try:
            plan = json.loads(text)
        except ValueError as error:
            raise ShardError(f"the plan is not JSON: {error}") from error
        durations = read_durations(root / DURATIONS_FILE)
        shards = plan_shards(root, plan, durations, args.shards, min_seconds=args.min_seconds)
    except (ShardError, OSError) as error:
        print(f"{args.command}: {error}", file=sys.stderr)
        return 2
    print(json.dumps([shard.as_json() for shard in shards]) if args.json else summary(shards))
    return 0


def _record(root: Path, runs: Path) -> int:
    testpaths = _project_testpaths(root, set(product_packages(root)))
    project = timed([sys.executable, "-m", "pytest", "-q", *testpaths], root)
    content = record_durations(root, latest_summary(runs), project)
    (root / DURATIONS_FILE).write_text(json.dumps(content, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {DURATIONS_FILE}: {len(content['products'])} products and the project tests")
    return 0
