"""Full tier: a baked project on the services it will be deployed on.

PostgreSQL, Redis and RabbitMQ listen on 127.0.0.1 on our machines and in CI.
A test whose service is missing skips here with the reason, and fails in CI
(``require``). check --deploy and the fuzzing need no service.
"""

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .helpers import TEMPLATE, attempt, clean_environment, free_port, require, run, stop
from .options import Cell

pytestmark = pytest.mark.full

POSTGRES = ("127.0.0.1", 5432)
REDIS = ("127.0.0.1", 6379)
RABBITMQ = ("127.0.0.1", 5672)
BROKERS = {
    "redis": ("redis://127.0.0.1:6379/15", REDIS),
    "rabbitmq": ("amqp://guest:guest@127.0.0.1:5672//", RABBITMQ),
}
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.prod",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "example.com",
    "DATABASE_URL": "postgres://app@db.example.com:5432/app",
    "CELERY_BROKER_URL": "redis://redis.example.com:6379/0",
}
# Run in `manage.py shell`: a catalog item, archived by catalog's task on a real worker,
# read back through the facade; then 20 round trips of a task with nothing to do.
ROUND_TRIP = """
import json, statistics, time
from products.catalog.backend.facade import api
from products.catalog.backend.facade.contracts import NewItem
from products.catalog.backend.tasks.tasks import archive_stale_items
from core.models import User
owner = User.objects.create_user(username="{broker}-owner")
item = api.create_item(NewItem(name="{broker} round trip", owner_id=owner.pk))
archived = archive_stale_items.apply_async((0,), queue="{queue}").get(timeout=60)
times = []
for _ in range(20):
    started = time.perf_counter()
    archive_stale_items.apply_async((3650,), queue="{queue}").get(timeout=10)
    times.append(time.perf_counter() - started)
print(json.dumps({{
    "archived": archived,
    "status": api.get_item(item.id).status,
    "median_ms": round(statistics.median(times) * 1000, 2),
}}))
"""
SIGN_IN = """
from django.test import Client
from core.models import User
client = Client()
client.force_login(User.objects.create_user(username="fuzzer", password="a-long-password-0"))
print(client.cookies["sessionid"].value)
"""


def listening(address: tuple[str, int]) -> bool:
    try:
        socket.create_connection(address, timeout=1).close()
    except OSError:
        return False
    return True


def python(project: Path, *arguments: str, env: dict[str, str], timeout: int = 600) -> str:
    return run(".venv/bin/python", *arguments, cwd=project, env=env, timeout=timeout)


@pytest.fixture(scope="module")
def project(scenario_cell: Cell, bake_once) -> Path:
    project = bake_once(**scenario_cell.answers())
    run("make", "install", cwd=project)
    return project


@pytest.fixture(scope="module")
def database(project: Path) -> Iterator[str]:
    """A PostgreSQL database of its own for this module's run, dropped afterwards."""
    require(listening(POSTGRES), "PostgreSQL is not listening on 127.0.0.1:5432")
    name = f"template_tests_{os.getpid()}"
    server = "postgres://postgres@127.0.0.1:5432/postgres"
    execute = (
        "import psycopg, sys; psycopg.connect(sys.argv[1], autocommit=True).execute(sys.argv[2])"
    )
    python(project, "-c", execute, server, f'CREATE DATABASE "{name}"', env={})
    yield f"postgres://postgres@127.0.0.1:5432/{name}"
    python(project, "-c", execute, server, f'DROP DATABASE "{name}" WITH (FORCE)', env={})


def test_the_whole_suite_passes_on_postgresql(project: Path, database: str) -> None:
    output = run("make", "pytest", cwd=project, env={"DATABASE_URL": database})

    assert re.search(r"\d+ passed", output)
    assert not re.search(r"\d+ skipped", output)  # (coverage's "files skipped" is no test)


@pytest.mark.parametrize("broker", list(BROKERS))
def test_a_real_worker_runs_a_product_task_through_its_facade_into_postgresql(
    project: Path, database: str, broker: str, tmp_path: Path
) -> None:
    url, address = BROKERS[broker]
    require(listening(address), f"{broker} is not listening on {address[0]}:{address[1]}")
    require(listening(REDIS), "Redis (the result backend) is not listening on 127.0.0.1:6379")
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": database,
        "CELERY_BROKER_URL": url,
        "CELERY_RESULT_BACKEND": "redis://127.0.0.1:6379/14",
    }
    python(project, "manage.py", "migrate", "-v0", env=env)
    queue = f"template-tests-{os.getpid()}-{broker}"  # nothing else consumes it
    log = tmp_path / "worker.log"
    with log.open("wb") as output:
        worker = subprocess.Popen(
            (
                ".venv/bin/celery",
                "-A",
                "config",
                "worker",
                "-l",
                "info",
                "--pool=solo",
                "-Q",
                queue,
            ),
            cwd=project,
            env={**clean_environment(), **env},
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        code = ROUND_TRIP.format(broker=broker, queue=queue)
        returned = python(project, "manage.py", "shell", "-v0", "-c", code, env=env, timeout=120)
    finally:
        stop(worker)

    result = json.loads(returned.strip().splitlines()[-1])
    print(f"{broker}: task round trip, median of 20: {result['median_ms']} ms")
    assert (result["archived"], result["status"]) == (1, "archived"), log.read_text()
    assert "catalog.archive_stale_items" in log.read_text()  # the worker ran it, by its name


@pytest.mark.parametrize("redirect", ["true", "false"])
def test_check_deploy_finds_nothing_in_a_production_environment(
    project: Path, redirect: str
) -> None:
    env = {**PRODUCTION, "SECURE_SSL_REDIRECT": redirect}
    output = python(project, "manage.py", "check", "--deploy", "--fail-level=WARNING", env=env)

    assert "System check identified no issues" in output


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "CELERY_BROKER_URL"]
)
def test_production_refuses_to_start_without_its_settings(project: Path, missing: str) -> None:
    code, output = attempt(
        ".venv/bin/python", "manage.py", "check", cwd=project, env={**PRODUCTION, missing: ""}
    )

    assert code != 0
    assert f"ImproperlyConfigured: {missing} is not set: production needs" in output


