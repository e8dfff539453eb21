"""Root URLs. Each product's ``presentation/urls.py`` is mounted at ``api/<product>/``."""

from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
{%- if not cookiecutter.frontend %}
from django.views.generic import TemplateView
{%- endif %}
from drf_spectacular.views import SpectacularSwaggerView
from rest_framework.exceptions import NotFound

{% if cookiecutter.frontend -%}
from config.auth import ObtainTokenView, RefreshTokenView
from config.products import products
from config.session import SessionView
from config.web_app import APP_PATHS, web_app
from core.schema import SchemaView
{%- else -%}
from config import health
from config.auth import ObtainTokenView, RefreshTokenView
from config.products import products
from core.schema import SchemaView

home = TemplateView.as_view(template_name="core/home.html", extra_context={"health": health.PATH})
{%- endif %}


@csrf_exempt  # like DRF's views: a DELETE with a token must get the 404, not the CSRF page
def api_not_found(request: HttpRequest) -> JsonResponse:
    """An API address no route matches (an id that is not a UUID): DRF's 404, not an HTML page.

    The schema promises a JSON body for every error. It changes nothing, whatever the method.
    """
    return JsonResponse({"detail": NotFound.default_detail}, status=NotFound.status_code)


urlpatterns = [
{%- if cookiecutter.frontend %}
    path("", web_app, name="home"),
{%- else %}
    path("", home, name="home"),
{%- endif %}
    path("admin/", admin.site.urls),
{%- if cookiecutter.frontend %}
    # No DRF sign-in page: the web app's is the one (config.settings.base.LOGIN_URL).
    path("api/auth/session/", SessionView.as_view(), name="session"),
{%- else %}
    path("api/auth/", include("rest_framework.urls")),
{%- endif %}
    path("api/auth/token/", ObtainTokenView.as_view(), name="token_obtain"),
    path("api/auth/token/refresh/", RefreshTokenView.as_view(), name="token_refresh"),
    path("api/schema/", SchemaView.as_view(), name="schema"),
    # A browser that is not signed in is sent to sign in, then back (the schema stays a 403).
    path(
        "api/docs/",
        login_required(SpectacularSwaggerView.as_view(url_name="schema")),
        name="docs",
    ),
    *(
        path(f"api/{product.name}/", include(f"{product.app_module}.presentation.urls"))
        for product in products()
    ),
    # Any other API address, in JSON; only those ending in a slash, so that Django
    # still redirects /api/catalog/items to /api/catalog/items/ (APPEND_SLASH).
    re_path(r"^api/.*/$", api_not_found),
{%- if cookiecutter.frontend %}
    # Last: every other address is one of the web app's pages.
    re_path(APP_PATHS, web_app),
{%- endif %}
]
