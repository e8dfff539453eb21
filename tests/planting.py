"""Planting many violation cases in one baked project, and running each check once for them.

A case edits one file of a bake and expects its check to fail naming the rule and
the file:line. Planted one at a time, every case costs two runs of its check (broken,
then reverted), and those runs are most of the full tier's time. So the cases of one
check are planted together: cases that edit different files, and any number of cases
that only append to the same file, each at its own line. The check runs once over the
batch, and each case is judged on that output by its own expectations, which name its
file and line. Cases whose expectations are missing (another edit stopped the check
before it reached them, a module that no longer imports, say) are planted again in
halves, down to one case alone: a case is only ever failed on a run with it planted
by itself. After each batch the tree is reverted with git and the check must pass.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .helpers import attempt, run

LINE = "{line}"  # in an expectation: the line of the case's marker in the edited file
# tach's own hints, each an edit this project refuses (slicekit/tach_advice.py).
TACH_HINTS = ("'[[interfaces]]' section of tach.toml", "run 'tach sync'", "unset 'forbid_circular")


@dataclass(frozen=True)
class Append:
    """An edit that adds ``text`` at the end of the file: several stack in one file."""

    text: str

    def __call__(self, source: str) -> str:
        return source + self.text


@dataclass(frozen=True)
class Case:
    file: str
    edit: Callable[[str], str | None]  # None deletes the file
    check: tuple[str, ...]
    expect: tuple[str, ...]
    marker: str = ""  # text whose line the check must report


@dataclass
class Outcome:
    """What the check said with the case planted (alone, or in a batch)."""

    returncode: int
    output: str
    line: str
    planted_with: int  # how many cases were planted in that run

    def missing(self, case: Case) -> list[str]:
        expected = [text.replace(LINE, self.line) for text in case.expect]
        missing = [text for text in expected if text not in self.output]
        missing += [f"no tach hint ({hint})" for hint in TACH_HINTS if hint in self.output]
        return missing + ([] if self.returncode else ["a failing exit code"])


def line_of(text: str, marker: str, after: int = 0) -> int:
    """The number of the first line past line ``after`` that holds ``marker``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if number > after and marker in line:
            return number
    raise AssertionError(f"{marker!r} is not in the edited file")


def revert(project: Path) -> None:
    run("git", "checkout", "-q", "--", ".", cwd=project)
    run("git", "clean", "-qfd", cwd=project)  # untracked files; .venv and .env are ignored


@dataclass
class Planter:
    """The outcomes of one collection of cases in one project, computed batch by batch."""

    project: Path
    cases: Sequence[Case]
    outcomes: dict[int, Outcome] = field(default_factory=dict)  # by id() of the case

    def outcome(self, case: Case) -> Outcome:
        if id(case) not in self.outcomes:
            self._judge(next(b for b in batches(self.cases) if case in b))
        return self.outcomes[id(case)]

    def _judge(self, batch: list[Case]) -> None:
        outcomes = self._plant_and_check(batch)
        left = [case for case in batch if outcomes[id(case)].missing(case)]
        for case in batch:
            if case not in left or len(batch) == 1:
                self.outcomes[id(case)] = outcomes[id(case)]
        if len(batch) > 1 and left:
            half = (len(left) + 1) // 2
            for part in (left[:half], left[half:]):
                if part:
                    self._judge(part)

    def _plant_and_check(self, batch: list[Case]) -> dict[int, Outcome]:
        (check,) = {case.check for case in batch}
        lines: dict[int, str] = {}
        try:
            for case in batch:
                lines[id(case)] = plant(self.project, case)
            returncode, output = attempt(*check, cwd=self.project)
        finally:
            revert(self.project)
        run(*check, cwd=self.project)  # reverted, the check passes again
        return {id(c): Outcome(returncode, output, lines[id(c)], len(batch)) for c in batch}


def plant(project: Path, case: Case) -> str:
    """Apply the case's edit; return the line of its marker ("" without one)."""
    path = project / case.file
    before = path.read_text() if path.exists() else ""
    edited = case.edit(before)
    if edited is None:
        path.unlink()
        return ""
    path.parent.mkdir(parents=True, exist_ok=True)  # a new file may open a new folder
    path.write_text(edited)
    # An appended case is looked for in what it appended, not in what others did before it.
    after = before.count("\n") if isinstance(case.edit, Append) else 0
    return str(line_of(edited, case.marker, after)) if case.marker else ""


def batches(cases: Sequence[Case]) -> list[list[Case]]:
    """The cases in batches of one check whose edits can all be planted at once."""
    result: list[list[Case]] = []
    for case in cases:
        for batch in result:
            if batch[0].check == case.check and all(fits(case, other) for other in batch):
                batch.append(case)
                break
        else:
            result.append([case])
    return result


def fits(case: Case, other: Case) -> bool:
    """Two cases can be planted at once: other files, or appends with different markers."""
    if case.file != other.file:
        return True
    both_append = isinstance(case.edit, Append) and isinstance(other.edit, Append)
    return both_append and case.marker != other.marker


_PLANTERS: dict[tuple[Path, int], Planter] = {}


def assert_caught_and_reverted(project: Path, case: Case, among: Mapping[str, Case]) -> None:
    """The case's check fails naming its rule and file:line; reverted, the check passes.

    ``among`` is every case of the test module: the ones that fit are planted with it.
    """
    key = (project, id(among))
    planter = _PLANTERS.setdefault(key, Planter(project, list(among.values())))
    outcome = planter.outcome(case)
    missing = outcome.missing(case)
    assert not missing, (
        f"{' '.join(case.check)} (planted with {outcome.planted_with - 1} other cases) "
        f"exited {outcome.returncode} without {missing}:\n{outcome.output}"
    )
