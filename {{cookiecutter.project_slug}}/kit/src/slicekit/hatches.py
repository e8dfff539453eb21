"""Escape hatches in tach's configuration: settings that switch a boundary check off.

tach enforces the import boundaries only as configured. A module marked
``unchecked`` or ``utility``, a path added to ``exclude``, a submodule declared
on its own, or ``exact``, ``forbid_circular_dependencies`` and
``ignore_type_checking_imports`` turned the other way would make ``tach check``
pass while the boundary no longer holds. The project ships these files
consistent (the root ``tach.toml`` and the skeleton's ``tach.domain.toml``); this
lint refuses what they do not ship. Comments that switch checks off
(``# tach-ignore``, a ``# noqa`` naming a boundary rule) are found by
``boundaries.reach``, which reads every source file.

Standard library only.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from slicekit.findings import Finding
from slicekit.rules import rule

TACH_CONFIG = "tach.toml"
# What the root tach.toml ships with; the boundary checks rely on these values.
REQUIRED_SETTINGS = {
    "exact": True,
    "forbid_circular_dependencies": True,
    "ignore_type_checking_imports": False,
}
SHIPPED_EXCLUDE = frozenset({".tools", ".venv", "node_modules", "kit"})
# Top-level keys that do not loosen a boundary.
HARMLESS_KEYS = frozenset({"source_roots", "exclude", "modules", "cache", "external"})
MODULE_KEYS = frozenset({"path", "depends_on"})
DOMAIN_KEYS = frozenset({"root", "interfaces"})  # the interfaces are the layout lint's
ROOT_KEYS = frozenset({"depends_on"})
FIX = "restore what the project ships, or record the exception in boundaries.baseline.toml"


def lint_tach_config(root: Path) -> list[Finding]:
    try:
        config = tomllib.loads((root / TACH_CONFIG).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return [Finding(TACH_CONFIG, None, rule("escape-hatch"), "missing: tach checks nothing")]
    except (OSError, UnicodeDecodeError, ValueError) as error:
        return [Finding(TACH_CONFIG, None, rule("escape-hatch"), f"unreadable: {error}")]
    findings = []
    for key, value in REQUIRED_SETTINGS.items():
        if config.get(key, not value) is not value:
            findings.append(
                _hatch(
                    TACH_CONFIG,
                    f"{key} must be {str(value).lower()}: otherwise tach lets through "
                    f"{_LOOSENED[key]}",
                )
            )
    for key in sorted(set(config) - set(REQUIRED_SETTINGS) - HARMLESS_KEYS):
        findings.append(_hatch(TACH_CONFIG, f"the setting {key!r} is not one the project ships"))
    exclude = config.get("exclude", [])
    extra = sorted(set(exclude if isinstance(exclude, list) else [str(exclude)]) - SHIPPED_EXCLUDE)
    if extra:
        findings.append(
            _hatch(TACH_CONFIG, f"exclude adds {extra}: tach would not check those files")
        )
    for module in config.get("modules", []):
        findings += _module_hatches(TACH_CONFIG, module)
    return findings


_LOOSENED = {
    "exact": "dependencies declared but unused, which hide what a product really uses",
    "forbid_circular_dependencies": "cycles between products",
    "ignore_type_checking_imports": "imports under `if TYPE_CHECKING:`, which couple just the same",
}


def lint_domain_hatches(root: Path, directory: str) -> list[Finding]:
    """Keys a product's or package's ``tach.domain.toml`` has beyond what its skeleton renders."""
    path = f"{directory}/tach.domain.toml"
    try:
        domain = tomllib.loads((root / path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return []  # the layout lint reports a missing or unreadable file
    findings = [
        _hatch(path, f"[{key}] is not in what the skeleton renders; tach may check less")
        for key in sorted(set(domain) - DOMAIN_KEYS)
    ]
    return findings + _module_hatches(path, domain.get("root") or {}, ROOT_KEYS)


def _module_hatches(path: str, module: Any, allowed: frozenset[str] = MODULE_KEYS) -> list[Finding]:
    if not isinstance(module, dict):
        return [_hatch(path, f"a module is {module!r}, not a table")]
    name = module.get("path", "[root]")
    return [
        _hatch(
            path,
            f"module {name} sets {key} = {module[key]!r}: "
            + (
                "tach stops checking what it and its users import"
                if key in {"unchecked", "utility"}
                else "the skeleton never sets it"
            ),
        )
        for key in sorted(set(module) - allowed)
    ]


def _hatch(path: str, message: str) -> Finding:
    return Finding(path, None, rule("escape-hatch"), f"{message}; {FIX}")
