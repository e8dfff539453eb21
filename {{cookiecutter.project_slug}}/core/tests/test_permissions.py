from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.test import APIRequestFactory

from core.models import User
from core.permissions import IsOwner, IsOwnerOrReadOnly

from .factories import UserFactory


@dataclass(frozen=True)
class Owned:
    """Permissions read ``owner_id``, so contracts work as well as rows."""

    owner_id: int


def request_by(user: object, method: str = "get") -> SimpleNamespace:
    request = getattr(APIRequestFactory(), method)("/")
    return SimpleNamespace(user=user, method=request.method)


@pytest.fixture
def other(db: None) -> User:
    return UserFactory.create(username="grace")


@pytest.mark.parametrize("method", ["get", "delete"])
def test_is_owner_lets_only_the_owner_in(user: User, other: User, method: str) -> None:
    permission, obj = IsOwner(), Owned(owner_id=user.pk)

    assert permission.has_object_permission(request_by(user, method), None, obj)
    assert not permission.has_object_permission(request_by(other, method), None, obj)
    assert not permission.has_object_permission(request_by(AnonymousUser(), method), None, obj)


def test_is_owner_or_read_only_lets_anyone_read(user: User, other: User) -> None:
    permission, obj = IsOwnerOrReadOnly(), Owned(owner_id=user.pk)

    for method in ("get", "head", "options"):
        assert permission.has_object_permission(request_by(other, method), None, obj)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_is_owner_or_read_only_lets_only_the_owner_write(
    user: User, other: User, method: str
) -> None:
    permission, obj = IsOwnerOrReadOnly(), Owned(owner_id=user.pk)

    assert permission.has_object_permission(request_by(user, method), None, obj)
    assert not permission.has_object_permission(request_by(other, method), None, obj)


def test_an_object_without_an_owner_is_nobodys(user: User) -> None:
    assert not IsOwner().has_object_permission(request_by(user), None, object())
