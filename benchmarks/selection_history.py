"""Does selective testing skip work safely? Replay a generated history and see.

    uv run python benchmarks/selection_history.py                 # 12 products, 200 commits
    uv run python benchmarks/selection_history.py --products 6 --commits 40 --seed 2
    uv run python benchmarks/selection_history.py --project DIR   # an installed bake, reused

Bakes a project whose products use each other in a graph of depth 3 or more
(``history.product_graph``), installs it, adds a template per product, then
commits a seeded history of mixed kinds (``history.KINDS``, edits in
``history_edits``). For each commit it asks:

- **discover**: ``python -m slicekit discover --base HEAD~1 --json`` (what CI runs);
- **turbo**: which products' ``backend:test`` hash (``turbo run --dry=json``)
  differs from the commit before's: the tasks a cache filled at the parent would
  miss, so what ``make test-selected`` re-runs;
- **what fails**: the whole Django suite in one process, every product installed,
  as main's CI runs it (junit XML, each failing test's product). It runs for every
  commit of a breaking kind and every ``--verify-every``-th other commit, cached
  by tree; for the other commits nothing is taken to fail (the printout says how
  many commits a run verified). A breaking commit is dropped after it is judged,
  as CI would refuse it, so the history goes on from a green tree.

It prints, for each selector, the share of product test work skipped (one
``backend:test`` per product per commit; frontend tasks aside) and the share of
commits where no failing product was skipped. Goal: every commit safe, at least
70% skipped. It takes a while (a suite run per breaking commit).
"""

import argparse
import json
import re
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

import history
import history_edits
from baking import TEMPLATE, CommandFailed, run, stop_on_failure, user_environment

