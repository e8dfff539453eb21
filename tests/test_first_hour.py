"""Fast tier: what a new team runs in its first hour is there, and says where it is.

The bake's closing message names the directory to `cd` into; every command the
project's documents tell people to run is a `make` target that exists or goes through
`scripts/uv` (the uv `make` uses, also when it lives only in `.tools/bin`); the commit
hooks go through `scripts/uv` too; a target that needs a name stops in one line before
writing anything; `.gitignore` covers what the documented commands write; Dependabot's
configuration is valid; AGENTS.md names only commands and files that exist.
"""

import os
import re
import shlex
import stat
import subprocess
from pathlib import Path

import pytest
import yaml

from .helpers import TEMPLATE, TOOLS, attempt, clean_environment, run, run_kit

# The documents that tell people what to run (the workshop sets PATH itself, and says so).
DOCUMENTS = (
    "README.md",
    "AGENTS.md",
    "docs/*.md",
    "docs/adr/*.md",
    "products/*/README.md",
    "packages/*/README.md",
)
NOT_DOCUMENTS = ("docs/workshop.md",)
FENCE = re.compile(r"^```.*?$(.*?)^```", re.M | re.S)
SPAN = re.compile(r"`([^`\n]+)`")


def documents(project: Path) -> list[Path]:
    found = {path for pattern in DOCUMENTS for path in project.glob(pattern)}
    return sorted(
        path for path in found if path.relative_to(project).as_posix() not in NOT_DOCUMENTS
    )


def commands(text: str) -> list[str]:
    """What a document shows as commands: the lines of its code blocks and its code spans."""
    blocks = [line.strip() for block in FENCE.findall(text) for line in block.splitlines()]
    spans = SPAN.findall(FENCE.sub("", text))
    return [command for command in blocks + spans if command]


def make_targets(project: Path) -> set[str]:
    makefile = (project / "Makefile").read_text()
    return set(re.findall(r"^([a-z.][\w.-]*):", makefile, re.M))


def bake_from_a_shell(cwd: Path, output_dir: str) -> str:
    """Bake with cookiecutter's command, started by a shell in ``cwd`` as a person would."""
    cookiecutter = TOOLS / "cookiecutter"
    command = f'exec "{cookiecutter}" "{TEMPLATE}" --no-input --output-dir "{output_dir}"'
    return run("sh", "-c", command, cwd=cwd, env={"PWD": "/nowhere"})  # sh sets the real one


@pytest.mark.parametrize("output_dir", ["here", "../elsewhere"])
def test_the_closing_message_names_the_directory_to_cd_into(
    tmp_path: Path, output_dir: str
) -> None:
    shell = tmp_path / "shell"
    shell.mkdir()

    output = bake_from_a_shell(shell, output_dir)

    (target,) = re.findall(r"^ {4}cd (.+)$", output, re.M)
    assert (shell / target).resolve() == (shell / output_dir / "my_product_monorepo").resolve()
    assert (shell / target / "manage.py").is_file()
    assert Path(target).is_absolute() == output_dir.startswith("..")
    assert "uv run" not in output


@pytest.mark.parametrize(
    ("goal", "message"),
    [
        (["product"], 'NAME is missing: make product NAME=billing [DEPENDS_ON="catalog orders"]'),
        (["product", "NAME="], "NAME is missing: make product NAME="),
        (["product", "NAME= "], "NAME is missing"),
        (["package"], "NAME is missing: make package NAME=money"),
        (["accept-contracts"], "PRODUCT is missing: make accept-contracts PRODUCT=catalog"),
        (["accept-api"], "PRODUCT is missing: make accept-api PRODUCT=catalog"),
        (["install", "product"], "NAME is missing"),
    ],
)
def test_a_target_without_its_name_stops_in_one_line_before_writing_anything(
    bake, goal: list[str], message: str
) -> None:
    project = bake()

    returncode, output = attempt("make", *goal, cwd=project)

    assert returncode == 2
    assert output.strip().count("\n") == 0, output
    assert message in output
    assert run("git", "status", "--porcelain", "--ignored", cwd=project) == "!! .env\n"


