import pytest
from django.contrib.auth import get_user_model

from core.models import User


def test_the_custom_user_model_is_active() -> None:
    assert get_user_model() is User


@pytest.mark.django_db
def test_users_authenticate_with_a_hashed_password() -> None:
    user = User.objects.create_user(username="grace", password="a-long-test-password")  # noqa: S106

    assert user.password != "a-long-test-password"  # noqa: S105
    assert user.check_password("a-long-test-password")
