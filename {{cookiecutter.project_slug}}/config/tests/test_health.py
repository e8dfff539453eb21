"""``/health/`` reports each service, and fails when one is out of reach."""

import pytest
from django.db import OperationalError, connection
from django.test import Client, override_settings

from config.celery import app
from config.health import PATH

pytestmark = pytest.mark.django_db


def test_everything_reachable_is_a_200() -> None:
    response = Client().get(PATH)

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_an_unreachable_broker_is_a_503(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")  # nothing listens

    response = Client().get(PATH)

    assert response.status_code == 503
    assert response.json() == {"database": "ok", "broker": "unavailable"}


def test_an_unreachable_database_is_a_503(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)

    response = Client().get(PATH)

    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_it_answers_only_get() -> None:
    assert Client().post(PATH).status_code == 405


@override_settings(ALLOWED_HOSTS=["example.com"], SECURE_SSL_REDIRECT=True)
def test_a_probe_by_ip_over_http_is_answered() -> None:
    """Production refuses unknown hosts and redirects HTTP; a container probe is neither."""
    assert Client().get("/admin/login/", HTTP_HOST="10.0.0.7").status_code == 400
    assert Client().get(PATH, HTTP_HOST="10.0.0.7").status_code == 200
