"""The contract lock: a committed snapshot of what other products rely on.

It records a product's contract classes and its facade's public functions as
callers use them: for a dataclass, each field's resolved type, its place
among the positional parameters, whether it is keyword-only, whether
``__init__`` takes it and its default; for an enum, each member's value
(``auto()`` evaluated as ``enum`` would); for a facade function, each
parameter's kind, resolved type and default, and the resolved return type.

A change that can break a caller fails here until someone accepts it
deliberately by rewriting the lock: a removed or renamed class, field,
member or function; a changed type, value or default; a new required field
or parameter; a field or parameter that became keyword-only, positional-only
or left ``__init__``; a reordered or inserted positional one. Additions
(new classes, functions, members, optional fields and parameters, a default
where there was none) are compatible and pass.

It also records the other products' contract classes the product hands out (a field
typed with orders' ``Order``), followed through their fields (``slicekit.exposure``):
a breaking change there is a breaking change of this product's contracts too.

The lock is an input of the product's ``backend:contract-check`` task, which
every consumer's ``backend:test`` depends on, so accepting a change to it
re-tests the consumers (docs/adr/0003).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from slicekit.contracts import Contracts, facade_directory, read_contracts
from slicekit.findings import Finding
from slicekit.names import possessive
from slicekit.rules import rule

LOCK_FILE = "contracts.lock.json"
RULE = rule("contract-lock")
POSITIONAL = ("positional_only", "positional_or_keyword")
VARIADIC = ("var_positional", "var_keyword")


def lock_path(root: Path, product: str) -> Path:
    return facade_directory(root, product) / LOCK_FILE


def update_command(product: str) -> str:
    return f"scripts/uv run python -m slicekit contracts {product} --update-lock"


def write_lock(root: Path, contracts: Contracts) -> Path:
    path = lock_path(root, contracts.product)
    lock = {
        "product": contracts.product,
        "about": (
            f"The public shape of {possessive(contracts.product)} contracts and facade "
            f"functions, which other products rely on. Checked by `python -m slicekit contracts "
            f"{contracts.product}`; accept a deliberate breaking change with "
            f"`{update_command(contracts.product)}`."
        ),
        "classes": dict(sorted(contracts.classes.items())),
        "functions": dict(sorted(contracts.functions.items())),
    }
    if contracts.exposes:  # other products' contracts it hands out (slicekit.exposure)
        lock["exposes"] = contracts.exposes
    path.write_text(_dumps(lock) + "\n", encoding="utf-8")
    return path


def _dumps(value: object, depth: int = 0) -> str:
    """JSON with one line per class member, field and parameter, so diffs read like the change."""
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
    """The lock's classes and functions; raises ValueError with a one-line reason when unusable."""
    path = lock_path(root, product)
    relative = path.relative_to(root).as_posix()
    rewrite = f"rewrite it with `{update_command(product)}`"
    try:
        lock = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ValueError(
            f"{relative}: {RULE}: missing; create it with `{update_command(product)}`"
        ) from error
    except (OSError, ValueError) as error:
        raise ValueError(f"{relative}: {RULE}: not valid JSON ({error})") from error
    if not isinstance(lock, dict) or not isinstance(lock.get("classes"), dict):
        raise ValueError(f"{relative}: {RULE}: has no classes; {rewrite}")
    if not isinstance(lock.get("functions"), dict):
        raise ValueError(
            f"{relative}: {RULE}: records no facade functions (it predates their lock); {rewrite}"
        )
    if not all(
        isinstance(entry, dict)
        for part in ("classes", "functions")
        for entry in lock[part].values()
    ):
        raise ValueError(f"{relative}: {RULE}: an entry is not an object; {rewrite}")
    exposes = lock.get("exposes", {})
    if not isinstance(exposes, dict) or not all(isinstance(e, dict) for e in exposes.values()):
        raise ValueError(f"{relative}: {RULE}: its exposes is not an object of classes; {rewrite}")
    return {"classes": lock["classes"], "functions": lock["functions"], "exposes": exposes}


