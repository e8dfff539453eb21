"""Model lookups by label, seen as they happen.

``apps.get_model("catalog", "Item")``, ``apps.get_app_config("catalog").get_model("Item")``,
``ContentType.model_class()`` and Django's lazy string references all end in
``AppConfig.get_model`` or ``Apps.get_registered_model``. Wrapping those two
lets the boundary rules judge a lookup whose label is built at run time, which
no reading of the source can:

- lookups made while the apps load (imports, ``ready()``) from core or config
  are kept in ``STARTUP`` for the system check ``startup-lookup``;
- during tests the runtime guard (``slicekit.django.guard``) adds a watcher that
  judges every lookup a product makes.

Nothing is wrapped until ``install()``: ``manage.py`` calls it before the apps load,
for the commands that run the system checks (``check``, ``checkall``), and the runtime
guard calls it in test runs. A server or worker never has Django's lookups wrapped.
Once wrapped, a lookup costs one extra call and an empty-list test.
"""

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from types import FrameType
from typing import Any

from django.apps import AppConfig, apps
from django.apps.registry import Apps
from django.db import models


@dataclass(frozen=True)
class Lookup:
    """A lookup of ``label.model`` made by shared code at ``filename:line``."""

    label: str
    model: str
    filename: str
    line: int


# The project's directory as Python names its files (``co_filename``), set by install().
PROJECT = ""
STARTUP: list[Lookup] = []
# Called with (app label, model name) for every lookup; the runtime guard adds one.
WATCHERS: list[Callable[[str, str], None]] = []

_get_model = AppConfig.get_model
_get_registered_model = Apps.get_registered_model


def _seen(registry: Apps | None, label: str, model: str) -> None:
    if registry is apps and not apps.ready:
        _remember_startup(label, model)
    for watcher in WATCHERS:
        watcher(label, model)


def _remember_startup(label: str, model: str) -> None:
    """Keep the lookup if the innermost project frame is core or config (not a product)."""
    base = PROJECT
    if not base:
        return
    frame: FrameType | None = sys._getframe(3)
    while frame is not None:
        filename = frame.f_code.co_filename
        if filename.startswith(base):
            top = filename[len(base) :].split(os.sep, 1)[0]
            if top in ("core", "config"):
                STARTUP.append(Lookup(label, model, filename, frame.f_lineno))
            if top in ("core", "config", "products"):
                return
        frame = frame.f_back


def get_model(self: AppConfig, model_name: str, require_ready: bool = True) -> Any:
    _seen(self.apps, self.label, model_name)
    return _get_model(self, model_name, require_ready)


def get_registered_model(self: Apps, app_label: str, model_name: str) -> type[models.Model]:
    _seen(self, app_label, model_name)
    return _get_registered_model(self, app_label, model_name)


def install(project: str | os.PathLike[str]) -> None:
    """Wrap the two lookups (again is the same) for the project in directory ``project``."""
    global PROJECT  # one project per process, set before the apps load
    PROJECT = os.path.abspath(project) + os.sep
    AppConfig.get_model = get_model  # type: ignore[method-assign]
    Apps.get_registered_model = get_registered_model  # type: ignore[method-assign]
