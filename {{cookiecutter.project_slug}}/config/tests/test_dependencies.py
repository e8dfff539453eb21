"""Every package the code imports is declared in ``pyproject.toml``.

A package that arrives only as another's dependency works until that one drops
it; deptry compares the imports of every module with the declared dependencies
(``[tool.deptry]`` in ``pyproject.toml`` lists the few used by name only).
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def test_every_imported_package_is_declared() -> None:
    deptry = Path(sys.executable).with_name("deptry")
    completed = subprocess.run(
        [deptry, "--no-ansi", "."], cwd=ROOT, capture_output=True, text=True, check=False
    )

    assert completed.returncode == 0, completed.stdout + completed.stderr
