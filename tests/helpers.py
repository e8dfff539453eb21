"""Helpers for the template's tests: where the template is, and running commands."""

import contextlib
import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
import yaml

WORKFLOW = Path(".github", "workflows", "ci.yml")
TEMPLATE = Path(__file__).resolve().parent.parent
TOOLS = Path(sys.executable).parent  # the template's virtualenv: actionlint, shellcheck, zizmor
DEFAULT_PRODUCTS = ("catalog", "orders")
GIT_USER = ("Template Tests", "tests@example.com")  # conftest configures git with it


def run(*command: str, cwd: Path, env: dict[str, str] | None = None, timeout: int = 600) -> str:
    """Run a command; fail the test with its output when it exits non-zero."""
    returncode, output = attempt(*command, cwd=cwd, env=env, timeout=timeout)
    assert returncode == 0, f"{' '.join(command)} exited {returncode}:\n{output}"
    return output


def run_kit(module: str, *args: str, cwd: Path) -> str:
    """``python -m <module>`` of the kit the project at ``cwd`` carries, before any install."""
    return run(sys.executable, "-m", module, *args, cwd=cwd, env=kit_path(cwd))


def kit_path(project: Path) -> dict[str, str]:
    """The environment that imports ``slicekit`` from the project's kit/ folder."""
    return {"PYTHONPATH": str(project / "kit" / "src")}


def attempt(
    *command: str, cwd: Path, env: dict[str, str] | None = None, timeout: int = 600
) -> tuple[int, str]:
    """Run a command that may fail; return its exit code and its stdout and stderr."""
    completed = subprocess.run(
        command,
        cwd=cwd,
        env={**clean_environment(), **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return completed.returncode, completed.stdout + completed.stderr


def clean_environment() -> dict[str, str]:
    """The environment without the template's own virtualenv, as a user's shell would be."""
    environment = dict(os.environ)
    environment.pop("UV", None)  # `uv run` points this at the template's own uv
    # CI=true is the template's own CI: under it pnpm refuses to update a project's lock, as a
    # project's CI should, while these commands play a developer adding a product.
    environment.pop("CI", None)
    # Under the template's `make test`, these would make every inner `make` print
    # "Entering directory" lines and inherit the outer make's flags.
    for variable in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES"):
        environment.pop(variable, None)
    venv = environment.pop("VIRTUAL_ENV", None)
    if venv:
        paths = environment.get("PATH", "").split(os.pathsep)
        environment["PATH"] = os.pathsep.join(p for p in paths if not p.startswith(venv))
    return environment


def commit_all(project: Path, message: str) -> str:
    """Commit every change in the baked project's repository; return the new commit.

    ``--no-verify``: a test that commits to set a scene must not depend on whether
    the bake found pre-commit and installed its hooks.
    """
    run("git", "add", "--all", cwd=project)
    run("git", "commit", "--quiet", "--no-verify", "--message", message, cwd=project)
    return run("git", "rev-parse", "HEAD", cwd=project).strip()


def copy_template(destination: Path) -> Path:
    """The template's files as they are now (tracked or new, not ignored), without git."""
    listed = run(
        "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=TEMPLATE
    )
    for name in filter(None, listed.split("\0")):
        source = TEMPLATE / name
        if source.is_file():  # a tracked file deleted in the work tree is still listed
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    return destination


def uv(project: Path) -> str:
    """The uv that the project's Makefile uses: from PATH, else the one it bootstrapped."""
    on_path = shutil.which("uv", path=clean_environment()["PATH"])
    return on_path or str(project / ".tools" / "bin" / "uv")


def load_workflow(project: Path) -> dict[Any, Any]:
    return yaml.safe_load((project / WORKFLOW).read_text())


def workflow_steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def step_script(project: Path, name: str) -> str:
    """The shell script of the workflow step called ``name``."""
    return workflow_step(project, name)[1]["run"]


def step_as_run(project: Path, name: str) -> str:
    """That script after its job's plain ``env`` (values GitHub does not compute) as exports,
    as the runner sets them."""
    job, step = workflow_step(project, name)
    exports = "".join(f"export {key}={shlex.quote(str(value))}\n" for key, value in plain_env(job))
    return exports + step["run"]


def workflow_step(project: Path, name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The step called ``name`` and its job."""
    (found,) = [
        (job, step)
        for job in load_workflow(project)["jobs"].values()
        for step in job["steps"]
        if step.get("name") == name
    ]
    return found


def plain_env(job: dict[str, Any]) -> list[tuple[str, Any]]:
    return [(k, v) for k, v in (job.get("env") or {}).items() if "${{" not in str(v)]


def require(available: bool, reason: str) -> None:
    """Skip a test whose tool or service is missing here; in CI, fail: CI must run it."""
    if not available:
        if os.environ.get("CI"):
            pytest.fail(f"{reason}, and CI must run this test")
        pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(process: subprocess.Popen[Any]) -> None:
    """SIGTERM a process started with ``start_new_session=True`` and all it started;
    SIGKILL whatever lingers.

    Once in CI a `make run` tree outlived SIGTERM by 30 s (not reproduced in 15 tries);
    the kill keeps a stray server from holding the machine, and the warning
    shows what was still running.
    """
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        tree = subprocess.run(
            ["ps", "-o", "pid,stat,wchan:20,cmd", "-g", str(process.pid)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        warnings.warn(f"{process.args} outlived SIGTERM by 30 s:\n{tree}", stacklevel=1)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def actionlint(workflow: Path) -> list[str]:
    """The kinds of actionlint's findings (``runner-label``, ``shellcheck``, ...), one per finding.

    ShellCheck from the virtualenv checks every ``run:`` script, here and on a
    runner that has its own on PATH; no step is Python, so pyflakes is off.
    """
    command = (TOOLS / "actionlint", "-shellcheck", TOOLS / "shellcheck", "-pyflakes=")
    completed = subprocess.run(
        (*command, "-format", "{{json .}}", workflow), capture_output=True, text=True, check=False
    )
    assert completed.returncode in (0, 1), completed.stderr  # 1: findings; more: it failed
    return [finding["kind"] for finding in json.loads(completed.stdout)]


def zizmor(workflow: Path) -> list[str]:
    """The idents of zizmor's findings (offline, default persona), one per finding."""
    completed = subprocess.run(
        (TOOLS / "zizmor", "--offline", "--format=json", workflow),
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0 or completed.returncode >= 10, completed.stderr  # 1x: findings
    return [finding["ident"] for finding in json.loads(completed.stdout)]
