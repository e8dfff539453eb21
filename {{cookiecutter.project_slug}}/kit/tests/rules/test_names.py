import pytest

from slicekit.names import (
    InvalidName,
    ProductNames,
    ProductSpec,
    in_import_order,
    parse_product_specs,
)


@pytest.mark.parametrize(
    ("name", "verbose", "in_prose"),
    [
        ("catalog", "Catalog's", "catalog's"),
        ("orders", "Orders'", "orders'"),
        ("order_lines", "Order lines'", "order_lines'"),
        ("stock_2", "Stock 2's", "stock_2's"),
    ],
)
def test_possessives_read_naturally_for_any_name(name: str, verbose: str, in_prose: str) -> None:
    assert ProductNames(name).verbose_possessive == verbose
    assert ProductNames(name).possessive_name == in_prose


def test_a_product_may_use_several_listed_before_it_in_the_order_given() -> None:
    specs = parse_product_specs("catalog, orders:catalog, reviews: orders + catalog", "shop")

    assert specs == [
        ProductSpec("catalog"),
        ProductSpec("orders", ("catalog",)),
        ProductSpec("reviews", ("orders", "catalog")),
    ]


def test_products_are_listed_in_the_order_ruff_sorts_their_imports() -> None:
    names = ["shop10", "shop_b", "shop9", "shopb", "shop", "shop2b"]

    assert in_import_order(names) == ["shop", "shop2b", "shop9", "shop10", "shop_b", "shopb"]


@pytest.mark.parametrize(
    ("products", "message"),
    [
        ("a, b:a+a", "invalid dependency 'a' of 'b': it is listed twice"),
        ("a, b:a+c", "invalid dependency 'c' of 'b': it may only depend on a product listed"),
        ("a, b:a+b", "invalid dependency 'b' of 'b': a product cannot depend on itself"),
        ("a:b, b:a", "invalid dependency 'b' of 'a': it may only depend on a product listed"),
        ("a, b:a++a", "invalid dependency name '': must be"),
    ],
)
def test_a_bad_list_of_dependencies_is_refused_naming_it(products: str, message: str) -> None:
    with pytest.raises(InvalidName, match=message):
        parse_product_specs(products, "shop")
