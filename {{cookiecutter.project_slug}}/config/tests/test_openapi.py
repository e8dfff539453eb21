"""The whole project's OpenAPI schema is valid, and every endpoint refuses strangers.

Each product's own ``test_registration.py`` checks its endpoints in the schema
in its own task; this suite checks them together (with the project's own
endpoints), in the full runs.
"""

import json
import re
from typing import Any
from uuid import uuid4

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import resolve
from rest_framework.permissions import AllowAny
from rest_framework.test import APIClient

from config.products import products

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(tmp_path_factory: pytest.TempPathFactory) -> dict:
    path = tmp_path_factory.mktemp("openapi") / "schema.json"
    # --validate checks the schema against the OpenAPI specification; warnings fail it.
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--format=openapi-json", f"--file={path}"
    )
    return json.loads(path.read_text())


def test_every_operation_declares_that_it_needs_a_user(schema: dict) -> None:
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation.get("security"), f"{method.upper()} {path} declares no security"


def test_anonymous_requests_are_refused_unless_a_view_opts_out(schema: dict) -> None:
    client = APIClient()
    for template, operations in schema["paths"].items():
        path = re.sub(r"{\w+}", str(uuid4()), template)
        view = resolve(path).func.view_class
        if AllowAny in view.permission_classes:
            continue  # an explicit opt-out, visible in the view
        for method in operations:
            response = getattr(client, method)(path, {}, format="json")
            assert response.status_code in {401, 403}, f"{method.upper()} {template}"


def operations(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (f"{method.upper()} {path}", operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    ]


def test_every_operation_has_a_summary(schema: dict[str, Any]) -> None:
    for name, operation in operations(schema):
        assert operation.get("summary"), f"{name}: no summary (its view method's docstring)"


def test_every_error_response_has_a_body(schema: dict[str, Any]) -> None:
    for name, operation in operations(schema):
        for code, response in operation["responses"].items():
            if code.startswith("4"):
                assert response.get("content"), f"{name}: response {code} has no body"


def test_a_products_operations_carry_its_name_as_their_first_tag(schema: dict[str, Any]) -> None:
    for product in products():
        mounted = f"/api/{product.name}/"
        for name, operation in operations(schema):
            if name.partition(" ")[2].startswith(mounted):
                assert operation["tags"][0] == product.name, name


def test_every_enum_belongs_to_one_product(schema: dict[str, Any]) -> None:
    """Two products' status enums are two components: one changing never renames the other."""
    components = schema["components"]["schemas"]
    enums = [name for name, component in components.items() if "enum" in component]
    prefixes = tuple(product.class_prefix for product in products())
    assert all(name.startswith(prefixes) for name in enums), enums
    for product in products():
        assert f"{product.class_prefix}ItemStatus" in enums


@pytest.mark.parametrize("method", ["get", "post", "delete"])
def test_an_api_address_no_route_matches_is_a_json_404(method: str) -> None:
    client = Client(enforce_csrf_checks=True)  # as a browser or a script with a token is

    response = getattr(client, method)("/api/nowhere/not-a-uuid/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_an_api_address_without_its_slash_is_still_redirected() -> None:
    response = Client().get("/api/auth/token")

    assert response.status_code == 301
    assert response["Location"] == "/api/auth/token/"
