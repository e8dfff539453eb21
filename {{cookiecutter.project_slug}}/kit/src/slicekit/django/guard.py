"""The runtime data-ownership guard: a pytest plugin, on in every test run.

The static checks see what the source spells out; a table name built by
string concatenation, a task named at run time or a model label held in a
variable only show when the code runs. So every test run watches three things
(the root ``conftest.py`` loads this plugin):

- ``runtime-sql``: every SQL statement, on every connection, is
  attributed to the innermost frame of product code on the call stack (a file
  under ``products/<name>/``, its tests included; core, config and libraries
  are no product). If that product is not the owner of a table the statement
  names, the test fails with the statement, the table, its owner and the
  product's file:line. A call into another product's facade runs that
  product's code, so its queries are attributed to their owner: that is the
  legitimate way across.
- ``runtime-task``: publishing a Celery task (``delay``, ``apply_async``,
  ``send_task``, eager or not) that belongs to another product, judged by the
  task's module (or, for a name no worker here knows, its product prefix).
- ``runtime-lookup``: resolving another product's model through the app
  registry (``apps.get_model``, ``get_registered_model``,
  ``ContentType.model_class``), whatever the label was built from.
- everything else a product owns, one watcher per family in ``slicekit.django.watch``,
  judged by the same attribution (``Guard.use``): its URLs (``runtime-url``), templates
  (``runtime-template``) and static files (``runtime-static``), management commands
  (``runtime-command``), tasks called in process and beat entries (``runtime-task``),
  cache keys (``runtime-cache``), admin registrations (``runtime-admin``) and the schema
  of its tables (``runtime-schema``).

What it cannot see is written down in docs/adr/0006 (threads without product
frames, connections opened outside Django, cascades from shared models, ...).
An ``[[allow]]`` entry (path, rule, reason) in ``boundaries.baseline.toml``,
the reviewed baseline the product lint reads too, lets one file break one
rule on purpose; an entry that nothing uses in a full run is stale and fails
the run. ``pytest -p no:slicekit.django.guard`` turns
the guard off, for measuring it only.
"""

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from celery import Task
from django.conf import settings
from django.db import connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created
from django.db.models import deletion

from slicekit.baseline import BASELINE, BaselineError, read_baseline
from slicekit.django import lookups
from slicekit.django.ownership import SHARED, Ownership, owners_text, ownership
from slicekit.django.watch import Undo
from slicekit.django.watch import admin as admin_watch
from slicekit.django.watch import cache as cache_watch
from slicekit.django.watch import commands as command_watch
from slicekit.django.watch import schema as schema_watch
from slicekit.django.watch import tasks as task_watch
from slicekit.django.watch import templates as template_watch
from slicekit.django.watch import urls as url_watch
from slicekit.names import possessive
from slicekit.rules import rule

RULE_TABLE = rule("runtime-sql")
RULE_TASK = task_watch.RULE
RULE_LOOKUP = rule("runtime-lookup")
WATCHERS = (
    url_watch,
    template_watch,
    command_watch,
    task_watch,
    cache_watch,
    admin_watch,
    schema_watch,
)
RULES = frozenset(
    {
        RULE_TABLE,
        RULE_LOOKUP,
        task_watch.RULE,
        url_watch.RULE,
        template_watch.RULE_TEMPLATE,
        template_watch.RULE_STATIC,
        command_watch.RULE,
        cache_watch.RULE,
        admin_watch.RULE,
        schema_watch.RULE,
    }
)
ROOT = Path(settings.BASE_DIR)
STATEMENT_SHOWN = 300  # characters of a statement in a finding
_DELETION = deletion.__file__


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    rule: str
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.rule}: {self.message}\n    fix: {self.fix}"


