"""Serializer fields every product's presentation layer may share."""

from typing import Any

from rest_framework import serializers


class StrictCharField(serializers.CharField):
    """A string field that takes JSON strings only.

    DRF's ``CharField`` turns ``12`` into ``"12"``, so a client that sends the
    wrong type never hears of it, and the OpenAPI schema (``type: string``)
    would be a promise the API does not keep.
    """

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)
