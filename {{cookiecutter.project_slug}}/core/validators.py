"""Validators for user input, shared by every product's serializers and models.

Each is a ``RegexValidator``, so drf-spectacular publishes it as the field's
``pattern`` in the OpenAPI schema: clients (and fuzzers) learn the rule before
they break it.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

# Control characters (C0, DEL, C1) hide in pasted text and break logs, CSVs and terminals.
no_control_characters = RegexValidator(
    r"^[^\x00-\x1f\x7f-\x9f]*$",
    message="Enter text without control characters such as line breaks or tabs.",
    code="control_characters",
)


def not_blank(value: str) -> None:
    """Refuse text with nothing visible in it (spaces, tabs, zero-width characters).

    A blank name is invalid input, answered 400 beside its field, not a business rule's
    409: the logic still refuses it, for callers other than the API.
    """
    if not any(char.isprintable() and not char.isspace() for char in value):
        raise ValidationError("This field may not be blank.", code="blank")
