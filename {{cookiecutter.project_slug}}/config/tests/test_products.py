"""Products are registered by discovery: apps, URLs, Celery tasks and beat entries."""

from importlib import import_module

from django.apps import apps
from django.urls import URLResolver, get_resolver

from config.celery import app as celery_app
from config.products import PRODUCTS_DIR, products


def test_every_product_directory_is_discovered() -> None:
    on_disk = sorted(path.parent.parent.name for path in PRODUCTS_DIR.glob("*/backend/apps.py"))

    assert [product.name for product in products()] == on_disk


def test_every_product_is_an_installed_app_labelled_by_its_name() -> None:
    for product in products():
        assert apps.get_app_config(product.app_label).name == product.app_module


def test_every_product_is_routed_under_api_in_its_own_namespace() -> None:
    mounted = {
        # The admin mounts a list of patterns, not a module: it has no __name__.
        str(pattern.pattern): (pattern.namespace, getattr(pattern.urlconf_module, "__name__", ""))
        for pattern in get_resolver().url_patterns
        if isinstance(pattern, URLResolver)
    }

    for product in products():
        urls = f"{product.app_module}.presentation.urls"
        assert mounted[f"api/{product.name}/"] == (product.name, urls)


def test_celery_discovers_every_products_tasks_and_merges_their_schedules() -> None:
    celery_app.loader.import_default_modules()
    schedule = celery_app.conf.beat_schedule

    # Every entry, however many a product has (none, once its tasks run in a service).
    for product in products():
        for key, entry in import_module(f"{product.app_module}.tasks.schedules").SCHEDULE.items():
            assert schedule[key] == entry
            assert entry["task"].startswith(f"{product.name}.")
            assert entry["task"] in celery_app.tasks
