"""Page through lists: ``?limit=&offset=``, 50 items by default, at most 200.

``DefaultPagination`` is the project's ``DEFAULT_PAGINATION_CLASS``, so generic
views page with it on their own. A product's ``APIView`` reads through its
facade instead of a queryset: :meth:`DefaultPagination.paginate_facade` asks the
facade for the count and for one window, so a page never loads every row.

Unlike DRF's ``LimitOffsetPagination``, a malformed ``limit`` or ``offset`` is a
400 naming the parameter, not silently the default: the schema says they are
whole numbers (``limit`` ≥ 1, ``offset`` ≥ 0), and the API keeps its word. A
``limit`` above the maximum is capped.
"""

import re
from collections.abc import Callable, Sequence
from typing import Any

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request

_WHOLE_NUMBER = re.compile(r"-?[0-9]+")


class DefaultPagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = 200

    def paginate_facade[T](
        self,
        request: Request,
        *,
        count: Callable[[], int],
        window: Callable[[int, int], Sequence[T]],
    ) -> Sequence[T]:
        """One page: ``window(offset, limit)``; then answer with ``get_paginated_response``."""
        self.request = request
        self.limit = self.get_limit(request)
        self.offset = self.get_offset(request)
        self.count = count()
        if self.offset >= self.count:
            return ()  # past the end (or an offset too large for the database): an empty page
        return window(self.offset, self.limit)

    def get_limit(self, request: Request) -> int:
        return min(
            self._whole_number(request, self.limit_query_param, self.default_limit, 1),
            self.max_limit,
        )

    def get_offset(self, request: Request) -> int:
        return self._whole_number(request, self.offset_query_param, 0, 0)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        minimum = {self.limit_query_param: 1, self.offset_query_param: 0}
        for parameter in parameters:
            parameter["schema"]["minimum"] = minimum[parameter["name"]]
        return parameters

    @staticmethod
    def _whole_number(request: Request, name: str, default: int, minimum: int) -> int:
        raw = request.query_params.get(name)
        if raw is None:
            return default
        if not _WHOLE_NUMBER.fullmatch(raw):
            raise ValidationError({name: ["A whole number is required."]})
        if int(raw) < minimum:
            raise ValidationError({name: [f"Ensure this value is at least {minimum}."]})
        return int(raw)
