"""What the benchmarks share: baking a project with N products, running and timing commands.

Every timing is a wall time and a CPU time: user plus system seconds of the
command and all its children (``RUSAGE_CHILDREN``). On a machine shared with
other work, the wall clock stretches with the load and the CPU time much less,
so the CPU figures are the ones to compare; medians of several runs smooth
what is left. A command that fails stops the benchmark with the tail of its
output and one line naming it, never a traceback.
"""

import argparse
import os
import resource
import shlex
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent
NOTE = "wall = elapsed seconds, CPU = user + system seconds of every process it started"
TAIL = 25  # lines of a failed command's output worth showing


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float

    def __str__(self) -> str:
        return f"{self.wall:8.2f} s {self.cpu:8.2f} s"


class CommandFailed(Exception):
    """A command the benchmark needs exited non-zero; ``stop_on_failure`` reports it."""

    def __init__(self, command: tuple[str, ...], cwd: Path, completed: subprocess.CompletedProcess):
        self.command, self.cwd, self.completed = command, cwd, completed
        super().__init__(f"`{shlex.join(command)}` in {cwd} exited {completed.returncode}")


def run(
    command: tuple[str, ...], cwd: Path, env: dict[str, str], stdin: bytes | None = None
) -> bytes:
    """Run ``command``; return its standard output, or raise ``CommandFailed``."""
    completed = subprocess.run(command, cwd=cwd, env=env, input=stdin, capture_output=True)
    if completed.returncode:
        raise CommandFailed(command, cwd, completed)
    return completed.stdout


def measured(command: tuple[str, ...], cwd: Path, env: dict[str, str]) -> tuple[Timing, str]:
    """Run ``command`` (as ``run``); return its wall and CPU time, and its standard output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    output = run(command, cwd, env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu), output.decode(errors="replace")


def timed(command: tuple[str, ...], cwd: Path, env: dict[str, str]) -> Timing:
    return measured(command, cwd, env)[0]


def median(timings: Iterable[Timing]) -> Timing:
    """The median wall time and the median CPU time (each of its own runs)."""
    timings = list(timings)
    return Timing(
        statistics.median(t.wall for t in timings), statistics.median(t.cpu for t in timings)
    )


def repeated(repeat: int, command: tuple[str, ...], cwd: Path, env: dict[str, str]) -> Timing:
    return median(timed(command, cwd, env) for _ in range(repeat))


def commit_ref(ref: str) -> str:
    """An ``--against`` value: a commit of this repository, else argparse's one-line error."""
    verified = subprocess.run(
        ("git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"),
        cwd=TEMPLATE,
        capture_output=True,
        check=False,
    )
    if verified.returncode:
        raise argparse.ArgumentTypeError(f"no such commit in {TEMPLATE}: {ref}")
    return ref


def template_at(ref: str, scratch: Path, env: dict[str, str]) -> Path:
    """The template as committed at ``ref``, unpacked into ``scratch``."""
    archive = run(("git", "archive", "--format=tar", ref), TEMPLATE, env)
    scratch.mkdir()
    run(("tar", "-x", "-C", str(scratch)), scratch, env, stdin=archive)
    return scratch


def ratio(a: Timing, b: Timing) -> str:
    return f"{a.wall / b.wall:8.2f}   {a.cpu / b.cpu:8.2f}"


def stop_on_failure(main: Callable[[], None]) -> None:
    """Run a benchmark's ``main``; a failed command ends it with its output's tail and one line."""
    try:
        main()
    except CommandFailed as failure:
        output = (failure.completed.stdout + failure.completed.stderr).decode(errors="replace")
        for line in output.rstrip().splitlines()[-TAIL:]:
            print(f"  | {line}", file=sys.stderr)
        sys.exit(f"benchmark stopped: {failure}")
    except KeyboardInterrupt:
        sys.exit("benchmark interrupted")


def product_list(count: int) -> str:
    """``p001, p002:p001, p003, ...``: every other product uses the facade of the one before."""
    names = [f"p{number:03d}" for number in range(1, count + 1)]
    return ", ".join(
        f"{name}:{names[index - 1]}" if index % 2 else name for index, name in enumerate(names)
    )


def user_environment() -> dict[str, str]:
    """The environment as a user's shell has it: without this template's own virtualenv
    or an outer make's flags, and writing bytecode (where PYTHONDONTWRITEBYTECODE is set,
    every Django process compiled Django again, which doubled small timings)."""
    left_out = {"UV", "VIRTUAL_ENV", "PYTHONDONTWRITEBYTECODE"}
    left_out |= {"MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES"}
    env = {key: value for key, value in os.environ.items() if key not in left_out}
    venv = os.environ.get("VIRTUAL_ENV")
    if venv:
        paths = env.get("PATH", "").split(os.pathsep)
        env["PATH"] = os.pathsep.join(path for path in paths if not path.startswith(venv))
    return env


def bake(
    products: int, scratch: Path, env: dict[str, str], template: Path = TEMPLATE
) -> tuple[Path, Timing]:
    """Bake ``template`` into ``scratch``; return the project and cookiecutter's timing."""
    command = (
        *(sys.executable, "-m", "cookiecutter", str(template), "--no-input"),
        *("--output-dir", str(scratch), f"products={product_list(products)}"),
    )
    return scratch / "my_product_monorepo", timed(command, scratch, env)


def arguments(doc: str, products: int | tuple[int, ...]) -> argparse.Namespace:
    """``--products N`` (default ``products``; several values when it is a tuple) and
    ``--repeat N`` (default 3), all at least 1."""
    return parser(doc, products).parse_args()


def parser(doc: str, products: int | tuple[int, ...]) -> argparse.ArgumentParser:
    """The parser ``arguments`` uses, for benchmarks that add options of their own."""
    several = isinstance(products, tuple)

    def at_least_one(text: str) -> int:
        value = int(text)
        if value < 1:
            raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
        return value

    result = argparse.ArgumentParser(
        description=doc.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    result.add_argument(
        "--products", type=at_least_one, nargs="+" if several else None, default=products
    )
    result.add_argument("--repeat", type=at_least_one, default=3)
    return result
