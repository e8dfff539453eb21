"""OpenAPI schema generation that keeps products apart.

Every product has its own ``ItemSerializer``; one schema needs one component
per name, so each product's components are prefixed with its class prefix
(``CatalogItem``, ``OrdersItem``) without anyone renaming a serializer.
"""

from typing import Any, Literal

from drf_spectacular.openapi import AutoSchema

from boundaries.names import ProductNames


class ProductAutoSchema(AutoSchema):
    def get_serializer_name(
        self, serializer: Any, direction: Literal["request", "response"]
    ) -> str:
        name = super().get_serializer_name(serializer, direction)
        package, _, rest = type(serializer).__module__.partition(".")
        if package != "products":
            return name
        return ProductNames(rest.partition(".")[0]).class_prefix + name
