"""Products are registered by discovery: apps, URLs, Celery tasks and beat entries."""

from django.apps import apps
from django.urls import reverse

from config.celery import app as celery_app
from config.products import PRODUCTS_DIR, products


def test_every_product_directory_is_discovered() -> None:
    on_disk = sorted(path.parent.parent.name for path in PRODUCTS_DIR.glob("*/backend/apps.py"))

    assert [product.name for product in products()] == on_disk


def test_every_product_is_an_installed_app_labelled_by_its_name() -> None:
    for product in products():
        assert apps.get_app_config(product.app_label).name == product.app_module


def test_every_product_is_routed_under_api() -> None:
    for product in products():
        assert reverse(f"{product.name}:item-list") == f"/api/{product.name}/items/"


def test_celery_discovers_every_products_tasks_and_merges_their_schedules() -> None:
    celery_app.loader.import_default_modules()
    schedule = celery_app.conf.beat_schedule

    for product in products():
        key = f"{product.name}.archive-stale-items"
        assert schedule[key]["task"] in celery_app.tasks
