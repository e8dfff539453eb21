import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from slicekit.__main__ import main
from slicekit.http_lock import compare, lock_failures, lock_path, read_lock, write_lock
from slicekit.openapi import dumps, slice_path

ITEM = "#/components/schemas/ShopItem"
NEW_ITEM = "#/components/schemas/ShopNewItem"
LIST = "GET /api/shop/items/"
CREATE = "POST /api/shop/items/"


INTEGER = {"type": "integer"}
STRING = {"type": "string"}
NO_RESPONSES: dict[str, Any] = {"responses": {}, "summary": "Nothing yet"}


def ref(target: str) -> dict[str, str]:
    return {"$ref": target}


def body(target: str) -> dict[str, Any]:
    media = {"schema": ref(target)}
    return {
        "content": {"application/json": media},
    }


def query(name: str, schema: dict[str, str], *, required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": required, "schema": schema}


def accepted() -> dict[str, Any]:
    """A small schema of the skeleton's shape: a list with a query parameter, a create."""
    return {
        "openapi": "3.0.3",
        "paths": {
            "/api/shop/items/": {
                "get": {
                    "parameters": [query("limit", INTEGER)],
                    "responses": {
                        "200": {
                            "content": {
                                "application/json": {
                                    "schema": {"type": "array", "items": ref(ITEM)},
                                }
                            }
                        },
                        "403": {"description": "Not signed in"},
                    },
                },
                "post": {
                    "requestBody": {**body(NEW_ITEM), "required": True},
                    "responses": {"201": body(ITEM)},
                },
            },
            "/api/shop/items/{item_id}/": {
                "get": {
                    "responses": {"200": body(ITEM)},
                },
            },
        },
        "components": {
            "schemas": {
                "ShopItem": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string", "format": "uuid"},
                        "name": {"type": "string"},
                        "status": {"$ref": "#/components/schemas/ShopItemStatus"},
                        "note": {"type": "string", "nullable": True},
                    },
                    "required": ["id", "name", "status"],
                },
                "ShopItemStatus": {"type": "string", "enum": ["active", "archived"]},
                "ShopNewItem": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string", "maxLength": 200},
                        "kind": {"type": "string", "enum": ["mug", "plate"]},
                        "note": {"type": "string", "nullable": True},
                    },
                    "required": ["name"],
                },
            }
        },
    }


def changes(edit: Callable[[dict[str, Any]], object]) -> tuple[list[str], list[str]]:
    current = copy.deepcopy(accepted())
    edit(current)
    found = compare(accepted(), current)
    return found.breaking, found.additions


