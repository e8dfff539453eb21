"""The default bake against a one-file template baked in the same run: the ratio.

    uv run python benchmarks/bake_ratio.py                     # medians of 5 runs
    uv run python benchmarks/bake_ratio.py --against 5f088d1   # and the template at a ref

cookiecutter's own start (its imports, reading the template) is the floor every bake
pays; the one-file template (a `cookiecutter.json` and a README) measures it. The default
bake renders the project, runs both hooks (the scaffolder's products, frontend and docs,
`.cruft.json`, git's first commit, `pre-commit install` when pre-commit is on PATH) and
is timed the same way, runs taken in turn so load from other work falls on both alike.
A git identity is set in the environment, so the first commit is part of every bake.
The budget: the default bake within 3 times the one-file one. It asserts nothing.
``--against REF`` also bakes the template as committed at REF (``git archive``: not a git
checkout, so its bake writes no ``.cruft.json``).
"""

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from baking import (
    NOTE,
    TEMPLATE,
    Timing,
    commit_ref,
    median,
    ratio,
    stop_on_failure,
    template_at,
    timed,
    user_environment,
)

BUDGET = 3.0
IDENTITY = {
    f"GIT_{role}_{field}": value
    for role in ("AUTHOR", "COMMITTER")
    for field, value in (("NAME", "Benchmark"), ("EMAIL", "benchmark@example.com"))
}


def one_file_template(scratch: Path) -> Path:
    template = scratch / "one-file"
    (template / "{{cookiecutter.project_slug}}").mkdir(parents=True)
    (template / "cookiecutter.json").write_text('{"project_slug": "one"}\n')
    (template / "{{cookiecutter.project_slug}}" / "README.md").write_text(
        "# {{ cookiecutter.project_slug }}\n"
    )
    return template


def baked(template: Path, scratch: Path, env: dict[str, str]) -> Timing:
    """Bake ``template`` with its default answers into a fresh directory; time it."""
    output = Path(tempfile.mkdtemp(dir=scratch))
    command = (sys.executable, "-m", "cookiecutter", str(template), "--no-input")
    timing = timed((*command, "--output-dir", str(output)), scratch, env)
    shutil.rmtree(output)
    return timing


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repeat", type=int, default=5, help="runs of each (default 5)")
    options.add_argument(
        "--against", metavar="REF", type=commit_ref, help="also bake the template at REF"
    )
    args = options.parse_args()
    env = {**user_environment(), **IDENTITY}
    pre_commit = shutil.which("pre-commit", path=env.get("PATH"))
    with tempfile.TemporaryDirectory() as directory:
        scratch = Path(directory)
        templates = {"one-file template": one_file_template(scratch), "default bake": TEMPLATE}
        if args.against:
            templates[f"default bake at {args.against}"] = template_at(
                args.against, scratch / "then", env
            )
        for template in templates.values():  # once unmeasured: it must work, and compiles
            baked(template, scratch, env)
        runs: dict[str, list[Timing]] = {name: [] for name in templates}
        for _ in range(args.repeat):
            for name, template in templates.items():
                runs[name].append(baked(template, scratch, env))
    timings = {name: median(values) for name, values in runs.items()}
    floor = timings["one-file template"]
    print(f"{sys.platform}; medians of {args.repeat} runs; {NOTE}")
    print(f"pre-commit on PATH: {pre_commit or 'no (its hooks are not installed)'}")
    print(f"  {'':<34}     wall        CPU   ratio wall / CPU (budget {BUDGET:g})")
    for name, timing in timings.items():
        print(f"  {name:<34} {timing} {ratio(timing, floor)}")


if __name__ == "__main__":
    stop_on_failure(main)
