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
from django.urls import resolve
from rest_framework.permissions import AllowAny
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path = tmp_path_factory.mktemp("openapi") / "schema.json"
    # --validate checks the schema against the OpenAPI specification; warnings fail it.
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--format=openapi-json", f"--file={path}"
    )
    generated: dict[str, Any] = json.loads(path.read_text())
    return generated


def test_every_operation_declares_that_it_needs_a_user(schema: dict[str, Any]) -> None:
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation.get("security"), f"{method.upper()} {path} declares no security"


def test_anonymous_requests_are_refused_unless_a_view_opts_out(schema: dict[str, Any]) -> None:
    client = APIClient()
    for template, operations in schema["paths"].items():
        path = re.sub(r"{\w+}", str(uuid4()), template)
        # as_view() sets view_class on the function it returns; django-stubs knows a Callable.
        view = resolve(path).func.view_class  # type: ignore[attr-defined]
        if AllowAny in view.permission_classes:
            continue  # an explicit opt-out, visible in the view
        for method in operations:
            response = getattr(client, method)(path, {}, format="json")
            assert response.status_code in {401, 403}, f"{method.upper()} {template}"
