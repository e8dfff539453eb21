"""Full tier: the first hour on a machine without uv on PATH, and the extraction guide.

One bake per Python. Its first `make install` bootstraps uv into `.tools/bin`, as it
does for anyone without uv (and so do `make check`, `lint` and `pytest` run first thing
in a fresh clone); every command after that runs with a PATH that has no uv at all:
the everyday `make` targets, the commit hooks and a `git commit` through them.
Then the steps of `docs/extracting-a-product.md` are applied to `catalog`, on a bake
with the web app and on one without: its `sh` blocks run as written (the service baked
next to the project among them), the code it describes is written in between, and every
check (`make test`) passes after each step.
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
    check = ("scripts/uv", "run", "--frozen", "python", "-m", "boundaries", "contracts", "catalog")

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


CLIENT = '''"""Catalog's client of the catalog service (docs/extracting-a-product.md)."""

import json
from typing import Any
from urllib.request import Request, urlopen

from django.conf import settings


def call(method: str, path: str) -> Any:
    url = f"{settings.CATALOG_SERVICE_URL}{path}"
    request = Request(url, method=method)  # noqa: S310 (the URL comes from the settings)
    with urlopen(request, timeout=5) as response:  # noqa: S310
        return json.load(response)


def get_item(item_id: object) -> dict[str, Any]:
    row: dict[str, Any] = call("GET", f"/items/{item_id}/")
    return row
'''
REMOTE_API = '''"""Catalog's facade, over the catalog service."""

from datetime import datetime
from typing import Any
from uuid import UUID

from .. import client
from .contracts import Item, NewItem
from .enums import ItemStatus

__all__ = [
    "archive_items_created_before",
    "count_items",
    "create_item",
    "delete_item",
    "get_item",
    "list_items",
]


def create_item(new: NewItem) -> Item:
    return _to_item(client.call("POST", f"/items/?name={new.name}"))


def get_item(item_id: UUID) -> Item:
    return _to_item(client.get_item(item_id))


def list_items(offset: int = 0, limit: int | None = None) -> tuple[Item, ...]:
    page = client.call("GET", f"/items/?offset={offset}&limit={limit or ''}")
    return tuple(_to_item(row) for row in page["results"])


def count_items() -> int:
    return int(client.call("GET", "/items/?limit=1")["count"])


def delete_item(item_id: UUID) -> None:
    client.call("DELETE", f"/items/{item_id}/")


def archive_items_created_before(cutoff: datetime) -> int:
    return int(client.call("POST", f"/items/archive/?before={cutoff.isoformat()}")["archived"])


def _to_item(row: dict[str, Any]) -> Item:
    return Item(
        id=UUID(row["id"]),
        name=row["name"],
        status=ItemStatus(row["status"]),
        created_at=datetime.fromisoformat(row["created_at"]),
        owner_id=row["owner_id"],
    )
'''
REMOTE_TEST = '''"""The facade over the catalog service: the service's JSON becomes contracts."""

from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

import pytest

from core.testing import assert_is_contract

from .. import client
from ..facade import api
from ..facade.contracts import NewItem

ITEM_ID = uuid4()
ROW = {
    "id": str(ITEM_ID),
    "name": "Blue mug",
    "status": "active",
    "created_at": "2026-01-01T00:00:00+00:00",
    "owner_id": 1,
}


