"""What the reach lint (``boundaries.reach``) needs from Django: who owns each table and task.

The lint itself reads source only; this glue asks the app registry for every
table (many-to-many tables included) and the Celery app for every task name,
each with the product that owns it.
"""

import traceback
from importlib import import_module
from pathlib import Path

from celery import current_app
from django.apps import apps
from django.conf import settings

from slicekit.django.products import product_apps
from slicekit.findings import Finding
from slicekit.reach import Registry, silenceable
from slicekit.rules import rule


def registry() -> tuple[Registry, list[Finding]]:
    """The registry, and a finding for each product whose tasks module raises on import."""
    owners = {config: name for name, config in product_apps().items()}
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        owner = owners.get(model._meta.app_config)
        if owner is not None:
            tables[model._meta.db_table.lower()] = owner
    tasks, failures = task_owners()
    return Registry(tables=tables, tasks=tasks), failures


def task_owners() -> tuple[dict[str, str], list[Finding]]:
    """Every registered Celery task's name, by the product whose module defines it, and
    a finding for each tasks module that raises on import.

    ``config`` makes the project's app the current one; importing each product's
    tasks registers them, as the worker's autodiscovery would.
    """
    failures = []
    for config in product_apps().values():
        module = f"{config.name}.tasks.tasks"
        try:
            import_module(module)
        except ImportError:
            continue  # the layout lint reports a missing tasks module
        except Exception as error:  # whatever a module raises is reported, in one line
            failures.append(_import_failure(module, error))
    owners = {}
    for name, task in current_app.tasks.items():
        parts = str(getattr(task, "__module__", "")).split(".")
        if len(parts) > 2 and parts[0] == "products" and parts[1] in product_apps():
            owners[name] = parts[1]
    return owners, failures


def _import_failure(module: str, error: Exception) -> Finding:
    """Where in the project the import failed: its innermost frame in a project file."""
    root = Path(settings.BASE_DIR).resolve()
    path, line = module.replace(".", "/") + ".py", None
    for frame in traceback.extract_tb(error.__traceback__):
        file = Path(frame.filename).resolve()
        if file.is_relative_to(root) and ".venv" not in file.parts:
            path, line = file.relative_to(root).as_posix(), frame.lineno
    return Finding(
        path,
        line,
        rule("import-error"),
        f"importing {module} raised {type(error).__name__}: {error}; "
        "the lint reads the task registry from it: fix the error",
    )


def silenced_boundaries() -> list[Finding]:
    """Boundary checks silenced in the settings, however the list was built."""
    silenced = [c for c in settings.SILENCED_SYSTEM_CHECKS if silenceable(str(c))]
    return [
        Finding(
            "config/settings",
            None,
            rule("escape-hatch"),
            f"SILENCED_SYSTEM_CHECKS silences {check}: the boundary it checks would hold "
            "only on paper; fix what it reports",
        )
        for check in silenced
    ]
