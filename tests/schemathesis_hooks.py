"""schemathesis hooks for the fuzzing test (loaded with SCHEMATHESIS_HOOKS)."""

from typing import Any

import schemathesis


def open_to_anonymous(operation: Any) -> bool:
    """The schema's own word: `{}` among an operation's security requirements means none."""
    return {} in operation.definition.raw.get("security", [])


@schemathesis.check
def refused_without_credentials(ctx: Any, response: Any, case: Any) -> None:
    """An anonymous request is refused, except where the schema declares the operation open."""
    if open_to_anonymous(case.operation):
        return
    if response.status_code not in (401, 403):
        raise AssertionError(f"an anonymous request got {response.status_code}")
