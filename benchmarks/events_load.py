"""Events under load: publish many through the outbox, count what a real worker handled.

    uv run python benchmarks/events_load.py                       # 10,000 events
    uv run python benchmarks/events_load.py --events 2000 --project /tmp/bake/my_product_monorepo

On PostgreSQL and RabbitMQ (both on 127.0.0.1, as the full tier needs them) it bakes the
default project (or takes an installed one), plants a probe subscription in orders that
records each event it handles in a table of its own, starts one worker (prefork,
``--concurrency``), publishes ``--events`` catalog ``ItemDeleted`` events, a hundred per
transaction as a batch job would, and waits until every delivery is settled. It prints
the publishing and the handling throughput, and the counts that say nothing was lost or
handled twice in effect: the probe's rows (each event once), the deliveries handled, any
failed, any retried. Every event has two subscribers (orders' own handler and the probe).
It asserts nothing.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from baking import TEMPLATE, run, stop_on_failure, user_environment

BROKER = "amqp://guest:guest@127.0.0.1:5672//"
SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
PROBE = """

# Planted by benchmarks/events_load.py: records each event it handles.
from django.db import connection  # noqa: E402


@subscribe(catalog_events.ItemDeleted)
def load_probe(event: catalog_events.ItemDeleted) -> None:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO load_effects VALUES (%s)", [str(event.item_id)])
"""
PUBLISH = """
import json, time, uuid
from django.db import connection, transaction
from core.events import publish
from products.catalog.backend.facade.events import ItemDeleted
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE IF NOT EXISTS load_effects (event_id text)")
started = time.perf_counter()
for _ in range({events} // 100):
    with transaction.atomic():
        for _ in range(100):
            item = uuid.uuid4()
            publish(ItemDeleted(item_id=item), aggregate_id=item)
print(json.dumps({{"published_s": time.perf_counter() - started}}))
"""
SETTLED = """
import json, time
from django.db import connection
from core.models import EventDelivery, OutboxEvent
expected = OutboxEvent.objects.count() * 2
started = time.perf_counter()
while time.perf_counter() - started < {timeout}:
    if EventDelivery.objects.filter(state__in=["handled", "failed"]).count() >= expected:
        break
    time.sleep(0.5)
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*), count(DISTINCT event_id) FROM load_effects")
    effects, distinct = cursor.fetchone()
print(json.dumps({{
    "events": OutboxEvent.objects.count(),
    "pending": OutboxEvent.objects.filter(state="pending").count(),
    "handled": EventDelivery.objects.filter(state="handled").count(),
    "failed": EventDelivery.objects.filter(state="failed").count(),
    "retried": EventDelivery.objects.filter(attempts__gt=1).count(),
    "probe_rows": effects,
    "probe_distinct": distinct,
    "waited_s": time.perf_counter() - started,
}}))
"""


def shell(project: Path, code: str, env: dict[str, str]) -> dict[str, float]:
    output = run((".venv/bin/python", "manage.py", "shell", "-v0", "-c", code), project, env)
    result: dict[str, float] = json.loads(output.decode().strip().splitlines()[-1])
    return result


def database(project: Path, statement: str) -> None:
    code = "import psycopg, sys; psycopg.connect(sys.argv[1], autocommit=True).execute(sys.argv[2])"
    run((".venv/bin/python", "-c", code, SERVER, statement), project, user_environment())


def measure(project: Path, events: int, concurrency: int) -> None:
    name = f"events_load_{os.getpid()}"
    queue = f"events-load-{os.getpid()}"
    settings = project / "config" / "settings" / "load.py"
    settings.write_text(
        f"from config.settings.dev import *  # noqa: F403\nCELERY_TASK_DEFAULT_QUEUE = {queue!r}\n"
    )
    subscriptions = project / "products" / "orders" / "backend" / "subscriptions.py"
    if "load_probe" not in subscriptions.read_text():
        subscriptions.write_text(subscriptions.read_text() + PROBE)
    env = {
        **user_environment(),
        "DJANGO_SETTINGS_MODULE": "config.settings.load",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{name}",
        "CELERY_BROKER_URL": BROKER,
    }
    database(project, f'CREATE DATABASE "{name}"')
    worker = None
    try:
        run((".venv/bin/python", "manage.py", "migrate", "-v0"), project, env)
        command = (".venv/bin/celery", "-A", "config", "-q", "worker", "-l", "warning")
        worker = subprocess.Popen(
            (*command, f"--concurrency={concurrency}"),
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        started = time.perf_counter()
        published = shell(project, PUBLISH.format(events=events), env)
        settled = shell(project, SETTLED.format(timeout=1800), env)
        total = time.perf_counter() - started
    finally:
        if worker is not None:
            os.killpg(worker.pid, 15)
            worker.wait(timeout=60)
        database(project, f'DROP DATABASE "{name}" WITH (FORCE)')
    count = int(settled["events"])
    print(
        f"events published: {count}, in {published['published_s']:.1f} s wall "
        f"({count / published['published_s']:.0f} events/s, 100 per transaction)"
    )
    print(
        f"deliveries handled: {settled['handled']:.0f} of {2 * count} "
        f"({2 * count / total:.0f} deliveries/s end to end, {total:.1f} s, "
        f"worker --concurrency={concurrency})"
    )
    print(
        f"lost: {count - settled['probe_distinct']:.0f}, handled twice in effect: "
        f"{settled['probe_rows'] - settled['probe_distinct']:.0f}, failed: "
        f"{settled['failed']:.0f}, retried: {settled['retried']:.0f}, still pending in "
        f"the outbox: {settled['pending']:.0f}"
    )


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--events", type=int, default=10_000, help="a multiple of 100")
    options.add_argument("--concurrency", type=int, default=2, help="the worker's processes")
    options.add_argument("--project", type=Path, help="an installed bake (default: bake one)")
    args = options.parse_args()
    if args.project:
        measure(args.project, args.events, args.concurrency)
        return
    with tempfile.TemporaryDirectory() as scratch:
        env = user_environment()
        bake = (sys.executable, "-m", "cookiecutter", str(TEMPLATE), "--no-input", "-o", scratch)
        run(bake, Path(scratch), env)
        project = Path(scratch) / "my_product_monorepo"
        run(("make", "install"), project, env)
        measure(project, args.events, args.concurrency)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    stop_on_failure(main)
