"""Object permissions for rows (or contracts) that carry an ``owner_id``.

Use them with ``IsAuthenticated``, and call ``self.check_object_permissions(request,
obj)`` in an ``APIView`` once the object is loaded (generic views do it for you).
"""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from rest_framework.exceptions import NotAuthenticated
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView


def user_id(request: Request) -> int:
    """The signed-in user's id, e.g. the owner of what a view creates.

    For views that require a user (``IsAuthenticated``, the project's default);
    in any other, an anonymous request is answered as one without credentials.
    """
    user = request.user
    if isinstance(user, AnonymousUser):
        raise NotAuthenticated
    return user.pk


def is_owner(request: Request, obj: Any) -> bool:
    return request.user.is_authenticated and getattr(obj, "owner_id", None) == request.user.pk


class IsOwner(BasePermission):
    """Only the owner may read or change the object."""

    message = "Only the owner may do this."

    def has_object_permission(self, request: Request, view: APIView, obj: Any) -> bool:
        return is_owner(request, obj)


class IsOwnerOrReadOnly(BasePermission):
    """Anyone allowed by the view's other permissions may read; only the owner may change."""

    message = "Only the owner may change this."

    def has_object_permission(self, request: Request, view: APIView, obj: Any) -> bool:
        return request.method in SAFE_METHODS or is_owner(request, obj)
