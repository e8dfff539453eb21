"""A baked project's long-running commands (`make run`, `make cache-server`), started as a user
starts them, and `make run` asked over HTTP."""

import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from .helpers import clean_environment, free_port, stop


@dataclass(frozen=True)
class Server:
    url: str  # ends with "/"
    process: subprocess.Popen[bytes]
    log: Path

    def get(self, path: str, timeout: float = 120) -> tuple[int, str]:
        """Status and body of ``path`` once the server answers (its first start may build)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"make run exited {self.process.returncode}:\n{self.tail()}")
            try:
                with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=5) as response:
                    return response.status, response.read().decode()
            except urllib.error.HTTPError as error:
                return error.code, error.read().decode()
            except OSError:  # not listening yet
                time.sleep(0.5)
        pytest.fail(
            f"nothing answered on {self.url}{path.lstrip('/')} within {timeout}s:\n{self.tail()}"
        )

    def tail(self) -> str:
        return self.log.read_text()[-4000:]


@contextmanager
def started(command: Sequence[str], cwd: Path, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """``command`` started as a user starts it, in its own session, its output in ``log``:
    a pipe nobody reads would stall it once full. Stopped, with all it started, on the way out."""
    with log.open("w") as output:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=clean_environment(),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process
    finally:
        stop(process)


@contextmanager
def make_run(project: Path, log: Path) -> Iterator[Server]:
    """`make run` on a free port (every request adds a line to ``log``)."""
    port = free_port()
    with started(["make", "run", f"PORT={port}"], project, log) as process:
        yield Server(f"http://127.0.0.1:{port}/", process, log)
