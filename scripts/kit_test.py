"""Run the kit's own test suite standalone, with no bake (``make kit-test``), over its floor.

The kit's tests run in the kit's own test project (kit/tests/testproject). uv cannot run them
in place: the kit's folder sits in the project template, whose pyproject.toml (a uv workspace
holding the kit) is Jinja. So the kit is copied into a root of its own, as it ships, with the
few project files some tests read beside it: the template's packages/ (copied without render)
and its turbo.json, Makefile and .env.example rendered with the default answers. The tests
that run a whole generated project (marked needs_project) skip here; tests/test_kit_full.py
runs them in a bake.
"""

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent
PROJECT = TEMPLATE / "{{cookiecutter.project_slug}}"
ROOT = TEMPLATE / "build" / "kit-root"
COPIED = ("kit", "packages")
RENDERED = ("turbo.json", "Makefile", ".env.example")
KEPT = {".venv"}  # the kit's environment, synced again each run: fast when nothing changed
COVERAGE = "--rcfile=pyproject.toml"


def default_answers() -> dict[str, object]:
    """The answers of a bake with no input, as cookiecutter works them out."""
    from cookiecutter.generate import generate_context
    from cookiecutter.prompt import prompt_for_config

    sys.path.insert(0, str(TEMPLATE))  # the template's Jinja extension (answers_extension)
    context = generate_context(context_file=str(TEMPLATE / "cookiecutter.json"))
    return prompt_for_config(context, no_input=True)


def render(names: tuple[str, ...], target: Path) -> None:
    from cookiecutter.environment import StrictEnvironment

    answers = default_answers()
    environment = StrictEnvironment(context={"cookiecutter": answers}, keep_trailing_newline=True)
    for name in names:
        template = environment.from_string((PROJECT / name).read_text())
        (target / name).write_text(template.render(cookiecutter=answers))


def assemble(root: Path) -> Path:
    """Lay the kit and the files its tests read in ``root``; return the kit's copy."""
    kit = root / "kit"
    for path in root.glob("*"):
        if path.name != "kit":
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    for path in kit.glob("*") if kit.is_dir() else ():
        if path.name not in KEPT:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    for name in COPIED:
        ignore = shutil.ignore_patterns("__pycache__", ".venv", ".*_cache")
        shutil.copytree(PROJECT / name, root / name, ignore=ignore, dirs_exist_ok=True)
    render(RENDERED, root)
    return kit


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/kit_test.py")
    parser.add_argument("--root", type=Path, default=ROOT, help="where to lay the kit's copy")
    parser.add_argument("--uv", default="uv", help="the uv to run")
    parser.add_argument("--python", default=sys.executable, help="the kit's Python (ours)")
    parser.add_argument("pytest_args", nargs="*", help="passed on to pytest")
    args = parser.parse_args(argv)
    kit = assemble(args.root.resolve())
    found = shutil.which(args.uv)  # resolved here: the commands below run in the kit's copy
    uv = [str(Path(found).resolve()) if found else args.uv, "run", "--project", str(kit)]
    uv += ["--python", args.python]  # never one uv would download
    # coverage run, not pytest --cov: the kit's pytest plugin (an entry point) imports the kit
    # before pytest-cov would start measuring it.
    tests = [*uv, "coverage", "run", COVERAGE, "-m", "pytest", "-q", *args.pytest_args]
    report = [*uv, "coverage", "report", COVERAGE]
    for command in (tests, report):
        if subprocess.run(command, cwd=kit, check=False).returncode:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
