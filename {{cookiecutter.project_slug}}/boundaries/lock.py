"""The contract lock: a committed snapshot of a product's public contract shape.

Other products are built and tested against a product's contracts. A change
that removes or renames a field, changes a type or a default, adds a required
field, reorders positional fields, or removes an enum member breaks them, so
it fails here until someone accepts it deliberately by rewriting the lock.
Additions (new classes, fields with defaults, enum members) are compatible
and pass.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from boundaries.contracts import Contracts, facade_directory
from boundaries.findings import Finding

LOCK_FILE = "contracts.lock.json"
RULE = "contract-lock"


def lock_path(root: Path, product: str) -> Path:
    return facade_directory(root, product) / LOCK_FILE


def update_command(product: str) -> str:
    return f"scripts/uv run python -m boundaries contracts {product} --update-lock"


def write_lock(root: Path, contracts: Contracts) -> Path:
    path = lock_path(root, contracts.product)
    lock = {
        "product": contracts.product,
        "about": (
            f"The public shape of {contracts.product}'s contracts, which other products "
            f"rely on. Checked by `python -m boundaries contracts {contracts.product}`; "
            f"accept a deliberate breaking change with `{update_command(contracts.product)}`."
        ),
        "classes": dict(sorted(contracts.classes.items())),
    }
    path.write_text(_dumps(lock) + "\n", encoding="utf-8")
    return path


def _dumps(value: object, depth: int = 0) -> str:
    """JSON with one line per class member and per field, so diffs read like the change."""
    pad, end = "  " * (depth + 1), "  " * depth
    if isinstance(value, dict) and value and depth <= 3:
        items = (
            f"{pad}{json.dumps(key)}: {_dumps(item, depth + 1)}" for key, item in value.items()
        )
        return "{\n" + ",\n".join(items) + "\n" + end + "}"
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        items = (f"{pad}{json.dumps(item)}" for item in value)
        return "[\n" + ",\n".join(items) + "\n" + end + "]"
    return json.dumps(value)


def read_lock(root: Path, product: str) -> dict[str, Any]:
    """The locked classes; raises ValueError with a one-line reason when unusable."""
    path = lock_path(root, product)
    relative = path.relative_to(root).as_posix()
    try:
        lock = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ValueError(
            f"{relative}: {RULE}: missing; create it with `{update_command(product)}`"
        ) from error
    except ValueError as error:
        raise ValueError(f"{relative}: {RULE}: not valid JSON ({error})") from error
    classes = lock.get("classes") if isinstance(lock, dict) else None
    if not isinstance(classes, dict):
        raise ValueError(
            f"{relative}: {RULE}: has no classes; rewrite it with `{update_command(product)}`"
        )
    return classes


def compare(locked: dict[str, Any], contracts: Contracts) -> tuple[list[Finding], list[str]]:
    """Breaking changes (as findings) and compatible additions (as notes) since the lock."""
    comparison = _Comparison(locked, contracts)
    for name, old in locked.items():
        comparison.compare_class(name, old, contracts.classes.get(name))
    comparison.additions.extend(
        f"new {new['kind']} {name}" for name, new in contracts.classes.items() if name not in locked
    )
    return comparison.breaking, comparison.additions


class _Comparison:
    def __init__(self, locked: dict[str, Any], contracts: Contracts) -> None:
        self.locked = locked
        self.contracts = contracts
        self.breaking: list[Finding] = []
        self.additions: list[str] = []

    def broke(self, key: str, message: str) -> None:
        """Report at the field's line, else the class's, else the file it was locked in."""
        cls = key.partition(".")[0]
        place = self.contracts.lines.get(key) or self.contracts.lines.get(cls)
        if place is None:
            module = self.locked.get(cls, {}).get("module", "contracts")
            directory = facade_directory(Path(), self.contracts.product).as_posix()
            place = (f"{directory}/{module}.py", None)
        self.breaking.append(Finding(place[0], place[1], RULE, message))

    def compare_class(self, name: str, old: dict[str, Any], new: dict[str, Any] | None) -> None:
        if new is None:
            self.broke(name, f"{old['kind']} {name} was removed or renamed")
        elif new["kind"] != old["kind"]:
            self.broke(name, f"{name} changed from a {old['kind']} to a {new['kind']}")
        elif new["module"] != old["module"]:
            self.broke(
                name, f"{name} moved from {old['module']}.py to {new['module']}.py: imports break"
            )
        elif old["kind"] == "dataclass":
            self.compare_fields(name, old, new)
        elif old["kind"] == "enum":
            self.compare_members(name, old, new)
        if new and new["kind"] == old["kind"] and new.get("bases") != old.get("bases"):
            self.broke(name, f"{name} changed its bases from {old['bases']} to {new['bases']}")

    def compare_fields(self, name: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        old_fields = {field["name"]: field for field in old["fields"]}
        new_fields = {field["name"]: field for field in new["fields"]}
        for field_name, was in old_fields.items():
            key = f"{name}.{field_name}"
            now = new_fields.get(field_name)
            if now is None:
                self.broke(name, f"field {key} was removed or renamed")
            elif now["type"] != was["type"]:
                self.broke(key, f"field {key} changed type from {was['type']} to {now['type']}")
            elif "default" in was and "default" not in now:
                self.broke(key, f"field {key} lost its default: callers that omit it break")
            elif now.get("default") != was.get("default"):
                self.broke(
                    key,
                    f"field {key} changed its default from {was['default']} to {now['default']}",
                )
        for field_name, now in new_fields.items():
            key = f"{name}.{field_name}"
            if field_name in old_fields:
                continue
            if "default" in now:
                self.additions.append(f"new field {key} (default {now['default']})")
            else:
                self.broke(
                    key,
                    f"new field {key} has no default: every caller that builds {name} breaks; "
                    "give it a default",
                )
        if old["kw_only"] and not new["kw_only"]:
            self.broke(name, f"{name} is no longer keyword-only")
        elif not new["kw_only"] and list(new_fields)[: len(old_fields)] != list(old_fields):
            self.broke(
                name,
                f"fields of {name} were reordered, or one was inserted before the last: "
                f"positional callers break; append new fields, or make {name} kw_only",
            )

    def compare_members(self, name: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        for member, value in old["members"].items():
            now = new["members"].get(member)
            if now is None:
                self.broke(name, f"enum member {name}.{member} was removed or renamed")
            elif now != value:
                self.broke(name, f"enum member {name}.{member} changed value from {value} to {now}")
        self.additions.extend(
            f"new member {name}.{member}"
            for member in new["members"]
            if member not in old["members"]
        )
