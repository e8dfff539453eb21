"""What the reach lint needs from Django: who owns each table, and each name of the ownership map.

The lint itself reads source only; this glue asks the app registry for every
table (many-to-many tables included) and the ownership map
(``slicekit.django.resources``) for every task, beat entry and command name and every
name prefix (URL namespace, cache prefix, template and static directories), each with
the product that owns it.
"""

import traceback
from pathlib import Path

from django.apps import apps
from django.conf import settings

from slicekit.django import resources
from slicekit.django.products import product_apps
from slicekit.findings import Finding
from slicekit.reach import Registry, silenceable
from slicekit.rules import rule


def registry() -> tuple[Registry, list[Finding]]:
    """The registry, and a finding for each product whose modules raise on import."""
    owners = {config: name for name, config in product_apps().items()}
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        owner = owners.get(model._meta.app_config)
        if owner is not None:
            tables[model._meta.db_table.lower()] = owner
    names: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    failures: list[Finding] = []
    for product, config in product_apps().items():
        try:
            owned = resources.resources(product, config)
        except Exception as error:  # whatever a module raises is reported, in one line
            failures.append(_import_failure(config.name, error))
            continue
        names.update(dict.fromkeys([*owned.tasks, *owned.beat, *owned.commands], product))
        prefixes.update(dict.fromkeys(owned.prefixes, product))
    unique = list({str(failure): failure for failure in failures}.values())  # one per module
    return Registry(tables=tables, names=names, prefixes=prefixes), unique


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
        "the lint reads the ownership map from it: fix the error",
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
