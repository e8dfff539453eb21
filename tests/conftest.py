"""Fixtures that bake the template."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


def baker(cookies: Any) -> Callable[..., Path]:
    """Bake with the given answers; return the project path (asserting success)."""

    def _bake(**answers: str) -> Path:
        result = cookies.bake(extra_context=answers)
        assert result.exit_code == 0, result.exception
        return Path(result.project_path)

    return _bake


@pytest.fixture
def bake(cookies: Any) -> Callable[..., Path]:
    return baker(cookies)


@pytest.fixture(scope="module")
def bake_once(cookies_session: Any) -> Callable[..., Path]:
    """Like ``bake``, for a module's tests to share (the slow tier)."""
    return baker(cookies_session)
