"""The project around the kit's tests, for the few tests that read or run one.

The suite runs in its own test project (tests/testproject), from a root that holds the kit and
maybe some of a generated project's files: a baked project holds them all; the template's `make
kit-test` puts the template's packages/, turbo.json, Makefile and .env.example beside a copy of
the kit. A test that needs what its root lacks is skipped there, in one line that says what
runs it: the template's full tier runs `needs_project` tests in a bake.
"""

from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
GENERATED = (PROJECT_ROOT / "manage.py").is_file()


def project_file(relative: str) -> Path:
    """A file or folder of the project around the kit: skip the test when this root lacks it."""
    path = PROJECT_ROOT / relative
    if not path.exists():
        pytest.skip(f"{relative} is not beside the kit here (make kit-test or a bake has it)")
    return path
