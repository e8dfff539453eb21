import pytest

from core.models import User
from core.transactions import transactional

pytestmark = pytest.mark.django_db


@transactional
def create_then_fail(username: str) -> None:
    """Documented behaviour survives the decorator."""
    User.objects.create_user(username=username)
    raise ValueError("refused")


@transactional
def create(username: str) -> User:
    return User.objects.create_user(username=username)


def test_an_exception_rolls_every_write_back() -> None:
    with pytest.raises(ValueError, match="refused"):
        create_then_fail("grace")

    assert not User.objects.filter(username="grace").exists()


def test_a_successful_call_keeps_its_writes_and_returns() -> None:
    assert create("grace").username == "grace"
    assert User.objects.filter(username="grace").exists()


def test_the_function_keeps_its_name_and_documentation() -> None:
    assert create_then_fail.__name__ == "create_then_fail"
    assert create_then_fail.__doc__ == "Documented behaviour survives the decorator."
