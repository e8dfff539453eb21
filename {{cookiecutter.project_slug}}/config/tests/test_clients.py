"""How clients reach the project: JWT beside the session, CORS, throttles, and the
pages a browser lands on (the home page, sign-in, the API docs)."""

from typing import TYPE_CHECKING

import pytest
from django.contrib.auth.models import AbstractBaseUser as User  # config may not import core
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import path, reverse
from django.utils.module_loading import import_string
from drf_spectacular.generators import SchemaGenerator
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.test import APIClient, APIRequestFactory
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

{% if not cookiecutter.frontend -%}
from config.health import PATH as HEALTH
{% endif -%}
from config.settings import base

if TYPE_CHECKING:  # what the test client answers: a Response that also has .json()
    from rest_framework.response import _MonkeyPatchedResponse

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"  # noqa: S105  (the ``user`` fixture's)
PROTECTED = "/api/schema/"  # needs a signed-in user, and exists in every project


def obtain(client: APIClient, user: User, password: str = PASSWORD) -> "_MonkeyPatchedResponse":
    credentials = {"username": user.get_username(), "password": password}
    return client.post(reverse("token_obtain"), credentials, format="json")


def test_a_token_pair_signs_a_script_in(anonymous_client: APIClient, user: User) -> None:
    tokens = obtain(anonymous_client, user)

    assert tokens.status_code == 200
    assert anonymous_client.get(PROTECTED).status_code == 403
    anonymous_client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens.json()['access']}")
    assert anonymous_client.get(PROTECTED).status_code == 200


def test_the_schema_refuses_a_stranger_in_json_like_every_endpoint(
    anonymous_client: APIClient, user: User
) -> None:
    """The Error shape the schema declares for a 403, not drf-spectacular's YAML."""
    refused = anonymous_client.get(PROTECTED)

    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/json"
    assert set(refused.json()) == {"detail"}
    anonymous_client.force_authenticate(user)
    assert anonymous_client.get(PROTECTED)["Content-Type"].startswith("application/vnd.oai.openapi")


def test_a_refresh_token_buys_a_new_access_token(anonymous_client: APIClient, user: User) -> None:
    refresh = obtain(anonymous_client, user).json()["refresh"]

    renewed = anonymous_client.post(reverse("token_refresh"), {"refresh": refresh}, format="json")

    assert renewed.status_code == 200
    anonymous_client.credentials(HTTP_AUTHORIZATION=f"Bearer {renewed.json()['access']}")
    assert anonymous_client.get(PROTECTED).status_code == 200


def test_a_wrong_password_or_a_forged_token_is_refused(
    anonymous_client: APIClient, user: User
) -> None:
    assert obtain(anonymous_client, user, password="wrong").status_code == 401  # noqa: S106
    forged = anonymous_client.post(reverse("token_refresh"), {"refresh": "x.y.z"}, format="json")
    assert forged.status_code == 401
    anonymous_client.credentials(HTTP_AUTHORIZATION="Bearer x.y.z")
    refused = anonymous_client.get(PROTECTED)
    # The session authenticates first, so DRF answers 403; the code tells a client to refresh.
    assert refused.status_code == 403
    assert b"token_not_valid" in refused.content


class Probe(APIView):
    """An endpoint with the project's defaults, as every product's are."""

    def get(self, request: Request) -> Response:
        return Response()


def test_the_schema_declares_both_ways_to_sign_in() -> None:
    generator = SchemaGenerator(patterns=[path("probe/", Probe.as_view())])
    schema = generator.get_schema(request=None, public=True)

    schemes = schema["components"]["securitySchemes"]
    assert schemes["jwtAuth"] == {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
    assert "cookieAuth" in schemes
    assert schema["paths"]["/probe/"]["get"]["security"] == [{"cookieAuth": []}, {"jwtAuth": []}]


def test_the_token_endpoints_are_documented_as_they_answer() -> None:
    schema = SchemaGenerator().get_schema(request=None, public=True)

    for url in ("/api/auth/token/", "/api/auth/token/refresh/"):
        assert set(schema["paths"][url]["post"]["responses"]) == {"200", "400", "401"}


@override_settings(CORS_ALLOWED_ORIGINS=["https://app.example.com"])
def test_a_listed_origin_may_call_the_api_from_a_browser() -> None:
    client = Client()
    listed = client.get(PROTECTED, headers={"origin": "https://app.example.com"})
    unlisted = client.get(PROTECTED, headers={"origin": "https://evil.example.com"})
    preflight = client.options(
        PROTECTED,
        headers={
            "origin": "https://app.example.com",
            "access-control-request-method": "GET",
            "access-control-request-headers": "authorization",
        },
    )

    assert listed["Access-Control-Allow-Origin"] == "https://app.example.com"
    assert "Access-Control-Allow-Origin" not in unlisted
    assert preflight.status_code == 200
    assert "authorization" in preflight["Access-Control-Allow-Headers"]


def test_no_origin_is_allowed_by_default() -> None:
    response = Client().get(PROTECTED, headers={"origin": "https://app.example.com"})

    assert "Access-Control-Allow-Origin" not in response


def test_outside_tests_anonymous_and_signed_in_clients_are_throttled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    framework = base.REST_FRAMEWORK
    throttles = [import_string(dotted) for dotted in framework["DEFAULT_THROTTLE_CLASSES"]]
    assert {throttle.scope for throttle in throttles} == set(framework["DEFAULT_THROTTLE_RATES"])
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/hour", "user": "2/hour"})
    cache.clear()

    class Open(Probe):
        permission_classes = (AllowAny,)
        throttle_classes = throttles

    view = Open.as_view()
    statuses = [view(APIRequestFactory().get("/")).status_code for _ in range(3)]
    cache.clear()

    assert statuses == [200, 200, 429]


def test_tests_are_never_throttled() -> None:
    from django.conf import settings

    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] == []


{% if not cookiecutter.frontend -%}
def test_the_home_page_links_the_docs_the_admin_and_the_health_check() -> None:
    page = Client().get("/")

    assert page.status_code == 200
    for link in (reverse("docs"), reverse("admin:index"), HEALTH, reverse("rest_framework:login")):
        assert f'href="{link}"' in page.text


{% endif -%}
{% if cookiecutter.frontend -%}
def test_an_anonymous_visit_to_the_docs_leads_to_the_web_apps_sign_in() -> None:
    """The app's page is the one sign-in page; it sends the browser back to ?next=."""
    visit = Client().get(reverse("docs"))

    assert visit.status_code == 302
    assert visit["Location"] == f"{reverse('home')}?next={reverse('docs')}"


def test_drf_offers_no_sign_in_page_of_its_own() -> None:
    assert Client().get("/api/auth/login/").status_code == 404
{%- else -%}
def test_an_anonymous_visit_to_the_docs_leads_to_sign_in(user: User) -> None:
    client = Client()
    visit = client.get(reverse("docs"))
    assert visit.status_code == 302
    assert visit["Location"] == f"{reverse('rest_framework:login')}?next={reverse('docs')}"

    signed_in = client.post(
        visit["Location"], {"username": user.get_username(), "password": PASSWORD}
    )

    assert signed_in["Location"] == reverse("docs")
    assert client.get(reverse("docs")).status_code == 200


def test_signing_in_without_a_destination_lands_on_the_home_page(user: User) -> None:
    client = Client()
    signed_in = client.post(
        reverse("rest_framework:login"), {"username": user.get_username(), "password": PASSWORD}
    )

    assert signed_in["Location"] == reverse("home")
    assert f"Signed in as {user.get_username()}" in client.get("/").text
{%- endif %}
