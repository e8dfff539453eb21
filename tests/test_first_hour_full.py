"""Full tier: the first hour on a machine without uv on PATH.

One bake per Python. Its first `make install` bootstraps uv into `.tools/bin`, as it
does for anyone without uv (and so do `make check`, `lint` and `pytest` run first thing
in a fresh clone); every command after that runs with a PATH that has no uv at all:
the everyday `make` targets, the commit hooks and a `git commit` through them.
The extraction guide has a module of its own (`test_extraction_guide.py`).
"""

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .helpers import attempt, clean_environment, commit_all, run
from .options import Cell

pytestmark = pytest.mark.full

CATALOG = Path("products/catalog")
LINT = ("scripts/uv", "run", "--frozen", "python", "manage.py", "lintproducts", "--all")
TEST_SETTINGS = "--settings=config.settings.test"


def without_uv() -> dict[str, str]:
    """A PATH on which neither uv nor uvx can be found."""
    paths = clean_environment()["PATH"].split(os.pathsep)
    kept = [p for p in paths if p and not any((Path(p) / n).exists() for n in ("uv", "uvx"))]
    return {"PATH": os.pathsep.join(kept)}


def make(project: Path, *args: str, **env: str) -> str:
    return run("make", *args, cwd=project, env={**without_uv(), **env})


def failing_make(project: Path, *args: str) -> str:
    returncode, output = attempt("make", *args, cwd=project, env=without_uv())
    assert returncode != 0, output
    return output


@pytest.fixture(scope="module")
def project(tooling_cell: Cell, bake_once) -> Path:
    project = bake_once(**tooling_cell.answers())
    make(project, "install")
    assert (project / ".tools" / "bin" / "uv").is_file()
    commit_all(project, "uv.lock")
    return project


@pytest.fixture
def restore(project: Path) -> Any:
    """Put the project back at the commit a test started from (ignored files stay)."""
    base = run("git", "rev-parse", "HEAD", cwd=project).strip()
    yield
    run("git", "reset", "--quiet", "--hard", base, cwd=project)
    run("git", "clean", "--quiet", "-d", "--force", cwd=project)
    # A product or package a test made keeps its ignored files (node_modules, __pycache__)
    # through git clean: a directory git tracks nothing in goes too.
    tracked = run("git", "ls-files", "products", "packages", cwd=project).splitlines()
    for directory in [*project.glob("products/*/"), *project.glob("packages/*/")]:
        prefix = f"{directory.relative_to(project).as_posix()}/"
        if not any(path.startswith(prefix) for path in tracked):
            shutil.rmtree(directory)


def unchanged(project: Path) -> bool:
    return run("git", "status", "--porcelain", cwd=project) == ""


@pytest.mark.parametrize("target", ["check", "lint", "pytest"])
def test_a_documented_target_works_first_thing_in_a_fresh_clone(
    project: Path, tmp_path: Path, target: str
) -> None:
    """Each target in a clone of its own, at the bake's commit: no uv.lock, .venv, .tools
    or node_modules, so none can lean on what another installed. The clones share uv's
    cache and pnpm's store, as a second clone on one machine does."""
    baked = run("git", "rev-list", "--max-parents=0", "HEAD", cwd=project).strip()
    clone = tmp_path / "clone"
    run("git", "clone", "--quiet", str(project), str(clone), cwd=tmp_path)
    run("git", "checkout", "--quiet", baked, cwd=clone)
    assert not (clone / "uv.lock").exists()

    make(clone, target)

    assert (clone / ".tools" / "bin" / "uv").is_file()


FRONTEND_COUNT = re.compile(r"^frontend: (\d+) tests passed in (\d+) packages$", re.M)


def vitest_logs_count(project: Path) -> tuple[int, int]:
    """The tests each package's vitest printed (turbo's log of the task), and the packages."""
    logs = [*project.glob("frontend/.turbo/turbo-frontend*test.log")]
    logs += project.glob("products/*/.turbo/turbo-frontend*test.log")
    texts = [re.sub(r"\x1b\[[0-9;]*m", "", log.read_text()) for log in logs]  # no colours
    counts = [int(re.findall(r"Tests +(\d+) passed", text)[-1]) for text in texts]
    return sum(counts), len(counts)


def test_make_frontend_test_counts_the_tests_it_ran_and_replayed(project: Path) -> None:
    products = len(list(project.glob("products/*/frontend")))

    ran = make(project, "frontend-test")
    replayed = make(project, "frontend-test")

    assert "FULL TURBO" in replayed  # every task replayed from turbo's cache
    for output in (ran, replayed):
        (count,) = FRONTEND_COUNT.findall(output)
        assert (int(count[0]), int(count[1])) == vitest_logs_count(project), output
        assert int(count[1]) == 1 + products  # the web app and every product's frontend


