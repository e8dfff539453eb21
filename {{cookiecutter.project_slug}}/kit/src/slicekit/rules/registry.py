"""Every boundary rule of the kit, by id: one module per rule in this package.

A finding, a system check or a guard violation prints its rule's id, taken from here
(:func:`slicekit.rules.rule`), so no unregistered id can be printed; the README's rule table
and docs/rules/ are generated from it (``python -m slicekit rules --write``). A rule is
registered by adding its module to this package: every module but the three in
``NOT_RULES`` defines one ``RULE``.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from slicekit.rules.rule import Rule

NOT_RULES = frozenset({"docs", "registry", "rule"})  # the package's other modules


def _load() -> dict[str, Rule]:
    names = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]))
    modules = [importlib.import_module(f"slicekit.rules.{n}") for n in names if n not in NOT_RULES]
    return {module.RULE.id: module.RULE for module in modules}


RULES: dict[str, Rule] = _load()
