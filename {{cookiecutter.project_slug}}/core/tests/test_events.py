"""core.events: the outbox, the relay, and the handlers' delivery, retries and replay."""

import datetime as dt
import io
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from kombu.exceptions import OperationalError

from core.events import PublishError, SubscriptionError, publish, registry, subscribe
from core.events.codec import dumps, loads
from core.events.delivery import HandlerFailed, UnknownSubscriber, handle
from core.events.models import EventDelivery, OutboxEvent
from core.events.outbox import relay_pending
from core.events.tasks import MAX_RETRIES, handle_event

from .events_fixtures import ItemWithdrawn, Price, Reason, handler, withdrawn

pytestmark = pytest.mark.django_db
SUBSCRIBER = "cart.forget"

type Capture = Callable[..., Any]


@pytest.fixture(autouse=True)
def subscriptions(monkeypatch: pytest.MonkeyPatch) -> None:
    """A registry of this test's own: the products' subscriptions are not in it."""
    monkeypatch.setattr(registry, "_BY_TOPIC", {})
    monkeypatch.setattr(registry, "_BY_NAME", {})


@pytest.fixture
def handled() -> list[ItemWithdrawn]:
    """Subscribe ``cart.forget`` to ItemWithdrawn; the events it handled, in order."""
    seen: list[ItemWithdrawn] = []
    subscribe(ItemWithdrawn)(handler(seen.append))
    return seen


def failing(times: int, seen: list[ItemWithdrawn]) -> Callable[[ItemWithdrawn], None]:
    """A handler body that raises its first ``times`` calls, then records the event."""
    calls = [0]

    def body(event: ItemWithdrawn) -> None:
        calls[0] += 1
        if calls[0] <= times:
            raise ConnectionError(f"attempt {calls[0]} failed")
        seen.append(event)

    return body


def delivery() -> EventDelivery:
    return EventDelivery.objects.get(subscriber=SUBSCRIBER)


def test_an_event_survives_the_outbox_whole() -> None:
    event = withdrawn(
        prices=(Price(Decimal("9.90"), "EUR"),), note="gone", tags=frozenset({"b", "a"})
    )

    assert loads(ItemWithdrawn, dumps(event)) == event


def test_a_committed_event_reaches_its_handler_once(
    handled: list[ItemWithdrawn], django_capture_on_commit_callbacks: Capture
) -> None:
    event = withdrawn()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            event_id = publish(event, aggregate_id=event.item_id)
        assert handled == []  # not before the commit

    assert handled == [event]
    stored = OutboxEvent.objects.get(id=event_id)
    assert (stored.topic, stored.aggregate_id) == ("shop.ItemWithdrawn", str(event.item_id))
    assert stored.state == OutboxEvent.State.DISPATCHED
    assert (delivery().state, delivery().attempts) == (EventDelivery.State.HANDLED, 1)


def test_a_rolled_back_change_publishes_nothing(
    handled: list[ItemWithdrawn], django_capture_on_commit_callbacks: Capture
) -> None:
    def change_then_fail() -> None:
        with transaction.atomic():
            publish(withdrawn(), aggregate_id="1")
            raise RuntimeError("the change failed")

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        change_then_fail()

    assert callbacks == []
    assert not OutboxEvent.objects.exists()
    assert handled == []


def test_publishing_outside_a_transaction_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # As in autocommit: a transactional test here would flush the database, which the
    # session's test-only tables (core/tests/conftest.py) keep PostgreSQL from doing.
    monkeypatch.setattr(transaction.get_connection(), "in_atomic_block", False)

    with pytest.raises(PublishError, match=r"publish\(shop.ItemWithdrawn\) outside a transaction"):
        publish(withdrawn(), aggregate_id="1")

    monkeypatch.undo()
    assert not OutboxEvent.objects.exists()