@pytest.fixture(autouse=True)
def service(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The service, answering every call with what each endpoint returns."""
    calls: list[tuple[str, str]] = []

    def call(method: str, path: str) -> Any:
        calls.append((method, path))
        return {**ROW, "count": 1, "results": [ROW], "archived": 2}

    monkeypatch.setattr(client, "call", call)
    return calls


def test_reads_map_the_services_json() -> None:
    item = api.get_item(ITEM_ID)

    assert_is_contract(item)
    assert item.id == ITEM_ID
    assert api.list_items() == (item,)
    assert api.count_items() == 1


def test_writes_go_to_the_service(service: list[tuple[str, str]]) -> None:
    assert_is_contract(api.create_item(NewItem(name="Blue mug", owner_id=1)))
    api.delete_item(ITEM_ID)
    assert api.archive_items_created_before(datetime(2026, 1, 1, tzinfo=UTC)) == 2

    assert [method for method, _ in service] == ["POST", "DELETE", "POST"]
'''
REMOTE_REGISTRATION = '''"""Catalog is installed; the service tests its routes, tasks and schema."""

from django.apps import apps


def test_it_is_an_installed_app_labelled_by_its_name() -> None:
    app = apps.get_app_config("catalog")

    assert app.name == "products.catalog.backend"
'''


SH_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.M | re.S)


def guide_blocks(guide: str) -> dict[str, list[str]]:
    """The guide's `sh` blocks by section ("1" for "## 1. ..."), for `catalog`."""
    return {
        section.split(".", 1)[0]: [
            block.replace("<name>", "catalog").replace("<NAME>", "CATALOG")
            for block in SH_BLOCK.findall(section)
        ]
        for section in re.split(r"^## ", guide, flags=re.M)[1:]
    }


def pasted(project: Path, script: str) -> str:
    """Run a block of the guide as a reader pastes it into a shell at the project's root."""
    return run("bash", "-euo", "pipefail", "-c", script, cwd=project, env=without_uv())


def guide_line(guide: str, pattern: str) -> str:
    (found,) = re.findall(pattern, guide, re.M)
    return found


@pytest.fixture(scope="module")
def backend_only(tooling_cell: Cell, bake_once) -> Path:
    """The default products without the web app."""
    project = bake_once(**tooling_cell.answers(frontend="no"))
    make(project, "install")
    commit_all(project, "uv.lock")
    return project


@pytest.fixture(params=["with the frontend", "backend only"])
def monolith(request: pytest.FixtureRequest, tooling_cell: Cell) -> Path:
    """A default bake, with the web app (put back afterwards) and without.

    ``tooling_cell`` is named so that the cell's parameters reach the bakes asked for here.
    """
    if request.param == "backend only":
        return request.getfixturevalue("backend_only")
    request.getfixturevalue("restore")
    return request.getfixturevalue("project")


def test_each_step_of_the_extraction_guide_keeps_every_check_green(monolith: Path) -> None:
    project = monolith
    guide = (project / "docs/extracting-a-product.md").read_text()
    blocks = guide_blocks(guide)
    backend = project / CATALOG / "backend"
    api = backend / "facade/api.py"
    with_frontend = (project / "frontend").is_dir()

    # Step 1: it is ready, and orders is its caller.
    (ready,) = blocks["1"]
    assert "products/orders/backend/logic.py" in pasted(project, ready)

    # Step 2: the service, baked next to the monolith with the monolith's product, passes.
    (service_bake,) = blocks["2"]
    pasted(project, service_bake)
    service = project.parent / "catalog_service"
    assert (service / CATALOG / "backend/facade/api.py").read_text() == api.read_text()
    assert '"name": "@catalog_service/catalog"' in (service / CATALOG / "package.json").read_text()
    assert (service / CATALOG / "frontend").is_dir() == with_frontend

    # Step 4: a client behind the facade, and the switch (as the guide shows it).
    settings = project / "config/settings/base.py"
    settings.write_text(
        settings.read_text() + '\nCATALOG_SERVICE_URL = values.text("CATALOG_SERVICE_URL")\n'
    )
    (backend / "client.py").write_text(CLIENT)
    switch = guide_line(guide, r"^    if settings\.<NAME>_SERVICE_URL:.*$").split("#")[0].rstrip()
    text = api.read_text().replace(
        "from core.transactions", "from django.conf import settings\n\nfrom core.transactions"
    )
    text = text.replace("from .. import logic\n", "from .. import client, logic\n").replace(
        "    return _to_item(logic.get_item(item_id))\n",
        f"{switch.replace('<NAME>', 'CATALOG')}\n        return Item(**client.get_item(item_id))\n"
        "    return _to_item(logic.get_item(item_id))\n",
    )
    api.write_text(text)
    make(project, "test")

    # Step 6: the product reduced to its facade over the service.
    urls = guide_line(guide, r"`(urlpatterns: list\[URLPattern\] = \[\])`")
    schedule = guide_line(guide, r"`(SCHEDULE: dict\[str, dict\[str, Any\]\] = \{\})`")
    api.write_text(REMOTE_API)
    for layer in (
        "admin.py",
        "models.py",
        "logic.py",
        "presentation/serializers.py",
        "presentation/views.py",
        "tasks/tasks.py",
    ):
        (backend / layer).write_text('"""This layer lives in the catalog service now."""\n')
    (backend / "presentation/urls.py").write_text(
        '"""Served by the catalog service."""\n\nfrom django.urls import URLPattern\n\n'
        f'app_name = "catalog"\n\n{urls}\n'
    )
    (backend / "tasks/schedules.py").write_text(
        f'"""Run by the catalog service."""\n\nfrom typing import Any\n\n{schedule}\n'
    )
    for test in (
        "conftest.py",
        "factories.py",
        "test_admin.py",
        "test_logic.py",
        "test_models.py",
        "test_presentation.py",
        "test_tasks.py",
    ):
        (backend / "tests" / test).unlink()
    (backend / "tests/test_api.py").write_text(REMOTE_TEST)
    (backend / "tests/test_registration.py").write_text(REMOTE_REGISTRATION)
    domain = project / CATALOG / "tach.domain.toml"
    domain.write_text(domain.read_text().replace(', "//packages.display_names"]', "]", 1))
    *ui, accept, migration = blocks["6"]
    assert len(ui) == with_frontend  # the UI moves with the service: one block removes it here
    for block in ui:
        pasted(project, block)
    assert not (project / CATALOG / "frontend").exists()
    # The endpoints left with the service: the slice is stale until the API change is accepted.
    assert "catalog/backend/presentation/openapi.json: openapi: stale" in failing_make(
        project, "check"
    )
    pasted(project, accept)
    assert '"paths": {}' in (backend / "presentation/openapi.lock.json").read_text()
    assert "migrations" in failing_make(project, "check")  # until the migration records it
    pasted(project, migration)

    make(project, "test")
    assert (backend / "migrations/0002_moved_to_service.py").is_file()
