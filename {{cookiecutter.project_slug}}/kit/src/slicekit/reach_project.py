"""What every file's reach check shares: the products, their surfaces, the app registry."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from slicekit.reach_surface import Surface

# Quick byte tests: a file with none of these cannot hold a finding, so it is not parsed.
TRIGGERS = re.compile(
    rb"products[./](\w+)|products[./][%{]|[\"']products[\"']|from\s+\.\.\.|__import__|import_module|import_string|find_spec|run_module|run_path|"
    rb"walk_packages|iter_modules|locate|resolve_name|app_label|sender|natural_key|"
    rb"get_app_config|get_models|get_registered_model|all_models|app_configs|send_task|signature|tasks\[|SILENCED_SYSTEM_CHECKS|subscribe\("
)


@dataclass(frozen=True)
class Registry:
    """What the ownership map knows, each with its product: tables, names (tasks, beat entries,
    commands) and name prefixes (``catalog:`` for URL names and cache keys, ``catalog/``)."""

    tables: Mapping[str, str] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)
    prefixes: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Project:
    """The products, their surfaces and what the registry says, shared by every file's check."""

    root: Path
    products: frozenset[str]
    surfaces: Mapping[str, Surface]
    registry: Registry
    tables: re.Pattern[str] | None = None
    names: re.Pattern[str] | None = None  # every table, name and prefix, for the quick test
    owners: dict[str, str] = field(default_factory=dict)
    # Each product's declared dependencies (its tach.domain.toml), for undeclared-subscription.
    declared: Mapping[str, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        registry = self.registry
        if registry.tables:
            self.tables = _words(registry.tables)
        for owned in (registry.names, registry.tables, registry.prefixes):
            self.owners.update({name.lower(): owner for name, owner in owned.items()})
        if self.owners:
            self.names = _words(self.owners)

    def owner_of(self, text: str, complete: bool) -> tuple[str, str] | None:
        """The product that owns the name ``text`` (or the name it starts with), and how;
        ``text`` is only the leading part of a string when not ``complete``."""
        if complete and text in self.registry.names:
            return self.registry.names[text], "its name"
        if text.split() != [text]:
            return None  # prose, not a name: names and keys hold no spaces
        for prefix, owner in self.registry.prefixes.items():  # none is another's prefix
            if text.startswith(prefix):
                return owner, f"its namespace {prefix!r}"
        return None

    def worth_parsing(self, source: bytes, owner: str | None) -> bool:
        """Whether the file mentions anything of another product this lint looks for.

        Parsing is most of the cost, and most files mention only their own product.
        """
        own = owner.encode() if owner else None
        if any(m.group(1) is None or m.group(1) != own for m in TRIGGERS.finditer(source)):
            return True
        if self.names is None:
            return False
        matches = self.names.finditer(source.decode("utf-8", "replace"))
        return any(self.owners.get(m.group(1).lower()) != owner for m in matches)


def _words(names: Iterable[str]) -> re.Pattern[str]:
    """Any of ``names`` as a whole word, longest first, in any case."""
    words = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return re.compile(rf"\b({words})(?:\b|(?<=[:/]))", re.IGNORECASE)
