"""The guard attributes every kind of owned resource, not only SQL (slicekit.django.watch).

Two made-up products again, alpha and beta: beta owns a URL mount, a template and a static
file (in a temporary products/beta/ directory), a command, a task and its beat entry, cache
keys ``beta:...``, the admin of the test-only ``Note`` model and its table. Code compiled
under alpha's file names reaches each in ways no source lint reads; beta's own code, and
alpha through beta's facade, pass.
"""

import re
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from celery import Celery
from django.contrib import admin
from django.contrib.staticfiles.finders import FileSystemFinder
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.template import Context
from django.template.engine import Engine
from django.test import Client
from django.urls import include, path, resolve, reverse

from slicekit.django.guard import Guard, Violation
from slicekit.django.ownership import Ownership

from core.tests.models import Note

TABLE = Note._meta.db_table
celery_app = Celery("guard-resource-tests", broker="memory://", set_as_current=False)
celery_app.conf.task_always_eager = True


def code(root: Path, file: str, source: str, **names: Any) -> dict[str, Any]:
    """Run ``source`` as the file ``products/<file>`` under ``root``; return its namespace."""
    namespace = {"__name__": "products." + file.removesuffix(".py").replace("/", "."), **names}
    exec(compile(source, str(root / "products" / file), "exec"), namespace)  # noqa: S102
    return namespace


def beta_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("beta")


beta_view.__module__ = "products.beta.backend.presentation.views"
URLCONF = types.ModuleType("guard_test_urls")
URLCONF.urlpatterns = [  # type: ignore[attr-defined]
    path("api/beta/", include(([path("things/", beta_view, name="thing-list")], "beta")))
]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A project with beta's template and static file in beta's directories."""
    for kind, name in (("templates", "card.html"), ("static", "logo.svg")):
        folder = tmp_path / "products/beta/backend" / kind / "beta"
        folder.mkdir(parents=True)
        (folder / name).write_text("beta's")
    alpha = tmp_path / "products/alpha/backend/templates/alpha"
    alpha.mkdir(parents=True)
    include = "{" + '% include "beta/card.html" %' + "}"  # no template tag in the kit's source
    (alpha / "page.html").write_text(f"alpha {include}")
    (alpha / "own.html").write_text("alpha's own")
    return tmp_path


@pytest.fixture
def guard(root: Path, note_table: None) -> Iterator[Guard]:
    products = root / "products"
    owners = Ownership(
        labels={"alpha": "alpha", "beta": "beta", Note._meta.app_label: "beta"},
        tables={TABLE: "beta"},
        directories={str(products / "alpha"): "alpha", str(products / "beta"): "beta"},
        facades={p: str(products / p / "backend/facade") for p in ("alpha", "beta")},
        urls=lambda: [(re.compile("api/beta/"), "beta")],
    )
    with Guard(owners).watching() as watching:
        yield watching


def alpha(root: Path, source: str, **names: Any) -> Callable[..., Any]:
    """``source``'s body as ``use()`` of alpha's logic; line 2 is its first statement."""
    body = "".join(f"    {line}\n" for line in source.splitlines())
    return code(root, "alpha/backend/logic.py", f"def use():\n{body}", **names)["use"]


def reported(guard: Guard) -> list[tuple[str, int, str]]:
    return [(Path(v.path).name, v.line, v.rule) for v in guard.take()]


def only(guard: Guard, rule: str, line: int = 2) -> Violation:
    [violation] = guard.take()
    assert (Path(violation.path).name, violation.line, violation.rule) == ("logic.py", line, rule)
    assert "which product beta owns" in violation.message
    assert "products/beta/backend/facade/api.py" in violation.fix
    return violation


def test_reversing_or_resolving_another_products_url(guard: Guard, root: Path) -> None:
    alpha(
        root, "return reverse('beta:thing-list', urlconf=URLCONF)", reverse=reverse, URLCONF=URLCONF
    )()
    assert "reverses the URL /api/beta/things/" in only(guard, "runtime-url").message

    match = alpha(
        root,
        "return resolve('/api/beta/things/', urlconf=URLCONF)",
        resolve=resolve,
        URLCONF=URLCONF,
    )()
    assert match.func is beta_view
    assert (
        "resolves the URL /api/beta/things/ to beta:thing-list"
        in only(guard, "runtime-url").message
    )


def test_a_products_own_url_and_the_facade_path_pass(guard: Guard, root: Path) -> None:
    facade = code(
        root,
        "beta/backend/facade/api.py",
        "def url():\n    return reverse('beta:thing-list', urlconf=URLCONF)\n",
        reverse=reverse,
        URLCONF=URLCONF,
    )
    assert alpha(root, "return url()", url=facade["url"])() == "/api/beta/things/"
    code(
        root,
        "beta/backend/presentation/views.py",
        "reverse('beta:thing-list', urlconf=URLCONF)\n",
        reverse=reverse,
        URLCONF=URLCONF,
    )
    assert guard.take() == []


def test_a_request_to_another_products_url_is_no_reach(
    guard: Guard, root: Path, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The test client enters beta through Django's handler, like any HTTP client."""
    monkeypatch.setitem(sys.modules, URLCONF.__name__, URLCONF)
    settings.ROOT_URLCONF = URLCONF.__name__
    source = "response = Client().get('/api/beta/things/')\nreturn response.resolver_match.func"
    assert alpha(root, source, Client=Client)() is beta_view
    assert guard.take() == []


