"""Who owns what: tables, tasks, models, source files and URL paths, by product.

The runtime guard (``slicekit.django.guard`` and its watchers in ``slicekit.django.watch``)
and the data-ownership system checks ask this one map; the names a product owns (URL
namespace, template and static prefixes, commands, tasks, beat entries, cache prefix, admin
registrations) are listed by ``slicekit.django.resources``. Everything comes from the app
registry and the product modules' own files, so nothing is typed twice: a
table belongs to the product whose app defines the model (auto-created
many-to-many tables included), a source file belongs to the product whose
directory holds it (its tests too), and ``core``/``config`` are shared.
"""

import os
import re
import sys
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from types import FrameType

from django.apps import apps
from django.conf import settings
from django.db import models

from slicekit.django.products import declared_uses, product_apps
from slicekit.graph import closes_a_cycle

SHARED = "shared"  # core and config: the project's own code that is no product
# SQL identifiers, quoted or not: matching tables is one regex and a set intersection.
IDENTIFIER = re.compile(r"[a-z_][a-z0-9_$]*")


class Ownership:
    """The products' tables, labels and directories.

    ``from_registry()`` reads them from the loaded apps; tests build one by hand.
    """

    def __init__(
        self,
        labels: dict[str, str],
        tables: dict[str, str],
        directories: dict[str, str],
        facades: dict[str, str],
        uses: dict[str, set[str]] | None = None,
        urls: Callable[[], list[tuple[re.Pattern[str], str]]] | None = None,
    ) -> None:
        self.labels = labels  # app label -> product
        self.uses = uses or {}  # product -> the products its tach.domain.toml declares
        self.products = frozenset(labels.values())
        self.tables = {table.lower(): owner for table, owner in tables.items()}
        # A table whose name is no plain identifier (a schema, a dash) is matched by substring.
        self._odd_tables = [t for t in self.tables if not IDENTIFIER.fullmatch(t)]
        # Directory (with a trailing separator) -> product, or SHARED for core and config.
        self._directories = [(d.rstrip(os.sep) + os.sep, o) for d, o in directories.items()]
        self._facades = {owner: d.rstrip(os.sep) + os.sep for owner, d in facades.items()}
        self._files: dict[str, str | None] = {}
        # URL path prefixes (no leading slash) -> product, read from the URLconf on first use.
        self._url_reader = urls or (lambda: [])
        self._urls: list[tuple[re.Pattern[str], str]] | None = None

    @classmethod
    def from_registry(cls) -> "Ownership":
        configs = product_apps()
        labels = {config.label: name for name, config in configs.items()}
        tables: dict[str, str] = {}
        # Concrete managed models first: a proxy or an unmanaged model claims no table.
        for model in sorted(apps.get_models(include_auto_created=True), key=_borrows_table):
            product = labels.get(model._meta.app_label)
            if product is not None:
                tables.setdefault(model._meta.db_table.lower(), product)
        # Directories as Python names the files (``co_filename``): from the modules themselves.
        directories = {str(Path(config.path).parent): name for name, config in configs.items()}
        for module in ("core", "config"):
            if module in sys.modules:
                directories[str(Path(sys.modules[module].__file__ or "").parent)] = SHARED
        # The facade package: the one way into a product (``backend.facade``).
        facades = {name: str(Path(config.path) / "facade") for name, config in configs.items()}
        uses = {name: declared_uses(name) for name in configs}
        return cls(labels, tables, directories, facades, uses, urls=_url_prefixes)

    def facade_fix(self, product: str, owner: str, fix: str) -> str:
        """``fix`` (a way through ``owner``'s facade), unless ``owner`` already depends on
        ``product``: then why it may not, and the ways that keep one direction."""
        return closes_a_cycle(product, owner, lambda name: self.uses.get(name, set())) or fix

    def in_facade(self, product: str, filename: str) -> bool:
        return filename.startswith(self._facades.get(product, "\0"))

    def model_owner(self, model: type[models.Model]) -> str | None:
        """The product that owns ``model``, or ``None`` for a shared model."""
        return self.labels.get(model._meta.app_label)

    def label_owner(self, label: str) -> str | None:
        """The product behind an app label (``"catalog"``) or model label (``"catalog.Item"``)."""
        return self.labels.get(label.partition(".")[0])

    def task_owner(self, module: str) -> str | None:
        """The product whose package holds ``module`` (``products.<name>.backend...``)."""
        parts = module.split(".")
        return parts[1] if len(parts) > 2 and parts[0] == "products" else None

    module_owner = task_owner

    def name_owner(self, name: str, separator: str = ".") -> str | None:
        """The product whose namespace a name is in: ``catalog.x``, ``catalog:x``, ``catalog/x``."""
        head = name.partition(separator)[0]
        return head if head in self.products and head != name else None

    def url_owner(self, path: str) -> str | None:
        """The product whose URLconf serves ``path`` (``/api/catalog/items/``), or ``None``."""
        if self._urls is None:
            self._urls = self._url_reader()
        path = path.lstrip("/")
        return next((owner for prefix, owner in self._urls if prefix.match(path)), None)

    def file_owner(self, filename: str) -> str | None:
        """A product's name, ``SHARED`` for core/config, ``None`` for anything else."""
        try:
            return self._files[filename]
        except KeyError:
            owner = next(
                (o for prefix, o in self._directories if filename.startswith(prefix)), None
            )
            self._files[filename] = owner
            return owner

    def tables_in(self, sql: str) -> dict[str, str]:
        """The product tables ``sql`` names, with their owners."""
        text = sql.lower()
        found = {t: self.tables[t] for t in set(IDENTIFIER.findall(text)) & self.tables.keys()}
        found.update({t: self.tables[t] for t in self._odd_tables if t in text})
        return found

    def product_frame(self, frame: FrameType | None) -> tuple[str, FrameType] | None:
        """The innermost frame of product code on the stack from ``frame`` outwards."""
        while frame is not None:
            owner = self.file_owner(frame.f_code.co_filename)
            if owner is not None and owner != SHARED:
                return owner, frame
            frame = frame.f_back
        return None

    def place(self, frame: FrameType) -> str:
        return f"{relative(frame.f_code.co_filename)}:{frame.f_lineno}"


