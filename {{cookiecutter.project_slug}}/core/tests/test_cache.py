"""The per-product cache (core/cache.py), with made-up products: core names none of ours."""

import pytest
from django.core.cache import cache

from core.cache import ProductCache, product_cache


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    cache.clear()


def test_a_products_keys_carry_its_name() -> None:
    alpha = product_cache("products.alpha.backend.logic")
    alpha.set("item:1", "Mug")

    assert alpha.product == "alpha"
    assert cache.get("alpha:item:1") == "Mug"
    assert alpha.get("item:1") == "Mug"


def test_every_operation_stays_in_the_namespace() -> None:
    alpha = ProductCache("alpha")
    assert alpha.add("n", 1)
    assert alpha.incr("n") == 2
    assert alpha.get_or_set("m", 5) == 5
    alpha.set_many({"a": 1, "b": 2})
    assert alpha.get_many(["a", "b", "n"]) == {"a": 1, "b": 2, "n": 2}
    alpha.delete_many(["a", "b"])
    assert alpha.delete("n")
    assert sorted(cache.get_many(["alpha:m", "a", "m"])) == ["alpha:m"]


def test_two_products_never_share_a_key() -> None:
    product_cache("products.alpha.backend.logic").set("count", 1)
    product_cache("products.beta.backend.logic").set("count", 2)

    assert product_cache("products.alpha.backend.facade.api").get("count") == 1


def test_shared_code_has_no_product_cache() -> None:
    with pytest.raises(ValueError, match="no product's module"):
        product_cache("core.serializers")
