"""The runtime guard attributes statements, tasks and lookups to the product that issued them.

Two made-up products, alpha and beta, own the test-only ``Note`` table in turn;
their code is compiled under file names in ``products/alpha/`` and
``products/beta/``, which is all the guard looks at.
"""

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from celery import Celery
from django.apps import apps
from django.db import connection

from slicekit.django.guard import RULE_LOOKUP, RULE_TABLE, RULE_TASK, Guard, allowed_entries
from slicekit.django.ownership import SHARED, Ownership

from core.tests.models import Note

ROOT = Path("/nowhere/products")
# A Celery app of the tests' own: eager, with an in-memory broker, like the test settings.
celery_app = Celery("guard-tests", broker="memory://", set_as_current=False)
celery_app.conf.task_always_eager = True
TABLE = Note._meta.db_table


def owners(table_owner: str, uses: dict[str, set[str]] | None = None) -> Ownership:
    return Ownership(
        labels={"alpha": "alpha", "beta": "beta"},
        tables={TABLE: table_owner},
        directories={str(ROOT / "alpha"): "alpha", str(ROOT / "beta"): "beta", "/core": SHARED},
        facades={
            "alpha": str(ROOT / "alpha/backend/facade"),
            "beta": str(ROOT / "beta/backend/facade"),
        },
        uses=uses,
    )


def code(path: str, source: str, **names: Any) -> dict[str, Any]:
    """Run ``source`` as if it were the file ``products/<path>``; return its namespace."""
    namespace = {"__name__": "products." + path.removesuffix(".py").replace("/", "."), **names}
    exec(compile(source, str(ROOT / path), "exec"), namespace)  # noqa: S102
    return namespace


@pytest.fixture
def watch(make_note: Callable[..., Note]) -> Iterator[Callable[[str], Guard]]:
    make_note()  # creates the table and a row before anything is watched
    guards: list[AbstractContextManager[Guard]] = []

    def start(table_owner: str, uses: dict[str, set[str]] | None = None) -> Guard:
        guard = Guard(owners(table_owner, uses))
        guards.append(guard.watching())
        return guards[-1].__enter__()

    yield start
    for watching in guards:
        watching.__exit__(None, None, None)


COUNT = "def count():\n    return Note.objects.count()\n"


def test_a_product_querying_another_products_table_is_reported(watch: Callable[..., Guard]) -> None:
    guard = watch("beta")
    alpha = code("alpha/backend/logic.py", COUNT, Note=Note)

    alpha["count"]()

    [violation] = guard.take()
    assert violation.rule == RULE_TABLE
    assert violation.path == str(ROOT / "alpha/backend/logic.py")
    assert violation.line == 2
    assert f"alpha ran SQL on {TABLE.lower()} (product beta)" in violation.message
    assert "Statement: SELECT COUNT(*)" in violation.message
    assert "call the facade of beta (products/beta/backend/facade/api.py)" in violation.fix


def test_the_fix_never_proposes_a_cycle(watch: Callable[..., Guard]) -> None:
    """Beta uses alpha: alpha cannot be told to call beta's facade."""
    beta_uses = {"alpha"}
    guard = watch("beta", uses={"beta": beta_uses})
    alpha = code("alpha/backend/logic.py", COUNT, Note=Note)

    alpha["count"]()

    [violation] = guard.take()
    assert "beta already depends on alpha (alpha -> beta -> alpha)" in violation.fix
    assert "move the code that needs both into beta" in violation.fix
    assert "call the facade of beta" not in violation.fix


def test_a_products_own_table_raw_sql_and_shared_code_pass(watch: Callable[..., Guard]) -> None:
    guard = watch("alpha")
    raw = 'def raw(cursor, table):\n    cursor.execute("select count(*) from " + table)\n'
    alpha = code("alpha/backend/logic.py", COUNT + raw, Note=Note)

    alpha["count"]()
    with connection.cursor() as cursor:
        alpha["raw"](cursor, TABLE.upper())
    Note.objects.count()  # this test is core's: no product's

    assert guard.take() == []


def test_a_call_through_the_owners_facade_is_the_owners(watch: Callable[..., Guard]) -> None:
    guard = watch("beta")
    beta = code("beta/backend/facade/api.py", COUNT, Note=Note)
    alpha = code("alpha/backend/logic.py", "def use():\n    return count()\n", count=beta["count"])

    alpha["use"]()

    assert guard.take() == []


def test_a_call_into_the_owners_logic_bypassing_its_facade_is_the_callers(
    watch: Callable[..., Guard],
) -> None:
    guard = watch("beta")
    beta = code("beta/backend/logic.py", COUNT, Note=Note)
    alpha = code("alpha/backend/logic.py", "def use():\n    return count()\n", count=beta["count"])

    alpha["use"]()

    [violation] = guard.take()
    assert (violation.path, violation.line) == (str(ROOT / "alpha/backend/logic.py"), 2)