def test_migrate_superuser_and_shell(project: Path, restore: None) -> None:
    assert "Applying core.0001_initial" in make(project, "migrate")

    created = make(
        project,
        "superuser",
        DJANGO_SUPERUSER_USERNAME="admin",
        DJANGO_SUPERUSER_EMAIL="admin@example.com",
        DJANGO_SUPERUSER_PASSWORD="a long enough password 42",
    )
    shell = subprocess.run(
        ["make", "shell"],
        cwd=project,
        env={**clean_environment(), **without_uv()},
        input="from core.models import User\nprint(User.objects.get(is_superuser=True).email)\n",
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert "Superuser created successfully." in created
    assert shell.returncode == 0, shell.stderr
    assert "admin@example.com" in shell.stdout


def test_a_new_product_and_package_pass_every_check(project: Path, restore: None) -> None:
    assert "Created products/billing" in make(
        project, "product", "NAME=billing", "DEPENDS_ON=catalog orders"
    )
    assert "Created packages/money" in make(project, "package", "NAME=money")
    assert "Created packages/prices" in make(
        project, "package", "NAME=prices", "DEPENDS_ON=display_names money"
    )

    make(project, "check")

    assert "/products/billing/ you@example.com" in (project / ".github/CODEOWNERS").read_text()
    domain = (project / "products/billing/tach.domain.toml").read_text()
    assert '"//products.catalog", "//products.orders"]' in domain
    domain = (project / "packages/prices/tach.domain.toml").read_text()
    assert 'depends_on = ["//packages.display_names", "//packages.money"]' in domain


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("product", "NAME=Billing"), "invalid product name 'Billing'"),
        (("product", "NAME=billing", "DEPENDS_ON=nowhere"), "'nowhere' of 'billing': there is no"),
        (
            ("product", "NAME=billing", "DEPENDS_ON=catalog catalog"),
            "'catalog' of 'billing': it is",
        ),
        (("product", "NAME=billing", "DEPENDS_ON=catalog,orders"), "'catalog,orders'"),
        (("product", "NAME=a'b"), 'invalid product name "a\'b"'),
        (("product", "NAME=a b"), "invalid product name 'a b'"),
        (("package", "NAME=json"), "standard library"),
        (("package", "NAME=a'b"), 'invalid package name "a\'b"'),
        (
            ("package", "NAME=money", "DEPENDS_ON=display_names nowhere"),
            "'nowhere' of 'money': there is no such package",
        ),
        (("accept-contracts", "PRODUCT=nowhere"), "no product 'nowhere'"),
        (("accept-contracts", "PRODUCT=a'b"), 'no product "a\'b"'),
    ],
)
def test_a_bad_name_is_refused_in_one_line_and_nothing_is_written(
    project: Path, args: tuple[str, ...], message: str
) -> None:
    output = failing_make(project, *args)

    errors = [line for line in output.splitlines() if "rror" in line and message in line]
    assert len(errors) == 1, output  # one line from the command (make echoes it, and its exit)
    assert "Traceback" not in output
    assert unchanged(project)


def test_accepting_a_contract_change(project: Path, restore: None) -> None:
    contracts = project / CATALOG / "backend/facade/contracts.py"
    lock = project / CATALOG / "backend/facade/contracts.lock.json"
    before = lock.read_text()
    contracts.write_text(
        contracts.read_text().replace(
            "    owner_id: int\n\n", '    owner_id: int\n    note: str = ""\n\n', 1
        )
    )
    check = ("scripts/uv", "run", "--frozen", "python", "-m", "slicekit", "contracts", "catalog")

    pending = run(*check, cwd=project, env=without_uv())
    accepted = make(project, "accept-contracts", "PRODUCT=catalog")

    assert "compatible additions not yet in the lock (new field Item.note" in pending
    assert "wrote products/catalog/backend/facade/contracts.lock.json" in accepted
    assert '"note"' in lock.read_text() != before
    assert "not yet in the lock" not in run(*check, cwd=project, env=without_uv())


def test_the_commit_hooks_work_with_uv_only_in_tools(project: Path, restore: None) -> None:
    make(project, "hooks")
    logic = project / "products/orders/backend/logic.py"
    logic.write_text(logic.read_text() + "\n\n# A comment, to commit something.\n")
    every_file = ("scripts/uv", "run", "--frozen", "pre-commit", "run", "--all-files")

    hooks = run(*every_file, cwd=project, env=without_uv())
    run("git", "add", "--all", cwd=project)
    returncode, output = attempt("git", "commit", "-m", "A comment", cwd=project, env=without_uv())

    assert (project / ".git/hooks/pre-commit").is_file()
    assert "Failed" not in hooks
    assert returncode == 0, output
    assert re.search(r"^tach check \(import boundaries\)\.+Passed$", output, re.M), output
    assert "not found" not in output


def test_stale_codeowners_fail_the_product_lint_until_regenerated(
    project: Path, restore: None
) -> None:
    package = project / CATALOG / "package.json"
    package.write_text(package.read_text().replace('"you@example.com"', '"@acme/catalog"'))

    returncode, output = attempt(*LINT, TEST_SETTINGS, cwd=project, env=without_uv())
    make(project, "codeowners")

    assert returncode != 0
    assert ".github/CODEOWNERS:6: owners: stale" in output
    assert "make codeowners" in output
    run(*LINT, TEST_SETTINGS, cwd=project, env=without_uv())
    assert "/products/catalog/ @acme/catalog" in (project / ".github/CODEOWNERS").read_text()
