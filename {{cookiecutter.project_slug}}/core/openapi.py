"""OpenAPI schema generation that keeps products apart and documents every answer.

- **Names**: every product has its own ``ItemSerializer``; one schema needs one
  component per name, so each product's components are prefixed with its class
  prefix (``CatalogItem``, ``OrdersItem``), whatever named them (the class, a
  ``component_name`` override, ``Meta.ref_name``). A choice field's enum gets a
  component of its own named after its serializer and field
  (``CatalogItemStatus``): drf-spectacular would name it after the field alone
  and share it between products, so one product's new member renamed another
  product's type in every generated client.
- **Tags**: a product's operations always carry its name first: the tag
  ``manage.py openapi`` slices the schema by.
- **Summaries**: the first paragraph of the view method's docstring (else the view's); the rest is
  the description.
- **Errors**: every 4xx response gets the body DRF and ``core.exceptions``
  send: ``Error`` (``{"detail": ..., "code"?: ...}``) for 401, 403, 404, 409,
  429; for a 400, the request serializer's field errors (``<Component>Errors``:
  each field's list of messages) or the generic ``ValidationError``, and
  ``Error`` for a body that is not JSON. Operations that need a user get a 403,
  operations with a path parameter a 404 and operations with a body a 400,
  without a line in the view.
"""

import inspect
from typing import Any, Literal

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import serializers
from rest_framework.permissions import AllowAny

from core.products import product_of

STRING: dict[str, Any] = {"type": "string"}
MESSAGES: dict[str, Any] = {"type": "array", "items": STRING}
ERROR: dict[str, Any] = {
    "type": "object",
    "description": "Why the request was refused. `code` is set by some errors (token_not_valid).",
    "properties": {"detail": STRING, "code": STRING},
    "required": ["detail"],
}
VALIDATION_ERROR: dict[str, Any] = {
    "type": "object",
    "description": "The messages for each field or query parameter that was refused.",
    "additionalProperties": MESSAGES,
}
DEFAULT_DESCRIPTIONS = {
    "400": "Invalid input: the messages for each refused field",
    "403": "Not signed in, or not allowed",
    "404": "Not found",
}
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH"})

type Direction = Literal["request", "response"]


def pascal(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


class ProductAutoSchema(AutoSchema):
    # Names.

    def _get_serializer_name(
        self, serializer: Any, direction: Direction, bypass_extensions: bool = False
    ) -> str:
        name = str(super()._get_serializer_name(serializer, direction, bypass_extensions))
        product = product_of(type(serializer).__module__)
        return product.class_prefix + name if product else name

    def _map_serializer_field(
        self, field: Any, direction: Direction, bypass_extensions: bool = False
    ) -> dict[str, Any]:
        # drf-spectacular leaves this method unannotated.
        schema: dict[str, Any] = super()._map_serializer_field(  # type: ignore[no-untyped-call]
            field, direction, bypass_extensions
        )
        parent = field.parent
        if not isinstance(field, serializers.ChoiceField) or parent is None:
            return schema
        if product_of(type(parent).__module__) is None:
            return schema  # the project's own enums keep drf-spectacular's names
        owner = self._get_serializer_name(parent, direction) + pascal(str(field.field_name))
        if schema.get("type") == "array":
            return {**schema, "items": self._enum_component(owner, schema["items"])}
        return self._enum_component(owner, schema)

    def _enum_component(self, name: str, schema: dict[str, Any]) -> dict[str, Any]:
        """Move the enum into a component of its own; null stays beside the reference."""
        values = [value for value in schema["enum"] if value is not None]
        enum: dict[str, Any] = {
            key: schema[key] for key in ("type", "description") if key in schema
        }
        component = self._register(name, {**enum, "enum": values})
        if None in schema["enum"]:
            return {"oneOf": [component, {"enum": [None]}]}
        return component

    def _register(self, name: str, schema: dict[str, Any]) -> dict[str, str]:
        component = ResolvedComponent(  # type: ignore[no-untyped-call]  # unannotated upstream
            name=name, type=ResolvedComponent.SCHEMA, schema=schema, object=name
        )
        self.registry.register_on_missing(component)
        return {"$ref": f"#/components/schemas/{name}"}

    # Tags and summaries.

    def get_tags(self) -> list[str]:
        tags = [str(tag) for tag in super().get_tags()]
        product = product_of(type(self.view).__module__)
        if product is None:
            return tags
        return [product.name, *(tag for tag in tags if tag != product.name)]

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation: dict[str, Any] | None = super().get_operation(*args, **kwargs)
        product = product_of(type(self.view).__module__)
        if operation is not None and product is not None:
            # An extend_schema(tags=...) replaces get_tags: the product's tag stays first.
            tags = operation.get("tags", [])
            operation["tags"] = [product.name, *(tag for tag in tags if tag != product.name)]
        return operation

    def _docstring(self) -> tuple[str, str]:
        """The view method's docstring, else the view's: its first paragraph, and the rest."""
        method = getattr(self.view, getattr(self.view, "action", None) or self.method.lower(), None)
        doc = getattr(method, "__doc__", None) or type(self.view).__doc__ or ""
        first, _, rest = inspect.cleandoc(doc).partition("\n\n")
        return " ".join(first.split()), rest.strip()

    def get_summary(self) -> str | None:
        return self._docstring()[0] or None

    def get_description(self) -> str:  # type: ignore[override]  # drf-spectacular's, not DRF's
        return self._docstring()[1]

    # Errors.

    def _get_response_bodies(self, direction: Direction = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self._default_error_codes():
            responses.setdefault(code, {"description": DEFAULT_DESCRIPTIONS[code]})
        for code, response in responses.items():
            if code.startswith("4") and "content" not in response:
                body = {"schema": self._error_schema(code)}
                response["content"] = {"application/json": body}
        return dict(sorted(responses.items()))

    def _default_error_codes(self) -> list[str]:
        codes = []
        if AllowAny not in self.view.permission_classes:
            codes.append("403")
        if "{" in self.path:
            codes.append("404")
        if self.method in WRITE_METHODS and self._request_serializer() is not None:
            codes.append("400")
        return codes

    def _request_serializer(self) -> serializers.Serializer[Any] | None:
        serializer = self.get_request_serializer()
        if isinstance(serializer, type) and issubclass(serializer, serializers.Serializer):
            serializer = serializer()
        return serializer if isinstance(serializer, serializers.Serializer) else None

    def _error_schema(self, code: str) -> dict[str, Any]:
        error = self._register("Error", ERROR)
        if code != "400":
            return error
        serializer = self._request_serializer() if self.method in WRITE_METHODS else None
        if serializer is None:
            return self._register("ValidationError", VALIDATION_ERROR)
        name = self._get_serializer_name(serializer, "request")
        fields = {
            field_name: MESSAGES
            for field_name, field in serializer.fields.items()
            if not field.read_only and not isinstance(field, serializers.BaseSerializer)
        }
        errors = self._register(
            f"{name}Errors",
            {
                "type": "object",
                "description": f"Why {name} was refused: the messages for each field.",
                "properties": {**fields, "non_field_errors": MESSAGES},
            },
        )
        # A body that is not JSON at all is refused before any field is read.
        return {"anyOf": [errors, error]}
