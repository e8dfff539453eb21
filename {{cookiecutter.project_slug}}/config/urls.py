"""Root URLs. Each product's ``presentation/urls.py`` is mounted at ``api/<product>/``."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from config.products import products

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/auth/", include("rest_framework.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    *(
        path(f"api/{product.name}/", include(f"{product.app_module}.presentation.urls"))
        for product in products()
    ),
]
