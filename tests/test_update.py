"""Fast tier: `cruft update` brings a new template version into a plainly baked project.

The template is copied into a git repository of its own so that a test can give it
a second version. The project is baked with plain cookiecutter: its .cruft.json
comes from the post-generation hook, not from `cruft create`.
"""

import json
import sys
from pathlib import Path

import pytest
from cookiecutter.main import cookiecutter

from .helpers import commit_all, copy_template, run

PROJECT = "{{cookiecutter.project_slug}}"
ANSWERS = {"products": "catalog"}  # one product: the renders of an update are quicker


def template_repository(destination: Path) -> Path:
    """The template's files as they are now, in a repository of their own: commit A."""
    copy_template(destination)
    run("git", "init", "--quiet", "--initial-branch=main", cwd=destination)
    commit_all(destination, "A")
    return destination


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1))


def bake_with_cookiecutter(template: Path, output: Path) -> Path:
    return Path(
        cookiecutter(str(template), no_input=True, output_dir=str(output), extra_context=ANSWERS)
    )


def bake_with_cruft(template: Path, output: Path) -> Path:
    """`cruft create`: cruft writes .cruft.json after the hooks, so the team commits."""
    create = ("create", str(template), "--no-input", "--output-dir", str(output))
    create += ("--extra-context", json.dumps(ANSWERS))
    run(sys.executable, "-m", "cruft", *create, cwd=output.parent)
    (project,) = output.iterdir()
    run("git", "init", "--quiet", "--initial-branch=main", cwd=project)
    commit_all(project, "Initial commit")
    return project


@pytest.mark.parametrize(
    "bake", [bake_with_cookiecutter, bake_with_cruft], ids=["cookiecutter", "cruft"]
)
def test_an_update_brings_the_new_version_and_keeps_local_edits(tmp_path: Path, bake) -> None:
    template = template_repository(tmp_path / "template")
    commit_a = run("git", "rev-parse", "HEAD", cwd=template).strip()
    project = bake(template, tmp_path / "out")
    assert json.loads((project / ".cruft.json").read_text())["commit"] == commit_a
    secret = (project / ".env").read_text()
    # The team's own edit, at the end of a file the template changes at the top.
    edit(project / "README.md", "## Layout", "## Layout\n\nOur own note.")
    commit_all(project, "our note")
    # Version B: a changed file, a new file, and a change to the product skeleton.
    edit(template / PROJECT / "README.md", "## Quick start", "## Quick start (version B)")
    (template / PROJECT / "CHANGES.md").write_text("Version B.\n")
    edit(
        template / PROJECT / "kit/src/slicekit/scaffold/skeleton/product/backend/logic.py-tpl",
        "business rules.",
        "business rules (version B).",
    )
    commit_b = commit_all(template, "B")

    output = run(sys.executable, "-m", "cruft", "update", "--skip-apply-ask", cwd=project)

    assert "Good work! Project's cruft has been updated" in output
    readme = (project / "README.md").read_text()
    assert "## Quick start (version B)" in readme
    assert "## Layout\n\nOur own note." in readme
    assert (project / "CHANGES.md").read_text() == "Version B.\n"
    # Products baked in came from the skeleton, so they follow it.
    logic = (project / "products/catalog/backend/logic.py").read_text()
    assert "Catalog's business rules (version B)." in logic
    assert json.loads((project / ".cruft.json").read_text())["commit"] == commit_b
    assert (project / ".env").read_text() == secret  # [tool.cruft] skip: renders' .env stay out
    assert not list(project.rglob("*.rej"))
    assert not (project / ".git" / "MERGE_HEAD").exists()
    # The update is left for the team to review and commit; nothing else changed.
    changed = run("git", "status", "--porcelain", cwd=project).splitlines()
    assert sorted(line[3:] for line in changed) == [
        ".cruft.json",
        "CHANGES.md",
        "README.md",
        "kit/src/slicekit/scaffold/skeleton/product/backend/logic.py-tpl",  # the kit's, new version
        "products/catalog/backend/logic.py",
    ]
