"""runtime-admin: changing the admin registration of another product's model.

Every admin site's registry (``site._registry``, which ``register``/``unregister`` change
too) becomes a dictionary that judges each change by the model's owner, and setting an
attribute on a registered ``ModelAdmin`` (``site._registry[Item].list_display = ...``) is
judged by the owner of its model (not the admin's own set-up in ``__init__``). Reading the
registry is no change and passes.
"""

import sys
from typing import Any

from django.contrib.admin import ModelAdmin, options
from django.contrib.admin.sites import all_sites
from django.db import models

from slicekit.django.watch import Judge, Undo, patch, undo_all
from slicekit.rules import rule

RULE = rule("runtime-admin")


def install(judge: Judge) -> Undo:
    def set_attribute(self: "ModelAdmin[Any]", name: str, value: Any) -> None:
        model = vars(self).get("model")
        caller = sys._getframe(1)
        inside = caller.f_code.co_filename == options.__file__  # the admin's own set-up
        if isinstance(model, type) and issubclass(model, models.Model) and not inside:
            owner = judge.owners.model_owner(model)
            what = f"changes {name} of the admin of {model._meta.label}"
            judge.use(owner, RULE, what, caller)
        object.__setattr__(self, name, value)

    sites = list(all_sites)
    for site in sites:
        site._registry = Registry(judge, site._registry)

    def unwatch() -> None:
        for site in sites:
            site._registry = dict(site._registry)

    return undo_all(unwatch, patch(ModelAdmin, "__setattr__", set_attribute))


class Registry(dict[type[models.Model], Any]):
    """An admin site's registry that judges every change of it."""

    def __init__(self, judge: Judge, entries: dict[type[models.Model], Any]) -> None:
        super().__init__(entries)
        self._judge = judge

    def _judged(self, model: type[models.Model], verb: str) -> None:
        owner = self._judge.owners.model_owner(model) if isinstance(model, type) else None
        if owner is not None:
            what = f"{verb} the admin registration of {model._meta.label}"
            self._judge.use(owner, RULE, what, sys._getframe(2))

    def __setitem__(self, model: type[models.Model], admin: Any) -> None:
        self._judged(model, "changes")
        super().__setitem__(model, admin)

    def __delitem__(self, model: type[models.Model]) -> None:
        self._judged(model, "removes")
        super().__delitem__(model)

    def pop(self, model: type[models.Model], *default: Any) -> Any:
        self._judged(model, "removes")
        return super().pop(model, *default)
