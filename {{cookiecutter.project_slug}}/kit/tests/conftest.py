"""Tests marked needs_project run a whole generated project: skipped outside one."""

import pytest

from .project import GENERATED

SKIP = pytest.mark.skip(reason="needs a generated project (the template's full tier bakes one)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if not GENERATED:
        for item in items:
            if item.get_closest_marker("needs_project"):
                item.add_marker(SKIP)