@pytest.mark.parametrize(
    ("goal", "words"),
    [
        (
            ["product", "NAME=a'b c", "DEPENDS_ON=catalog  o'x"],
            ["startproduct", "a'b c", "--depends-on", "catalog", "--depends-on", "o'x"],
        ),
        (
            ["package", "NAME=money", "DEPENDS_ON=display_names slugs"],
            ["startpackage", "money", "--depends-on", "display_names", "--depends-on", "slugs"],
        ),
        (["accept-contracts", "PRODUCT=a'b"], ["contracts", "a'b", "--update-lock"]),
        (["accept-api", "PRODUCT=a b"], ["openapi", "a b", "--settings=config.settings.test"]),
    ],
)
def test_a_target_passes_each_name_whole_and_splits_lists_on_spaces(
    bake, goal: list[str], words: list[str]
) -> None:
    """What the shell receives: a quote or a space stays in the name, for the command to refuse."""
    project = bake()

    dry_run = run("make", "-n", *goal, "UV=.tools/bin/uv", cwd=project)

    commands = [
        shlex.split(line)
        for line in dry_run.replace("\\\n", " ").splitlines()
        if ".tools/bin/uv run" in line
    ]
    assert any("\0".join(words) in "\0".join(command) for command in commands), dry_run


def test_make_help_lists_the_everyday_commands(bake) -> None:
    project = bake()

    listed = run("make", "help", cwd=project)

    for target in (
        "run",
        "test",
        "migrate",
        "shell",
        "superuser",
        "product",
        "package",
        "accept-contracts",
        "openapi",
        "accept-api",
        "codeowners",
        "hooks",
    ):
        assert re.search(rf"^  {re.escape(target)} +\S", listed, re.M), target


def help_targets(makefile_dir: Path) -> list[str]:
    return re.findall(r"^  ([a-z.-]+) ", run("make", "help", cwd=makefile_dir), re.M)


def runs_a_tool_before_installing(dry_run: str) -> list[str]:
    """The lines of ``make -n`` that run a tool through uv before any line installs."""
    early = []
    for line in dry_run.splitlines():
        if re.search(r"\.tools/bin/uv sync\b", line):
            return early
        if re.search(r"\.tools/bin/uv run\b", line):
            early.append(line)
    return early


@pytest.mark.parametrize("frontend", ["yes", "no"])
def test_every_target_of_the_project_installs_before_it_runs_a_tool(bake, frontend: str) -> None:
    """As in a fresh clone: no .venv, no uv.lock and no uv but the one make bootstraps."""
    project = bake(frontend=frontend)
    names = ("NAME=billing", "PRODUCT=catalog")
    ran_a_tool = set()

    for target in help_targets(project):
        dry_run = run("make", "-n", target, "UV=.tools/bin/uv", *names, cwd=project)

        assert runs_a_tool_before_installing(dry_run) == [], target
        if ".tools/bin/uv run" in dry_run:
            ran_a_tool.add(target)

    assert {"lint", "check", "pytest", "test", "run"} <= ran_a_tool


def test_make_check_and_the_commit_hook_print_this_projects_tach_advice(bake) -> None:
    """tach's own hints send people to tach.toml's [[interfaces]]: both run the wrapper."""
    project = bake()
    dry_run = run("make", "-n", "check", "UV=.tools/bin/uv", cwd=project)
    hooks = (project / ".pre-commit-config.yaml").read_text()

    assert "run --frozen python -m slicekit tach" in dry_run
    assert not re.search(r"run --frozen tach check", dry_run)
    assert "entry: scripts/uv run --frozen python -m slicekit tach" in hooks


def test_every_target_of_the_template_installs_before_it_runs_a_tool() -> None:
    for target in help_targets(TEMPLATE):
        dry_run = run("make", "-n", target, "UV=.tools/bin/uv", cwd=TEMPLATE)

        assert runs_a_tool_before_installing(dry_run) == [], target


