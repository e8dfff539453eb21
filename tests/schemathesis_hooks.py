"""schemathesis hooks for the fuzzing test (loaded with SCHEMATHESIS_HOOKS)."""

from typing import Any

import schemathesis


@schemathesis.check
def refused_without_credentials(ctx: Any, response: Any, case: Any) -> None:
    """Every endpoint refuses an anonymous request (none of the generated ones opts out)."""
    if response.status_code not in (401, 403):
        raise AssertionError(f"an anonymous request got {response.status_code}")
