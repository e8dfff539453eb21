"""Fast tier: the bake's git repository and template record, and what it says when it cannot.

PATH is narrowed to the tools a case allows; the hook runs with the interpreter
cookiecutter runs with, so it needs nothing else from PATH.
"""

import json
import shutil
from pathlib import Path

import pytest
from cookiecutter.main import cookiecutter

from .helpers import GIT_USER, TEMPLATE, copy_template, run

PRE_COMMIT_LATER = "pre-commit: hooks not installed (pre-commit is not on PATH); later: make hooks"
GIT_LATER = "git init -b main && git add -A && git commit -m 'Initial commit'"


@pytest.fixture
def only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``only("git")``: PATH holds these tools and nothing else."""

    def _only(*tools: str) -> None:
        directory = tmp_path / "bin"
        directory.mkdir()
        for tool in tools:
            (directory / tool).symlink_to(shutil.which(tool))
        monkeypatch.setenv("PATH", str(directory))

    return _only


def notes(capfd: pytest.CaptureFixture[str]) -> list[str]:
    """The hook's one-line reports of what it did not do."""
    out = capfd.readouterr().out
    return [line for line in out.splitlines() if line.startswith(("git:", "pre-commit:", "cruft:"))]


def git(project: Path, *args: str) -> str:
    return run("git", *args, cwd=project).strip()


def test_the_bake_is_one_commit_on_main_holding_everything_but_local_files(
    bake, only, capfd
) -> None:
    only("git")

    project = bake()

    assert git(project, "branch", "--show-current") == "main"
    assert git(project, "rev-list", "--count", "HEAD") == "1"
    assert git(project, "log", "-1", "--format=%an <%ae>") == f"{GIT_USER[0]} <{GIT_USER[1]}>"
    assert git(project, "status", "--porcelain", "--ignored") == "!! .env"
    tracked = git(project, "ls-files").splitlines()
    assert {".cruft.json", ".pre-commit-config.yaml", "products/orders/backend/logic.py"} <= set(
        tracked
    )
    assert notes(capfd) == [PRE_COMMIT_LATER]
    assert not (project / ".git" / "hooks" / "pre-commit").exists()


def test_without_git_the_bake_succeeds_and_says_what_to_run_later(bake, only, capfd) -> None:
    only()  # nothing: not even git

    project = bake()

    cruft, git_note = notes(capfd)
    assert cruft == (
        "cruft: no .cruft.json (git is not on PATH to read the template's version); "
        "later: cruft link <template's git URL>"
    )
    assert git_note == f"git: no repository created (git is not on PATH); later: {GIT_LATER}"
    assert not (project / ".git").exists()
    assert not (project / ".cruft.json").exists()


def test_without_a_git_identity_nothing_is_committed_in_a_guessed_name(
    bake, only, capfd, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    only("git")
    (tmp_path / "empty").write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "empty"))

    project = bake()

    (git_note,) = notes(capfd)
    assert git_note.startswith(
        "git: no repository created (git has no user.name and user.email); later: "
        "git config --global user.name"
    )
    assert git_note.endswith(GIT_LATER)
    assert not (project / ".git").exists()
    assert (project / ".cruft.json").is_file()  # reading the template's version needs no name


def test_baking_again_never_re_initialises_or_re_commits(only, capfd, tmp_path: Path) -> None:
    only("git")

    def bake_into_same_place() -> Path:
        return Path(
            cookiecutter(
                str(TEMPLATE), no_input=True, output_dir=str(tmp_path), overwrite_if_exists=True
            )
        )

    project = bake_into_same_place()
    first = git(project, "rev-parse", "HEAD")
    capfd.readouterr()
    bake_into_same_place()

    assert git(project, "rev-parse", "HEAD") == first
    assert git(project, "rev-list", "--count", "HEAD") == "1"
    assert notes(capfd) == ["git: already a repository, left as it is"]


def test_a_bake_inside_a_repository_makes_no_repository_of_its_own(
    only, capfd, tmp_path: Path
) -> None:
    only("git")
    run("git", "init", "--quiet", cwd=tmp_path)

    project = Path(cookiecutter(str(TEMPLATE), no_input=True, output_dir=str(tmp_path)))

    assert not (project / ".git").exists()
    assert notes(capfd) == [
        f"git: no repository created ({project} is inside the repository {tmp_path.resolve()})"
    ]
    assert run("git", "rev-list", "--all", cwd=tmp_path) == ""  # and nothing committed there


def test_the_record_names_the_template_its_commit_and_the_answers_as_cruft_does(bake) -> None:
    project = bake(products="catalog")

    state = json.loads((project / ".cruft.json").read_text())

    commit = git(TEMPLATE, "rev-parse", "HEAD")
    assert state["template"] == str(TEMPLATE)
    assert state["commit"] == commit
    assert (state["checkout"], state["directory"]) == (None, None)
    answers = state["context"]["cookiecutter"]
    assert answers["products"] == "catalog"
    assert answers["project_slug"] == "my_product_monorepo"
    assert (answers["_template"], answers["_commit"]) == (str(TEMPLATE), commit)
    # Paths of the machine that baked it have no place in a committed file.
    assert not {"_repo_dir", "_output_dir"} & set(answers)


def test_a_template_outside_git_bakes_without_a_record_and_says_so(capfd, tmp_path: Path) -> None:
    template = copy_template(tmp_path / "template")  # as from a zip: no version to record

    project = Path(cookiecutter(str(template), no_input=True, output_dir=str(tmp_path / "out")))

    assert notes(capfd)[0] == (
        f"cruft: no .cruft.json ({template} is not a git checkout: no version); "
        "later: cruft link <template's git URL>"
    )
    assert not (project / ".cruft.json").exists()
    assert run("git", "rev-list", "--count", "HEAD", cwd=project).strip() == "1"