def hooks(module: str) -> dict[str, str]:
    """The environment that loads one of tests/'s schemathesis hook modules."""
    return {"PYTHONPATH": str(TEMPLATE / "tests"), "SCHEMATHESIS_HOOKS": module}


def test_the_api_survives_fuzzing_from_its_own_schema(project: Path, tmp_path: Path) -> None:
    """schemathesis, signed in: every check passes (no 5xx, responses match the schema,
    valid input is accepted, invalid refused), with the session and, in a shorter run,
    with a JWT from the token endpoint. Anonymous: every valid request is refused but the
    sign-in operations the schema declares open."""
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fuzz.sqlite3'}",
        # The fuzzer is one fast client: the default throttles would answer 429s.
        "THROTTLE_ANON_RATE": "100000/minute",
        "THROTTLE_USER_RATE": "100000/minute",
    }
    python(project, "manage.py", "migrate", "-v0", env=env)
    session = python(project, "manage.py", "shell", "-v0", "-c", SIGN_IN, env=env).split()[-1]
    schema = tmp_path / "schema.json"
    python(
        project, "manage.py", "spectacular", "--format=openapi-json", f"--file={schema}", env=env
    )
    # The anonymous run lets through what the schema declares open: only the ways to sign in.
    paths = json.loads(schema.read_text())["paths"]
    open_paths = {
        path
        for path, operations in paths.items()
        for operation in operations.values()
        if {} in operation.get("security", [])
    }
    assert open_paths == {"/api/auth/session/", "/api/auth/token/", "/api/auth/token/refresh/"}
    port = free_port()
    server = subprocess.Popen(
        (".venv/bin/python", "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"),
        cwd=project,
        env={**clean_environment(), **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not listening(("127.0.0.1", port)) and time.monotonic() < deadline:
            time.sleep(0.2)
        csrf = secrets.token_hex(16)
        schemathesis = (
            str(Path(sys.executable).with_name("schemathesis")),
            *("run", str(schema), f"--url=http://127.0.0.1:{port}"),
            *("--seed=1", "--no-color", "--generation-allow-x00=false"),
        )
        signed_in = attempt(
            *schemathesis,
            *("--checks=all", "--max-examples=25", "--generation-with-security-parameters=false"),
            *("-H", f"Cookie: sessionid={session}; csrftoken={csrf}", "-H", f"X-CSRFToken: {csrf}"),
            # Signing in with made-up credentials is refused with a 400, rightly: the browser
            # test and config's own tests prove the session sign-in.
            *("--exclude-path", "/api/auth/session/"),
            cwd=project,
            env=hooks("schemathesis_filters"),
        )
        # A script's way in: a token pair from the credentials, then the access token.
        credentials = json.dumps({"username": "fuzzer", "password": "a-long-password-0"})
        obtain = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/auth/token/",
            data=credentials.encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(obtain, timeout=30) as response:
            access = json.load(response)["access"]  # valid for five minutes: enough for this run
        with_token = attempt(
            *schemathesis,
            *("--checks=all", "--max-examples=5", "--generation-with-security-parameters=false"),
            *("-H", f"Authorization: Bearer {access}"),
            # The web app's session sign-in and sign-out take the session and CSRF, not a token.
            *("--exclude-path", "/api/auth/session/"),
            cwd=project,
            env=hooks("schemathesis_filters"),
        )
        anonymous = attempt(
            *schemathesis,
            *("--checks=not_a_server_error,refused_without_credentials", "--mode=positive"),
            *("--max-examples=10", "--warnings=off"),
            cwd=project,
            env=hooks("schemathesis_hooks"),
        )
    finally:
        stop(server)

    # schemathesis only warns when every request is refused: a bad token must fail the test.
    assert "Authentication failed" not in with_token[1], with_token[1]
    for code, output in (signed_in, with_token, anonymous):
        assert code == 0, output
        cases = re.search(r"(\d+) generated, \1 passed", output)
        assert cases, output
        print(f"schemathesis: {cases[1]} cases passed")
