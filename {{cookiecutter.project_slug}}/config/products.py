"""Product discovery: every ``products/<name>/backend/apps.py`` is a product.

Settings, URLs and Celery ask this module instead of keeping lists, so adding
a product never means editing a central file.

``PRODUCTS=<name>[,<name>...]`` in the environment installs only those
products and the products they depend on, through any chain (each one's
``tach.domain.toml``, which tach enforces). Each product's ``backend:test``
task runs so: its cost does not grow with the number of products, and a
product that needs a product it does not declare fails its own tests.
"""

import os
import tomllib
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from core.products import Product

ROOT = Path(__file__).resolve().parent.parent
PRODUCTS_DIR = ROOT / "products"
SELECTION = "PRODUCTS"


@cache
def discovered() -> tuple[Product, ...]:
    """Every product on disk, sorted by name."""
    return tuple(
        Product(apps.parent.parent.name) for apps in sorted(PRODUCTS_DIR.glob("*/backend/apps.py"))
    )


@cache
def products() -> tuple[Product, ...]:
    """The installed products: every product, or the closure of ``PRODUCTS``."""
    selection = [name.strip() for name in os.environ.get(SELECTION, "").split(",")]
    if not any(selection):
        return discovered()
    return closure([name for name in selection if name], discovered())


def closure(names: list[str], every: tuple[Product, ...], root: Path = ROOT) -> tuple[Product, ...]:
    """``names`` and every product they depend on, in discovery order."""
    known = {product.name for product in every}
    if unknown := sorted(set(names) - known):
        raise ImproperlyConfigured(
            f"{SELECTION}={','.join(names)}: {', '.join(unknown)} is not a product; "
            f"the products are {', '.join(sorted(known)) or 'none'}"
        )
    installed = set(names)
    waiting = list(names)
    while waiting:
        for dependency in _dependencies(root, waiting.pop()) - installed:
            installed.add(dependency)
            waiting.append(dependency)
    return tuple(product for product in every if product.name in installed)


def _dependencies(root: Path, product: str) -> set[str]:
    """The products ``products/<product>/tach.domain.toml`` says it uses (tach enforces it)."""
    path = root / "products" / product / "tach.domain.toml"
    try:
        domain = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ImproperlyConfigured(f"{path.relative_to(root)} is unreadable: {error}") from error
    dependencies: set[str] = set()
    for dependency in (domain.get("root") or {}).get("depends_on") or []:
        module = dependency if isinstance(dependency, str) else dependency.get("path", "")
        package, _, name = module.removeprefix("//").partition(".")
        if package == "products":
            dependencies.add(name)
    return dependencies


def beat_schedule() -> dict[str, dict[str, Any]]:
    """Merge every installed product's ``tasks/schedules.py`` ``SCHEDULE`` into one."""
    merged: dict[str, dict[str, Any]] = {}
    for product in products():
        schedule = import_module(f"{product.app_module}.tasks.schedules").SCHEDULE
        for key, entry in schedule.items():
            if key in merged:
                raise ValueError(f"beat entry {key!r} of {product.name} is defined twice")
            merged[key] = entry
    return merged
