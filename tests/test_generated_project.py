"""Full tier: a baked project installs, runs and passes its own README commands."""

import json
import re
from pathlib import Path

import pytest

from .helpers import attempt, run, run_kit
from .options import Cell
from .serving import make_run

pytestmark = pytest.mark.full
# A fresh clone's `make test` installs Python and, with the frontend, Node packages, then
# runs every check: over 10 min on a 2-core machine that other jobs share.
MAKE_TEST_TIMEOUT = 1800


@pytest.fixture(scope="module")
def project(cell: Cell, bake_once) -> Path:
    return bake_once(**cell.answers())


def passed_count(output: str) -> int:
    summary = re.search(r"=+ (\d+) passed.* in [\d.]+s", output)
    assert summary, output[-2000:]
    assert " failed" not in summary.group(0)
    assert " error" not in summary.group(0)
    return int(summary.group(1))


def test_make_test_passes_on_a_fresh_clone_with_a_product_added(project: Path) -> None:
    """One `make test` proves both: the baked products pass, and so does one added later.

    billing uses every product there is: none, one or several, by option set.
    """
    (project / ".env").unlink()  # git-ignored: a clone or CI checkout has none
    apps = project.glob("products/*/backend/apps.py")
    products = sorted(app.parent.parent.name for app in apps)
    flags = [flag for product in products for flag in ("--depends-on", product)]
    # The scaffolder behind `manage.py startproduct`, with no install: make test installs.
    run_kit("slicekit.scaffold", "product", "billing", *flags, cwd=project)

    output = run("make", "test", cwd=project, timeout=MAKE_TEST_TIMEOUT)

    assert "All checks passed!" in output  # ruff check
    assert "All modules validated!" in output  # tach check
    assert "System check identified no issues" in output
    assert "No changes detected" in output  # makemigrations --check
    assert re.search(r"Required test coverage of 90(\.0)?% reached", output)  # the floor held
    assert "Success: no issues found" in output  # mypy
    # The core and wiring tests, plus at least fifteen per product, billing included.
    assert passed_count(output) >= 10 + 15 * (len(products) + 1)
    assert "products/billing/backend/tests/test_presentation.py" in output
    # Each product used is checked through its facade, against a stub, in billing's tests.
    test_logic = (project / "products/billing/backend/tests/test_logic.py").read_text()
    for product in products:
        assert f"def test_an_archived_{product}_item_is_rejected(" in test_logic


def test_pytest_prints_nothing_of_tachs_plugin(project: Path) -> None:
    run("make", "install", cwd=project)

    output = run("make", "pytest", "PYTEST_ARGS=kit/tests/rules/test_graph.py", cwd=project)

    assert passed_count(output) == 3
    assert "[Tach]" not in output


def test_make_run_serves_the_api_on_sqlite(project: Path, tmp_path: Path) -> None:
    with make_run(project, tmp_path / "make-run.log") as server:
        status, body = server.get("/admin/login/")
        assert status == 200
        assert "<form" in body
        if (project / "products" / "catalog").is_dir():
            status, body = server.get("/api/catalog/items/")
            assert status == 403  # authenticated by default
            assert "credentials were not provided" in json.loads(body)["detail"]
        assert (project / "db.sqlite3").is_file()
        assert "SECRET_KEY=" in (project / ".env").read_text()  # `make run` wrote it


def test_make_check_fails_while_a_frontend_client_is_stale(project: Path) -> None:
    if not (project / "frontend").is_dir():
        returncode, output = attempt("make", "-n", "frontend-client-check", cwd=project)
        assert returncode != 0
        assert "No rule to make target" in output
        return
    slices = sorted(project.glob("products/*/backend/presentation/openapi.json"))
    if not slices:  # no product: no client to go stale, and the check passes
        run("make", "frontend-client-check", cwd=project)
        return
    slice_ = slices[0]
    original = slice_.read_text()
    # An API change the slice records: a new optional field of the item.
    changed = json.loads(original)
    item = next(name for name in changed["components"]["schemas"] if name.endswith("NewItem"))
    changed["components"]["schemas"][item]["properties"]["note"] = {"type": "string"}
    slice_.write_text(json.dumps(changed, indent=2) + "\n")
    try:
        returncode, output = attempt("make", "frontend-client-check", cwd=project)
        assert returncode != 0
        assert "generated/schema.d.ts is stale against" in output
        run("make", "frontend-client", cwd=project)
        client = slice_.parents[2] / "frontend" / "generated" / "schema.d.ts"
        assert "note?: string;" in client.read_text()
        run("make", "frontend-client-check", cwd=project)
    finally:
        slice_.write_text(original)
        run("make", "frontend-client", cwd=project)


def test_make_run_serves_the_web_app_at_the_root(project: Path, tmp_path: Path) -> None:
    with make_run(project, tmp_path / "make-run.log") as server:
        # The first start installs the frontend's packages and builds the app.
        status, page = server.get("/", timeout=600)
        assert status == 200
        if not (project / "frontend").is_dir():
            assert "API docs" in page  # the Django home page of a project without a frontend
            return
        assert '<div id="root"></div>' in page
        script = re.search(r'src="(/static/app/[^"]+\.js)"', page)
        assert script, page
        status, code = server.get(script.group(1))
        assert status == 200
        assert "/api/auth/session/" in code  # the app, not a placeholder
        # A page of the app's own is the app too; Django's addresses stay Django's.
        assert server.get("/catalog") == (200, page)
        # (/api/docs/ asks an anonymous visitor to sign in: the app's page, by design.)
        assert server.get("/admin/login/")[1] != page
