"""A product's tach domain file, read: whether it is isolated and which products it uses.

Apart from the product lint (``slicekit.layout``) so that what product tests load
(the guards ask which products a product declares) does not load the lint.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from slicekit.names import ProductNames


def read_domain(root: Path, product: str) -> dict[str, Any]:
    """The product's tach domain file; raises OSError or ValueError."""
    path = root / ProductNames(product).directory / "tach.domain.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def is_isolated(domain: dict[str, Any]) -> bool:
    """Isolated products restrict what others may import (to their facade) with an interface."""
    return bool(domain.get("interfaces"))


def declared_dependencies(domain: dict[str, Any]) -> set[str]:
    """The products a tach domain file says its product may use."""
    products = set()
    for dependency in (domain.get("root") or {}).get("depends_on") or []:
        path = dependency if isinstance(dependency, str) else dependency.get("path", "")
        module = path.removeprefix("//")
        if module.startswith("products."):
            products.add(module.removeprefix("products."))
    return products


def declared_uses(root: Path, product: str) -> set[str]:
    """The products ``product``'s tach.domain.toml declares (none when it cannot be read: the
    product lint says why)."""
    try:
        return declared_dependencies(read_domain(root, product))
    except (OSError, ValueError):
        return set()