def compare(locked: dict[str, Any], contracts: Contracts) -> tuple[list[Finding], list[str]]:
    """Breaking changes (as findings) and compatible additions (as notes) since the lock.

    ``locked`` is what ``read_lock`` returns. A malformed entry never raises: it
    is reported as a change, since the lock then no longer says what callers had.
    """
    comparison = _Comparison(locked, contracts)
    classes = locked.get("classes", {})
    for name, old in classes.items():
        if isinstance(old, dict):
            comparison.compare_class(name, old, contracts.classes.get(name))
    comparison.additions.extend(
        f"new {new['kind']} {name}"
        for name, new in contracts.classes.items()
        if name not in classes
    )
    exposes = locked.get("exposes", {})
    for name, old in exposes.items():
        if isinstance(old, dict) and name in contracts.exposes:  # else its own field changed
            comparison.compare_class(name, old, contracts.exposes[name])
    comparison.additions.extend(
        f"now hands out {name}, another product's contract"
        for name in contracts.exposes
        if name not in exposes
    )
    functions = locked.get("functions", {})
    for name, old in functions.items():
        if isinstance(old, dict):
            comparison.compare_function(name, old, contracts.functions.get(name))
    comparison.additions.extend(
        f"new facade function {name}" for name in contracts.functions if name not in functions
    )
    return comparison.breaking, comparison.additions


def _entries(value: object) -> list[dict[str, Any]]:
    """The list of dicts at ``value`` (fields or parameters), skipping anything else."""
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, dict) and isinstance(item.get("name"), str)]


def _text(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value)


