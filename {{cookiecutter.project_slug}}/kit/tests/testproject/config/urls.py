"""No endpoints: the kit's tests call its commands and checks, not views."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
