"""Full tier: events between products on real services, with faults (issue 24).

One bake, PostgreSQL, RabbitMQ as the broker (a killed worker's unacknowledged message
is requeued at once), and a real Celery worker. A probe subscription planted in orders
records each effect it commits in a table of its own, so "handled once in effect" is a
count. Its faults are read from a file each attempt: fail the first two attempts, or hang
on the first one so that the worker can be killed while handling it.
"""

import json
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .helpers import attempt, clean_environment, free_port, require, run, stop
from .options import Cell
from .test_services import POSTGRES, RABBITMQ, listening

pytestmark = pytest.mark.full

BROKER = "amqp://guest:guest@127.0.0.1:5672//"
PROBE = """

# Planted by the template's tests/test_events.py: a subscriber whose faults a file decides.
import os  # noqa: E402
import pathlib  # noqa: E402
import time  # noqa: E402

from django.db import connection  # noqa: E402


@subscribe(catalog_events.ItemDeleted)
def fault_probe(event: catalog_events.ItemDeleted) -> None:
    plan = pathlib.Path(os.environ["FAULT_PLAN"])
    attempts = plan.parent / f"attempts-{event.item_id}"
    with attempts.open("a") as marks:
        marks.write("x")
    attempt = len(attempts.read_text())
    mode = plan.read_text().strip()
    if mode == "fail-twice" and attempt <= 2:
        raise ConnectionError(f"attempt {attempt} fails on purpose")
    if mode == "hang-first" and attempt == 1:
        (plan.parent / f"started-{event.item_id}").touch()
        time.sleep(120)
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO fault_effects VALUES (%s)", [str(event.item_id)])
"""
# A catalog item an order refers to is deleted; so is another one, in a rolled-back change.
CHANGE = """
import json
from django.db import transaction
from core.models import User
from products.catalog.backend.facade import api as catalog
from products.catalog.backend.facade.contracts import NewItem as NewCatalogItem
from products.orders.backend.facade import api as orders
from products.orders.backend.facade.contracts import NewItem as NewOrder
owner, _ = User.objects.get_or_create(username="events-owner")
item = catalog.create_item(NewCatalogItem(name="{name}", owner_id=owner.pk))
kept = catalog.create_item(NewCatalogItem(name="{name} kept", owner_id=owner.pk))
order = orders.create_item(NewOrder(name="{name}", owner_id=owner.pk, catalog_item_id=item.id))
catalog.delete_item(item.id)
try:
    with transaction.atomic():
        catalog.delete_item(kept.id)
        raise RuntimeError("rolled back")
except RuntimeError:
    pass
print(json.dumps({{"item": str(item.id), "kept": str(kept.id), "order": str(order.id)}}))
"""
# Waits for the probe's delivery of the item's event to settle; prints what happened.
OUTCOME = """
import json, time
from django.db import connection
from core.models import EventDelivery, OutboxEvent
from products.orders.backend.facade import api as orders
deadline = time.monotonic() + {wait}
while time.monotonic() < deadline:
    settled = EventDelivery.objects.filter(
        event__aggregate_id="{item}", state__in=["handled", "failed"]
    )
    if settled.count() == 2:
        break
    time.sleep(0.3)
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM fault_effects WHERE event_id = %s", ["{item}"])
    effects = cursor.fetchone()[0]
deliveries = EventDelivery.objects.filter(event__aggregate_id="{item}")
print(json.dumps({{
    "outbox": OutboxEvent.objects.filter(aggregate_id="{item}").count(),
    "state": OutboxEvent.objects.get(aggregate_id="{item}").state,
    "rolled_back": OutboxEvent.objects.filter(aggregate_id="{kept}").count(),
    "deliveries": {{d.subscriber: [d.state, d.attempts] for d in deliveries}},
    "effects": effects,
    "gone": orders.get_item("{order}").catalog_item_gone,
}}))
"""
SETUP = """
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE IF NOT EXISTS fault_effects (event_id text)")
"""
# catalog subscribes to orders' event, without declaring orders (which depends on catalog).
DECORATOR = "@subscribe(orders_events.ItemDeleted)"
UNDECLARED = f"""
from core.events import subscribe  # noqa: E402
from products.orders.backend.facade import events as orders_events  # noqa: E402


{DECORATOR}
def forget(event: orders_events.ItemDeleted) -> None: ...
"""
SWEEP = """
from datetime import timedelta
from core.events.outbox import relay_pending
print(relay_pending(older_than=timedelta(0)))
"""


@pytest.fixture(scope="module")
def project(tooling_cell: Cell, bake_once) -> Path:
    project = bake_once(**tooling_cell.answers())
    subscriptions = project / "products" / "orders" / "backend" / "subscriptions.py"
    subscriptions.write_text(subscriptions.read_text() + PROBE)
    run("make", "install", cwd=project)
    return project


