"""The public API: every name ``__all__`` exports exists, is public and says what it does."""

import inspect

from packages import display_names as package


def test_every_exported_name_is_public_and_documented() -> None:
    exported = package.__all__

    assert len(set(exported)) == len(exported), "a name is exported twice"
    assert [name for name in exported if name.startswith("_")] == []
    assert [name for name in exported if not inspect.getdoc(getattr(package, name))] == []