class Guard:
    """Attributes statements, task publications and model lookups to products."""

    def __init__(
        self,
        owners: Ownership | None = None,
        allowed: dict[tuple[str, str], str] | None = None,
    ) -> None:
        self._owners = owners
        self.allowed = allowed or {}  # (path, rule) -> reason
        self.used: set[tuple[str, str]] = set()
        self.violations: list[Violation] = []
        self._statements: dict[str, dict[str, str]] = {}  # the tables each statement names

    @property
    def owners(self) -> Ownership:
        if self._owners is None:  # built on first use: the app registry is ready by then
            self._owners = ownership()
        return self._owners

    # -- what is watched ---------------------------------------------------------------

    def execute(
        self, execute: Callable[..., Any], sql: Any, params: Any, many: bool, context: Any
    ) -> Any:
        """A ``connection.execute_wrappers`` entry: judge the statement, then run it."""
        self.check_statement(str(sql), sys._getframe(1))
        return execute(sql, params, many, context)

    def check_statement(self, sql: str, frame: FrameType | None) -> None:
        tables = self._statements.get(sql)
        if tables is None:
            if len(self._statements) > 10_000:  # statements repeat; ad hoc ones must not pile up
                self._statements.clear()
            tables = self._statements[sql] = self.owners.tables_in(sql)
        if not tables:
            return
        issuer = self._issuer(frame)
        if issuer is None:
            return
        product, at = issuer
        foreign = {(table, owner) for table, owner in tables.items() if owner != product}
        if foreign:
            others = sorted({owner for _, owner in foreign})
            shown = sql if len(sql) <= STATEMENT_SHOWN else sql[:STATEMENT_SHOWN] + "..."
            self._report(
                at,
                RULE_TABLE,
                f"{product} ran SQL on {owners_text(foreign)}: a product's tables are its own. "
                f"Statement: {shown}",
                self.owners.facade_fix(
                    product,
                    others[0],
                    f"call the facade of {' or '.join(others)} "
                    f"(products/{others[0]}/backend/facade/api.py), which queries as its owner",
                ),
            )

    def check_task(
        self, task_name: str, task: Task[Any, Any] | None, frame: FrameType | None
    ) -> None:
        module = getattr(getattr(task, "run", None), "__module__", None) or ""
        # A task no worker here registers is judged by its name: catalog.x, products.catalog....
        owner = self.owners.task_owner(module) or self.owners.name_owner(
            task_name.removeprefix("products.")
        )
        if owner is None:
            return
        issuer = self._issuer(frame)
        if issuer is not None and issuer[0] != owner:
            self._report(
                issuer[1],
                RULE_TASK,
                f"{issuer[0]} publishes task {task_name!r} of product {owner}: its tasks are "
                "its private entry points",
                self.owners.facade_fix(
                    issuer[0],
                    owner,
                    f"call a function of {possessive(owner)} facade; if the work must be "
                    f"queued, the facade publishes {possessive(owner)} own task",
                ),
            )

    def check_lookup(self, label: str, model_name: str) -> None:
        owner = self.owners.label_owner(label)
        if owner is None:
            return
        issuer = self._issuer(sys._getframe(1))
        if issuer is not None and issuer[0] != owner:
            self._report(
                issuer[1],
                RULE_LOOKUP,
                f"{issuer[0]} resolves model {label}.{model_name} of product {owner} through "
                "the app registry: products never use each other's models",
                self.owners.facade_fix(
                    issuer[0], owner, f"call {possessive(owner)} facade instead"
                ),
            )

    def use(self, owner: str | None, rule: str, what: str, frame: FrameType | None) -> None:
        """A watcher saw ``frame``'s stack use a resource of ``owner`` (``what`` says how):
        fine for the owner, or through its facade; reported for any other product."""
        if owner is None or owner == SHARED:
            return
        issuer = self._issuer(frame)
        if issuer is None or issuer[0] == owner:
            return
        product, at = issuer
        self._report(
            at,
            rule,
            f"{product} {what}, which product {owner} owns: a product's URLs, templates, "
            "static files, commands, tasks, cache keys, admin and schema are its own",
            self.owners.facade_fix(
                product,
                owner,
                f"call a function of {possessive(owner)} facade "
                f"(products/{owner}/backend/facade/api.py), which does it as its owner",
            ),
        )

    # -- attribution ---------------------------------------------------------------------

    def _issuer(self, frame: FrameType | None) -> tuple[str, FrameType] | None:
        """The product responsible for what ``frame``'s stack does, and where, or ``None``.

        That is the innermost product frame, unless another product's code
        called into it directly, bypassing its facade (``import_string`` of
        its logic, a method of its model): then the caller is responsible.
        """
        owners = self.owners
        found: tuple[str, FrameType] | None = None
        via_facade = False
        previous: str | None = None  # the owner of the frame just inside this one
        while frame is not None:
            filename = frame.f_code.co_filename
            if filename == _DELETION and _shared_cascade(owners, frame):
                return None  # deleting a shared row cascades into every product: nobody's reach
            owner = owners.file_owner(filename)
            if owner is not None and owner != SHARED:
                if found is None:
                    found = owner, frame
                elif owner != found[0]:
                    # Another product further out: it reached in through the facade, through
                    # the framework (a signal, a task run) or directly, which makes it the issuer.
                    return (owner, frame) if previous == found[0] and not via_facade else found
                via_facade = via_facade or owners.in_facade(owner, filename)
            previous = owner
            frame = frame.f_back
        return found

    def _report(self, frame: FrameType, rule: str, message: str, fix: str) -> None:
        path = self.owners.place(frame).rpartition(":")[0]
        if (path, rule) in self.allowed:
            self.used.add((path, rule))
            return
        violation = Violation(path, frame.f_lineno, rule, message, fix)
        if violation not in self.violations:  # apply_async and send_task see one publication
            self.violations.append(violation)

    # -- switching it on -------------------------------------------------------------------

    def watch_connection(self, connection: BaseDatabaseWrapper) -> None:
        if self.execute not in connection.execute_wrappers:
            connection.execute_wrappers.append(self.execute)

    def _watch_new_connection(
        self, sender: object, connection: BaseDatabaseWrapper, **kwargs: Any
    ) -> None:
        self.watch_connection(connection)  # connections of other threads, and reconnections

    @contextmanager
    def watching(self) -> Iterator["Guard"]:
        """Watch every connection, model lookup and owned resource until the block ends."""
        for connection in connections.all(initialized_only=True):
            self.watch_connection(connection)
        connection_created.connect(self._watch_new_connection, weak=False)
        lookups.install(ROOT)  # only test runs wrap Django's lookups, never a server
        lookups.WATCHERS.append(self.check_lookup)
        undo: list[Undo] = [watcher.install(self) for watcher in WATCHERS]
        try:
            yield self
        finally:
            for step in reversed(undo):
                step()
            lookups.WATCHERS.remove(self.check_lookup)
            connection_created.disconnect(self._watch_new_connection)
            for connection in connections.all(initialized_only=True):
                while self.execute in connection.execute_wrappers:
                    connection.execute_wrappers.remove(self.execute)

    def take(self) -> list[Violation]:
        """The violations found since the last call."""
        found, self.violations = self.violations, []
        return found


