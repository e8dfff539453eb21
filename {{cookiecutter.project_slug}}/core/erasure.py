"""Erasing a user's data in every product (the right to erasure), through their facades.

Each product that owns user data defines one facade function, ``erase_user_data(user_id:
int) -> int``, that erases what it holds of that user for good and says how many rows it
erased; the product decides what erasure means for its data (delete, anonymise). Core calls
every installed product's function, in one transaction, and never touches a product's
models: a new product that stores user data adds the function to its facade, and nothing
else changes (docs/architecture.md). ``manage.py erase_user <id>`` runs it.
"""

from collections.abc import Callable
from importlib import import_module

from django.apps import apps
from django.db import transaction

from core.products import product_of

ERASE = "erase_user_data"  # the facade function of each product that owns user data


def erasers() -> dict[str, Callable[[int], int]]:
    """Each installed product's ``erase_user_data``, by product name."""
    found: dict[str, Callable[[int], int]] = {}
    for config in apps.get_app_configs():
        product = product_of(config.name)
        if product is None or config.name != product.app_module:
            continue
        erase = getattr(import_module(f"{product.app_module}.facade.api"), ERASE, None)
        if erase is not None:
            found[product.name] = erase
    return found


def erase_user_data(user_id: int) -> dict[str, int]:
    """Erase the user's data in every product, all or none; how many rows each erased."""
    with transaction.atomic():
        return {product: erase(user_id) for product, erase in erasers().items()}