IDENTITY = ("-c", "user.name=b", "-c", "user.email=b@example.com")
PRODUCT_IN_TEST = re.compile(r"products[./](p\d+)[./]")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--products", type=int, default=12)
    parser.add_argument("--commits", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--verify-every", type=int, default=10, help="run the suite on every Nth")
    parser.add_argument("--project", type=Path, help="an installed bake of the same graph")
    return parser.parse_args()


def bake(graph: dict[str, list[str]], scratch: Path, env: dict[str, str]) -> Path:
    answer = f"products={history.products_answer(graph)}"
    command = (sys.executable, "-m", "cookiecutter", str(TEMPLATE), "--no-input")
    run((*command, "--output-dir", str(scratch), answer), scratch, env)
    project = scratch / "my_product_monorepo"
    run(("make", "install", "node_modules"), project, env)
    return project


def commit(project: Path, message: str, env: dict[str, str]) -> None:
    run(("git", "add", "-A"), project, env)
    run(("git", *IDENTITY, "commit", "--no-verify", "-qm", message), project, env)


def packages(project: Path) -> dict[str, str]:
    """turbo package name -> product."""
    return {
        json.loads(path.read_text())["name"]: path.parent.name
        for path in (project / "products").glob("*/package.json")
    }


def turbo_hashes(project: Path, env: dict[str, str]) -> dict[str, str]:
    """Each product's ``backend:test`` hash, as turbo computes it for the checkout."""
    turbo = str(project / "node_modules" / ".bin" / "turbo")
    output = run((turbo, "run", "backend:test", "--dry=json"), project, env)
    by_package = packages(project)
    return {
        by_package[task["package"]]: task["hash"]
        for task in json.loads(output)["tasks"]
        if task["task"] == "backend:test" and task["package"] in by_package
    }


def discover(project: Path, env: dict[str, str], every: list[str]) -> set[str]:
    output = run(
        (history_edits.PYTHON, "-m", "slicekit", "discover", "--base", "HEAD~1", "--json"),
        project,
        env,
    )
    plan = json.loads(output)
    return set(every) if plan["full_suite"] else set(plan["products"])


class Oracle:
    """What the whole suite shows failing, by product; one run per tree."""

    def __init__(self, project: Path, env: dict[str, str]) -> None:
        self.project, self.env = project, env
        self.cache: dict[str, set[str]] = {}
        self.runs = 0
        self.seconds = 0.0

    def failing(self) -> set[str]:
        tree = run(("git", "rev-parse", "HEAD^{tree}"), self.project, self.env).decode().strip()
        if tree not in self.cache:
            self.cache[tree] = self._run()
        return self.cache[tree]

    def _run(self) -> set[str]:
        started = time.monotonic()
        with tempfile.TemporaryDirectory() as scratch:
            report = Path(scratch) / "junit.xml"
            command = (
                *(history_edits.PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider"),
                *("--continue-on-collection-errors", f"--junitxml={report}", "products"),
            )
            try:
                run(command, self.project, self.env)
            except CommandFailed:  # exit 1: some tests failed, which is what is asked
                if not report.exists():
                    raise
            failed = set()
            for case in ET.parse(report).iter("testcase"):
                if case.find("failure") is not None or case.find("error") is not None:
                    where = f"{case.get('classname', '')}.{case.get('name', '')}"
                    if found := PRODUCT_IN_TEST.search(where + "."):
                        failed.add(found[1])
        self.runs += 1
        self.seconds += time.monotonic() - started
        return failed


def replay(project: Path, args: argparse.Namespace, graph: dict[str, list[str]]) -> None:
    env = {**user_environment(), "TURBO_TELEMETRY_DISABLED": "1"}
    every = list(graph)
    history_edits.prepare(project, every)
    commit(project, "a template per product, and its test", env)
    oracle = Oracle(project, env)
    if before := oracle.failing():
        sys.exit(f"the starting tree fails already: {', '.join(sorted(before))}")
    scores = {name: history.Score(len(every)) for name in ("discover", "turbo")}
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    disagreements, verified = [], 0
    previous = turbo_hashes(project, env)
    for planned in history.generate(graph, args.commits, args.seed):
        history_edits.edit(project, planned.kind, planned.product, planned.number, env)
        commit(project, f"{planned.kind} {planned.product}", env)
        hashes = turbo_hashes(project, env)
        chosen = {
            "discover": discover(project, env, every),
            "turbo": {name for name, value in hashes.items() if previous.get(name) != value},
        }
        checked = planned.breaking or planned.number % args.verify_every == 0
        failing = oracle.failing() if checked else set()
        verified += checked
        for name, score in scores.items():
            score.add(planned, chosen[name], failing)
        if chosen["discover"] != chosen["turbo"]:
            disagreements.append(f"#{planned.number} {planned.kind} {planned.product}")
        tally = by_kind[planned.kind]
        tally.update(commits=1, selected=len(chosen["turbo"]), failing=len(failing))
        print(
            f"#{planned.number:3} {planned.kind:<16} {planned.product or '-':<4} "
            f"turbo {len(chosen['turbo']):2} discover {len(chosen['discover']):2} "
            f"failing {','.join(sorted(failing)) or '-'}",
            file=sys.stderr,
            flush=True,
        )
        if planned.breaking:  # refused by CI: the history goes on from its parent
            run(("git", "reset", "-q", "--hard", "HEAD~1"), project, env)
        else:
            previous = hashes
    report(args, graph, scores, by_kind, disagreements, verified, oracle)


def report(
    args: argparse.Namespace,
    graph: dict[str, list[str]],
    scores: dict[str, history.Score],
    by_kind: dict[str, Counter[str]],
    disagreements: list[str],
    verified: int,
    oracle: Oracle,
) -> None:
    breaking = sum(
        tally["commits"] for kind, tally in by_kind.items() if history.BY_NAME[kind].breaking
    )
    print(
        f"{len(graph)} products (dependency depth {history.depth(graph)}), "
        f"{args.commits} commits, seed {args.seed}: {breaking} of a breaking kind"
    )
    print(
        f"  what fails: the whole suite in one process, run on {verified} commits (every "
        f"breaking one, every {args.verify_every}th other), {oracle.runs} runs by tree, "
        f"{oracle.seconds:.0f} s; the other commits are taken to fail nothing"
    )
    for name, score in scores.items():
        print(
            f"  {name:<9} work skipped {score.skipped:6.1%}   commits safe {score.safe:7.1%} "
            f"({score.commits - len(score.unsafe)} of {score.commits})"
        )
        for line in score.unsafe:
            print(f"      unsafe {line}")
    print(f"  discover and turbo chose differently on {len(disagreements)} commits")
    for line in disagreements:
        print(f"      {line}")
    print(f"  {'kind':<17}{'commits':>8}{'tasks run (mean)':>18}{'products failing':>18}")
    for kind in history.KINDS:
        tally = by_kind.get(kind.name)
        if tally:
            mean = tally["selected"] / tally["commits"]
            print(f"  {kind.name:<17}{tally['commits']:>8}{mean:>18.1f}{tally['failing']:>18}")


def main() -> None:
    args = arguments()
    graph = history.product_graph(args.products, args.seed)
    env = user_environment()
    if args.project:
        replay(args.project.resolve(), args, graph)
        return
    with tempfile.TemporaryDirectory() as scratch:
        replay(bake(graph, Path(scratch), env), args, graph)


if __name__ == "__main__":
    stop_on_failure(main)