def engine(root: Path) -> Engine:
    templates = [str(root / f"products/{p}/backend/templates") for p in ("alpha", "beta")]
    return Engine(dirs=templates)


def test_loading_another_products_template_in_any_spelling(guard: Guard, root: Path) -> None:
    templates = engine(root)
    alpha(root, "return templates.get_template('beta/card.html')", templates=templates)()
    assert "loads the template 'beta/card.html'" in only(guard, "runtime-template").message

    fallback = "return templates.select_template(['alpha/missing.html', 'beta/card.html'])"
    alpha(root, fallback, templates=templates)()
    only(guard, "runtime-template")

    page = alpha(
        root,
        "return templates.get_template('alpha/page.html').render(Context())",
        templates=templates,
        Context=Context,
    )
    assert page() == "alpha beta's"
    only(guard, "runtime-template")


def test_a_products_own_template_passes(guard: Guard, root: Path) -> None:
    templates = engine(root)
    alpha(root, "return templates.get_template('alpha/own.html')", templates=templates)()
    code(
        root,
        "beta/backend/facade/api.py",
        "templates.get_template('beta/card.html')\n",
        templates=templates,
    )
    assert guard.take() == []


def test_finding_another_products_static_file(guard: Guard, root: Path, settings: Any) -> None:
    settings.STATICFILES_DIRS = [
        str(root / f"products/{p}/backend/static") for p in ("alpha", "beta")
    ]
    finder = FileSystemFinder()
    assert alpha(root, "return finder.find('beta/logo.svg')", finder=finder)().endswith("logo.svg")
    only(guard, "runtime-static")
    alpha(root, "return finder.find('beta/logo.svg', find_all=True)", finder=finder)()
    only(guard, "runtime-static")
    alpha(root, "return finder.find('alpha/none.svg')", finder=finder)()
    assert guard.take() == []


COMMAND = (
    "class Command(BaseCommand):\n"
    "    def handle(self, *args, **options):\n"
    "        return 'pinged'\n"
)


def test_running_another_products_command(guard: Guard, root: Path) -> None:
    command = code(
        root, "beta/backend/management/commands/ping.py", COMMAND, BaseCommand=BaseCommand
    )["Command"]
    alpha(root, "return call_command(command())", call_command=call_command, command=command)()
    assert "runs the management command 'ping'" in only(guard, "runtime-command").message

    code(
        root,
        "beta/backend/logic.py",
        "call_command(command())\n",
        call_command=call_command,
        command=command,
    )
    assert guard.take() == []


def test_calling_another_products_task_in_process(guard: Guard, root: Path) -> None:
    run = code(root, "beta/backend/tasks/tasks.py", "def ping():\n    return 'pong'\n")["ping"]
    task = celery_app.task(name="beta.ping_in_process", shared=False)(run)
    assert alpha(root, "return task()", task=task)() == "pong"
    assert "calls the task 'beta.ping_in_process' in process" in only(guard, "runtime-task").message
    assert (
        alpha(
            root, "return celery_app.tasks['beta.ping_in_process'].run()", celery_app=celery_app
        )()
        == "pong"
    )
    only(guard, "runtime-task")
    assert alpha(root, "return task.apply().get()", task=task)() == "pong"
    assert "runs the task 'beta.ping_in_process' in process" in only(guard, "runtime-task").message

    code(
        root, "beta/backend/facade/api.py", "task()\ntask.apply()\ntask.delay().get()\n", task=task
    )
    assert guard.take() == []


