from slicekit.graph import reachable, reverse

# orders and reviews use catalog; shipping uses orders; blog stands alone.
USES = {"orders": ["catalog"], "reviews": ["catalog"], "shipping": ["orders"], "blog": []}


def test_the_dependency_closure_follows_every_chain() -> None:
    assert reachable(["shipping"], lambda product: USES.get(product, ())) == {
        "shipping": ("shipping",),
        "orders": ("shipping", "orders"),
        "catalog": ("shipping", "orders", "catalog"),
    }


def test_the_users_of_a_product_are_the_closure_of_the_reversed_graph() -> None:
    users_of = reverse(USES)
    users = reachable(["catalog"], lambda product: users_of.get(product, ()))

    assert sorted(users) == ["catalog", "orders", "reviews", "shipping"]
    assert users["shipping"] == ("catalog", "orders", "shipping")


def test_a_cycle_ends_the_walk() -> None:
    assert sorted(reachable(["a"], {"a": ["b"], "b": ["a"]}.__getitem__)) == ["a", "b"]
