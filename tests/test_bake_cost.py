"""Fast tier: what made the default bake slow stays out (benchmarks/bake_ratio.py times it).

A Python process per scaffolder step compiled the project's modules each time, a loose git
object per file cost a file and often a directory each, and rendering a file without any
Jinja costs a Jinja compilation.
"""

import fnmatch
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from .helpers import GIT_USER, TEMPLATE, TOOLS, run

PROJECT_TEMPLATE = TEMPLATE / "{{cookiecutter.project_slug}}"
# Logs, from every Python process of the bake, each subprocess it starts.
AUDIT = """
import json, os, sys

def _log(event, args):
    if event == "subprocess.Popen":
        with open(os.environ["BAKE_AUDIT_LOG"], "a") as log:
            argv = [str(arg) for arg in args[1]]
            record = {"by": sys.argv[0], "python": sys.executable, "argv": argv}
            log.write(json.dumps(record) + "\\n")

sys.addaudithook(_log)
"""


def test_the_hooks_start_no_python_of_their_own(tmp_path: Path) -> None:
    """Only cookiecutter starts Python (its two hooks): the scaffolder runs in the hook."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(AUDIT)
    log = tmp_path / "audit.jsonl"
    env = {"PYTHONPATH": str(tmp_path / "site"), "BAKE_AUDIT_LOG": str(log)}
    command = (str(TOOLS / "cookiecutter"), str(TEMPLATE), "--no-input")
    run(*command, "--output-dir", str(tmp_path / "out"), cwd=tmp_path, env=env)

    started = [json.loads(line) for line in log.read_text().splitlines()]
    by_hooks = [entry for entry in started if Path(entry["by"]).name != "cookiecutter"]
    assert any(entry["argv"][0] == "git" for entry in by_hooks), started  # it sees the hooks
    pythons = [entry["argv"] for entry in by_hooks if entry["argv"][0] == entry["python"]]
    assert pythons == []


def test_the_first_commit_is_written_in_packs(bake: Callable[..., Path]) -> None:
    """No loose object but an empty file's (below git's one-byte threshold), and the commit
    is what `git commit` made: every file, by the configured user, on main."""
    project = bake()

    loose = [
        path.parent.name + path.name
        for path in (project / ".git" / "objects").glob("[0-9a-f][0-9a-f]/*")
    ]
    objects = subprocess.run(
        ("git", "cat-file", "--batch-check=%(objecttype) %(objectsize)"),
        cwd=project,
        input="\n".join(loose),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert len(objects) == len(loose)
    assert [kind for kind in objects if kind != "blob 0"] == []
    assert run("git", "status", "--porcelain", cwd=project) == ""  # HEAD = index = files
    assert run("git", "branch", "--show-current", cwd=project) == "main\n"
    log = run("git", "log", "--format=%an <%ae>|%cn <%ce>|%B", cwd=project)
    user = f"{GIT_USER[0]} <{GIT_USER[1]}>"
    assert log.strip() == f"{user}|{user}|Initial commit from the project template"
    run("git", "fsck", "--strict", cwd=project)


def test_what_is_copied_without_rendering_holds_no_jinja() -> None:
    """The glob patterns of `_copy_without_render` skip Jinja for files that hold none; a
    file that gains some, or a directory they match (copied with its raw names), fails."""
    settings = json.loads((TEMPLATE / "cookiecutter.json").read_text())
    patterns = [pattern for pattern in settings["_copy_without_render"] if "*" in pattern]
    assert patterns
    for path in sorted(PROJECT_TEMPLATE.rglob("*")):
        relative = path.relative_to(PROJECT_TEMPLATE).as_posix()
        if not any(fnmatch.fnmatch(relative, pattern) for pattern in patterns):
            continue
        assert path.is_file(), f"{relative}: a directory would be copied with unrendered names"
        assert "{" not in relative, f"{relative}: its name is rendered, its content is not"
        text = path.read_text()
        assert not any(marker in text for marker in ("{{", "{%", "{#")), f"{relative} has Jinja"
