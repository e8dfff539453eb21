"""Events between products: published through a transactional outbox, handled by Celery.

A product declares the events it publishes in its ``facade/events.py`` (frozen contracts,
locked like ``contracts.py``) and publishes them with :func:`publish` inside the transaction
of the change. Another product that declares it as a dependency handles them with
:func:`subscribe` in its own ``subscriptions.py``. docs/events.md tells the whole story:
delivery, retries, failures, replay and ordering.
"""

from core.events.outbox import PublishError, publish
from core.events.registry import SubscriptionError, subscribe

__all__ = ["PublishError", "SubscriptionError", "publish", "subscribe"]