@pytest.mark.parametrize("products", ["catalog, orders:catalog", ""])
def test_every_make_command_in_the_documents_is_a_target(bake, products: str) -> None:
    project = bake(products=products, workshop="no")
    targets = make_targets(project)
    named = set()

    for document in documents(project):
        for command in commands(document.read_text()):
            for target in re.findall(r"(?:^|[;&|(]\s*)make ([a-z.][\w.-]*)", command):
                assert target in targets, f"{document.name}: `{command}`: no target {target!r}"
                named.add(target)

    assert {"run", "test", "product", "package", "accept-contracts", "hooks"} <= named


def test_no_document_tells_people_to_call_uv_from_their_path(bake) -> None:
    project = bake()
    bare_uv = re.compile(r"(?:^|[;&|(]\s*)uvx?\s")
    closing_hints = (TEMPLATE / "hooks" / "post_gen_project.py").read_text()
    lock = (project / "products/catalog/backend/facade/contracts.lock.json").read_text()

    for document in documents(project):
        for command in commands(document.read_text()):
            assert not bare_uv.search(command), f"{document.relative_to(project)}: `{command}`"
    assert not re.search(r"`uv ", closing_hints)
    assert "scripts/uv run python -m slicekit contracts catalog --update-lock" in lock


def test_the_commit_hooks_run_the_projects_uv(bake) -> None:
    project = bake()
    config = yaml.safe_load((project / ".pre-commit-config.yaml").read_text())
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]

    assert hooks
    for hook in hooks:
        assert hook["entry"].startswith("scripts/uv run --frozen "), hook["id"]
    assert (project / "scripts" / "uv").stat().st_mode & stat.S_IXUSR
    assert run(str(TOOLS / "shellcheck"), "scripts/uv", cwd=project) == ""


def fake_uv(directory: Path, says: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "uv").write_text(f'#!/bin/sh\necho "{says} $*"\n')
    (directory / "uv").chmod(0o755)


def path_without_uv(extra: Path | None = None) -> str:
    paths = clean_environment()["PATH"].split(os.pathsep)
    kept = [p for p in paths if p and not (Path(p) / "uv").exists()]
    return os.pathsep.join([*([str(extra)] if extra else []), *kept])


def shim(project: Path, path: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(project / "scripts" / "uv"), "run", "--frozen", "ruff"],
        cwd=cwd,
        env={**clean_environment(), "PATH": path},
        capture_output=True,
        text=True,
        check=False,
    )


def test_scripts_uv_uses_uv_from_path_else_the_bootstrapped_one(bake, tmp_path: Path) -> None:
    project = bake()
    fake_uv(project / ".tools" / "bin", "bootstrapped")
    fake_uv(tmp_path / "bin", "on PATH")

    from_path = shim(project, path_without_uv(tmp_path / "bin"), cwd=project)
    bootstrapped = shim(project, path_without_uv(), cwd=project / "products")

    assert from_path.stdout == "on PATH run --frozen ruff\n"
    assert bootstrapped.stdout == "bootstrapped run --frozen ruff\n"


def test_scripts_uv_without_any_uv_says_what_to_run(bake) -> None:
    project = bake()

    done = shim(project, path_without_uv(), cwd=project)

    assert done.returncode == 127
    assert done.stderr == "scripts/uv: uv is not on PATH and not in .tools/bin: run make install\n"


def test_gitignore_covers_what_the_documented_commands_write(bake) -> None:
    project = bake()
    written = (
        "celerybeat-schedule",  # celery -A config worker -B, with the shelve backend
        "celerybeat-schedule.db",
        "celerybeat-schedule-shm",
        "db.sqlite3",  # make run, make migrate
        "db.sqlite3-journal",
        "staticfiles/app.css",  # collectstatic
        ".env",  # make .env
        ".venv/bin/python",  # make install
        ".tools/bin/uv",
        "node_modules/.modules.yaml",  # make test-selected
        "products/catalog/node_modules/x",
        ".turbo/cache/x",
        "products/catalog/.turbo/turbo-backend:test.log",
        ".coverage",  # pytest-cov
        ".coverage.host.1.2",
        "htmlcov/index.html",
        "coverage.xml",
        ".pytest_cache/v",
        ".ruff_cache/x",
        ".mypy_cache/x",
        "products/catalog/backend/__pycache__/models.cpython-313.pyc",
    )

    ignored = run("git", "check-ignore", "--no-index", *written, cwd=project).splitlines()

    assert ignored == list(written)
    kept = ("uv.lock", "pnpm-lock.yaml", ".github/CODEOWNERS", "scripts/uv")
    assert attempt("git", "check-ignore", "--no-index", *kept, cwd=project)[0] == 1


