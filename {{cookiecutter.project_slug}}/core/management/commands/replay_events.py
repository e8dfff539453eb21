"""``manage.py replay_events``: hand the failed event deliveries to their handlers again."""

from argparse import ArgumentParser
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand

from core.events.outbox import relay_pending
from core.events.replay import failed_deliveries, replay


class Command(BaseCommand):
    help = (
        "Replay the event deliveries that failed after their retries (all, or one "
        "subscriber's or topic's), and hand on the events still pending in the outbox."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--subscriber", help="only this handler, e.g. orders.mark_item_gone")
        parser.add_argument("--topic", help="only this event, e.g. catalog.ItemDeleted")
        parser.add_argument(
            "--dry-run", action="store_true", help="list what would be replayed, change nothing"
        )

    def handle(
        self, *args: Any, subscriber: str | None, topic: str | None, dry_run: bool, **options: Any
    ) -> None:
        failed = list(failed_deliveries(subscriber, topic))
        for delivery in failed:
            self.stdout.write(f"{delivery.subscriber} <- {delivery.event}")
        if dry_run:
            self.stdout.write(f"{len(failed)} failed deliveries (dry run: nothing replayed)")
            return
        replayed = replay(failed)
        pending = relay_pending(older_than=timedelta(0))  # asked for now: no need to wait
        self.stdout.write(f"replayed {replayed} failed deliveries; handed on {pending} pending")