def test_quoted_and_odd_table_names_are_matched() -> None:
    ownership = owners("beta")
    quoted = " ".join(["SELECT * FROM", f'"{TABLE.upper()}"', "AS n"])
    assert ownership.tables_in(quoted) == {TABLE.lower(): "beta"}
    column = " ".join(["select", f"{TABLE}_id", "from x"])
    assert ownership.tables_in(column) == {}  # a column named after the table is no table
    odd = Ownership({"beta": "beta"}, {"beta-archive": "beta"}, {}, {})
    assert odd.tables_in('delete from "beta-archive"') == {"beta-archive": "beta"}


@pytest.fixture(scope="module")
def beta_task() -> Any:
    """A task of beta's, registered with the project's Celery app (tests run it eagerly).

    Its name has no product prefix: only its module says whose it is. Not shared: a shared
    task joins every Celery app, the project's too, where a later test linting a project
    with a real product beta would take this file's mention of it for a task sent by name.
    """
    task = code("beta/backend/tasks/tasks.py", "def ping():\n    return 'pong'\n")
    return celery_app.task(name="ping_of_a_made_up_product", shared=False)(task["ping"])


def test_publishing_another_products_task_is_reported(
    watch: Callable[..., Guard], beta_task: Any
) -> None:
    guard = watch("beta")
    source = "def publish(task):\n    return task.delay().get()\n"
    alpha = code("alpha/backend/logic.py", source)

    assert alpha["publish"](beta_task) == "pong"

    [violation] = guard.take()
    assert violation.rule == RULE_TASK
    assert violation.line == 2
    assert "alpha publishes task 'ping_of_a_made_up_product' of product beta" in violation.message


@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")
def test_publishing_by_a_name_nobody_registered_is_judged_by_its_prefix(
    watch: Callable[..., Guard],
) -> None:
    guard = watch("beta")
    alpha = code("alpha/backend/logic.py", "def publish(app):\n    app.send_task('beta.' + 'x')\n")

    alpha["publish"](celery_app)

    assert [v.rule for v in guard.take()] == [RULE_TASK]


def test_a_product_publishing_its_own_task_passes(
    watch: Callable[..., Guard], beta_task: Any
) -> None:
    guard = watch("beta")
    beta = code("beta/backend/facade/api.py", "def publish(task):\n    return task.delay().get()\n")

    assert beta["publish"](beta_task) == "pong"
    assert guard.take() == []


def test_resolving_another_products_model_by_label_is_reported(
    watch: Callable[..., Guard],
) -> None:
    guard = watch("beta")
    source = "def find(apps):\n    return apps.get_registered_model('be' + 'ta', 'thing')\n"
    alpha = code("alpha/backend/logic.py", source)

    with pytest.raises(LookupError):  # beta is made up: the lookup fails after being seen
        alpha["find"](apps)

    [violation] = guard.take()
    assert violation.rule == RULE_LOOKUP
    assert "alpha resolves model beta.thing of product beta" in violation.message


def test_an_allowed_violation_is_not_reported(watch: Callable[..., Guard]) -> None:
    guard = watch("beta")
    path = str(ROOT / "alpha/backend/logic.py")
    guard.allowed = {(path, RULE_TABLE): "migrating the data away, until 2026-06"}
    alpha = code("alpha/backend/logic.py", COUNT, Note=Note)

    alpha["count"]()

    assert guard.take() == []
    assert guard.used == {(path, RULE_TABLE)}


def test_the_allow_list_needs_a_reason_and_an_existing_file(tmp_path: Path) -> None:
    baseline = tmp_path / "boundaries.baseline.toml"
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "guard.py").touch()
    baseline.write_text('[[allow]]\npath = "core/guard.py"\nrule = "runtime-sql"\n')
    with pytest.raises(pytest.UsageError, match="needs a non-empty reason"):
        allowed_entries(tmp_path)
    baseline.write_text('[[allow]]\npath = "core/gone.py"\nrule = "runtime-sql"\nreason = "x"\n')
    with pytest.raises(pytest.UsageError, match="does not exist"):
        allowed_entries(tmp_path)
    baseline.write_text(
        '[[allow]]\npath = "core/guard.py"\nrule = "runtime-task"\nreason = "x"\n'
        '[[allow]]\npath = "core/guard.py"\nrule = "tach-ignore"\nreason = "the lint\'s"\n'
    )
    assert allowed_entries(tmp_path) == {("core/guard.py", "runtime-task"): "x"}
