"""Full tier: the steps of `docs/extracting-a-product.md`, applied to `catalog`.

On a bake with the web app and on one without: the guide's `sh` blocks run as written
(the service baked next to the project among them), the code it describes is written in
between, and every check (`make test`) passes after each step. A module of its own, so
that its bakes run beside the first hour's on the other worker.
"""

import re
from pathlib import Path
from typing import Any

import pytest

from .helpers import commit_all, run
from .options import Cell
from .test_first_hour_full import CATALOG, failing_make, make, without_uv

pytestmark = pytest.mark.full

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
    "erase_user_data",
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


def erase_user_data(user_id: int) -> int:
    return int(client.call("POST", f"/users/{user_id}/erase/")["erased"])


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
from slicekit.testing import assert_is_contract

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
        return {**ROW, "count": 1, "results": [ROW], "archived": 2, "erased": 3}

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
    assert api.erase_user_data(1) == 3

    assert [method for method, _ in service] == ["POST", "DELETE", "POST", "POST"]
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


@pytest.fixture(params=["yes", "no"], ids=["with the frontend", "backend only"])
def monolith(request: pytest.FixtureRequest, tooling_cell: Cell, bake_once: Any) -> Path:
    """A default bake, installed, with the web app and without."""
    project = bake_once(**tooling_cell.answers(frontend=request.param))
    make(project, "install")
    commit_all(project, "uv.lock")
    return project


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
        "test_events.py",
        "test_logic.py",
        "test_models.py",
        "test_presentation.py",
        "test_tasks.py",
    ):
        (backend / "tests" / test).unlink()
    (backend / "tests/test_api.py").write_text(REMOTE_TEST)
    (backend / "tests/test_registration.py").write_text(REMOTE_REGISTRATION)
    domain = project / CATALOG / "tach.domain.toml"
    # Neither the models' base classes (core) nor the names package are imported any more.
    uses = 'depends_on = ["//core", "//packages.display_names"]'
    domain.write_text(domain.read_text().replace(uses, "depends_on = []", 1))
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
