"""Full tier: the generated project's pre-commit hooks pass a fresh bake and block violations.

The project is installed, its lock file committed, and the hooks installed with the
project's own pre-commit, as its README says. Commits here run the hooks for real. The
hooks are the project's tooling (the same checks `make test` runs in every cell), so
they run in the first Python's cell only (tests/options.py, tooling_cells).
"""

import os
import re
from pathlib import Path
from typing import Any

import pytest

from .helpers import attempt, clean_environment, commit_all, require, run, uv
from .options import Cell

pytestmark = pytest.mark.full

HOOKS = (
    "ruff check",
    "ruff format",
    "tach check (import boundaries)",
    "contract checks and locks",
    "API slices match the code",
    "API slices keep their locks",
    "product lint",
    "Django system checks (relations across products, API schema)",
    "migrations match the models",
    "mypy (types, with the Django and DRF plugins)",
    # The tooling cell bakes the frontend: its checks run on the staged frontend files.
    "ESLint (frontend-reach and the frontend rules)",
    "tsc (types of each touched frontend)",
    "TypeScript clients match the API slices",
)
LOGIC = Path("products/orders/backend/logic.py")
SCENE = Path("products/orders/frontend/scenes/ItemsScene.tsx")


@pytest.fixture(scope="module")
def project(tooling_cell: Cell, bake_once) -> Path:
    project = bake_once(**tooling_cell.answers())
    run("make", "install", "node_modules", cwd=project)
    commit_all(project, "the lock files")
    run(uv(project), "run", "--frozen", "pre-commit", "install", cwd=project)
    return project


def hooks_env(project: Path) -> dict[str, str]:
    """The hooks call `uv` from PATH: the one the project's Makefile uses."""
    environment = clean_environment()
    uv_directory = str(Path(uv(project)).parent)
    return {**environment, "PATH": f"{uv_directory}{os.pathsep}{environment['PATH']}"}


def results(output: str) -> dict[str, str]:
    """``{"ruff check": "Passed", ...}`` from pre-commit's report."""
    found = re.findall(
        r"^(.+?)\.{3,}(?:\(no files to check\))?(Passed|Failed|Skipped)$", output, re.M
    )
    return dict(found)


def commit(project: Path, message: str) -> tuple[int, str]:
    """``git add`` everything and commit through the installed hooks."""
    run("git", "add", "--all", cwd=project)
    env = hooks_env(project)
    return attempt("git", "commit", "--message", message, cwd=project, env=env)


def head(project: Path) -> str:
    return run("git", "rev-parse", "HEAD", cwd=project).strip()


@pytest.fixture
def restore(project: Path) -> Any:
    """Put the project back at the commit a test started from."""
    base = head(project)
    yield base
    run("git", "reset", "--quiet", "--hard", base, cwd=project)


def test_every_hook_passes_on_a_fresh_bake(project: Path) -> None:
    command = (uv(project), "run", "--frozen", "pre-commit", "run", "--all-files")

    output = run(*command, cwd=project, env=hooks_env(project))

    assert results(output) == dict.fromkeys(HOOKS, "Passed")


def test_the_hooks_need_no_network(project: Path) -> None:
    require(attempt("unshare", "--net", "true", cwd=project)[0] == 0, "unshare --net is refused")
    command = ("unshare", "--net", uv(project), "run", "--frozen", "pre-commit", "run")

    output = run(*command, "--all-files", cwd=project, env=hooks_env(project), timeout=120)

    assert results(output) == dict.fromkeys(HOOKS, "Passed")


def test_a_boundary_violation_blocks_the_commit_with_tachs_message(
    project: Path, restore: str
) -> None:
    path = project / LOGIC
    source = path.read_text()
    facade_import = "from products.catalog.backend.facade import enums as catalog_enums\n"
    models_import = "from products.catalog.backend.models import Item as CatalogItem\n"
    assert facade_import in source
    path.write_text(
        source.replace(facade_import, facade_import + models_import)
        + "\n\ndef catalog_size() -> int:\n    return CatalogItem.objects.count()\n"
    )
    line = path.read_text().splitlines().index(models_import.strip()) + 1

    returncode, output = commit(project, "orders reads catalog's table")

    assert returncode != 0
    assert head(project) == restore
    assert results(output)["tach check (import boundaries)"] == "Failed"
    assert (
        f"{LOGIC}:{line}: The path 'products.catalog.backend.models.Item' is not part of "
        "the public interface for 'products.catalog'"
    ) in output
    assert "products.catalog's interface is its facade (products.catalog.backend.facade)" in output
    assert "[[interfaces]]" not in output  # tach's hint: an edit the product lint refuses
    # The product lint objects too (the model is outside catalog's public surface); the
    # planted code is otherwise clean.
    assert f"{LOGIC}:{line}: facade-reach:" in output
    assert [hook for hook, result in results(output).items() if result == "Failed"] == [
        "tach check (import boundaries)",
        "product lint",
    ]


