"""Fast tier: the template's own workflow is valid and safe, and its matrix covers the full tier.

Each full-tier matrix job runs one cell (a Python and an option set, see
tests/options.py); these tests prove that the cells share the full tier out
with no test left out and none run twice.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .helpers import TEMPLATE, actionlint, zizmor
from .options import EVERY_PYTHON, OPTION_SETS, PYTHONS, SELECTORS, Cell, cells
from .test_browser import SCREENSHOTS

TEMPLATE_WORKFLOW = TEMPLATE / ".github" / "workflows" / "template.yml"


def test_actionlint_and_zizmor_find_nothing() -> None:
    assert actionlint(TEMPLATE_WORKFLOW) == []
    assert zizmor(TEMPLATE_WORKFLOW) == []


def test_the_full_tier_matrix_is_every_cell(tmp_path: Path) -> None:
    """The template workflow's own matrix step, run as GitHub would."""
    steps = yaml.safe_load(TEMPLATE_WORKFLOW.read_text())["jobs"]["fast"]["steps"]
    (script,) = [step["run"] for step in steps if step.get("id") == "matrix"]
    output = tmp_path / "output"
    subprocess.run(
        ["bash", "-e", "-c", script], cwd=TEMPLATE, env={"GITHUB_OUTPUT": str(output)}, check=True
    )

    name, _, value = output.read_text().strip().partition("=")
    assert name == "matrix"
    jobs = [Cell(**job) for job in json.loads(value)["include"]]
    assert jobs == cells()
    assert {job.options for job in jobs} == set(OPTION_SETS)
    assert {job.python for job in jobs if job.options in EVERY_PYTHON} == set(PYTHONS)


def collected(**selection: str) -> set[str]:
    """The full-tier tests a run with these TEMPLATE_* variables would run."""
    env = {key: value for key, value in os.environ.items() if key not in SELECTORS}
    completed = subprocess.run(
        (sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", "full"),
        cwd=TEMPLATE,
        env={**env, **selection, "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        check=True,
    )
    return {line for line in completed.stdout.splitlines() if "::" in line}


def test_every_full_tier_test_belongs_to_one_matrix_cell_and_runs_in_it() -> None:
    """Then the matrix jobs run the whole full tier between them, each test once."""
    everything = collected()

    assert everything
    for test in everything:
        assert sum(in_cell(test, cell) for cell in cells()) == 1, test
    chosen = Cell("3.12", "defaults")
    chosen_only = collected(TEMPLATE_PYTHON=chosen.python, TEMPLATE_OPTIONS=chosen.options)
    assert chosen_only == {test for test in everything if in_cell(test, chosen)}


def in_cell(test: str, cell: Cell) -> bool:
    """Whether the test's id has the cell among its parameters (``[...-python 3.12, ...-...]``)."""
    return re.search(rf"[\[-]{re.escape(str(cell))}[\]-]", test) is not None


def test_a_selection_that_matches_no_cell_is_refused() -> None:
    with pytest.raises(subprocess.CalledProcessError) as refused:
        collected(TEMPLATE_OPTIONS="defualts")

    assert "TEMPLATE_OPTIONS='defualts' is none of" in refused.value.stderr


def test_a_selection_of_a_cell_outside_the_matrix_is_refused() -> None:
    left_out = next(
        Cell(python, options)
        for python in PYTHONS
        for options in OPTION_SETS
        if Cell(python, options) not in cells()
    )
    with pytest.raises(subprocess.CalledProcessError) as refused:
        collected(TEMPLATE_PYTHON=left_out.python, TEMPLATE_OPTIONS=left_out.options)

    assert f"no cell runs {left_out.options!r} on python {left_out.python}" in refused.value.stderr


def test_each_full_tier_job_runs_its_own_cell_and_may_unshare() -> None:
    workflow = yaml.safe_load(TEMPLATE_WORKFLOW.read_text())
    full = workflow["jobs"]["full"]
    runs = [step.get("run") for step in full["steps"]]

    assert workflow["concurrency"]["cancel-in-progress"] is True
    assert full["strategy"]["matrix"] == "${{ fromJSON(needs.fast.outputs.matrix) }}"
    assert full["env"]["TEMPLATE_PYTHON"] == "${{ matrix.python }}"
    assert full["env"]["TEMPLATE_OPTIONS"] == "${{ matrix.options }}"
    assert runs[-3:-1] == [
        "sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0",
        "make test-full",
    ]


def test_each_full_tier_job_keeps_the_browser_tests_screenshots() -> None:
    """Even when the run fails (a failed step's screenshot is the one to look at)."""
    full = yaml.safe_load(TEMPLATE_WORKFLOW.read_text())["jobs"]["full"]
    upload = full["steps"][-1]

    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["if"] == "${{ !cancelled() }}"
    kept = TEMPLATE / upload["with"]["path"]
    assert kept == SCREENSHOTS
