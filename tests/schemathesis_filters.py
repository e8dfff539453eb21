"""schemathesis hooks for the signed-in fuzzing runs (loaded with SCHEMATHESIS_HOOKS)."""

from typing import Any

import schemathesis


def has_nothing_visible(text: str) -> bool:
    """The generated projects' ``core.validators.not_blank``, which answers such text 400."""
    return not any(char.isprintable() and not char.isspace() for char in text)


@schemathesis.hook
def filter_body(ctx: Any, body: Any) -> bool:
    """No name with nothing visible in it (zero-width or format characters only).

    The schema says a name has no control characters (its ``pattern``); "something
    visible" has no JSON Schema form short of listing Unicode's invisible characters, so
    such a name would be schema-valid, rightly refused with a 400, and reported as valid
    input rejected. The projects' own tests hold that refusal.
    """
    name = body.get("name") if isinstance(body, dict) else None
    return not (isinstance(name, str) and has_nothing_visible(name))