def _url_prefixes() -> list[tuple[re.Pattern[str], str]]:
    """Each product URLconf's mount point in the root URLconf, as a regex of the path."""
    from django.urls import URLResolver, get_resolver

    found: list[tuple[re.Pattern[str], str]] = []

    def walk(patterns: Iterable[object], prefix: str) -> None:
        for pattern in patterns:
            if not isinstance(pattern, URLResolver):
                continue
            regex = prefix + pattern.pattern.regex.pattern.removeprefix("^")
            module = getattr(pattern.urlconf_module, "__name__", str(pattern.urlconf_name))
            parts = module.split(".")
            if len(parts) > 2 and parts[0] == "products":
                found.append((re.compile(regex), parts[1]))
            else:
                walk(pattern.url_patterns, regex)

    walk(get_resolver().url_patterns, "")
    return found


@cache
def ownership() -> Ownership:
    """The map, built on first use (the app registry must be ready)."""
    return Ownership.from_registry()


def _borrows_table(model: type[models.Model]) -> bool:
    return model._meta.proxy or not model._meta.managed


def relative(filename: str | os.PathLike[str]) -> str:
    """A path relative to the project, as findings print it."""
    try:
        return Path(filename).resolve().relative_to(Path(settings.BASE_DIR).resolve()).as_posix()
    except ValueError:
        return str(filename)


def owners_text(owners: Iterable[tuple[str, str]]) -> str:
    """``catalog_item (catalog)`` for each ``(table, owner)``."""
    return ", ".join(f"{table} (product {owner})" for table, owner in sorted(owners))
