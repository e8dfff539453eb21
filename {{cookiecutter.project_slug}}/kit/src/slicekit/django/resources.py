"""Everything each product owns besides its tables, read from the code: the ownership map.

Nothing here is declared: a product's URL namespace and URL names come from its URLconf
(``presentation/urls.py``), its views from the modules that URLconf routes to, its template
and static directories and management commands from its app directory, its tasks from the
Celery registry (by the module that defines them), its beat entries from its
``tasks/schedules.py``, its admin registrations from the admin sites (by model), and its
cache prefix from its name (``core.cache.product_cache``). The system checks
(``slicekit.django.name_checks``) refuse a name one product takes in another's namespace;
the runtime guard judges each use (``slicekit.django.watch``).
"""

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import Any

from django.apps import AppConfig, apps
from django.urls import URLPattern, URLResolver

from slicekit.django.products import product_apps

DIRECTORIES = ("templates", "static")


@dataclass(frozen=True)
class Resources:
    """What one product owns, besides its models, tables and source files."""

    product: str
    namespace: str  # its URLconf's app_name ("" when it has no URLconf)
    url_names: frozenset[str]
    views: frozenset[str]  # modules of the views its URLconf routes to
    directories: dict[str, Path]  # "templates" / "static" -> the app directory, if any
    commands: dict[str, Path]  # command name -> its file
    tasks: frozenset[str]  # Celery task names
    beat: frozenset[str]  # beat entry keys
    admin: frozenset[str]  # labels of the models its admin.py registers

    @property
    def cache_prefix(self) -> str:
        return f"{self.product}:"

    @property
    def prefixes(self) -> frozenset[str]:
        """The name prefixes it owns: its cache prefix and URL namespace (``catalog:``), and
        its template and static paths (``catalog/``; ``foreign-name`` keeps them its own).
        Other folders of its directories (``admin/``, ``registration/``) are Django's."""
        namespace = {f"{self.namespace}:"} if self.namespace else set()
        return frozenset({self.cache_prefix, f"{self.product}/", *namespace})


def inventory() -> dict[str, Resources]:
    """Every installed product's resources, by product name."""
    return {name: resources(name, config) for name, config in product_apps().items()}


def resources(name: str, config: AppConfig) -> Resources:
    urls = optional_module(f"{config.name}.presentation.urls")
    patterns = list(getattr(urls, "urlpatterns", []))
    schedules = optional_module(f"{config.name}.tasks.schedules")
    return Resources(
        product=name,
        namespace=str(getattr(urls, "app_name", "") or ""),
        url_names=frozenset(p.name for p in endpoints(patterns) if p.name),
        views=frozenset(getattr(p.callback, "__module__", "") for p in endpoints(patterns)),
        directories={
            kind: Path(config.path) / kind
            for kind in DIRECTORIES
            if (Path(config.path) / kind).is_dir()
        },
        commands=commands(Path(config.path)),
        tasks=frozenset(task for task, module in task_modules().items() if owner(module) == name),
        beat=frozenset(getattr(schedules, "SCHEDULE", {})),
        admin=frozenset(
            model._meta.label
            for model, model_admin in admin_registrations()
            if owner(type(model_admin).__module__) == name
        ),
    )


def optional_module(name: str) -> ModuleType | None:
    try:
        return import_module(name)
    except ModuleNotFoundError as error:
        if error.name and name.startswith(error.name):
            return None  # the module (or its package) does not exist: nothing owned
        raise


def endpoints(patterns: list[Any]) -> Iterator[URLPattern]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from endpoints(list(pattern.url_patterns))
        elif isinstance(pattern, URLPattern):
            yield pattern


def commands(app_path: Path) -> dict[str, Path]:
    folder = app_path / "management" / "commands"
    return {
        path.stem: path for path in sorted(folder.glob("*.py")) if not path.name.startswith("_")
    }


def task_modules() -> dict[str, str]:
    """Every registered Celery task's name -> the module that defines it.

    Loads each installed product's tasks first, as a worker's autodiscovery would.
    """
    from celery import current_app

    for config in product_apps().values():
        optional_module(f"{config.name}.tasks.tasks")
    found = {}
    for name, task in current_app.tasks.items():
        run = getattr(task, "run", None)
        found[name] = str(getattr(run, "__module__", "") or type(task).__module__)
    return found


def admin_registrations() -> list[tuple[Any, Any]]:
    if not apps.is_installed("django.contrib.admin"):
        return []
    from django.contrib.admin.sites import all_sites

    return [entry for site in all_sites for entry in site._registry.items()]


def owner(module: str) -> str | None:
    """The product whose package holds ``module``; ``None`` for any other code."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[0] == "products" else None
