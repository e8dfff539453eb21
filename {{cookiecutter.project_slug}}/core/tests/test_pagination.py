import pytest
from rest_framework.exceptions import ValidationError
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


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("?limit=0", "limit"),
        ("?limit=-1", "limit"),
        ("?limit=ten", "limit"),
        ("?limit=", "limit"),
        ("?offset=-5", "offset"),
        ("?offset=null", "offset"),
        ("?offset=1.5", "offset"),
        ("?offset=%D9%A3", "offset"),  # a non-ASCII digit
    ],
)
def test_a_malformed_parameter_is_a_400_naming_it(query: str, parameter: str) -> None:
    with pytest.raises(ValidationError) as refused:
        paginate(query)

    assert list(refused.value.detail) == [parameter]


def test_the_schema_publishes_the_minimums() -> None:
    parameters = DefaultPagination().get_schema_operation_parameters(view=None)

    assert {p["name"]: p["schema"]["minimum"] for p in parameters} == {"limit": 1, "offset": 0}


@pytest.mark.parametrize("offset", ["120", "1000", "9356318223202143048404631027712"])
def test_an_offset_past_the_end_is_an_empty_page_without_a_read(offset: str) -> None:
    _, page, asked = paginate(f"?offset={offset}")

    assert page == []
    assert asked == []
