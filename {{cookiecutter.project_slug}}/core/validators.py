"""Validators for user input, shared by every product's serializers and models.

Each is a ``RegexValidator``, so drf-spectacular publishes it as the field's
``pattern`` in the OpenAPI schema: clients (and fuzzers) learn the rule before
they break it.
"""

from django.core.validators import RegexValidator

# Control characters (C0, DEL, C1) hide in pasted text and break logs, CSVs and terminals.
no_control_characters = RegexValidator(
    r"^[^\x00-\x1f\x7f-\x9f]*$",
    message="Enter text without control characters such as line breaks or tabs.",
    code="control_characters",
)
