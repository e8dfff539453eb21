"""Page through lists: ``?limit=&offset=``, 50 items by default, at most 200.

``DefaultPagination`` is the project's ``DEFAULT_PAGINATION_CLASS``, so generic
views page with it on their own. A product's ``APIView`` reads through its
facade instead of a queryset: :meth:`DefaultPagination.paginate_facade` asks the
facade for the count and for one window, so a page never loads every row.
"""

from collections.abc import Callable, Sequence

from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request


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
        return window(self.offset, self.limit)
