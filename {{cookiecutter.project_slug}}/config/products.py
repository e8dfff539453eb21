"""Product discovery: every ``products/<name>/backend/apps.py`` is a product.

Settings, URLs and Celery ask this module instead of keeping lists, so adding
a product never means editing a central file.
"""

from functools import cache
from importlib import import_module
from pathlib import Path
from typing import Any

from boundaries.names import ProductNames

PRODUCTS_DIR = Path(__file__).resolve().parent.parent / "products"


@cache
def products() -> tuple[ProductNames, ...]:
    return tuple(
        ProductNames(apps.parent.parent.name)
        for apps in sorted(PRODUCTS_DIR.glob("*/backend/apps.py"))
    )


def beat_schedule() -> dict[str, dict[str, Any]]:
    """Merge every product's ``tasks/schedules.py`` ``SCHEDULE`` into one."""
    merged: dict[str, dict[str, Any]] = {}
    for product in products():
        schedule = import_module(f"{product.app_module}.tasks.schedules").SCHEDULE
        for key, entry in schedule.items():
            if key in merged:
                raise ValueError(f"beat entry {key!r} of {product.name} is defined twice")
            merged[key] = entry
    return merged
