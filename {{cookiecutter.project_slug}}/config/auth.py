"""JWT sign-in for clients that are not a browser: scripts, other services, apps.

``POST /api/auth/token/`` with a username and a password answers an ``access``
token (five minutes) and a ``refresh`` token (a day); send the first as
``Authorization: Bearer <access>``, and trade the second for a new access token
at ``POST /api/auth/token/refresh/``. Browsers keep using the session.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework_simplejwt.serializers import TokenObtainPairSerializer, TokenRefreshSerializer
from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView

REFUSED = {401: OpenApiResponse(description="Unknown or inactive user, or a wrong password")}
EXPIRED = {401: OpenApiResponse(description="The refresh token is invalid or expired")}


@extend_schema(tags=["auth"], responses={200: TokenObtainPairSerializer, **REFUSED})
class ObtainTokenView(TokenObtainPairView):
    permission_classes = (AllowAny,)  # signing in is for those who are not yet


@extend_schema(tags=["auth"], responses={200: TokenRefreshSerializer, **EXPIRED})
class RefreshTokenView(TokenRefreshView):
    permission_classes = (AllowAny,)  # the refresh token is the credential