class _Comparison:
    def __init__(self, locked: dict[str, Any], contracts: Contracts) -> None:
        self.locked = locked
        self.contracts = contracts
        self.breaking: list[Finding] = []
        self.additions: list[str] = []

    def broke(self, key: str, message: str, module: str = "contracts") -> None:
        """Report at the field's line, else the class's, else the file it was locked in."""
        owner = key.partition("(")[0] + "()" if key.startswith("api:") else key.partition(".")[0]
        lines = self.contracts.lines
        place: tuple[str, int | None] | None
        # "orders.Order.total", exposed: the place of "orders.Order" (the field handing it out)
        place = lines.get(key) or lines.get(key.rpartition(".")[0]) or lines.get(owner)
        if place is None:
            if not key.startswith("api:"):
                entry = self.locked.get("classes", {}).get(owner, {})
                module = str(entry.get("module", module)) if isinstance(entry, dict) else module
            directory = facade_directory(Path(), self.contracts.product).as_posix()
            place = (f"{directory}/{module}.py", None)
        self.breaking.append(Finding(place[0], place[1], RULE, message))

    # Classes.

    def compare_class(self, name: str, old: dict[str, Any], new: dict[str, Any] | None) -> None:
        kind = old.get("kind")
        if new is None:
            self.broke(name, f"{kind} {name} was removed or renamed")
        elif new["kind"] != kind:
            self.broke(name, f"{name} changed from a {kind} to a {new['kind']}")
        elif new["module"] != old.get("module"):
            self.broke(
                name,
                f"{name} moved from {old.get('module')}.py to {new['module']}.py: imports break",
            )
        else:
            if kind == "dataclass":
                self.compare_fields(name, old, new)
            elif kind == "enum":
                self.compare_members(name, old, new)
            if new.get("bases", []) != old.get("bases", []):
                was, now = old.get("bases", []), new.get("bases", [])
                self.broke(name, f"{name} changed its bases from {was} to {now}")

    def compare_fields(self, name: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        old_fields = {field["name"]: field for field in _entries(old.get("fields"))}
        new_fields = {field["name"]: field for field in _entries(new.get("fields"))}
        was_kw_only = bool(old.get("kw_only"))  # locks written before fields carried it
        for field_name, was in old_fields.items():
            key = f"{name}.{field_name}"
            now = new_fields.get(field_name)
            if now is None:
                self.broke(name, f"field {key} was removed or renamed")
                continue
            self.compare_parameter(key, f"field {key}", was, now)
            if was.get("init", True) and not now.get("init", True):
                self.broke(
                    key, f"field {key} left __init__ (init=False): callers that pass it break"
                )
            elif not was.get("init", True) and now.get("init", True) and "default" not in now:
                self.broke(key, f"field {key} is now a required argument of {name}()")
            if not (was.get("kw_only") or was_kw_only) and now.get("kw_only"):
                self.broke(key, f"field {key} became keyword-only: positional callers break")
            if was.get("init_only") != now.get("init_only"):
                self.broke(key, f"field {key} changed between a field and an InitVar")
        for field_name, now in new_fields.items():
            key = f"{name}.{field_name}"
            if field_name in old_fields:
                continue
            if "default" in now or not now.get("init", True):
                default = now.get("default", "not in __init__")
                self.additions.append(f"new field {key} (default {default})")
            else:
                self.broke(
                    key,
                    f"new field {key} has no default: every caller that builds {name} breaks; "
                    "give it a default",
                )
        self.compare_positions(
            name,
            [f for f, d in old_fields.items() if self.positional_field(d, was_kw_only)],
            [f for f, d in new_fields.items() if self.positional_field(d, False)],
            f"fields of {name}",
            f"make {possessive(name)} new fields keyword-only",
        )

    @staticmethod
    def positional_field(field: dict[str, Any], kw_only: bool) -> bool:
        return field.get("init", True) and not (field.get("kw_only") or kw_only)

    def compare_positions(
        self, owner: str, old: list[str], new: list[str], what: str, fix: str
    ) -> None:
        """Positional callers pass the old parameters in the old order: it must still hold."""
        if new[: len(old)] != old:
            self.broke(
                owner,
                f"{what} were reordered, or one was inserted before the last positional one: "
                f"positional callers break ({', '.join(old)} -> {', '.join(new)}); append new "
                f"ones at the end, or {fix}",
            )

    def compare_parameter(
        self, key: str, label: str, was: dict[str, Any], now: dict[str, Any]
    ) -> None:
        """Type and default of a field or parameter, as a caller sees them."""
        if now.get("type") != was.get("type"):
            self.broke(
                key,
                f"{label} changed type from {_text(was.get('type'))} to {_text(now.get('type'))}",
            )
        if "default" in was and "default" not in now:
            self.broke(key, f"{label} lost its default: callers that omit it break")
        elif "default" in was and now.get("default") != was.get("default"):
            self.broke(
                key,
                f"{label} changed its default from {_text(was['default'])} to "
                f"{_text(now['default'])}: callers that omit it get another value",
            )
        elif "default" in now and "default" not in was:
            self.additions.append(f"{label} gained a default ({_text(now['default'])})")

    def compare_members(self, name: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        members = old.get("members")
        old_members = members if isinstance(members, dict) else {}
        new_members = new.get("members", {})
        for member, value in old_members.items():
            now = new_members.get(member)
            if now is None:
                self.broke(name, f"enum member {name}.{member} was removed or renamed")
            elif now != value:
                self.broke(
                    name,
                    f"enum member {name}.{member} changed value from {_text(value)} to {now}: "
                    "stored and sent values no longer match (an auto() member inserted "
                    "before it shifts its value; give members explicit values)",
                )
        self.additions.extend(
            f"new member {name}.{member}" for member in new_members if member not in old_members
        )

    # Facade functions.

    def compare_function(self, name: str, old: dict[str, Any], new: dict[str, Any] | None) -> None:
        key = f"api:{name}()"
        if new is None:
            self.broke(key, f"facade function {name} was removed or renamed", module="api")
            return
        if new.get("returns") != old.get("returns"):
            self.broke(
                key,
                f"facade function {name} changed its return type from "
                f"{_text(old.get('returns'))} to {_text(new.get('returns'))}",
                module="api",
            )
        old_parameters = {p["name"]: p for p in _entries(old.get("parameters"))}
        new_parameters = {p["name"]: p for p in _entries(new.get("parameters"))}
        for parameter, was in old_parameters.items():
            where = f"api:{name}({parameter})"
            label = f"parameter {parameter} of {name}()"
            now = new_parameters.get(parameter)
            if now is None:
                self.broke(key, f"{label} was removed or renamed", module="api")
                continue
            self.compare_parameter(where, label, was, now)
            if was.get("kind") != now.get("kind") and not _widens(was.get("kind"), now.get("kind")):
                self.broke(
                    where,
                    f"{label} changed from {_text(was.get('kind'))} to {_text(now.get('kind'))}: "
                    "callers that pass it the old way break",
                )
        for parameter, now in new_parameters.items():
            if parameter in old_parameters:
                continue
            if "default" in now or now.get("kind") in VARIADIC:
                self.additions.append(f"new optional parameter {parameter} of {name}()")
            else:
                self.broke(
                    f"api:{name}({parameter})",
                    f"new parameter {parameter} of {name}() is required: every caller breaks; "
                    "give it a default",
                    module="api",
                )
        self.compare_positions(
            key,
            [p for p, d in old_parameters.items() if d.get("kind") in POSITIONAL],
            [p for p, d in new_parameters.items() if d.get("kind") in POSITIONAL],
            f"parameters of {name}()",
            "make the new ones keyword-only",
        )


def _widens(old: object, new: object) -> bool:
    """A parameter that callers may now pass in more ways: every old call still binds."""
    return new == "positional_or_keyword" and old in {"positional_only", "keyword_only"}


def lock_failures(root: Path, product: str) -> list[str]:
    """What ``python -m slicekit contracts <product>`` fails on, one line each ([] = passes)."""
    contracts = read_contracts(root, product)
    failures = [str(finding) for finding in contracts.findings]
    try:
        breaking, _ = compare(read_lock(root, product), contracts)
    except ValueError as error:
        return [*failures, str(error)]
    return failures + [str(finding) for finding in breaking]