def test_a_type_error_blocks_the_commit_with_mypys_message(project: Path, restore: str) -> None:
    path = project / LOGIC
    path.write_text(path.read_text() + '\n\ndef item_count() -> int:\n    return "many"\n')
    line = len(path.read_text().splitlines())

    returncode, output = commit(project, "a count that is not a number")

    assert returncode != 0
    assert head(project) == restore
    assert f'{LOGIC}:{line}: error: Incompatible return value type (got "str", ' in output
    failed = [hook for hook, result in results(output).items() if result == "Failed"]
    assert failed == ["mypy (types, with the Django and DRF plugins)"]


def test_a_clean_change_commits(project: Path, restore: str) -> None:
    path = project / LOGIC
    path.write_text(path.read_text().replace("call the facade.", "call its facade.", 1))

    returncode, output = commit(project, "a clean change")

    assert returncode == 0, output
    assert head(project) != restore
    assert results(output)["tach check (import boundaries)"] == "Passed"
    assert results(output)["migrations match the models"] == "Skipped"  # no model changed


def test_an_import_of_another_products_frontend_internals_blocks_the_commit(
    project: Path, restore: str
) -> None:
    path = project / SCENE
    planted = 'export { ItemList as Theirs } from "../../../catalog/frontend/components/ItemList";'
    path.write_text(path.read_text() + planted + "\n")
    line, column = len(path.read_text().splitlines()), planted.index('"') + 1

    returncode, output = commit(project, "orders shows catalog's list")

    assert returncode != 0
    assert head(project) == restore
    assert (
        f"{SCENE}:{line}:{column}: frontend-reach: orders reaches into catalog; import from "
        "products/catalog/frontend/exports.ts (boundaries/frontend-reach)"
    ) in output
    failed = [hook for hook, result in results(output).items() if result == "Failed"]
    assert failed == ["ESLint (frontend-reach and the frontend rules)"]


def test_a_type_error_in_a_products_frontend_blocks_the_commit_with_tscs_message(
    project: Path, restore: str
) -> None:
    path = project / SCENE
    path.write_text(path.read_text() + 'export const itemCount: number = "many";\n')
    line = len(path.read_text().splitlines())

    returncode, output = commit(project, "a count that is not a number, in the UI")

    assert returncode != 0
    assert head(project) == restore
    assert (
        f"{SCENE}({line},14): error TS2322: Type 'string' is not assignable to type 'number'."
    ) in output
    failed = [hook for hook, result in results(output).items() if result == "Failed"]
    assert failed == ["tsc (types of each touched frontend)"]


def test_a_stale_client_blocks_the_commit(project: Path, restore: str) -> None:
    client = project / "products/catalog/frontend/generated/schema.d.ts"
    client.write_text(client.read_text() + "export type Extra = string;\n")

    returncode, output = commit(project, "a client edited by hand")

    assert returncode != 0
    assert head(project) == restore
    assert (
        f"{client.relative_to(project)} is stale against products/catalog/backend/presentation/"
        "openapi.json: run make frontend-client"
    ) in output
    failed = [hook for hook, result in results(output).items() if result == "Failed"]
    assert failed == ["TypeScript clients match the API slices"]


def test_a_clean_frontend_change_commits(project: Path, restore: str) -> None:
    path = project / SCENE
    path.write_text(path.read_text() + "export const itemsPerPage = 20;\n")

    returncode, output = commit(project, "a clean frontend change")

    assert returncode == 0, output
    assert head(project) != restore
    assert results(output)["ESLint (frontend-reach and the frontend rules)"] == "Passed"
    assert results(output)["tsc (types of each touched frontend)"] == "Passed"


def test_a_documentation_commit_runs_no_check(project: Path, restore: str) -> None:
    readme = project / "README.md"
    readme.write_text(readme.read_text() + "\nA note.\n")

    returncode, output = commit(project, "a note")

    assert returncode == 0, output
    assert results(output) == dict.fromkeys(HOOKS, "Skipped")


def test_the_bake_installs_the_hooks_when_pre_commit_is_on_path(
    project: Path, cookies: Any, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", f"{project / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}")

    result = cookies.bake()

    assert result.exit_code == 0, result.exception
    hook = Path(result.project_path, ".git", "hooks", "pre-commit")
    script = hook.read_text()
    assert "# File generated by pre-commit" in script
    assert f"INSTALL_PYTHON={project / '.venv' / 'bin'}" in script  # the pre-commit on PATH
    out = capfd.readouterr().out
    assert not [line for line in out.splitlines() if line.startswith(("git:", "pre-commit:"))]
