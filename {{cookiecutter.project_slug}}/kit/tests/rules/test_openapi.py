import json
from pathlib import Path

import pytest

from slicekit.openapi import (
    dumps,
    from_skeleton,
    product_slice,
    read_slice,
    slice_path,
    sliced_products,
)

SECURITY: list[dict[str, list[str]]] = [{"cookieAuth": []}]
REF = "#/components/schemas/"


def ref(target: str) -> dict[str, str]:
    return {"$ref": target}


def operation(tag: str, schema: str) -> dict[str, object]:
    return {
        "operationId": f"{tag}_op",
        "tags": [tag],
        "security": SECURITY,
        "responses": {
            "200": {
                "content": {
                    "application/json": {"schema": ref(schema)},
                },
            },
        },
    }


SCHEMA: dict[str, object] = {
    "openapi": "3.0.3",
    "info": {"title": "Whole API", "version": "2.0.0"},
    "paths": {
        "/api/shop/items/": {"get": operation("shop", "#/components/schemas/ShopPage")},
        "/api/auth/token/": {"post": operation("auth", "#/components/schemas/Token")},
        "/api/mixed/": {
            "get": operation("shop", "#/components/schemas/Error"),
            "post": operation("other", "#/components/schemas/OtherItem"),
        },
    },
    "components": {
        "schemas": {
            "ShopPage": {
                "type": "object",
                "properties": {
                    "results": {"type": "array", "items": ref(f"{REF}ShopItem")},
                    "count": {"type": "integer"},
                },
                "required": ["count", "results"],
            },
            "ShopItem": {
                "type": "object",
                "properties": {"status": ref(f"{REF}ShopItemStatus")},
            },
            "ShopItemStatus": {"type": "string", "enum": ["active"]},
            "Error": {"type": "object"},
            "OtherItem": {"type": "object"},
            "Token": {"type": "object"},
        },
        "securitySchemes": {
            "cookieAuth": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
            "jwtAuth": {"type": "http", "scheme": "bearer"},
        },
    },
}


def test_a_slice_keeps_the_products_operations_and_what_they_reach() -> None:
    sliced = product_slice(SCHEMA, "shop")

    assert list(sliced["paths"]) == ["/api/mixed/", "/api/shop/items/"]
    assert list(sliced["paths"]["/api/mixed/"]) == ["get"]  # the other product's post is left
    assert list(sliced["components"]["schemas"]) == [
        "Error",
        "ShopItem",
        "ShopItemStatus",
        "ShopPage",
    ]
    assert list(sliced["components"]["securitySchemes"]) == ["cookieAuth"]
    assert sliced["info"] == {"title": "Shop API", "version": "2.0.0"}


def test_required_fields_follow_the_properties_order() -> None:
    sliced = product_slice(SCHEMA, "shop")

    assert sliced["components"]["schemas"]["ShopPage"]["required"] == ["results", "count"]


def test_a_product_without_operations_gets_an_empty_slice() -> None:
    sliced = product_slice(SCHEMA, "billing")

    assert sliced["paths"] == {}
    assert sliced["components"]["schemas"] == {}
    assert sliced["components"]["securitySchemes"] == {}


def test_the_text_is_the_same_on_every_run() -> None:
    assert dumps(product_slice(SCHEMA, "shop")) == dumps(product_slice(SCHEMA, "shop"))
    assert dumps({"name": "Blåbär"}) == '{\n  "name": "Blåbär"\n}\n'


def test_the_skeletons_slice_loses_its_trailing_commas_and_sorts_its_components() -> None:
    rendered = """{
  "paths": {},
  "components": {
    "schemas": {
      "Zeta": {"properties": {"b": {}, "a": {},}, "required": ["a", "b",],},
      "Alpha": {},
    }
  },
}
"""
    text = from_skeleton(rendered)

    written = json.loads(text)
    assert list(written["components"]["schemas"]) == ["Alpha", "Zeta"]
    assert written["components"]["schemas"]["Zeta"]["required"] == ["b", "a"]
    assert text == dumps(written)


def test_reading_a_slice_names_the_file_and_the_fix(tmp_path: Path) -> None:
    path = slice_path(tmp_path, "shop")
    with pytest.raises(ValueError, match=r"shop/backend/presentation/openapi.json: .*make openapi"):
        read_slice(tmp_path, "shop")
    path.parent.mkdir(parents=True)
    path.write_text("{")
    with pytest.raises(ValueError, match="not valid JSON"):
        read_slice(tmp_path, "shop")
    path.write_text("[]")
    with pytest.raises(ValueError, match="no paths"):
        read_slice(tmp_path, "shop")
    path.write_text(dumps(product_slice(SCHEMA, "shop")))

    assert read_slice(tmp_path, "shop")["paths"]
    assert sliced_products(tmp_path) == ["shop"]
