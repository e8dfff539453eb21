"""Names a product owns, refused to anyone else: ``foreign-name`` and ``foreign-admin``.

A name's first segment says whose it is (``catalog.refresh``, ``catalog:item-list``,
``catalog/item.html``, ``catalog_reindex``): the runtime guard and readers take it for
catalog's. So no other product, and no shared code, may define a task, beat entry, URL
namespace, template or static directory, or management command in it; and only the
owner of a model registers its admin. Read from the loaded code
(``slicekit.django.resources``), tagged ``boundaries`` like the other ownership checks.
"""

import inspect
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import Error, register
from django.urls import URLResolver, get_resolver

from slicekit.django import resources
from slicekit.django.checks import TAG
from slicekit.django.ownership import relative
from slicekit.django.ownership_checks import _text_line
from slicekit.django.products import product_apps
from slicekit.names import possessive
from slicekit.rules import rule

RULE_NAME = rule("foreign-name")
RULE_ADMIN = rule("foreign-admin")
OURS = ("products.", "core.", "config.")  # libraries' task names are theirs to choose


def prefix_owner(name: str, products: Iterable[str], separators: str = ".:/_-") -> str | None:
    """The product whose namespace ``name`` is in: its first segment, up to a separator."""
    for product in products:
        if name == product or (name.startswith(product) and name[len(product) :][:1] in separators):
            return product
    return None


def _error(place: str, definer: str | None, kind: str, name: str, owner: str) -> Error:
    who = "shared code" if definer is None else f"product {definer}"
    mine = (
        "a name that starts with no product's name"
        if definer is None
        else f"{possessive(definer)} own namespace ({definer}.*, {definer}:..., {definer}/...)"
    )
    return Error(
        f"{place}: {who} defines {kind} {name!r}, in product {possessive(owner)} namespace: "
        "a name's first segment says whose it is",
        hint=f"Name it in {mine}: the runtime guard and readers take {name!r} for {owner}'s.",
        id=RULE_NAME,
    )


def _place(path: Path, text: str) -> str:
    return f"{relative(path)}:{_text_line(path, text)}"


def _module_path(module: str) -> Path:
    source = sys.modules.get(module)
    return Path(inspect.getfile(source)) if source is not None else Path(settings.BASE_DIR)


@register(TAG)
def check_names(app_configs: Iterable[AppConfig] | None = None, **kwargs: Any) -> list[Error]:
    """foreign-name: tasks, beat entries, URL namespaces, template and static directories and
    commands stay in their product's namespace."""
    products = sorted(product_apps(), key=len, reverse=True)  # the longest name first
    return [
        *_task_errors(products),
        *_beat_errors(products),
        *_url_errors(products, get_resolver().url_patterns),
        *_directory_errors(products),
        *_command_errors(products),
    ]


def _task_errors(products: list[str]) -> Iterator[Error]:
    for name, module in sorted(resources.task_modules().items()):
        owner = prefix_owner(name.removeprefix("products."), products)
        definer = resources.owner(module)
        if owner is None or owner == definer or not module.startswith(OURS):
            continue
        yield _error(_place(_module_path(module), name), definer, "the task", name, owner)


def _beat_errors(products: list[str]) -> Iterator[Error]:
    for product, config in product_apps().items():
        module = resources.optional_module(f"{config.name}.tasks.schedules")
        for key, entry in getattr(module, "SCHEDULE", {}).items():
            task = str(entry.get("task", "")) if isinstance(entry, dict) else ""
            for kind, name in (("the beat entry", key), ("a beat entry of the task", task)):
                owner = prefix_owner(name, products)
                if owner is not None and owner != product:
                    path = Path(str(getattr(module, "__file__", "")))
                    yield _error(_place(path, name), product, kind, name, owner)


def _url_errors(products: list[str], patterns: Iterable[Any]) -> Iterator[Error]:
    for pattern in patterns:
        if not isinstance(pattern, URLResolver):
            continue
        module = getattr(pattern.urlconf_module, "__name__", "")
        definer = resources.owner(module)
        for name in sorted({n for n in (pattern.app_name, pattern.namespace) if n}):
            owner = prefix_owner(str(name), products)
            if owner is not None and owner != definer:
                path = _module_path(module if definer else str(settings.ROOT_URLCONF))
                yield _error(_place(path, str(name)), definer, "the URL namespace", name, owner)
        yield from _url_errors(products, pattern.url_patterns)


def _directory_errors(products: list[str]) -> Iterator[Error]:
    roots: list[tuple[str | None, Path]] = [
        (product, Path(config.path)) for product, config in product_apps().items()
    ]
    if "core" in sys.modules:  # shared code's app directory
        roots.append((None, Path(str(sys.modules["core"].__file__)).parent))
    for definer, root in roots:
        for kind in resources.DIRECTORIES:
            folder = root / kind
            for child in sorted(folder.iterdir()) if folder.is_dir() else ():
                owner = prefix_owner(child.name, products)
                if owner is not None and owner != definer:
                    what = f"{kind.removesuffix('s')} files under"
                    yield _error(relative(child), definer, what, f"{child.name}/", owner)


def _command_errors(products: list[str]) -> Iterator[Error]:
    for product, config in product_apps().items():
        for name, path in resources.commands(Path(config.path)).items():
            owner = prefix_owner(name, products)
            if owner is not None and owner != product:
                yield _error(f"{relative(path)}:1", product, "the management command", name, owner)


@register(TAG)
def check_admin(app_configs: Iterable[AppConfig] | None = None, **kwargs: Any) -> list[Error]:
    """foreign-admin: only the product that owns a model registers its admin."""
    errors = []
    for model, model_admin in resources.admin_registrations():
        owner = resources.owner(model.__module__)
        definer = resources.owner(type(model_admin).__module__)
        if owner is None or owner == definer:
            continue
        kind = type(model_admin)
        who = "shared code" if definer is None else f"product {definer}"
        try:
            place = f"{relative(inspect.getfile(kind))}:{inspect.getsourcelines(kind)[1]}"
        except (OSError, TypeError):
            place = kind.__module__
        errors.append(
            Error(
                f"{place}: {who} registers {kind.__name__} for "
                f"{model._meta.label}, a model of product {owner}: its admin edits "
                "the owner's rows past its facade",
                hint=f"Register the admin in products/{owner}/backend/admin.py.",
                id=RULE_ADMIN,
            )
        )
    return errors