@pytest.fixture(scope="module")
def env(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """PostgreSQL (a database of its own), RabbitMQ, and a queue no other test consumes."""
    require(listening(POSTGRES), "PostgreSQL is not listening on 127.0.0.1:5432")
    require(listening(RABBITMQ), "RabbitMQ is not listening on 127.0.0.1:5672")
    name = f"template_events_{os.getpid()}"
    queue = f"template-events-{os.getpid()}"
    settings = project / "config" / "settings" / "faults.py"
    settings.write_text(
        f"from config.settings.dev import *  # noqa: F403\nCELERY_TASK_DEFAULT_QUEUE = {queue!r}\n"
    )
    plans = tmp_path_factory.mktemp("faults")
    environment = {
        "DJANGO_SETTINGS_MODULE": "config.settings.faults",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{name}",
        "CELERY_BROKER_URL": BROKER,
        "FAULT_PLAN": str(plans / "plan"),
    }
    server = "postgres://postgres@127.0.0.1:5432/postgres"
    execute = (
        "import psycopg, sys; psycopg.connect(sys.argv[1], autocommit=True).execute(sys.argv[2])"
    )
    python(project, "-c", execute, server, f'CREATE DATABASE "{name}"', env={})
    python(project, "manage.py", "migrate", "-v0", env=environment)
    shell(project, SETUP, environment)
    yield environment
    python(project, "-c", execute, server, f'DROP DATABASE "{name}" WITH (FORCE)', env={})


def python(project: Path, *arguments: str, env: dict[str, str], timeout: int = 300) -> str:
    return run(".venv/bin/python", *arguments, cwd=project, env=env, timeout=timeout)


def shell(project: Path, code: str, env: dict[str, str]) -> dict[str, object]:
    output = python(project, "manage.py", "shell", "-v0", "-c", code, env=env)
    lines = output.strip().splitlines()
    return json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {}


def worker(project: Path, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as output:
        return subprocess.Popen(
            (".venv/bin/celery", "-A", "config", "worker", "-l", "info", "--pool=solo"),
            cwd=project,
            env={**clean_environment(), **env},
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def change(project: Path, env: dict[str, str], name: str, plan: str) -> dict[str, object]:
    Path(env["FAULT_PLAN"]).write_text(plan)
    return shell(project, CHANGE.format(name=name), env)


def outcome(project: Path, env: dict[str, str], ids: dict[str, object]) -> dict[str, object]:
    return shell(project, OUTCOME.format(wait=60, **ids), env)


def test_a_handler_failing_twice_takes_effect_once(
    project: Path, env: dict[str, str], tmp_path: Path
) -> None:
    log = tmp_path / "worker.log"
    running = worker(project, env, log)
    try:
        ids = change(project, env, "fails twice", "fail-twice")
        result = outcome(project, env, ids)
    finally:
        stop(running)

    assert result["deliveries"] == {
        "orders.fault_probe": ["handled", 3],
        "orders.mark_catalog_item_gone": ["handled", 1],
    }, log.read_text()
    assert (result["effects"], result["gone"], result["state"]) == (1, True, "dispatched")
    assert (result["outbox"], result["rolled_back"]) == (1, 0)
    assert log.read_text().count("orders.fault_probe failed on catalog.ItemDeleted") == 2


def test_an_event_the_broker_refused_at_commit_is_delivered_by_the_sweep(
    project: Path, env: dict[str, str], tmp_path: Path
) -> None:
    down = {**env, "CELERY_BROKER_URL": f"amqp://guest:guest@127.0.0.1:{free_port()}//"}
    ids = change(project, down, "broker down", "succeed")
    assert shell(project, OUTCOME.format(wait=0, **ids), env)["state"] == "pending"

    log = tmp_path / "worker.log"
    running = worker(project, env, log)
    try:
        swept = python(project, "manage.py", "shell", "-v0", "-c", SWEEP, env=env)
        result = outcome(project, env, ids)
    finally:
        stop(running)

    assert swept.strip().splitlines()[-1] == "1"
    assert result["deliveries"] == {
        "orders.fault_probe": ["handled", 1],
        "orders.mark_catalog_item_gone": ["handled", 1],
    }, log.read_text()
    assert (result["effects"], result["gone"], result["rolled_back"]) == (1, True, 0)


def test_a_worker_killed_while_handling_leaves_the_event_to_the_next(
    project: Path, env: dict[str, str], tmp_path: Path
) -> None:
    log = tmp_path / "worker.log"
    first = worker(project, env, log)
    try:
        ids = change(project, env, "killed worker", "hang-first")
        started = Path(env["FAULT_PLAN"]).parent / f"started-{ids['item']}"
        deadline = time.monotonic() + 60
        while not started.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert started.exists(), log.read_text()
    finally:
        os.killpg(first.pid, 9)  # SIGKILL mid-handling: no acknowledgement, no clean-up
        first.wait(timeout=30)

    second = worker(project, env, log)
    try:
        result = outcome(project, env, ids)
    finally:
        stop(second)

    assert result["deliveries"]["orders.fault_probe"] == ["handled", 1], log.read_text()
    assert (result["effects"], result["gone"], result["rolled_back"]) == (1, True, 0)


def test_a_subscription_to_an_undeclared_product_fails_the_check(project: Path) -> None:
    subscriptions = project / "products" / "catalog" / "backend" / "subscriptions.py"
    original = subscriptions.read_text()
    subscriptions.write_text(original + UNDECLARED)
    line = len(original.splitlines()) + UNDECLARED.splitlines().index(DECORATOR) + 1
    try:
        code, output = attempt(
            ".venv/bin/python",
            *("manage.py", "lintproducts", "--all", "--settings=config.settings.test"),
            cwd=project,
        )
    finally:
        subscriptions.write_text(original)

    assert code != 0
    assert f"products/catalog/backend/subscriptions.py:{line}: undeclared-subscription" in output
