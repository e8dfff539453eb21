"""The answers the template's tests bake with, and which of them one run selects.

The full tier bakes every option set on the first Python, and the option sets in
``EVERY_PYTHON`` on every Python too: an option set changes what is generated, a
Python what runs it, so each is tried where it can differ (see docs/adr/0012).
A plain ``pytest`` runs all of those cells. CI runs one cell per matrix job,
chosen by ``TEMPLATE_PYTHON`` and ``TEMPLATE_OPTIONS``, and reads its matrix from
this file (``python3 tests/options.py``), so adding an option set is one line here.
The fast tier checks every option set too, plus the edge cases below.

Standard library only: the workflow runs this file before anything is installed.
"""

import json
import os
from dataclasses import dataclass

PYTHONS = ("3.13", "3.12")
OPTION_SETS: dict[str, dict[str, str]] = {
    "defaults": {},
    "one product": {"products": "catalog"},
    "no products": {"products": ""},
    "workshop": {"workshop": "yes"},
    "frontend no": {"frontend": "no"},
}
# The option sets whose project runs differently, not only looks different: on every Python
# (with and without the web app, the project runs on Node or not).
EVERY_PYTHON = ("defaults", "frontend no")
# The suites that bake a scenario of their own (violations, selective testing,
# services, pre-commit) need the default products: they run in these option sets' cells only.
SCENARIO_OPTION_SETS = ("defaults",)
WORKSHOP_OPTION_SETS = ("workshop",)  # tests/test_workshop.py runs the exercises in these

# A long name pushes every skeleton line to its widest: formatting must not depend on names.
LONG = "a" * 19 + "b"  # the longest product name allowed
EDGE_CASES: dict[str, dict[str, str]] = {
    "a chain of three": {"products": "accounts, billing:accounts, invoices:billing"},
    # Two dependencies with the longest names: the widest lines a consumer gets.
    "longest names": {"products": f"{LONG[:-1]}x, {LONG[:-1]}y, {LONG}:{LONG[:-1]}x+{LONG[:-1]}y"},
    # Several dependencies given out of order (ruff sorts stock9 before stock10), names
    # ending in s, and of two words.
    "several dependencies": {
        "products": "catalog, stock9, stock10, order_lines:catalog, "
        "reviews:stock10+order_lines+catalog+stock9"
    },
    "python 3.12": {"python_version": "3.12"},
}
# What the fast tier bakes: every option set and every edge case.
STATIC_BAKES = {**OPTION_SETS, **EDGE_CASES}

SELECTORS = {"TEMPLATE_PYTHON": PYTHONS, "TEMPLATE_OPTIONS": tuple(OPTION_SETS)}


@dataclass(frozen=True)
class Cell:
    """One Python and one option set: what one CI matrix job of the full tier runs."""

    python: str
    options: str

    def answers(self, **scenario: str) -> dict[str, str]:
        return {**OPTION_SETS[self.options], "python_version": self.python, **scenario}

    def __str__(self) -> str:
        return f"python {self.python}, {self.options}"


def cells(option_sets: tuple[str, ...] = tuple(OPTION_SETS)) -> list[Cell]:
    """The cells of these option sets: each on the first Python, and on every Python if it runs
    differently there."""
    return [
        Cell(python, options)
        for python in PYTHONS
        for options in option_sets
        if python == PYTHONS[0] or options in EVERY_PYTHON
    ]


def scenario_cells() -> list[Cell]:
    return cells(SCENARIO_OPTION_SETS)


def tooling_cells() -> list[Cell]:
    """The scenario cells of the first Python only.

    For the suites whose subject is the project's own tooling (its lints, runtime
    guard, make targets and CI scripts) planted case by case: every cell's own
    `make test` already runs that tooling's unit tests on each Python.
    """
    return [cell for cell in scenario_cells() if cell.python == PYTHONS[0]]


def selection_error() -> str | None:
    """Why the selecting variables are wrong, or None: a typo must not select nothing."""
    for variable, allowed in SELECTORS.items():
        value = os.environ.get(variable)
        if value and value not in allowed:
            return f"{variable}={value!r} is none of {', '.join(map(repr, allowed))}"
    if not any(selected(cell) for cell in cells()):
        python, options = os.environ["TEMPLATE_PYTHON"], os.environ["TEMPLATE_OPTIONS"]
        first = PYTHONS[0]
        return f"no cell runs {options!r} on python {python}: only {first} runs every option set"
    return None


def selected(cell: Cell) -> bool:
    """Whether this run covers the cell: unset variables select every value."""
    python, options = os.environ.get("TEMPLATE_PYTHON"), os.environ.get("TEMPLATE_OPTIONS")
    return (not python or cell.python == python) and (not options or cell.options == options)


def matrix() -> dict[str, list[dict[str, str]]]:
    """The full tier's GitHub Actions matrix: one job per cell."""
    return {"include": [{"python": cell.python, "options": cell.options} for cell in cells()]}


if __name__ == "__main__":
    print(json.dumps(matrix()))
