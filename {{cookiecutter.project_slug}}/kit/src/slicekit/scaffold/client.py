"""A new product's TypeScript client, as openapi-typescript writes it from the product's slice.

The template's hook runs without Node, so the skeleton's ``frontend/generated/schema.d.ts``
is rendered, not generated. openapi-typescript writes the schemas in the slice's order,
which is by name (``boundaries.openapi.from_skeleton``): shared ones such as ``Error``
land before or after the product's own depending on its name, so they are sorted here.
``make check`` compares the committed file with a fresh generation.
"""

from __future__ import annotations

import re

GENERATED_CLIENT = "frontend/generated/schema.d.ts"  # relative to the product's directory
_SCHEMAS_START = "    schemas: {\n"
_SCHEMAS_END = "\n    };\n"  # the line that closes them (entries close with deeper "};")
_ENTRY_NAME = re.compile(r" {8}(\w+): ")


def sort_schemas(text: str) -> str:
    """``text`` with the entries of ``components.schemas`` (comments included) in name order."""
    start = text.index(_SCHEMAS_START) + len(_SCHEMAS_START)
    end = text.index(_SCHEMAS_END, start - 1) + 1
    entries: list[tuple[str, str]] = []
    pending: list[str] = []
    name = ""
    for line in text[start:end].splitlines(keepends=True):
        pending.append(line)
        if not name and (match := _ENTRY_NAME.match(line)):
            name = match.group(1)
        # An entry ends on its name's line (a one-line type) or on its closing brace.
        closes = line.startswith("        }") or _ENTRY_NAME.match(line)
        if name and closes and line.endswith(";\n"):
            entries.append((name, "".join(pending)))
            pending, name = [], ""
    if pending:
        raise ValueError(f"{GENERATED_CLIENT}: an unfinished schema entry: {pending[0].strip()}")
    return text[:start] + "".join(entry for _, entry in sorted(entries)) + text[end:]
