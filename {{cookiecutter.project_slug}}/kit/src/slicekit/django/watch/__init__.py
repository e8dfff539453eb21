"""What the runtime guard watches besides SQL: one module per family of owned resources.

Each module's ``install(judge)`` wraps the Django or Celery entry point that every spelling
of a use ends in (a URL reversed or resolved, a template loaded, a static file found, a
command run, a task called or its beat entry changed, a cache key made, an admin entry
changed, the schema introspected) and returns the function that unwraps it. A wrapper
looks up the resource's owner first (a dictionary or prefix test) and only for an owned
resource asks the judge, the guard, to walk the stack (``Guard.use``). Installed by
``Guard.watching()`` in test runs only: a server or worker never runs them.
"""

from collections.abc import Callable
from types import FrameType
from typing import Any, Protocol

from slicekit.django.ownership import Ownership

Undo = Callable[[], None]


class Judge(Protocol):
    """What a watcher asks: the ownership map, and a verdict on one use of a resource."""

    @property
    def owners(self) -> Ownership: ...

    def use(self, owner: str | None, rule: str, what: str, frame: FrameType | None) -> None:
        """``frame``'s stack ``what`` (``"reverses /api/x/"``) a resource of ``owner``."""


def patch(target: type[Any], name: str, wrapper: Any) -> Undo:
    """Set ``target.name`` to ``wrapper``; the returned function restores what was there
    (an inherited attribute is restored by deleting the override)."""
    own = name in vars(target)
    original = vars(target).get(name)
    setattr(target, name, wrapper)

    def undo() -> None:
        if own:
            setattr(target, name, original)
        else:
            delattr(target, name)

    return undo


def undo_all(*steps: Undo) -> Undo:
    """One undo for several, run in reverse order."""

    def undo() -> None:
        for step in reversed(steps):
            step()

    return undo
