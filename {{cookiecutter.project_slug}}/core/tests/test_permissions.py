from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.exceptions import NotAuthenticated
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from core.models import User
from core.permissions import IsOwner, IsOwnerOrReadOnly, user_id

from .factories import UserFactory


@dataclass(frozen=True)
class Owned:
    """Permissions read ``owner_id``, so contracts work as well as rows."""

    owner_id: int


VIEW = APIView()


def request_by(user: User | AnonymousUser, method: str = "get") -> Request:
    request = Request(APIRequestFactory().generic(method.upper(), "/"))
    request.user = user
    return request


@pytest.fixture
def other(db: None) -> User:
    return UserFactory.create(username="grace")


@pytest.mark.parametrize("method", ["get", "delete"])
def test_is_owner_lets_only_the_owner_in(user: User, other: User, method: str) -> None:
    permission, obj = IsOwner(), Owned(owner_id=user.pk)

    assert permission.has_object_permission(request_by(user, method), VIEW, obj)
    assert not permission.has_object_permission(request_by(other, method), VIEW, obj)
    assert not permission.has_object_permission(request_by(AnonymousUser(), method), VIEW, obj)


def test_is_owner_or_read_only_lets_anyone_read(user: User, other: User) -> None:
    permission, obj = IsOwnerOrReadOnly(), Owned(owner_id=user.pk)

    for method in ("get", "head", "options"):
        assert permission.has_object_permission(request_by(other, method), VIEW, obj)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_is_owner_or_read_only_lets_only_the_owner_write(
    user: User, other: User, method: str
) -> None:
    permission, obj = IsOwnerOrReadOnly(), Owned(owner_id=user.pk)

    assert permission.has_object_permission(request_by(user, method), VIEW, obj)
    assert not permission.has_object_permission(request_by(other, method), VIEW, obj)


def test_an_object_without_an_owner_is_nobodys(user: User) -> None:
    assert not IsOwner().has_object_permission(request_by(user), VIEW, object())


def test_user_id_is_the_signed_in_users_and_refuses_an_anonymous_request(user: User) -> None:
    assert user_id(request_by(user)) == user.pk
    with pytest.raises(NotAuthenticated):
        user_id(request_by(AnonymousUser()))