def item(schema: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = schema["components"]["schemas"]["ShopItem"]
    return found


def new_item(schema: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = schema["components"]["schemas"]["ShopNewItem"]
    return found


def test_the_same_schema_has_no_changes() -> None:
    assert changes(lambda schema: None) == ([], [])


BREAKING: dict[str, tuple[Callable[[dict[str, Any]], object], str]] = {
    "a removed path": (
        lambda s: s["paths"].pop("/api/shop/items/{item_id}/"),
        "/api/shop/items/{item_id}/: the path was removed",
    ),
    "a removed operation": (
        lambda s: s["paths"]["/api/shop/items/"].pop("post"),
        f"{CREATE}: the operation was removed",
    ),
    "a removed success response": (
        lambda s: s["paths"]["/api/shop/items/"]["post"]["responses"].update(
            {"200": s["paths"]["/api/shop/items/"]["post"]["responses"].pop("201")}
        ),
        f"{CREATE}: response 201 was removed",
    ),
    "a removed response field": (
        lambda s: item(s)["properties"].pop("name"),
        f"{LIST}: response 200[] (ShopItem): field name: was removed: clients that read it break",
    ),
    "a response field no longer always sent": (
        lambda s: item(s)["required"].remove("id"),
        "field id: is no longer always sent",
    ),
    "a response field that may now be null": (
        lambda s: item(s)["properties"]["name"].update(nullable=True),
        "field name: may now be null",
    ),
    "a new member in a response enum": (
        lambda s: s["components"]["schemas"]["ShopItemStatus"]["enum"].append("hidden"),
        'field status (ShopItemStatus): new enum member "hidden": clients that switch',
    ),
    "a changed response type": (
        lambda s: item(s)["properties"]["id"].update(type="integer"),
        "field id: type changed from string to integer",
    ),
    "a new required request field": (
        lambda s: (
            new_item(s)["properties"].update(price={"type": "integer"}),
            new_item(s)["required"].append("price"),
        ),
        f"{CREATE}: request (ShopNewItem): field price: new and required: every client breaks",
    ),
    "a request field that became required": (
        lambda s: new_item(s)["required"].append("kind"),
        "field kind: became required",
    ),
    "a removed request field": (
        lambda s: new_item(s)["properties"].pop("note"),
        "field note: was removed: clients that send it lose it",
    ),
    "a member removed from a request enum": (
        lambda s: new_item(s)["properties"]["kind"]["enum"].remove("plate"),
        'field kind: enum member "plate" removed: clients that send it break',
    ),
    "a tighter request bound": (
        lambda s: new_item(s)["properties"]["name"].update(maxLength=100),
        "field name: maxLength tightened from 200 to 100",
    ),
    "a new request pattern": (
        lambda s: new_item(s)["properties"]["name"].update(pattern="^[a-z]+$"),
        "field name: pattern tightened from none to ^[a-z]+$",
    ),
    "null refused in a request": (
        lambda s: new_item(s)["properties"]["note"].pop("nullable"),
        "field note: null is no longer accepted",
    ),
    "a new required parameter": (
        lambda s: s["paths"]["/api/shop/items/"]["get"]["parameters"].append(
            query("tenant", STRING, required=True)
        ),
        f"{LIST}: new query parameter tenant is required",
    ),
    "a parameter that became required": (
        lambda s: s["paths"]["/api/shop/items/"]["get"]["parameters"][0].update(required=True),
        f"{LIST}: query parameter limit became required",
    ),
    "a parameter whose type narrowed": (
        lambda s: s["paths"]["/api/shop/items/"]["get"]["parameters"][0]["schema"].update(
            type="boolean"
        ),
        "query parameter limit: type changed from integer to boolean",
    ),
    "a request body that became required": (
        lambda s: s["paths"]["/api/shop/items/"]["get"].update(
            requestBody={**body(NEW_ITEM), "required": True}
        ),
        f"{LIST}: a request body is now required",
    ),
    "a response body dropped": (
        lambda s: s["paths"]["/api/shop/items/"]["post"]["responses"]["201"].pop("content"),
        f"{CREATE}: response 201: its application/json body was removed",
    ),
    "a response schema swapped for another component": (
        lambda s: s["paths"]["/api/shop/items/{item_id}/"]["get"]["responses"].update(
            {"200": body(NEW_ITEM)}
        ),
        "GET /api/shop/items/{item_id}/: response 200 (ShopNewItem): field id: was removed",
    ),
}


@pytest.mark.parametrize(("edit", "expected"), BREAKING.values(), ids=list(BREAKING))
def test_a_breaking_change_is_named(
    edit: Callable[[dict[str, Any]], object], expected: str
) -> None:
    breaking, _ = changes(edit)

    assert any(expected in line for line in breaking), breaking


COMPATIBLE: dict[str, tuple[Callable[[dict[str, Any]], object], str]] = {
    "a new path": (
        lambda s: s["paths"].setdefault("/api/shop/tags/", {"get": NO_RESPONSES}),
        "/api/shop/tags/: new path",
    ),
    "a new operation": (
        lambda s: s["paths"]["/api/shop/items/{item_id}/"].update(delete=NO_RESPONSES),
        "DELETE /api/shop/items/{item_id}/: new operation",
    ),
    "a new response field": (
        lambda s: item(s)["properties"].update(price={"type": "integer"}),
        "new response field price",
    ),
    "a new optional request field": (
        lambda s: new_item(s)["properties"].update(price={"type": "integer"}),
        "new optional request field price",
    ),
    "a new optional parameter": (
        lambda s: s["paths"]["/api/shop/items/"]["get"]["parameters"].append(
            query("offset", INTEGER)
        ),
        "new optional query parameter offset",
    ),
    "a new member in a request enum": (
        lambda s: new_item(s)["properties"]["kind"]["enum"].append("bowl"),
        'new enum member "bowl"',
    ),
    "a member no longer sent in a response enum": (
        lambda s: s["components"]["schemas"]["ShopItemStatus"]["enum"].remove("archived"),
        'enum member "archived" no longer sent',
    ),
    "a new error response": (
        lambda s: s["paths"]["/api/shop/items/"]["post"]["responses"].update(
            {
                "409": {"description": "Refused"},
            }
        ),
        f"{CREATE}: new response 409",
    ),
    "a looser request bound": (
        lambda s: new_item(s)["properties"]["name"].update(maxLength=300),
        "",
    ),
    "a removed error response": (
        lambda s: s["paths"]["/api/shop/items/"]["get"]["responses"].pop("403"),
        "",
    ),
    "a renamed component": (
        lambda s: (
            s["components"]["schemas"].update(ShopThing=s["components"]["schemas"].pop("ShopItem")),
            s["paths"]["/api/shop/items/{item_id}/"]["get"]["responses"].update(
                {"200": body("#/components/schemas/ShopThing")}
            ),
            s["paths"]["/api/shop/items/"]["post"]["responses"].update(
                {"201": body("#/components/schemas/ShopThing")}
            ),
            s["paths"]["/api/shop/items/"]["get"]["responses"]["200"]["content"][
                "application/json"
            ]["schema"]["items"].update({"$ref": "#/components/schemas/ShopThing"}),
        ),
        "",
    ),
}


@pytest.mark.parametrize(("edit", "expected"), COMPATIBLE.values(), ids=list(COMPATIBLE))
def test_a_compatible_change_passes_and_is_listed(
    edit: Callable[[dict[str, Any]], object], expected: str
) -> None:
    breaking, additions = changes(edit)

    assert breaking == []
    assert any(expected in line for line in additions) if expected else additions == []


def test_a_recursive_schema_is_compared_once() -> None:
    def recurse(schema: dict[str, Any]) -> None:
        item(schema)["properties"]["parent"] = {"$ref": ITEM}

    old, new = copy.deepcopy(accepted()), copy.deepcopy(accepted())
    recurse(old)
    recurse(new)
    item(new)["properties"].pop("name")

    breaking = compare(old, new).breaking

    assert len([line for line in breaking if "field name: was removed" in line]) == 1


@pytest.fixture
def root(tmp_path: Path) -> Path:
    path = slice_path(tmp_path, "shop")
    path.parent.mkdir(parents=True)
    path.write_text(dumps(accepted()))
    return tmp_path


def test_accepting_copies_the_slice_into_the_lock(root: Path) -> None:
    path = write_lock(root, "shop")

    assert path == lock_path(root, "shop")
    assert path.read_text() == slice_path(root, "shop").read_text()
    assert lock_failures(root, "shop") == ([], [])


def test_a_failure_names_the_file_the_rule_and_the_command(root: Path) -> None:
    write_lock(root, "shop")
    schema = accepted()
    del schema["paths"]["/api/shop/items/{item_id}/"]
    slice_path(root, "shop").write_text(dumps(schema))

    breaking, _ = lock_failures(root, "shop")

    assert breaking == [
        "products/shop/backend/presentation/openapi.json: api-lock: "
        "/api/shop/items/{item_id}/: the path was removed"
    ]


def test_a_missing_or_broken_lock_says_how_to_accept(root: Path) -> None:
    with pytest.raises(ValueError, match=r"lock.json: api-lock: missing; .*make accept-api"):
        read_lock(root, "shop")
    lock_path(root, "shop").write_text("{}")
    with pytest.raises(ValueError, match="no paths"):
        read_lock(root, "shop")

    assert lock_failures(root, "shop")[0] == [
        "products/shop/backend/presentation/openapi.lock.json: api-lock: no paths; "
        "rewrite it with `make accept-api PRODUCT=shop`"
    ]


def test_the_command_names_the_break_and_accepts_it(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_lock(root, "shop")
    schema = accepted()
    item(schema)["properties"].pop("name")
    slice_path(root, "shop").write_text(dumps(schema))

    assert main(["api", "--all", "--root", str(root)]) == 1
    failed = capsys.readouterr().out
    assert main(["api", "shop", "--update-lock", "--root", str(root)]) == 0
    assert main(["api", "shop", "--root", str(root)]) == 0

    assert "field name: was removed" in failed
    assert "shop: these API changes break its clients" in failed
    assert failed.endswith(
        "accept them with: make accept-api PRODUCT=shop\napi: 1 products checked, 1 fail\n"
    )
    assert "wrote products/shop/backend/presentation/openapi.lock.json" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["../shop", "billing"])
def test_the_command_refuses_a_product_without_a_slice(root: Path, name: str) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["api", name, "--root", str(root)])

    assert refused.value.code == 2
