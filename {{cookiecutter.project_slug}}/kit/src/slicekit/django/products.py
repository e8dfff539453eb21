"""The installed product apps, and the products each declares it uses.

Read at run time by the guards and by the system checks alike; apart from the checks
(``slicekit.django.checks``) so that product tests, which run the guards, load no
static rule (turbo.json's kit inputs, held by ``kit/tests/rules/test_turbo_inputs.py``).
"""

from pathlib import Path

from django.apps import AppConfig, apps
from django.conf import settings

from slicekit import domains
from slicekit.names import ProductNames


def product_apps() -> dict[str, AppConfig]:
    """The product apps by product name: apps whose module is ``products.<name>.backend``."""
    found = {}
    for config in apps.get_app_configs():
        parts = config.name.split(".")
        if len(parts) == 3 and ProductNames(parts[1]).app_module == config.name:
            found[parts[1]] = config
    return found


def declared_uses(product: str) -> set[str]:
    """The products ``product``'s tach.domain.toml declares, in this project."""
    return domains.declared_uses(Path(settings.BASE_DIR), product)
