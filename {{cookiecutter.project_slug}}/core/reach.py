"""What the reach lint (``boundaries.reach``) needs from Django: who owns each table and task.

The lint itself reads source only; this glue asks the app registry for every
table (many-to-many tables included) and the Celery app for every task name,
each with the product that owns it.
"""

from importlib import import_module

from celery import current_app
from django.apps import apps
from django.conf import settings

from boundaries.findings import Finding
from boundaries.reach import Registry
from core.checks import product_apps


def registry() -> Registry:
    owners = {config: name for name, config in product_apps().items()}
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        owner = owners.get(model._meta.app_config)
        if owner is not None:
            tables[model._meta.db_table.lower()] = owner
    return Registry(tables=tables, tasks=_task_owners())


def _task_owners() -> dict[str, str]:
    """Every registered Celery task's name, by the product whose module defines it.

    ``config`` makes the project's app the current one; importing each product's
    tasks registers them, as the worker's autodiscovery would.
    """
    for config in product_apps().values():
        try:
            import_module(f"{config.name}.tasks.tasks")
        except ImportError:
            continue  # the layout lint reports a missing tasks module
    owners = {}
    for name, task in current_app.tasks.items():
        parts = str(getattr(task, "__module__", "")).split(".")
        if len(parts) > 2 and parts[0] == "products" and parts[1] in product_apps():
            owners[name] = parts[1]
    return owners


def silenced_boundaries() -> list[Finding]:
    """Boundary checks silenced in the settings, however the list was built."""
    silenced = [c for c in settings.SILENCED_SYSTEM_CHECKS if str(c).startswith("boundaries.")]
    return [
        Finding(
            "config/settings",
            None,
            "escape-hatch",
            f"SILENCED_SYSTEM_CHECKS silences {check}: the boundary it checks would hold "
            "only on paper; fix what it reports",
        )
        for check in silenced
    ]
