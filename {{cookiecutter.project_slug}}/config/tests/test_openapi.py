"""The OpenAPI schema documents every product's endpoints, and they refuse strangers."""

import json
import re
from importlib import import_module
from uuid import uuid4

import pytest
from django.core.management import call_command
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


def test_every_product_has_its_endpoints_and_its_own_components(schema: dict) -> None:
    # A product reduced to its facade over a service has no routes here, and no components.
    for product in products():
        routes = import_module(f"{product.app_module}.presentation.urls").urlpatterns
        paths = [path for path in schema["paths"] if path.startswith(f"/api/{product.name}/")]
        assert len(paths) == len(routes)
        if routes:
            assert f"{product.class_prefix}Item" in schema["components"]["schemas"]


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
