"""Full tier: the HTTP API is held to its committed slice and to its lock.

Like ``test_violations_contracts.py``: each case changes a product's
serializers, views, URLs or enums in a fresh bake, regenerates the slices as a
developer would (``manage.py openapi``) and asserts that the API check fails
naming the product, the operation, the field, what changed and the command
that accepts it; reverted, the same check passes. Compatible changes pass and
are listed. A slice not regenerated fails ``manage.py openapi --check``; a
product added later ships a slice that is already up to date.
"""

from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import attempt, run
from .options import Cell
from .planting import Case, assert_caught_and_reverted, revert
from .test_violations import (
    CATALOG,
    PYTHON,
    append,
    installed_bake,
    replace,
)

pytestmark = pytest.mark.full


@pytest.fixture(scope="module")
def project(tooling_cell: Cell, bake_once: Callable[..., Path]) -> Path:
    return installed_bake(bake_once, tooling_cell)


SETTINGS = "--settings=config.settings.test"
WRITE = f"{PYTHON} manage.py openapi --all {SETTINGS} >/dev/null"
# Regenerate the slices, then compare them with their locks.
API = ("sh", "-c", f"{WRITE} && {PYTHON} -m slicekit api --all")
STALE = (PYTHON, "manage.py", "openapi", "--all", "--check", SETTINGS)
SERIALIZERS = f"{CATALOG}/presentation/serializers.py"
VIEWS = f"{CATALOG}/presentation/views.py"
URLS = f"{CATALOG}/presentation/urls.py"
ENUMS = f"{CATALOG}/facade/enums.py"
SLICE = f"{CATALOG}/presentation/openapi.json"
ACCEPT = "accept them with: make accept-api PRODUCT=catalog"
LIST = "GET /api/catalog/items/"
CREATE = "POST /api/catalog/items/"
OWNER = "    owner_id = serializers.IntegerField()\n"
NAME_LIMIT = "        max_length=200,\n"
NEW_ITEM_END = '        help_text="What people call the item; no control characters.",\n'


def breaking(file: str, edit: Callable[[str], str], *expect: str) -> Case:
    return Case(file, edit, API, (f"{SLICE}: api-lock: ", *expect, ACCEPT))


CASES = {
    "a removed response field": breaking(
        SERIALIZERS,
        replace(OWNER, ""),
        f"{LIST}: response 200 (PaginatedCatalogItemList): field results[] (CatalogItem): "
        "field owner_id: was removed: clients that read it break",
    ),
    "a response field retyped": breaking(
        SERIALIZERS,
        replace(OWNER, "    owner_id = serializers.CharField()\n"),
        "field owner_id: type changed from integer to string",
    ),
    "a response field that may now be null": breaking(
        SERIALIZERS,
        replace(OWNER, "    owner_id = serializers.IntegerField(allow_null=True)\n"),
        "field owner_id: may now be null",
    ),
    "a new required request field": breaking(
        SERIALIZERS,
        replace(NEW_ITEM_END, f"{NEW_ITEM_END}    )\n    colour = serializers.CharField(\n"),
        f"{CREATE}: request (CatalogNewItem): field colour: new and required",
    ),
    "a tighter limit on a request field": breaking(
        SERIALIZERS,
        replace(NAME_LIMIT, "        max_length=100,\n"),
        "field name: maxLength tightened from 200 to 100",
    ),
    "a new enum member, which clients of the response have never seen": breaking(
        ENUMS,
        append('    HIDDEN = "hidden"\n'),
        'field status (CatalogItemStatus): new enum member "hidden"',
    ),
    "a removed operation": breaking(
        VIEWS,
        replace("    def delete(", "    def remove("),
        "DELETE /api/catalog/items/{item_id}/: the operation was removed",
    ),
    "a removed path": breaking(
        URLS,
        replace(
            '    path("items/<uuid:item_id>/", ItemDetailView.as_view(), name="item-detail"),\n', ""
        ),
        "/api/catalog/items/{item_id}/: the path was removed",
    ),
    "a path renamed": breaking(
        URLS,
        replace('path("items/<uuid:item_id>/"', 'path("things/<uuid:item_id>/"'),
        "/api/catalog/items/{item_id}/: the path was removed",
    ),
    "a slice not regenerated after a change": Case(
        SERIALIZERS,
        replace(OWNER, ""),
        STALE,
        (f"{SLICE}: openapi: stale: catalog's API changed", "`make openapi`"),
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
def test_the_break_is_caught_and_the_revert_passes(project: Path, case: Case) -> None:
    assert_caught_and_reverted(project, case, CASES)


COMPATIBLE = {
    "a new optional request field": (
        SERIALIZERS,
        replace(
            NEW_ITEM_END,
            f"{NEW_ITEM_END}    )\n    note = serializers.CharField(\n        required=False,\n",
        ),
        f"{CREATE}: request (CatalogNewItem): new optional request field note",
    ),
    "a new response field": (
        SERIALIZERS,
        replace(OWNER, f"{OWNER}    revision = serializers.IntegerField()\n"),
        "new response field revision",
    ),
    "a looser limit on a request field": (
        SERIALIZERS,
        replace(NAME_LIMIT, "        max_length=300,\n"),
        "",
    ),
    # An escape hatch that must not move an operation out of its product's slice.
    "another tag on an operation": (
        VIEWS,
        replace(
            "        request=NewItemSerializer,\n",
            '        request=NewItemSerializer,\n        tags=["shop"],\n',
        ),
        "",
    ),
}


@pytest.mark.parametrize(("file", "edit", "addition"), COMPATIBLE.values(), ids=list(COMPATIBLE))
def test_a_compatible_change_passes_and_is_listed(
    project: Path, file: str, edit: Callable[[str], str], addition: str
) -> None:
    path = project / file
    try:
        path.write_text(edit(path.read_text()))

        output = run(*API, cwd=project)

        assert "api: 2 products checked, all pass" in output
        assert (addition in output) if addition else ("compatible API additions" not in output)
    finally:
        revert(project)


def test_a_break_is_accepted_in_one_command(project: Path) -> None:
    serializers = project / SERIALIZERS
    try:
        serializers.write_text(replace(OWNER, "")(serializers.read_text()))
        assert attempt(*API, cwd=project)[0] != 0

        run("make", "accept-api", "PRODUCT=catalog", cwd=project)

        lock = (project / CATALOG / "presentation/openapi.lock.json").read_text()
        assert lock == (project / SLICE).read_text()
        assert (
            '"owner_id"'
            not in lock.partition('"CatalogItem":')[2].partition('"CatalogItemStatus"')[0]
        )
        assert "api: 2 products checked, all pass" in run(*API, cwd=project)
        run(*STALE, cwd=project)
    finally:
        revert(project)


def test_a_product_added_later_ships_an_up_to_date_slice_and_its_lock(project: Path) -> None:
    try:
        run(
            PYTHON,
            "manage.py",
            "startproduct",
            "zeta_shop",
            "--depends-on",
            "catalog",
            SETTINGS,
            cwd=project,
        )

        output = run(*STALE, cwd=project)
        api = run(PYTHON, "-m", "slicekit", "api", "--all", cwd=project)

        assert "openapi: 3 slices up to date" in output
        assert "api: 3 products checked, all pass" in api
    finally:
        revert(project)