def test_a_second_delivery_of_the_same_event_changes_nothing(
    handled: list[ItemWithdrawn],
) -> None:
    event_id = publish(withdrawn(), aggregate_id="1")

    assert handle(SUBSCRIBER, event_id) == EventDelivery.State.HANDLED
    assert handle(SUBSCRIBER, event_id) == EventDelivery.State.HANDLED

    assert len(handled) == 1
    assert delivery().attempts == 1


def test_a_handler_failing_twice_is_retried_until_it_succeeds() -> None:
    seen: list[ItemWithdrawn] = []
    subscribe(ItemWithdrawn)(handler(failing(2, seen)))
    event_id = publish(withdrawn(), aggregate_id="1")

    result = handle_event.apply((SUBSCRIBER, str(event_id)))

    assert result.get() == EventDelivery.State.HANDLED
    assert len(seen) == 1
    assert (delivery().state, delivery().attempts) == (EventDelivery.State.HANDLED, 3)


def test_a_handler_failing_every_retry_is_kept_failed_then_replayed() -> None:
    seen: list[ItemWithdrawn] = []
    subscribe(ItemWithdrawn)(handler(failing(MAX_RETRIES + 1, seen)))
    event_id = publish(withdrawn(), aggregate_id="1")

    assert handle_event.apply((SUBSCRIBER, str(event_id))).get() == EventDelivery.State.FAILED
    failed = delivery()
    assert (failed.state, failed.attempts, seen) == ("failed", MAX_RETRIES + 1, [])
    assert "ConnectionError: attempt 6 failed" in failed.last_error

    output = io.StringIO()
    call_command("replay_events", "--subscriber", SUBSCRIBER, stdout=output)

    assert "replayed 1 failed deliveries" in output.getvalue()

    assert (delivery().state, delivery().attempts, len(seen)) == ("handled", MAX_RETRIES + 2, 1)


def test_a_failure_rolls_back_the_handlers_writes() -> None:
    def half_done(event: ItemWithdrawn) -> None:
        publish(withdrawn(), aggregate_id="written by the handler")
        raise ValueError("after writing")

    subscribe(ItemWithdrawn)(handler(half_done))
    event_id = publish(withdrawn(), aggregate_id="1")

    with pytest.raises(HandlerFailed) as failure:
        handle(SUBSCRIBER, event_id, final=False)

    assert isinstance(failure.value.__cause__, ValueError)
    assert not OutboxEvent.objects.filter(aggregate_id="written by the handler").exists()
    assert delivery().state == EventDelivery.State.RETRYING


def test_an_event_the_broker_refused_at_commit_is_handed_on_by_the_sweep(
    handled: list[ItemWithdrawn],
    django_capture_on_commit_callbacks: Capture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broker_down(*args: object, **kwargs: object) -> None:
        raise OperationalError("connection refused")

    with monkeypatch.context() as patched:
        patched.setattr(handle_event, "apply_async", broker_down)
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            event_id = publish(withdrawn(), aggregate_id="1")
    assert OutboxEvent.objects.get(id=event_id).state == OutboxEvent.State.PENDING
    assert relay_pending() == 0  # too young: the commit's own relay may still be at it

    assert relay_pending(older_than=dt.timedelta(0)) == 1

    assert OutboxEvent.objects.get(id=event_id).state == OutboxEvent.State.DISPATCHED
    assert len(handled) == 1


def test_a_handler_of_no_installed_product_is_unknown() -> None:
    with pytest.raises(UnknownSubscriber, match=r"cart\.nobody"):
        handle("cart.nobody", uuid.uuid4())


def test_only_a_products_event_class_can_be_subscribed_to() -> None:
    @dataclass(frozen=True)
    class Local:
        pass

    with pytest.raises(SubscriptionError, match=r"facade/events\.py"):
        subscribe(Local)
    with pytest.raises(SubscriptionError, match="frozen dataclasses"):
        subscribe(Reason)


def test_a_handler_must_be_a_products() -> None:
    def loose(event: ItemWithdrawn) -> None: ...

    with pytest.raises(SubscriptionError, match="subscribe in products/"):
        subscribe(ItemWithdrawn)(loose)
