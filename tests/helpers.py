"""Helpers for the template's tests: where the template is, and running commands."""

import os
import subprocess
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent
DEFAULT_PRODUCTS = ("catalog", "orders")


def run(*command: str, cwd: Path, env: dict[str, str] | None = None, timeout: int = 600) -> str:
    """Run a command; fail the test with its output when it exits non-zero."""
    completed = subprocess.run(
        command,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, f"{' '.join(command)} exited {completed.returncode}:\n{output}"
    return output
