"""Full tier: two clones of a bake share one turbo remote cache, served by `make cache-server`.

The first clone runs every product task and uploads the results, signed; the
second clone, at another path, has no virtualenv at all, so it cannot run
pytest: it passes only if turbo replays every task from the server. A wrong
signature key must make turbo refuse what the server holds.
"""

import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .helpers import attempt, commit_all, free_port, require, run
from .options import Cell
from .serving import started

pytestmark = pytest.mark.full

OFFLINE = ("unshare", "--map-root-user", "--net")  # a network namespace: loopback only, once up
# Inside that namespace: start the server, wait until it answers, stop it and all it started.
OFFLINE_START = """
ip link set lo up
setsid make cache-server CACHE_PORT="$PORT" > "$LOG" 2>&1 &
server=$!
trap 'kill -TERM -- "-$server"' EXIT
for _ in $(seq 90); do
  token=$(sed -n 's/^TURBO_TOKEN=//p' .turbo/cache-server.env 2>/dev/null)
  if python3 -c "$ASK" "http://127.0.0.1:$PORT/v8/artifacts/status" "$token" 2>/dev/null; then
    exit 0
  fi
  sleep 1
done
exit 1
"""
ASK = (
    "import sys, urllib.request as u; "
    "u.urlopen(u.Request(sys.argv[1], headers={'Authorization': 'Bearer ' + sys.argv[2]}), "
    "timeout=2)"
)

STARTUP = 180  # seconds: the first start may fetch the pinned server into npx's cache
TASKS = re.compile(r"Tasks:\s+(\d+) successful, (\d+) total")


@pytest.fixture(scope="module")
def origin(tooling_cell: Cell, bake_once) -> Path:
    require(shutil.which("npx") is not None, "npx (Node) is not on PATH")
    project = bake_once(**tooling_cell.answers())
    run("make", "install", "node_modules", cwd=project)
    commit_all(project, "lock files")  # a team commits both lock files
    return project


@pytest.fixture(scope="module")
def clones(origin: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two clones at different paths (and depths): turbo's hashes must not see the path."""
    first = tmp_path_factory.mktemp("alice") / "project"
    second = tmp_path_factory.mktemp("bob") / "work" / "checkouts" / "project"
    second.parent.mkdir(parents=True)
    for clone in (first, second):
        run("git", "clone", "--quiet", str(origin), str(clone), cwd=origin.parent)
    return first, second


@pytest.fixture(scope="module")
def server(clones: tuple[Path, Path]) -> Iterator[dict[str, str]]:
    """`make cache-server` on a free port of 127.0.0.1; yields the variables it prints."""
    first, _ = clones
    log = first.parent / "cache-server.log"
    port = free_port()
    with started(["make", "cache-server", f"CACHE_PORT={port}"], first, log) as process:
        variables = wait_for_server(process, log)
        assert variables["TURBO_API"] == f"http://127.0.0.1:{port}"
        yield variables


def wait_for_server(process: subprocess.Popen[bytes], log: Path) -> dict[str, str]:
    """The `export NAME=value` lines the target printed, once the server answers with them."""
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline:
        assert process.poll() is None, f"make cache-server exited:\n{log.read_text()}"
        variables = dict(re.findall(r"\b(TURBO_\w+)=(\S+)", log.read_text()))
        if {"TURBO_API", "TURBO_TOKEN"} <= set(variables):
            status = urllib.request.Request(
                f"{variables['TURBO_API']}/v8/artifacts/status",
                headers={"Authorization": f"Bearer {variables['TURBO_TOKEN']}"},
            )
            try:
                with urllib.request.urlopen(status, timeout=5) as response:
                    if response.status == 200:
                        return variables
            except (urllib.error.URLError, ConnectionError):
                pass  # not listening yet
        time.sleep(1)
    pytest.fail(f"the cache server did not answer within {STARTUP} s:\n{log.read_text()}")


def turbo(clone: Path, variables: dict[str, str], *make: str) -> tuple[int, str]:
    return attempt("make", *make, "test-selected", cwd=clone, env=variables, timeout=600)


def test_the_second_clone_replays_every_task_without_running_pytest(
    clones: tuple[Path, Path], server: dict[str, str]
) -> None:
    first, second = clones
    assert {"TURBO_API", "TURBO_TEAM", "TURBO_TOKEN", "TURBO_REMOTE_CACHE_SIGNATURE_KEY"} <= set(
        server
    )

    code, output = turbo(first, server)
    assert code == 0, output
    (ran, total) = TASKS.search(output).groups()
    assert ran == total
    assert f"Cached:    0 cached, {total} total" in output  # a cold cache: every task ran

    # Only Node's packages: without .venv no task can run, pytest least of all.
    run("make", "node_modules", cwd=second)
    assert not (second / ".venv").exists()
    # -o install: make takes the virtualenv as made and does not create it.
    code, output = turbo(second, server, "-o", "install")

    assert code == 0, output
    assert f"Tasks:    {total} successful, {total} total" in output
    assert f"Cached:    {total} cached, {total} total" in output
    assert "FULL TURBO" in output
    assert not (second / ".venv").exists()


def test_an_artifact_that_does_not_verify_is_not_replayed(
    clones: tuple[Path, Path], server: dict[str, str], tmp_path: Path
) -> None:
    """Signed artifacts: with another key turbo must treat the server's results as misses."""
    first, _ = clones
    assert turbo(first, server)[0] == 0  # the server holds every task's result
    stranger = tmp_path / "stranger"
    run("git", "clone", "--quiet", str(first), str(stranger), cwd=tmp_path)
    run("make", "node_modules", cwd=stranger)
    forged = {**server, "TURBO_REMOTE_CACHE_SIGNATURE_KEY": "not-the-teams-key"}

    code, output = turbo(stranger, forged, "-o", "install")

    assert code != 0  # a miss must run the task, and with no virtualenv it cannot
    assert "FULL TURBO" not in output
    assert re.search(r"Cached:\s+0 cached", output), output
    # The same clone with the team's key: the results were there all along.
    code, output = turbo(stranger, server, "-o", "install")
    assert code == 0, output
    assert "FULL TURBO" in output


def test_the_cache_server_starts_without_a_network(
    clones: tuple[Path, Path], server: dict[str, str], tmp_path: Path
) -> None:
    """Once npx holds the pinned server (the fixture's start fetched it), no registry is asked."""
    first, _ = clones
    require(attempt(*OFFLINE, "true", cwd=first)[0] == 0, f"{' '.join(OFFLINE)} is refused")
    log = tmp_path / "offline.log"
    env = {"PORT": str(free_port()), "LOG": str(log), "ASK": ASK}

    code, output = attempt(*OFFLINE, "bash", "-c", OFFLINE_START, cwd=first, env=env, timeout=120)

    assert code == 0, f"{output}\n{log.read_text()}"
