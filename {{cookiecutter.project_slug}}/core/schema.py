"""The OpenAPI schema's endpoint, whose refusals are JSON like every other endpoint's.

drf-spectacular's view renders with its first renderer, YAML, whatever it answers: an
anonymous request got a 403 in YAML, not the ``Error`` body the schema itself declares
for every 403. Its errors are rendered as JSON here; the schema is still YAML or JSON,
as the request asks.
"""

from drf_spectacular.views import SpectacularAPIView
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response


class SchemaView(SpectacularAPIView):
    def handle_exception(self, exc: Exception) -> Response:
        response = super().handle_exception(exc)
        # finalize_response renders with the request's renderer: make it JSON's.
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return response
