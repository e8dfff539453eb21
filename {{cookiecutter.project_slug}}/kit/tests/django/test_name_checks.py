"""foreign-name and foreign-admin on made-up products alpha and beta (slicekit.django.name_checks).

The products' app directories are temporary folders; the task registry, the admin
registrations and a schedules module are handed in; the URL check is given its patterns.
"""

import sys
import types
from pathlib import Path
from typing import Any

import pytest
from django.urls import include, path

from slicekit.django import name_checks, resources
from slicekit.django.name_checks import prefix_owner

PRODUCTS = ["alpha", "beta"]


@pytest.fixture
def apps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    paths = {p: tmp_path / "products" / p / "backend" for p in PRODUCTS}
    configs = {
        p: types.SimpleNamespace(name=f"products.{p}.backend", path=str(folder))
        for p, folder in paths.items()
    }
    monkeypatch.setattr(name_checks, "product_apps", lambda: configs)
    monkeypatch.setattr(resources, "product_apps", lambda: configs)
    return paths


def messages(errors: list[Any]) -> list[str]:
    assert {error.id for error in errors} <= {"foreign-name", "foreign-admin"}
    return [error.msg for error in errors]


def test_a_names_first_segment_is_its_owner() -> None:
    products = ["orders", "order"]  # the longest first, as the check sorts them
    assert prefix_owner("orders.archive", products) == "orders"
    assert prefix_owner("order:list", products) == "order"
    assert prefix_owner("orderly/x.html", products) is None
    assert prefix_owner("orders", products) == "orders"


def test_template_static_and_command_names_in_another_products_namespace(
    apps: dict[str, Path],
) -> None:
    (apps["alpha"] / "templates" / "beta").mkdir(parents=True)
    (apps["alpha"] / "templates" / "alpha").mkdir(parents=True)
    (apps["alpha"] / "static" / "beta_icons").mkdir(parents=True)
    commands = apps["alpha"] / "management" / "commands"
    commands.mkdir(parents=True)
    for name in ("beta_sync.py", "alpha_sync.py", "_private.py"):
        (commands / name).write_text("")

    found = messages(
        [*name_checks._directory_errors(PRODUCTS), *name_checks._command_errors(PRODUCTS)]
    )

    assert len(found) == 3, found
    assert "product alpha defines template files under 'beta/', in product beta's" in found[0]
    assert "static files under 'beta_icons/'" in found[1]
    assert "beta_sync.py:1: product alpha defines the management command 'beta_sync'" in found[2]


def test_task_and_beat_names_in_another_products_namespace(
    apps: dict[str, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    tasks = {
        "beta.refresh": "products.alpha.backend.tasks.tasks",
        "alpha.refresh": "products.alpha.backend.tasks.tasks",
        "beta.shared": "core.tasks",
        "beta.library": "celery.app.builtins",  # a library's name is its own business
    }
    monkeypatch.setattr(resources, "task_modules", lambda: tasks)
    schedules = types.ModuleType("products.alpha.backend.tasks.schedules")
    schedules.__file__ = str(tmp_path / "schedules.py")
    Path(schedules.__file__).write_text('SCHEDULE = {\n    "beta.nightly": {}\n}\n')
    schedules.SCHEDULE = {  # type: ignore[attr-defined]
        "beta.nightly": {"task": "alpha.refresh"},
        "alpha.nightly": {"task": "beta.refresh"},
    }
    monkeypatch.setitem(sys.modules, schedules.__name__, schedules)

    found = messages([*name_checks._task_errors(PRODUCTS), *name_checks._beat_errors(PRODUCTS)])

    assert len(found) == 4, found
    assert "product alpha defines the task 'beta.refresh'" in found[0]
    assert "shared code defines the task 'beta.shared'" in found[1]
    assert "schedules.py:2: product alpha defines the beat entry 'beta.nightly'" in found[2]
    assert "a beat entry of the task 'beta.refresh'" in found[3]


def test_a_url_namespace_of_another_product(apps: dict[str, Path]) -> None:
    urls = types.ModuleType("products.alpha.backend.presentation.urls")
    urls.app_name = "beta"  # type: ignore[attr-defined]
    urls.urlpatterns = []  # type: ignore[attr-defined]
    own = types.ModuleType("products.beta.backend.presentation.urls")
    own.app_name = "beta"  # type: ignore[attr-defined]
    own.urlpatterns = []  # type: ignore[attr-defined]
    patterns = [path("api/alpha/", include(urls)), path("api/beta/", include(own))]

    [found] = messages(list(name_checks._url_errors(PRODUCTS, patterns)))

    assert "product alpha defines the URL namespace 'beta'" in found


def test_an_admin_for_another_products_model(monkeypatch: pytest.MonkeyPatch) -> None:
    model = type("Item", (), {"__module__": "products.beta.backend.models"})
    model._meta = types.SimpleNamespace(label="beta.Item")  # type: ignore[attr-defined]
    foreign = type("ItemAdmin", (), {"__module__": "products.alpha.backend.admin"})
    own = type("ItemAdmin", (), {"__module__": "products.beta.backend.admin"})
    registrations = [(model, foreign()), (model, own())]
    monkeypatch.setattr(resources, "admin_registrations", lambda: registrations)

    [found] = messages(name_checks.check_admin())

    assert "product alpha registers ItemAdmin for beta.Item, a model of product beta" in found


def test_the_inventory_lists_what_each_product_owns(
    apps: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    (apps["beta"] / "templates" / "beta").mkdir(parents=True)
    commands = apps["beta"] / "management" / "commands"
    commands.mkdir(parents=True)
    (commands / "beta_sync.py").write_text("")
    tasks = {"beta.refresh": "products.beta.backend.tasks.tasks", "celery.x": "celery.app"}
    monkeypatch.setattr(resources, "task_modules", lambda: tasks)
    model = type("Item", (), {"__module__": "products.beta.backend.models"})
    model._meta = types.SimpleNamespace(label="beta.Item")  # type: ignore[attr-defined]
    own = type("ItemAdmin", (), {"__module__": "products.beta.backend.admin"})
    monkeypatch.setattr(resources, "admin_registrations", lambda: [(model, own())])
    urls = types.ModuleType("products.beta.backend.presentation.urls")
    urls.app_name = "beta"  # type: ignore[attr-defined]
    urls.urlpatterns = [path("things/", messages, name="thing-list")]  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, urls.__name__, urls)

    beta = resources.inventory()["beta"]

    assert beta.directories == {"templates": apps["beta"] / "templates"}
    assert beta.commands == {"beta_sync": commands / "beta_sync.py"}
    assert (beta.tasks, beta.admin, beta.cache_prefix) == ({"beta.refresh"}, {"beta.Item"}, "beta:")
    assert (beta.namespace, beta.url_names, beta.views) == ("beta", {"thing-list"}, {__name__})
    assert beta.beat == frozenset()
    assert resources.inventory()["alpha"].tasks == frozenset()
