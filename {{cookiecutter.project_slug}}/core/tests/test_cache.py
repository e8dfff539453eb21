"""The per-product cache (core/cache.py), with made-up products: core names none of ours
(names no product of a bake has: the lint would read them as reaching into it)."""

import pytest
from django.core.cache import cache

from core.cache import ProductCache, product_cache


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    cache.clear()


def test_a_products_keys_carry_its_name() -> None:
    made_up_a = product_cache("products.made_up_a.backend.logic")
    made_up_a.set("item:1", "Mug")

    assert made_up_a.product == "made_up_a"
    assert cache.get("made_up_a:item:1") == "Mug"
    assert made_up_a.get("item:1") == "Mug"


def test_every_operation_stays_in_the_namespace() -> None:
    made_up_a = ProductCache("made_up_a")
    assert made_up_a.add("n", 1)
    assert made_up_a.incr("n") == 2
    assert made_up_a.get_or_set("m", 5) == 5
    made_up_a.set_many({"a": 1, "b": 2})
    assert made_up_a.get_many(["a", "b", "n"]) == {"a": 1, "b": 2, "n": 2}
    made_up_a.delete_many(["a", "b"])
    assert made_up_a.delete("n")
    assert sorted(cache.get_many(["made_up_a:m", "a", "m"])) == ["made_up_a:m"]


def test_two_products_never_share_a_key() -> None:
    product_cache("products.made_up_a.backend.logic").set("count", 1)
    product_cache("products.made_up_b.backend.logic").set("count", 2)

    assert product_cache("products.made_up_a.backend.facade.api").get("count") == 1


def test_shared_code_has_no_product_cache() -> None:
    with pytest.raises(ValueError, match="no product's module"):
        product_cache("core.serializers")