def _shared_cascade(owners: Ownership, frame: FrameType) -> bool:
    """Whether ``frame`` is Django's deletion collector deleting from a shared model."""
    collector = frame.f_locals.get("self")
    if not isinstance(collector, deletion.Collector):
        return False
    origin = collector.origin
    model = (
        origin._meta.model if isinstance(origin, models.Model) else getattr(origin, "model", None)
    )
    return isinstance(model, type) and owners.model_owner(model) is None


def allowed_entries(root: Path = ROOT) -> dict[tuple[str, str], str]:
    """The guard's ``[[allow]]`` entries of the reviewed baseline: ``(path, rule) -> reason``.

    The file is read by the same reader as the product lint's; the guard keeps the
    entries of its own rules, whose files must exist.
    """
    try:
        allowances = read_baseline(root)
    except BaselineError as error:
        raise pytest.UsageError(str(error)) from None
    allowed = {}
    for entry in allowances:
        if entry.rule not in RULES:
            continue  # the static lints apply their own entries
        if not (root / entry.path).is_file():
            raise pytest.UsageError(
                f"{BASELINE}: [[allow]] entry {entry.number}: {entry.path} does not exist: "
                "remove the entry"
            )
        allowed[entry.path, entry.rule] = entry.reason
    return allowed


# -- the pytest plugin ------------------------------------------------------------------------

_GUARD = pytest.StashKey[Guard]()
_WATCHING = pytest.StashKey[Any]()


def pytest_configure(config: pytest.Config) -> None:
    guard = Guard(allowed=allowed_entries())
    config.stash[_GUARD] = guard
    config.stash[_WATCHING] = guard.watching()
    config.stash[_WATCHING].__enter__()


def pytest_unconfigure(config: pytest.Config) -> None:
    if _WATCHING in config.stash:
        config.stash[_WATCHING].__exit__(None, None, None)


@contextmanager
def _judged(item: pytest.Item) -> Iterator[None]:
    """Run a test phase, then fail it with what the guard saw during it."""
    guard = item.config.stash[_GUARD]
    guard.take()  # what happened between tests (collection, other hooks) is nobody's test
    try:
        yield
    finally:
        found = guard.take()
        if found:
            pytest.fail("\n".join(map(str, found)), pytrace=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    with _judged(item):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    with _judged(item):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    with _judged(item):
        return (yield)


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """In a full run, an allow-list entry that nothing needed is stale: it must go."""
    config = session.config
    guard = config.stash.get(_GUARD, None)
    full = (
        config.args_source is pytest.Config.ArgsSource.TESTPATHS
        and not config.option.keyword
        and not config.option.markexpr
        and not session.testsfailed
        and session.exitstatus == pytest.ExitCode.OK
    )
    if guard is None or not full:
        return
    stale = sorted(set(guard.allowed) - guard.used)
    if stale:
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        for path, rule in stale:
            line = f"{BASELINE}: stale [[allow]] entry {path} {rule}: nothing needs it; remove it"
            if reporter is not None:
                reporter.write_line(line, red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