def dependabot_schema_errors(path: Path) -> tuple[int, str]:
    validator = TOOLS / "check-jsonschema"
    return attempt(
        str(validator), "--builtin-schema", "vendor.dependabot", str(path), cwd=path.parent
    )


def test_dependabot_updates_python_node_actions_and_images(bake) -> None:
    project = bake()
    path = project / ".github" / "dependabot.yml"
    config = yaml.safe_load(path.read_text())

    assert dependabot_schema_errors(path) == (0, "ok -- validation done\n")
    ecosystems = {update["package-ecosystem"]: update for update in config["updates"]}
    assert set(ecosystems) == {"uv", "npm", "github-actions", "docker"}
    for manifest, ecosystem in (
        ("pyproject.toml", "uv"),
        ("package.json", "npm"),
        (".github/workflows/ci.yml", "github-actions"),
        ("Dockerfile", "docker"),
    ):
        directory = ecosystems[ecosystem]["directory"].lstrip("/")
        assert (project / directory / manifest).is_file(), ecosystem
    assert all(update["cooldown"]["default-days"] >= 7 for update in config["updates"])


def test_a_bad_dependabot_configuration_fails_the_schema(bake, tmp_path: Path) -> None:
    text = (bake() / ".github" / "dependabot.yml").read_text()
    planted = tmp_path / "dependabot.yml"
    planted.write_text(text.replace("package-ecosystem: uv", "package-ecosystem: poetry-lock"))

    returncode, output = dependabot_schema_errors(planted)

    assert returncode == 1
    assert "poetry-lock" in output


def test_owners_default_to_the_email_and_codeowners_follows_them(bake) -> None:
    project = bake(email="team@example.org", products="catalog, orders:catalog")
    codeowners = project / ".github" / "CODEOWNERS"
    before = codeowners.read_text()

    rules = [line for line in before.splitlines() if line and not line.startswith("#")]
    assert rules == [
        "* team@example.org",
        "/products/catalog/ team@example.org",
        "/products/orders/ team@example.org",
    ]
    assert run_kit("slicekit.scaffold", "codeowners", cwd=project) == "wrote .github/CODEOWNERS\n"
    assert codeowners.read_text() == before


def test_a_bake_without_products_still_has_codeowners(bake) -> None:
    codeowners = (bake(products="") / ".github" / "CODEOWNERS").read_text()

    assert [line for line in codeowners.splitlines() if line and line[0] != "#"] == [
        "* you@example.com"
    ]


def test_agents_md_names_only_targets_files_and_helpers_that_exist(bake) -> None:
    project = bake()
    text = (project / "AGENTS.md").read_text()
    targets = make_targets(project)
    product = project / "products" / "catalog"
    checked = 0

    for span in SPAN.findall(text):
        for target in re.findall(r"^make ([a-z.][\w.-]*)", span):
            assert target in targets, span
            checked += 1
        path = span.replace("packages/<name>", "packages/display_names")
        path = path.replace("<name>", "catalog").replace("<other>", "catalog").rstrip("/")
        made_by_make = path.startswith(".tools/")
        if re.fullmatch(r"[\w.-]+(/[\w.-]+)+|[\w-]+\.(md|py|json|toml)", path) and not made_by_make:
            bases = (project, product, product / "backend")  # the root, or in a product
            assert any((base / path).exists() for base in bases), span
            checked += 1
        if match := re.fullmatch(r"(core|boundaries)\.(\w+)\.(\w+)", span):
            module, name = match.group(1, 2), match.group(3)
            source = (project / module[0] / f"{module[1]}.py").read_text()
            assert re.search(rf"^(def|class) {name}\b", source, re.M), span
            checked += 1
        if span.startswith("scripts/uv "):
            assert (project / "scripts" / "uv").is_file()

    assert checked >= 20
    for rule in ("Facade only", "Contracts", "New products", "make test"):
        assert rule in text
