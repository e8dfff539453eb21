import pytest
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from core.pagination import DefaultPagination

ROWS = tuple(range(120))


def paginate(query: str = "") -> tuple[DefaultPagination, list[int], list[tuple[int, int]]]:
    """Page through ROWS as a facade would serve them, recording each window asked for."""
    asked: list[tuple[int, int]] = []

    def window(offset: int, limit: int) -> tuple[int, ...]:
        asked.append((offset, limit))
        return ROWS[offset : offset + limit]

    paginator = DefaultPagination()
    request = Request(APIRequestFactory().get(f"/items/{query}"))
    page = paginator.paginate_facade(request, count=lambda: len(ROWS), window=window)
    return paginator, list(page), asked


def test_the_first_page_has_the_default_size_and_a_next_link() -> None:
    paginator, page, asked = paginate()

    assert page == list(range(50))
    assert asked == [(0, 50)], "only one window of rows is read"
    body = paginator.get_paginated_response(page).data
    assert body["count"] == 120
    assert body["previous"] is None
    assert body["next"].endswith("/items/?limit=50&offset=50")


def test_limit_and_offset_choose_the_window() -> None:
    _, page, asked = paginate("?limit=10&offset=115")

    assert page == [115, 116, 117, 118, 119]
    assert asked == [(115, 10)]


def test_the_limit_is_capped() -> None:
    _, page, asked = paginate("?limit=100000")

    assert len(page) == 120
    assert asked == [(0, 200)]


@pytest.mark.parametrize("query", ["?limit=-1", "?limit=zero", "?offset=-5"])
def test_nonsense_falls_back_to_the_defaults(query: str) -> None:
    _, _, asked = paginate(query)

    assert asked == [(0, 50)]


def test_an_offset_past_the_end_is_an_empty_page() -> None:
    _, page, _ = paginate("?offset=1000")

    assert page == []
