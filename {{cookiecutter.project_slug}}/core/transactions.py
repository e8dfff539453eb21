"""``@transactional``: a function that runs in one database transaction, or not at all."""

import functools
from collections.abc import Callable

from django.db import transaction


def transactional[**P, R](function: Callable[P, R]) -> Callable[P, R]:
    """Run ``function`` atomically: any exception rolls back every write it made.

    Put it on facade functions that write, so a caller (a view, a task, another
    product) gets all of a change or none of it. Nested calls become savepoints.
    Work that must happen only once the data is committed (sending mail,
    enqueueing a task) goes in ``transaction.on_commit``.
    """

    @functools.wraps(function)
    def atomically(*args: P.args, **kwargs: P.kwargs) -> R:
        with transaction.atomic():
            return function(*args, **kwargs)

    return atomically
