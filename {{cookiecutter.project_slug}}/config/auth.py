"""JWT sign-in for clients that are not a browser: scripts, other services, apps.

``POST /api/auth/token/`` with a username and a password answers an ``access``
token (five minutes) and a ``refresh`` token (a day); send the first as
``Authorization: Bearer <access>``, and trade the second for a new access token
at ``POST /api/auth/token/refresh/``. Browsers keep using the session.

simplejwt's views do the work; the serializers here only describe, in the
OpenAPI schema, what those views accept and answer.
"""

from django.core.validators import RegexValidator
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView

# simplejwt trims its fields and refuses them blank: the schema says so with a pattern.
NOT_BLANK = RegexValidator(r"\S", "This field may not be blank.")
MALFORMED = {400: OpenApiResponse(description="Malformed JSON, or a field missing or blank")}


class CredentialsSerializer(serializers.Serializer[dict[str, str]]):
    username = serializers.CharField(validators=[NOT_BLANK])
    password = serializers.CharField(validators=[NOT_BLANK], style={"input_type": "password"})


class TokenPairSerializer(serializers.Serializer[dict[str, str]]):
    access = serializers.CharField()
    refresh = serializers.CharField()


class RefreshSerializer(serializers.Serializer[dict[str, str]]):
    refresh = serializers.CharField(validators=[NOT_BLANK])


class AccessSerializer(serializers.Serializer[dict[str, str]]):
    access = serializers.CharField()


@extend_schema(
    tags=["auth"],
    request=CredentialsSerializer,
    responses={
        200: TokenPairSerializer,
        **MALFORMED,
        401: OpenApiResponse(description="Unknown or inactive user, or a wrong password"),
    },
)
class ObtainTokenView(TokenObtainPairView):
    """Sign in with a username and a password: an access token and a refresh token."""

    # simplejwt's views set permission_classes = (), which mypy reads as the type tuple[()].
    permission_classes = (AllowAny,)  # type: ignore[assignment]  # signing in is for anyone


@extend_schema(
    tags=["auth"],
    request=RefreshSerializer,
    responses={
        200: AccessSerializer,
        **MALFORMED,
        401: OpenApiResponse(description="The refresh token is invalid or expired"),
    },
)
class RefreshTokenView(TokenRefreshView):
    """Trade a refresh token for a new access token."""

    permission_classes = (AllowAny,)  # type: ignore[assignment]  # the refresh token suffices
