"""``manage.py checkall``: make check's Django half, every check in one process."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from slicekit.django.management.commands import checkall


@pytest.mark.django_db  # makemigrations reads the applied migrations
def test_this_project_passes_every_check() -> None:
    out = StringIO()

    call_command("checkall", stdout=out, stderr=StringIO())

    assert "System check identified no issues" in out.getvalue()
    assert "No changes detected" in out.getvalue()
    assert "lintproducts: " in out.getvalue()


def test_every_check_runs_and_each_failure_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    # Both refuse to run without products named: two failures, one after the other.
    monkeypatch.setattr(checkall, "CHECKS", (("lintproducts",), ("openapi",)))
    err = StringIO()

    with pytest.raises(CommandError, match=r"^checkall: lintproducts, openapi failed$"):
        call_command("checkall", stdout=StringIO(), stderr=err)

    assert "name the products" in err.getvalue()
