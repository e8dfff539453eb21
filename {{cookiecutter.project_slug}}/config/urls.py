"""Root URLs. Each product's ``presentation/urls.py`` is mounted at ``api/<product>/``."""

from django.contrib import admin
from django.contrib.auth.decorators import login_required
{%- if cookiecutter.frontend %}
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from config.auth import ObtainTokenView, RefreshTokenView
from config.products import products
from config.session import SessionView
from config.web_app import APP_PATHS, web_app

urlpatterns = [
    path("", web_app, name="home"),
{%- else %}
from django.urls import include, path
from django.views.generic import TemplateView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from config import health
from config.auth import ObtainTokenView, RefreshTokenView
from config.products import products

home = TemplateView.as_view(template_name="core/home.html", extra_context={"health": health.PATH})

urlpatterns = [
    path("", home, name="home"),
{%- endif %}
    path("admin/", admin.site.urls),
    path("api/auth/", include("rest_framework.urls")),
{%- if cookiecutter.frontend %}
    path("api/auth/session/", SessionView.as_view(), name="session"),
{%- endif %}
    path("api/auth/token/", ObtainTokenView.as_view(), name="token_obtain"),
    path("api/auth/token/refresh/", RefreshTokenView.as_view(), name="token_refresh"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
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
{%- if cookiecutter.frontend %}
    # Last: every other address is one of the web app's pages.
    re_path(APP_PATHS, web_app),
{%- endif %}
]
