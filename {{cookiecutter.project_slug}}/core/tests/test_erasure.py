"""Erasing a user: core calls each product's facade, never a product's models."""

from collections.abc import Callable
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from core import erasure
from core.models import User
from core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Two products' erase functions, recording their calls: core's part, whatever is installed.

    Each product's own tests check that core reaches its real function.
    """
    made: list[tuple[str, int]] = []
    fakes = {name: _fake(name, made) for name in ("alpha", "beta")}
    monkeypatch.setattr(erasure, "erasers", lambda: fakes)
    return made


def test_every_product_that_defines_the_function_is_called(calls: list[tuple[str, int]]) -> None:
    assert erasure.erase_user_data(7) == {"alpha": 1, "beta": 1}
    assert calls == [("alpha", 7), ("beta", 7)]


def test_the_installed_products_erasers_are_their_facade_functions() -> None:
    for product, erase in erasure.erasers().items():
        assert erase.__module__ == f"products.{product}.backend.facade.api"
        assert erase.__name__ == erasure.ERASE


def test_the_command_erases_the_data_then_the_account(calls: list[tuple[str, int]]) -> None:
    user = UserFactory.create(username="erased")
    output = StringIO()

    call_command("erase_user", str(user.pk), stdout=output)

    assert calls == [("alpha", user.pk), ("beta", user.pk)]
    assert not User.objects.filter(pk=user.pk).exists()
    assert output.getvalue().splitlines() == [
        "alpha: 1 erased",
        "beta: 1 erased",
        f"user {user.pk}: data erased in 2 products, account deleted",
    ]


def test_the_command_can_keep_the_account(calls: list[tuple[str, int]]) -> None:
    user = UserFactory.create(username="kept")

    call_command("erase_user", str(user.pk), "--keep-account", stdout=StringIO())

    assert calls == [("alpha", user.pk), ("beta", user.pk)]
    assert User.objects.filter(pk=user.pk).exists()


def test_an_unknown_user_is_refused() -> None:
    with pytest.raises(CommandError, match="no user has the id 0"):
        call_command("erase_user", "0")


def _fake(name: str, calls: list[tuple[str, int]]) -> Callable[[int], int]:
    def erase(user_id: int) -> int:
        calls.append((name, user_id))
        return 1

    return erase
