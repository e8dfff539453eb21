"""Each product's slice of the project's OpenAPI schema, as a committed file.

``manage.py openapi`` generates the whole schema with drf-spectacular and
hands it here: :func:`product_slice` keeps the operations tagged with the
product (``core.openapi`` tags each product's operations with its name) and
the components and security schemes they reach, and :func:`dumps` writes it
the same way on every run and every Python, so a stale file is a real change.
Standard library only: ``python -m slicekit api`` reads the slices without
Django.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from slicekit.names import ProductNames
from slicekit.rules import rule

RULE = rule("openapi")
SLICE_FILE = "openapi.json"
REF_PREFIX = "#/components/schemas/"
WRITE_COMMAND = "make openapi"

# A comma before a closing bracket, outside strings in practice: the skeleton's JSON
# holds no string with a comma followed by blanks and a bracket.
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")

type Json = dict[str, Any]


def slice_path(root: Path, product: str) -> Path:
    return root / ProductNames(product).directory / "backend" / "presentation" / SLICE_FILE


def product_slice(schema: Json, product: str) -> Json:
    """The operations tagged ``product``, with every component they reach, and nothing else."""
    paths: Json = {}
    for path, item in sorted(schema.get("paths", {}).items()):
        operations = {
            method: operation
            for method, operation in item.items()
            if isinstance(operation, dict) and product in operation.get("tags", ())
        }
        if operations:
            paths[path] = operations
    components = schema.get("components", {})
    schemas = components.get("schemas", {})
    reached = _reached_components(paths, schemas)
    schemes = sorted(
        {
            name
            for item in paths.values()
            for operation in item.values()
            for requirement in operation.get("security", ())
            for name in requirement
        }
    )
    info = schema.get("info", {})
    sliced: Json = {
        "openapi": schema.get("openapi", "3.0.3"),
        "info": {
            "title": f"{ProductNames(product).verbose_name} API",
            "version": info.get("version", "0"),
        },
        "paths": paths,
        "components": {
            "schemas": {name: schemas[name] for name in sorted(reached)},
            "securitySchemes": {
                name: components.get("securitySchemes", {})[name]
                for name in schemes
                if name in components.get("securitySchemes", {})
            },
        },
    }
    _order_required(sliced)
    return sliced


def _reached_components(start: object, schemas: Json) -> set[str]:
    reached: set[str] = set()
    pending = list(_refs(start))
    while pending:
        name = pending.pop()
        if name in reached or name not in schemas:
            continue
        reached.add(name)
        pending.extend(_refs(schemas[name]))
    return reached


def _refs(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        ref = value.get("$ref")
        if isinstance(ref, str) and ref.startswith(REF_PREFIX):
            yield ref.removeprefix(REF_PREFIX)
        for item in value.values():
            yield from _refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from _refs(item)


def _order_required(value: object) -> None:
    """List required properties in the order the properties are declared.

    drf-spectacular sorts them alphabetically; in declaration order a field's
    place does not depend on its name, so the skeleton's slice (rendered, not
    generated, at bake time) is the same for every product name.
    """
    if isinstance(value, dict):
        properties, required = value.get("properties"), value.get("required")
        if isinstance(properties, dict) and isinstance(required, list):
            value["required"] = [name for name in properties if name in required] + [
                name for name in required if name not in properties
            ]
        for item in value.values():
            _order_required(item)
    elif isinstance(value, list):
        for item in value:
            _order_required(item)


def dumps(schema: Json) -> str:
    """The file's text: two-space JSON, keys in the generator's order, one final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def from_skeleton(text: str) -> str:
    """The product skeleton's rendered slice, written as ``manage.py openapi`` writes it.

    A new product's slice is rendered, not generated: the template's hook runs
    without Django. In the skeleton every optional entry ends with a comma,
    whatever follows it, and the components need not be in name order.
    """
    schema = json.loads(_TRAILING_COMMA.sub(r"\1", text))
    components = schema.get("components", {})
    components["schemas"] = dict(sorted(components.get("schemas", {}).items()))
    _order_required(schema)
    return dumps(schema)


def read_slice(root: Path, product: str) -> Json:
    """A product's committed slice; raises ValueError with a one-line reason when unusable."""
    path = slice_path(root, product)
    relative = path.relative_to(root).as_posix()
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ValueError(f"{relative}: {RULE}: missing; write it with `{WRITE_COMMAND}`") from error
    except (OSError, ValueError) as error:
        raise ValueError(f"{relative}: {RULE}: not valid JSON ({error})") from error
    if not isinstance(schema, dict) or not isinstance(schema.get("paths"), dict):
        raise ValueError(f"{relative}: {RULE}: no paths; rewrite it with `{WRITE_COMMAND}`")
    return schema


def sliced_products(root: Path) -> list[str]:
    """Every product that has a committed slice, sorted."""
    return sorted(
        path.parents[2].name
        for path in (root / "products").glob(f"*/backend/presentation/{SLICE_FILE}")
    )
