"""The HTTP lock: the API a product's clients were promised, and what breaks it.

``openapi.lock.json`` sits beside the product's schema slice
(``backend/presentation/openapi.json``). The slice follows the code: it is
rewritten on every change (``make openapi``) and ``make check`` fails while it
is stale. The lock changes only when someone accepts the API as it now is
(``make accept-api PRODUCT=<name>``), so the difference between the two is
what changed since the last acceptance, and :func:`compare` sorts it:

Breaking (fails until accepted): a removed path, operation, success response or
body; a parameter or request field that is new and required, became
required or was removed; a response field that was removed or became
optional; a changed type or format; a request value refused that was
accepted (an enum member removed, a bound tightened, a pattern added,
null no longer allowed); a response value clients have not seen (an enum
member added: a client that switches over the values meets one it does not
know; null now possible).

Compatible (listed, pass): new paths, operations and response codes, new
optional parameters and request fields, new response fields, request values
accepted that were refused, response values no longer sent.

Standard library only: the product's ``backend:contract-check`` task and
``make check`` run it without Django.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from slicekit.openapi import REF_PREFIX, dumps, read_slice, slice_path
from slicekit.rules import rule

LOCK_FILE = "openapi.lock.json"
RULE = rule("api-lock")
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
JSON_TYPES = ("application/json",)
# Request constraints: a tighter one refuses input that used to be accepted.
LOWER_BOUNDS = ("minLength", "minimum", "minItems")
UPPER_BOUNDS = ("maxLength", "maximum", "maxItems")

type Json = dict[str, Any]


def lock_path(root: Path, product: str) -> Path:
    return slice_path(root, product).with_name(LOCK_FILE)


def accept_command(product: str) -> str:
    return f"make accept-api PRODUCT={product}"


def write_lock(root: Path, product: str) -> Path:
    """Accept the API as the committed slice describes it: the lock becomes its copy."""
    path = lock_path(root, product)
    path.write_text(dumps(read_slice(root, product)), encoding="utf-8")
    return path


def read_lock(root: Path, product: str) -> Json:
    """The accepted schema; raises ValueError with a one-line reason when unusable."""
    path = lock_path(root, product)
    relative = path.relative_to(root).as_posix()
    try:
        lock = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ValueError(
            f"{relative}: {RULE}: missing; accept the current API with `{accept_command(product)}`"
        ) from error
    except (OSError, ValueError) as error:
        raise ValueError(f"{relative}: {RULE}: not valid JSON ({error})") from error
    if not isinstance(lock, dict) or not isinstance(lock.get("paths"), dict):
        raise ValueError(
            f"{relative}: {RULE}: no paths; rewrite it with `{accept_command(product)}`"
        )
    return lock


@dataclass
class Changes:
    breaking: list[str] = field(default_factory=list)
    additions: list[str] = field(default_factory=list)


def compare(old: Json, new: Json) -> Changes:
    """What changed from the accepted schema ``old`` to the current one ``new``."""
    return _Comparison(old, new).run()


class _SchemaComparison:
    """Schemas of the accepted document ``old`` against the current ``new``: what breaks a
    client that sends them (``request``) or reads them (``response``)."""

    def __init__(self, old: Json, new: Json) -> None:
        self.old, self.new = old, new
        self.changes = Changes()
        self.seen: set[tuple[str, str, str]] = set()  # (old ref, new ref, direction)

    def broke(self, where: str, message: str) -> None:
        self.changes.breaking.append(f"{where}: {message}")

    def added(self, notes: Any) -> None:
        self.changes.additions.extend(notes)

    def resolve(self, schema: Json, document: Json) -> tuple[Json, str]:
        """The schema behind ``$ref`` (and a lone ``allOf`` around one), with its ref name."""
        name = ""
        for _ in range(50):  # a chain of references is short; a loop is malformed
            if "$ref" in schema:
                name = str(schema["$ref"])
                components = document.get("components", {}).get("schemas", {})
                schema = components.get(name.removeprefix(REF_PREFIX), {})
            elif list(schema) == ["allOf"] and len(schema["allOf"]) == 1:
                schema = schema["allOf"][0]
            elif "allOf" in schema and len(schema["allOf"]) == 1:
                # drf-spectacular's "$ref plus description": the description is no contract.
                extra = {k: v for k, v in schema.items() if k not in ("allOf", "description")}
                schema = {**schema["allOf"][0], **extra}
            else:
                break
        return schema, name

    def compare_schema(self, where: str, old: Json, new: Json, direction: str) -> None:
        old, old_ref = self.resolve(old, self.old)
        new, new_ref = self.resolve(new, self.new)
        if new_ref:
            where = f"{where} ({new_ref.removeprefix(REF_PREFIX)})"
        if old_ref and new_ref:
            if (old_ref, new_ref, direction) in self.seen:
                return  # compared already (or a recursive schema)
            self.seen.add((old_ref, new_ref, direction))
        request = direction == "request"
        for keyword in ("type", "format"):
            was, now = old.get(keyword), new.get(keyword)
            if was == now:
                continue
            change = f"{keyword} changed from {_text(was)} to {_text(now)}"
            # A format dropped from a request or added to a response only loosens what is sent.
            if keyword == "format" and (now is None if request else was is None):
                self.added([f"{where}: {change}"])
            else:
                self.broke(where, change)
                return
        self.compare_nullable(where, old, new, request)
        self.compare_enum(where, old, new, request)
        if request:
            self.compare_constraints(where, old, new)
        for keyword in ("anyOf", "oneOf"):
            if keyword in old or keyword in new:
                self.compare_alternatives(where, keyword, old, new, direction)
        if isinstance(old.get("items"), dict) and isinstance(new.get("items"), dict):
            self.compare_schema(f"{where}[]", old["items"], new["items"], direction)
        old_extra, new_extra = old.get("additionalProperties"), new.get("additionalProperties")
        if isinstance(old_extra, dict) and isinstance(new_extra, dict):
            self.compare_schema(f"{where} (any key)", old_extra, new_extra, direction)
        if "properties" in old or "properties" in new:
            self.compare_properties(where, old, new, request)

    def compare_nullable(self, where: str, old: Json, new: Json, request: bool) -> None:
        was, now = bool(old.get("nullable")), bool(new.get("nullable"))
        if was and not now and request:
            self.broke(where, "null is no longer accepted")
        elif now and not was and not request:
            self.broke(where, "may now be null: clients that read it as a value break")

    def compare_enum(self, where: str, old: Json, new: Json, request: bool) -> None:
        if "enum" not in old and "enum" not in new:
            return
        was, now = old.get("enum"), new.get("enum")
        if was is None or now is None:
            if (was is None) == request:  # request: values now limited; response: no longer
                self.broke(where, f"enum {'added' if was is None else 'removed'}")
            return
        removed = [value for value in was if value not in now]
        added = [value for value in now if value not in was]
        if removed and request:
            self.broke(where, f"enum member {_values(removed)} removed: clients that send it break")
        elif removed:
            self.added([f"{where}: enum member {_values(removed)} no longer sent"])
        if added and not request:
            self.broke(
                where,
                f"new enum member {_values(added)}: clients that switch over the values "
                "meet one they do not know",
            )
        elif added:
            self.added([f"{where}: new enum member {_values(added)}"])

    def compare_constraints(self, where: str, old: Json, new: Json) -> None:
        for keyword in (*LOWER_BOUNDS, *UPPER_BOUNDS, "pattern"):
            was, now = old.get(keyword), new.get(keyword)
            if was == now or now is None:
                continue
            tighter = (
                was is None
                or keyword == "pattern"
                or (keyword in LOWER_BOUNDS and now > was)
                or (keyword in UPPER_BOUNDS and now < was)
            )
            if tighter:
                self.broke(where, f"{keyword} tightened from {_text(was)} to {_text(now)}")

    def compare_alternatives(
        self, where: str, keyword: str, old: Json, new: Json, direction: str
    ) -> None:
        was, now = old.get(keyword, []), new.get(keyword, [])
        for index, (old_option, new_option) in enumerate(zip(was, now, strict=False)):
            label = f"{where} ({keyword} {index + 1})"
            self.compare_schema(label, old_option, new_option, direction)
        fewer = len(now) < len(was)
        if len(now) != len(was) and fewer == (direction == "request"):
            self.broke(where, f"{keyword} went from {len(was)} to {len(now)} alternatives")

    def compare_properties(self, where: str, old: Json, new: Json, request: bool) -> None:
        old_properties, new_properties = old.get("properties", {}), new.get("properties", {})
        old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
        for name, was in old_properties.items():
            label = f"{where}: field {name}"
            now = new_properties.get(name)
            if now is None:
                lost = "clients that send it lose it" if request else "clients that read it break"
                self.broke(label, f"was removed: {lost}")
                continue
            if request and name in new_required - old_required:
                self.broke(label, "became required")
            elif not request and name in old_required - new_required:
                self.broke(label, "is no longer always sent")
            self.compare_schema(label, was, now, "request" if request else "response")
        for name in new_properties:
            if name in old_properties:
                continue
            if request and name in new_required:
                self.broke(f"{where}: field {name}", "new and required: every client breaks")
            else:
                kind = "optional request" if request else "response"
                self.added([f"{where}: new {kind} field {name}"])


class _Comparison(_SchemaComparison):
    """Paths and operations, their parameters, bodies and responses; their schemas above."""

    def run(self) -> Changes:
        old_paths, new_paths = self.old.get("paths", {}), self.new.get("paths", {})
        for path, old_item in old_paths.items():
            new_item = new_paths.get(path)
            if not isinstance(new_item, dict):
                self.broke(path, "the path was removed")
                continue
            for method in METHODS:
                if method not in old_item:
                    continue
                where = f"{method.upper()} {path}"
                if method not in new_item:
                    self.broke(where, "the operation was removed")
                else:
                    self.compare_operation(where, old_item[method], new_item[method])
            self.added(
                f"{method.upper()} {path}: new operation"
                for method in METHODS
                if method in new_item and method not in old_item
            )
        self.added(f"{path}: new path" for path in new_paths if path not in old_paths)
        return self.changes

    def compare_operation(self, where: str, old: Json, new: Json) -> None:
        self.compare_parameters(where, old.get("parameters", []), new.get("parameters", []))
        self.compare_request(where, old.get("requestBody"), new.get("requestBody"))
        old_responses, new_responses = old.get("responses", {}), new.get("responses", {})
        for code, old_response in old_responses.items():
            new_response = new_responses.get(code)
            if new_response is None:
                if code.startswith("2"):
                    self.broke(where, f"response {code} was removed")
                continue
            pairs = self.media(f"{where}: response {code}", old_response, new_response)
            for media, old_schema, new_schema in pairs:
                self.compare_schema(
                    f"{where}: response {code}{media}", old_schema, new_schema, "response"
                )
        self.added(
            f"{where}: new response {code}" for code in new_responses if code not in old_responses
        )

    def compare_parameters(self, where: str, old: list[Json], new: list[Json]) -> None:
        def keyed(parameters: list[Json]) -> dict[tuple[str, str], Json]:
            return {(str(p.get("in")), str(p.get("name"))): p for p in parameters}

        old_by_key, new_by_key = keyed(old), keyed(new)
        for (place, name), was in old_by_key.items():
            label = f"{place} parameter {name}"
            now = new_by_key.get((place, name))
            if now is None:
                self.broke(where, f"{label} was removed: clients that send it lose its effect")
                continue
            if now.get("required") and not was.get("required"):
                self.broke(where, f"{label} became required")
            self.compare_schema(
                f"{where}: {label}", was.get("schema", {}), now.get("schema", {}), "request"
            )
        for (place, name), now in new_by_key.items():
            if (place, name) in old_by_key:
                continue
            if now.get("required"):
                self.broke(where, f"new {place} parameter {name} is required")
            else:
                self.added([f"{where}: new optional {place} parameter {name}"])

    def compare_request(self, where: str, old: Json | None, new: Json | None) -> None:
        if new is None:
            if old is not None:
                self.broke(where, "the request body was removed: clients that send one break")
            return
        if new.get("required") and not (old or {}).get("required"):
            self.broke(where, "a request body is now required")
        if old is None:
            return
        for media, old_schema, new_schema in self.media(f"{where}: request", old, new):
            self.compare_schema(f"{where}: request{media}", old_schema, new_schema, "request")

    def media(self, where: str, old: Json, new: Json) -> list[tuple[str, Json, Json]]:
        """The bodies both sides describe, by label (``""`` for JSON); a dropped one breaks."""
        old_content, new_content = old.get("content", {}), new.get("content", {})
        pairs = []
        for media, old_body in old_content.items():
            new_body = new_content.get(media)
            if new_body is None:
                self.broke(where, f"its {media} body was removed")
                continue
            label = "" if media in JSON_TYPES else f" ({media})"
            pairs.append((label, old_body.get("schema", {}), new_body.get("schema", {})))
        return pairs


def _text(value: object) -> str:
    return "none" if value is None else value if isinstance(value, str) else json.dumps(value)


def _values(values: list[Any]) -> str:
    return ", ".join(json.dumps(value) for value in values)


def lock_failures(root: Path, product: str) -> tuple[list[str], list[str]]:
    """What ``python -m slicekit api <product>`` fails on (one line each), and the additions."""
    try:
        changes = compare(read_lock(root, product), read_slice(root, product))
    except ValueError as error:
        return [str(error)], []
    relative = slice_path(root, product).relative_to(root).as_posix()
    return [f"{relative}: {RULE}: {message}" for message in changes.breaking], changes.additions
