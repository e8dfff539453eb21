"""Full tier: a baked project in production mode logs JSON lines and reports its
failures to Sentry, through the real sentry-sdk, from a web server and a worker.

A threaded HTTP server on 127.0.0.1 stands in for Sentry: the project gets its
address as ``SENTRY_DSN`` and must deliver an event for a failing request (the
database is down) and for a failing task (a bad argument, on a real worker over
Redis). Also here: deptry, with a planted undeclared import, fails the project's tests.
"""

import gzip
import json
import secrets
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from .helpers import attempt, clean_environment, free_port, require, run, stop
from .options import Cell
from .test_services import REDIS, listening

pytestmark = pytest.mark.full

FAILING_TASK = """
from products.catalog.backend.tasks.tasks import archive_stale_items
result = archive_stale_items.apply_async(("not a number",), queue="{queue}")
result.get(timeout=60, propagate=False)
print(result.state, result.id)
"""


class SentryStandIn(ThreadingHTTPServer):
    """Receives the SDK's envelopes and keeps the events in them."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), EnvelopeHandler)
        self.events: list[dict[str, Any]] = []
        self.paths: list[str] = []

    @property
    def dsn(self) -> str:
        return f"http://public-key@127.0.0.1:{self.server_address[1]}/1"

    def wait_for(self, exception: str, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for event in self.events:
                if exception in exception_types(event):
                    return event
            time.sleep(0.2)
        types = [exception_types(event) for event in self.events]
        pytest.fail(f"no {exception} event within {timeout}s; received {types} at {self.paths}")


class EnvelopeHandler(BaseHTTPRequestHandler):
    server: SentryStandIn

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        self.server.paths.append(self.path)
        # An envelope: a header line, then an item header line and its payload line, repeated.
        lines = body.decode().splitlines()
        for header, payload in zip(lines[1::2], lines[2::2], strict=False):
            if json.loads(header).get("type") == "event":
                self.server.events.append(json.loads(payload))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: the test prints what it received when it fails


def exception_types(event: dict[str, Any]) -> list[str]:
    return [value["type"] for value in event.get("exception", {}).get("values", [])]


@pytest.fixture(scope="module")
def project(tooling_cell: Cell, bake_once) -> Path:
    project = bake_once(**tooling_cell.answers())
    run("make", "install", cwd=project)
    return project


@pytest.fixture
def sentry() -> Iterator[SentryStandIn]:
    server = SentryStandIn()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def production(sentry: SentryStandIn, **more: str) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        # Nothing listens on port 1: every query fails, as when the database is down.
        "DATABASE_URL": "postgres://app@127.0.0.1:1/app",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/13",
        "SENTRY_DSN": sentry.dsn,
        "SENTRY_ENVIRONMENT": "template-tests",
        **more,
    }


# Celery prints this itself (not through logging) when it stops.
SHUTDOWN_NOTICE = "worker: Warm shutdown (MainProcess)"


def json_lines(output: str) -> list[dict[str, Any]]:
    """Every line must be one JSON object: production writes nothing else to stdout."""
    lines = [line for line in output.splitlines() if line.strip() and line != SHUTDOWN_NOTICE]
    return [json.loads(line) for line in lines]


def test_a_failing_request_is_logged_as_json_and_reported_to_sentry(
    project: Path, sentry: SentryStandIn, tmp_path: Path
) -> None:
    port = free_port()
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            (".venv/bin/gunicorn", "config.wsgi", f"--bind=127.0.0.1:{port}", "--workers=1"),
            cwd=project,
            env={**clean_environment(), **production(sentry)},
            stdout=output,
            stderr=subprocess.DEVNULL,  # gunicorn's own lines; the app's go to stdout
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 30
        while not listening(("127.0.0.1", port)) and time.monotonic() < deadline:
            time.sleep(0.2)
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/auth/token/",
            data=json.dumps({"username": "ada", "password": "a-password"}).encode(),
            headers={"Content-Type": "application/json", "X-Request-ID": "template-test-1"},
        )
        with pytest.raises(urllib.error.HTTPError) as failed:
            urllib.request.urlopen(request, timeout=30)
        event = sentry.wait_for("OperationalError")
    finally:
        stop(server)

    assert failed.value.code == 500
    assert failed.value.headers["X-Request-ID"] == "template-test-1"
    assert event["environment"] == "template-tests"
    assert event["request"]["url"].endswith("/api/auth/token/")
    assert "user" not in event or "username" not in event["user"]  # no personal data sent
    lines = json_lines(log.read_text())
    (access,) = [line for line in lines if line["logger"] == "config.logs"]
    assert {key: access[key] for key in ("method", "path", "status", "user_id")} == {
        "method": "POST",
        "path": "/api/auth/token/",
        "status": 500,
        "user_id": None,
    }
    assert access["request_id"] == "template-test-1"
    assert access["duration_ms"] > 0
    (error,) = [line for line in lines if line["level"] == "ERROR"]
    assert error["logger"] == "django.request"
    assert error["request_id"] == "template-test-1"
    assert "OperationalError" in error["exc_info"]  # the traceback, inside the JSON line


def test_a_failing_task_is_logged_as_json_and_reported_to_sentry(
    project: Path, sentry: SentryStandIn, tmp_path: Path
) -> None:
    require(listening(REDIS), "Redis is not listening on 127.0.0.1:6379")
    queue = f"template-tests-runtime-{secrets.token_hex(4)}"  # nothing else consumes it
    env = production(sentry)
    log = tmp_path / "worker.log"
    with log.open("wb") as output:
        worker = subprocess.Popen(
            # --quiet: no banner, so stdout holds JSON lines only (warnings go to stderr).
            (".venv/bin/celery", "-A", "config", "--quiet", "worker", "--pool=solo", "-Q", queue),
            cwd=project,
            env={**clean_environment(), **env},
            stdout=output,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        # The result comes back through the result backend prod derives from the broker.
        code = FAILING_TASK.format(queue=queue)
        sent = run(
            ".venv/bin/python", "manage.py", "shell", "-v0", "-c", code, cwd=project, env=env
        )
        event = sentry.wait_for("TypeError")
    finally:
        stop(worker)

    state, task_id = sent.strip().splitlines()[-1].split()
    assert state == "FAILURE"
    assert event["environment"] == "template-tests"
    assert event["extra"]["celery-job"]["task_name"] == "catalog.archive_stale_items"
    lines = json_lines(log.read_text())
    (failure,) = [line for line in lines if line["level"] == "ERROR"]
    assert failure["logger"] == "celery.app.trace"
    assert task_id in failure["message"]
    assert "TypeError" in failure["exc_info"]


def test_an_undeclared_import_fails_the_projects_tests(project: Path) -> None:
    logic = project / "products" / "catalog" / "backend" / "logic.py"
    original = logic.read_text()
    logic.write_text(original + "\nimport yaml  # noqa: E402, F401\n")  # pre-commit's, not ours
    try:
        code, output = attempt(
            ".venv/bin/pytest", "-p", "no:tach", "config/tests/test_dependencies.py", cwd=project
        )
    finally:
        logic.write_text(original)

    assert code != 0
    line = len(original.splitlines()) + 2
    assert f"products/catalog/backend/logic.py:{line}:8: DEP003 'yaml' imported" in output
    run(".venv/bin/pytest", "-p", "no:tach", "config/tests/test_dependencies.py", cwd=project)
