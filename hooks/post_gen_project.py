"""Finish the project: products, .env, the template's record for updates, git and pre-commit.

Standard library only and offline. Idempotent: products, a .env, a .cruft.json and a
git repository that already exist are left as they are. A step it cannot take (no
git, no git identity, no pre-commit) is reported in one line, with how to do it later.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

# Cookiecutter renders the answers here as JSON; tojson escapes every quote.
ANSWERS = json.loads(r"""{{ cookiecutter | tojson }}""")
ROOT = Path.cwd()
# cruft renders the template itself (once to create a project, twice per update, in
# scratch directories) and writes .cruft.json after this hook. Only cookiecutter's
# own command passes _repo_dir.
BY_CRUFT = "_repo_dir" not in ANSWERS
LATER = "git init -b main && git add -A && git commit -m 'Initial commit'"
HOOKS_LATER = "later: make hooks"
# Leave no __pycache__ in the new project (or in the template it came from).
sys.dont_write_bytecode = True


def scaffold(*args: str) -> None:
    """The kit's `python -m slicekit.scaffold`, in this process: a process per step started an
    interpreter and compiled the project's modules again, most of the bake's time."""
    from slicekit.scaffold.__main__ import main as scaffold_main

    returncode = scaffold_main([*args, "--root", str(ROOT)])
    if returncode:
        sys.exit(returncode)


def git(*args: str, cwd: Path = ROOT, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    # useConfigOnly: commit as the configured user, never as a guessed root@hostname.
    command = ["git", "-c", "user.useConfigOnly=true", *args]
    return subprocess.run(
        command, cwd=cwd, input=stdin, capture_output=True, text=True, check=False
    )


def record_template() -> str | None:
    """Write .cruft.json as `cruft create` would, so `cruft update` works; or say why not."""
    if BY_CRUFT or (ROOT / ".cruft.json").exists():
        return None
    later = "later: cruft link <template's git URL>"
    if not shutil.which("git"):
        return f"cruft: no .cruft.json (git is not on PATH to read the template's version); {later}"
    # The template's checkout: the directory given, or cookiecutter's clone of a URL.
    repo_dir = Path(os.environ.get("PWD", ""), ANSWERS["_repo_dir"]).resolve()
    top = git("rev-parse", "--show-toplevel", cwd=repo_dir)
    if top.returncode:
        return f"cruft: no .cruft.json ({repo_dir} is not a git checkout: no version); {later}"
    top_dir = Path(top.stdout.strip())
    if Path(os.environ.get("PWD", ""), ANSWERS["_template"]).is_dir():
        template = str(top_dir)
    else:
        template = git("remote", "get-url", "origin", cwd=repo_dir).stdout.strip()
    commit = git("rev-parse", "HEAD", cwd=repo_dir).stdout.strip()
    directory = repo_dir.relative_to(top_dir).as_posix()
    answers = {key: value for key, value in ANSWERS.items() if not key.startswith("_")}
    state = {
        "template": template,
        "commit": commit,
        "checkout": ANSWERS.get("_checkout"),
        "context": {"cookiecutter": {**answers, "_template": template, "_commit": commit}},
        "directory": None if directory == "." else directory,
    }
    (ROOT / ".cruft.json").write_text(json.dumps(state, ensure_ascii=False, indent=2) + "\n")
    return None


def first_commit() -> str | None:
    """Create the repository on main with everything in one commit; or say why not."""
    if BY_CRUFT:
        return f"git: not set up under cruft (it writes .cruft.json afterwards); later: {LATER}"
    if not shutil.which("git"):
        return f"git: no repository created (git is not on PATH); later: {LATER}"
    inside = git("rev-parse", "--show-toplevel")
    if inside.returncode == 0:
        top = Path(inside.stdout.strip()).resolve()
        if top == ROOT.resolve():
            return "git: already a repository, left as it is"
        return f"git: no repository created ({ROOT} is inside the repository {top})"
    idents = [git("var", f"GIT_{role}_IDENT") for role in ("AUTHOR", "COMMITTER")]
    if any(ident.returncode for ident in idents):
        return (
            "git: no repository created (git has no user.name and user.email); later: "
            f"git config --global user.name 'Your Name' && git config --global user.email "
            f"you@example.com && {LATER}"
        )
    # Every object in packs, none loose: a loose object costs a file and often a directory,
    # and those were most of the bake's git time. bigFileThreshold=1 (for this command only,
    # not in the repository's config) makes `add` write the files into one pack.
    author, committer = (ident.stdout.strip() for ident in idents)
    for step, action in (
        ("init", lambda: git("init", "--quiet", "--initial-branch=main")),
        ("add", lambda: git("-c", "core.bigFileThreshold=1", "add", "--all")),
        ("commit", lambda: commit_in_one_pack(author, committer)),
    ):
        done = action()
        if done.returncode:
            shutil.rmtree(ROOT / ".git", ignore_errors=True)  # all or nothing
            reason = (done.stderr.strip().splitlines() or ["no message"])[-1]
            return f"git: no repository created (git {step}: {reason}); later: {LATER}"
    return install_hooks()


def commit_in_one_pack(author: str, committer: str) -> subprocess.CompletedProcess[str]:
    """`git commit --no-verify` of the index on main, its trees and commit in one pack.

    `git commit` writes each of the project's trees (about 70) as a loose object.
    fast-import writes a pack (unpackLimit=1: also one this small) and runs no hook, so
    nothing of the user's (a global hooks path) runs during a bake, as --no-verify did.
    """
    staged = git("ls-files", "--stage", "-z")
    if staged.returncode:
        return staged
    message = "Initial commit from the project template\n"
    stream = [
        "commit refs/heads/main",
        f"author {author}",
        f"committer {committer}",
        f"data {len(message.encode())}",
        message,
    ]
    for entry in filter(None, staged.stdout.split("\0")):
        mode, blob, _, path = entry.replace("\t", " ", 1).split(" ", 3)
        quoted = path.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        stream.append(f'M {mode} {blob} "{quoted}"')
    import_ = ("-c", "fastimport.unpackLimit=1", "fast-import", "--quiet")
    return git(*import_, stdin="\n".join(stream) + "\n")


def install_hooks() -> str | None:
    pre_commit = shutil.which("pre-commit")
    if not pre_commit:
        return f"pre-commit: hooks not installed (pre-commit is not on PATH); {HOOKS_LATER}"
    done = subprocess.run(
        [pre_commit, "install"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode:
        reason = ((done.stdout + done.stderr).strip().splitlines() or ["no message"])[-1]
        return f"pre-commit: hooks not installed ({reason}); {HOOKS_LATER}"
    return None


def where_to_cd() -> str:
    """The project's path for `cd`: relative to the shell's directory when it is inside it
    (the usual bake into the current directory, or `--output-dir build`), else absolute.

    The hook runs in the project, so the shell's directory comes from PWD, which shells
    keep current; a missing or unrelated one gives the absolute path, always right.
    """
    project = ROOT.resolve()
    shell = os.environ.get("PWD")
    if shell and project.is_relative_to(Path(shell).resolve()):
        return str(project.relative_to(Path(shell).resolve()))
    return str(project)


def main() -> None:
    sys.path.insert(0, str(ROOT / "kit" / "src"))  # the kit the project carries: its scaffolder
    from slicekit.names import parse_product_specs

    if ANSWERS["frontend"] and not (ROOT / "frontend").exists():
        scaffold("frontend", "--title", ANSWERS["project_name"])  # before the products: they
        # get their own frontend/ only in a project that has the app
    for spec in parse_product_specs(ANSWERS["products"], ANSWERS["project_slug"]):
        if (ROOT / "products" / spec.name).exists():
            continue
        flags = (flag for dependency in spec.depends_on for flag in ("--depends-on", dependency))
        scaffold("product", spec.name, *flags)
    scaffold("codeowners")  # each product rewrites it too; this covers a bake with none
    scaffold("env")
    scaffold("docs", *(["--workshop"] if ANSWERS["workshop"] else []))
    for note in (record_template(), first_commit()):
        if note:
            print(note)
    print(
        f"""
Your project is ready in {ROOT}

    cd {where_to_cd()}
    make run     # install, migrate, start the dev server on http://127.0.0.1:8000
    make test    # install, lint, check boundaries, run the tests
    make help    # every other command: make superuser, make product NAME=<name>, ...
"""
    )


if __name__ == "__main__":
    main()