def test_changing_another_products_beat_entry(root: Path, note_table: None) -> None:
    nightly = {"task": "beta.ping", "schedule": 60.0}
    celery_app.conf.beat_schedule = {"beta.nightly": nightly}
    owners = Ownership(
        {"alpha": "alpha", "beta": "beta"}, {}, {str(root / "products/alpha"): "alpha"}, {}
    )
    with Guard(owners).watching() as guard:
        change = alpha(
            root,
            "schedule['beta.nightly']['schedule'] = 5.0\n"
            "schedule.pop('beta.nightly')\n"
            "schedule['alpha.x'] = {'task': 'beta.ping'}\n"
            "schedule['alpha.y'] = {'task': 'alpha.y'}",
            schedule=celery_app.conf.beat_schedule,
        )
        change()
        assert [(line, rule) for _, line, rule in reported(guard)] == [
            (2, "runtime-task"),
            (3, "runtime-task"),
            (4, "runtime-task"),
        ]
    assert type(celery_app.conf.beat_schedule) is dict


def test_an_app_configured_after_the_watch_starts_has_its_schedule_watched(
    root: Path, note_table: None
) -> None:
    pending = Celery("guard-pending-tests", broker="memory://", set_as_current=False)
    nightly = {"task": "beta.ping"}
    pending.conf.beat_schedule = {"beta.nightly": nightly}  # not configured yet
    owners = Ownership(
        {"alpha": "alpha", "beta": "beta"}, {}, {str(root / "products/alpha"): "alpha"}, {}
    )
    with Guard(owners).watching() as guard:
        assert not pending.configured
        alpha(
            root, "schedule = app.conf.beat_schedule\nschedule.pop('beta.nightly')", app=pending
        )()
        assert [(line, rule) for _, line, rule in reported(guard)] == [(3, "runtime-task")]


def test_another_products_cache_keys(guard: Guard, root: Path) -> None:
    alpha(root, "cache.set('beta:count', 1)", cache=cache)()
    assert "uses the cache key 'beta:count'" in only(guard, "runtime-cache").message
    alpha(root, "return cache.get_many(['alpha:a', 'beta:count'])", cache=cache)()
    only(guard, "runtime-cache")
    alpha(root, "cache.set('alpha:count', 1)\ncache.set('betamax', 1)", cache=cache)()
    assert guard.take() == []


@pytest.fixture
def site(note_table: None) -> admin.AdminSite:
    """An admin site of the test's own, with the Note admin registered before the watch."""
    site = admin.AdminSite(name="guard-tests")
    site.register(Note)
    return site


def test_changing_another_products_admin(site: admin.AdminSite, guard: Guard, root: Path) -> None:
    alpha(root, "site._registry[Note].list_per_page = 5", site=site, Note=Note)()
    assert (
        "changes list_per_page of the admin of core_tests.Note"
        in only(guard, "runtime-admin").message
    )
    alpha(root, "site.unregister(Note)", site=site, Note=Note)()
    only(guard, "runtime-admin")
    alpha(root, "site.register(Note)", site=site, Note=Note)()
    only(guard, "runtime-admin")
    assert len(site._registry) == 1  # reading the registry is no change


def test_introspecting_another_products_table(guard: Guard, root: Path, db: None) -> None:
    describe = (
        "with connection.cursor() as cursor:\n"
        "    return connection.introspection.get_constraints(cursor, table)"
    )
    alpha(root, describe, connection=connection, table=TABLE.upper())()
    assert "runtime-schema" in [rule for *_, rule in reported(guard)]  # runtime-sql too
    alpha(root, "return connection.introspection.table_names()", connection=connection)()
    assert "lists the schema" in only(guard, "runtime-schema").message
    connection.introspection.table_names()  # Django's, or the tests': no product's
    assert guard.take() == []


def test_shared_code_and_unowned_resources_pass(guard: Guard, root: Path) -> None:
    cache.set("beta:count", 1)  # this test is core's: no product frame
    assert reverse("beta:thing-list", urlconf=URLCONF) == "/api/beta/things/"
    alpha(root, "cache.set('plain', 1)\ncache.set(42, 1)", cache=cache)()
    assert guard.take() == []
