"""Full tier: every exercise of docs/workshop.md, run as written, does what it promises.

Each command block in the workshop is preceded by an HTML comment, invisible
when the document is rendered, saying what the block promises:
``<!-- expect: ok "text" ... -->`` (exit 0 and each text in the output) or
``<!-- expect: fails "text" ... -->`` (a non-zero exit and each text). The test
runs every block in order, in one bake, as a trainee would paste it.
"""

import os
import re
from pathlib import Path

import pytest

from .helpers import attempt, clean_environment, uv
from .options import WORKSHOP_OPTION_SETS, Cell, cells

pytestmark = pytest.mark.full

BLOCK = re.compile(r"<!-- expect: (ok|fails)((?: \"[^\"]*\")*) -->\n```sh\n(.*?)```", re.DOTALL)
QUOTED = re.compile(r"\"([^\"]*)\"")


def exercises(workshop: str) -> list[tuple[bool, list[str], str]]:
    """``(should_pass, expected_texts, script)`` for each block, in document order."""
    return [
        (outcome == "ok", QUOTED.findall(texts), script)
        for outcome, texts, script in BLOCK.findall(workshop)
    ]


@pytest.fixture(scope="module", params=cells(WORKSHOP_OPTION_SETS), ids=str)
def workshop_cell(request: pytest.FixtureRequest) -> Cell:
    return request.param


def test_every_command_block_declares_what_it_promises(bake, workshop_cell: Cell) -> None:
    workshop = (bake(**workshop_cell.answers()) / "docs" / "workshop.md").read_text()

    assert workshop.count("```sh") == len(exercises(workshop)) >= 10


def test_the_workshop_exercises_do_what_they_promise(bake, workshop_cell: Cell) -> None:
    project = bake(**workshop_cell.answers())
    # As the workshop tells a trainee: uv from PATH, or the one the first `make` installs.
    path = f"{Path(uv(project)).parent}{os.pathsep}{clean_environment()['PATH']}"
    for should_pass, expected, script in exercises((project / "docs" / "workshop.md").read_text()):
        code, output = attempt(
            "bash", "-euo", "pipefail", "-c", script, cwd=project, env={"PATH": path}, timeout=900
        )
        assert (code == 0) == should_pass, f"{script}\nexited {code}:\n{output}"
        for text in expected:
            assert text in output, f"{script}\npromised {text!r}, printed:\n{output}"
