"""Other products' contracts that a product hands out: the transitive part of its lock.

When catalog's ``Item`` has a field typed with orders' ``Order`` (or a facade function of
catalog returns one), catalog's callers receive an ``Order`` without depending on orders:
what orders changes in ``Order`` changes catalog's contract. So catalog's lock records the
shape of each such class, followed through their own fields, under ``"exposes"``, keyed
``<product>.<Class>``, and ``python -m slicekit contracts catalog`` compares it like its
own classes: a breaking change in ``Order`` fails catalog's check too, until catalog's lock
is rewritten, which its own consumers' tasks then see.

Selective testing already follows it: catalog imports orders' contracts, so orders is a
declared dependency of catalog (``undeclared-dependency``), and each ``backend:test`` depends
on ``^backend:contract-check``, which turbo chains through catalog to orders (and
``python -m slicekit discover`` follows the same graph): a change to ``Order`` re-runs the
tests of every product that uses catalog.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from slicekit.contracts import Contracts, read_contracts

# A class of another product's contracts, as resolved types spell it.
FOREIGN = re.compile(
    r"\bproducts\.(?P<product>\w+)\.backend\.facade\.(?:contracts|enums)\.(?P<name>\w+)"
)
BARE = re.compile(r"\b[A-Za-z_]\w*\b")


def exposed(root: Path, contracts: Contracts) -> dict[str, dict[str, Any]]:
    """``{"orders.Order": shape, ...}`` for every foreign contract class handed out, transitively.

    Each one's place (the field or parameter that first hands it out) is added to
    ``contracts.lines`` under its key, so a breaking change is reported there.
    """
    found: dict[str, dict[str, Any]] = {}
    others: dict[str, Contracts] = {}
    pending = [(text, where, "") for where, text in _own_types(contracts)]
    while pending:
        text, where, owner = pending.pop(0)
        keys = [(match["product"], match["name"]) for match in FOREIGN.finditer(text)]
        if owner:  # a foreign shape names its own product's classes bare
            keys += [(owner, name) for name in BARE.findall(text)]
        for product, name in keys:
            key = f"{product}.{name}"
            if product == contracts.product or key in found:
                continue
            if product not in others:
                others[product] = read_contracts(root, product, surface=False)
            shape = others[product].classes.get(name)
            if shape is None:
                continue  # not a class of that product (or a bare word): nothing to record
            found[key] = shape
            if where in contracts.lines:
                contracts.lines.setdefault(key, contracts.lines[where])
            pending += [(type_text, where, product) for type_text in _shape_types(shape)]
    return dict(sorted(found.items()))


def _own_types(contracts: Contracts) -> list[tuple[str, str]]:
    """``(place key, resolved type)`` of every field, parameter and return of the product."""
    types = [
        (f"{name}.{field['name']}", _text(field.get("type")))
        for name, shape in contracts.classes.items()
        for field in shape.get("fields", [])
    ]
    for name, function in contracts.functions.items():
        types += [
            (f"api:{name}({parameter['name']})", _text(parameter.get("type")))
            for parameter in function.get("parameters", [])
        ]
        types.append((f"api:{name}()", _text(function.get("returns"))))
    return types


def _shape_types(shape: dict[str, Any]) -> list[str]:
    return [_text(field.get("type")) for field in shape.get("fields", [])]


def _text(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value)
