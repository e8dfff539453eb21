"""runtime-task: publishing, calling in process, or rescheduling another product's task.

- Publishing: ``Task.apply_async`` (so ``delay``, signatures, eager mode) and
  ``Celery.send_task``, judged by ``Guard.check_task``.
- Calling in process: ``task(...)``, ``task.run(...)``, ``task.apply(...)`` of a task found
  anywhere (``current_app.tasks[...]`` included). Each product task's ``run`` is wrapped
  once, when Celery creates the task (``Celery._task_from_fun``) or when the watch starts;
  an eager run that ``apply_async`` makes was judged when it was published.
- The beat schedule: each app's ``beat_schedule`` becomes a dictionary that judges every
  change of an entry (setting, deleting, updating one) by the entry's owner: its name's
  product prefix, else its task's.
"""

import functools
import sys
from types import FrameType
from typing import Any, Protocol

from celery import Celery, Task
from celery._state import _get_active_apps  # type: ignore[attr-defined]  # private, unstubbed
from celery.app import trace

from slicekit.django.watch import Judge, Undo, patch, undo_all
from slicekit.rules import rule

RULE = rule("runtime-task")
_JUDGES: list["TaskJudge"] = []  # the wrapped runs outlive a watch: they ask whoever watches
_WATCHED = "__slicekit_watched__"


class TaskJudge(Judge, Protocol):
    def check_task(
        self, task_name: str, task: Task[Any, Any] | None, frame: FrameType | None
    ) -> None: ...


def install(judge: TaskJudge) -> Undo:
    apply_async, send_task, task_from_fun = (
        Task.apply_async,
        Celery.send_task,
        Celery._task_from_fun,
    )
    apply = Task.apply

    def published(task: Task[Any, Any], *args: Any, **kwargs: Any) -> Any:
        judge.check_task(task.name, task, sys._getframe(1))
        return apply_async(task, *args, **kwargs)

    def applied(task: Task[Any, Any], *args: Any, **kwargs: Any) -> Any:
        caller = sys._getframe(1)
        if caller.f_code.co_name != "apply_async":  # an eager publication: judged as one
            owner = judge.owners.module_owner(getattr(task.run, "__module__", "") or "")
            judge.use(owner, RULE, f"runs the task {task.name!r} in process", caller)
        return apply(task, *args, **kwargs)

    def sent(app: Celery[Task[Any, Any]], name: str, *args: Any, **kwargs: Any) -> Any:
        judge.check_task(name, app.tasks.get(name), sys._getframe(1))
        return send_task(app, name, *args, **kwargs)

    def created(app: Celery[Task[Any, Any]], *args: Any, **kwargs: Any) -> Any:
        task = task_from_fun(app, *args, **kwargs)
        _watch_run(judge, task)
        return task

    _JUDGES.append(judge)
    schedules: list[tuple[Any, Any]] = []  # (conf, the schedule it had)

    def watch_schedule(conf: Any) -> None:
        schedules.append((conf, conf.beat_schedule))
        conf.beat_schedule = Schedule(judge, conf.beat_schedule)

    def configured(sender: Any = None, source: Any = None, **kwargs: Any) -> None:
        watch_schedule(source)

    pending = []
    for app in list(_get_active_apps()):
        for task in list(app._tasks.values()):
            _watch_run(judge, task)
        if app.configured:
            watch_schedule(app.conf)
        else:  # reading its conf now would configure it early: watch it once it is
            app.on_after_configure.connect(configured, sender=app, weak=False)
            pending.append(app)

    def unwatch() -> None:
        _JUDGES.remove(judge)
        for app in pending:
            app.on_after_configure.disconnect(configured, sender=app)
        for conf, schedule in schedules:
            conf.beat_schedule = schedule

    return undo_all(
        unwatch,
        patch(Task, "apply_async", published),
        patch(Task, "apply", applied),
        patch(Celery, "send_task", sent),
        patch(Celery, "_task_from_fun", created),
    )


def _watch_run(judge: Judge, task: Task[Any, Any]) -> None:
    """Wrap the run of a product's task class, once: calls in process are judged."""
    kind = type(task)
    run = vars(kind).get("run")
    function = run.__func__ if isinstance(run, staticmethod) else run
    if not callable(function) or getattr(function, _WATCHED, False):
        return
    owner = judge.owners.module_owner(getattr(function, "__module__", "") or "")
    if owner is None:
        return
    name = task.name

    @functools.wraps(function)
    def watched(*args: Any, **kwargs: Any) -> Any:
        caller = sys._getframe(1)
        if _JUDGES and caller.f_code.co_filename != trace.__file__:
            _JUDGES[-1].use(owner, RULE, f"calls the task {name!r} in process", caller)
        return function(*args, **kwargs)

    setattr(watched, _WATCHED, True)
    wrapped = staticmethod(watched) if isinstance(run, staticmethod) else watched
    kind.run = wrapped  # type: ignore[method-assign]


class Schedule(dict[str, Any]):
    """A beat schedule whose entries judge every change made to them."""

    def __init__(self, judge: Judge, entries: dict[str, Any]) -> None:
        super().__init__()
        self._judge = judge
        for key, entry in entries.items():
            dict.__setitem__(self, key, self._entry(key, entry))

    def _owners(self, key: str, entry: Any = None) -> list[str]:
        """The entry's name's product prefix, and its task's: an entry belongs to both."""
        owners = self._judge.owners
        task = str(entry.get("task") or "") if isinstance(entry, dict) else ""
        return [o for o in dict.fromkeys([owners.name_owner(key), owners.name_owner(task)]) if o]

    def _entry(self, key: str, entry: Any) -> Any:
        owners = self._owners(key, entry)
        return (
            Entry(self._judge, key, owners, entry) if owners and isinstance(entry, dict) else entry
        )

    def _judged(self, key: str, entry: Any = None) -> None:
        for owner in self._owners(key, entry if entry is not None else self.get(key)):
            self._judge.use(owner, RULE, f"changes the beat entry {key!r}", sys._getframe(2))

    def __setitem__(self, key: str, entry: Any) -> None:
        self._judged(key, entry)
        super().__setitem__(key, self._entry(key, entry))

    def __delitem__(self, key: str) -> None:
        self._judged(key)
        super().__delitem__(key)

    def pop(self, key: str, *default: Any) -> Any:
        self._judged(key)
        return super().pop(key, *default)

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, entry in dict(*args, **kwargs).items():
            self[key] = entry


class Entry(dict[str, Any]):
    """One owned beat entry: changing a field of it is judged like replacing it."""

    def __init__(self, judge: Judge, key: str, owners: list[str], fields: dict[str, Any]) -> None:
        super().__init__(fields)
        self._judge, self._key, self._owners = judge, key, owners

    def _change(self) -> None:
        for owner in self._owners:
            what = f"changes the beat entry {self._key!r}"
            self._judge.use(owner, RULE, what, sys._getframe(2))

    def __setitem__(self, field: str, value: Any) -> None:
        self._change()
        super().__setitem__(field, value)

    def __delitem__(self, field: str) -> None:
        self._change()
        super().__delitem__(field)

    def update(self, *args: Any, **kwargs: Any) -> None:
        self._change()
        super().update(*args, **kwargs)
