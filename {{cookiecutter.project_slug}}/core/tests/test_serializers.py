import pytest
from rest_framework import serializers

from core.serializers import StrictCharField


class Named(serializers.Serializer[dict[str, str]]):
    name = StrictCharField(max_length=10)


@pytest.mark.parametrize("value", [12, 1.5, True, None, ["a"], {"a": 1}])
def test_anything_but_a_string_is_refused(value: object) -> None:
    named = Named(data={"name": value})

    assert not named.is_valid()
    assert "name" in named.errors


def test_a_string_is_taken_as_a_char_field_would() -> None:
    named = Named(data={"name": " mug "})

    assert named.is_valid()
    assert named.validated_data == {"name": "mug"}
