"""undeclared-subscription: Subscription to an undeclared product's event."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="undeclared-subscription",
    title="Subscription to an undeclared product's event",
    engine="lint",
    catches=(
        "A `subscribe(...)` (core.events) to an event of a product the subscriber does not "
        "declare in its tach.domain.toml, or to something the lint cannot tell is an event of "
        "a product's facade/events.py."
    ),
    why=(
        "A subscription couples the subscriber to the publisher's event contract as a facade "
        "call does: undeclared, a change to the event would not re-test the subscriber, and "
        "the products the subscriber needs would not be installed in its own test run."
    ),
    fix=(
        "Declare the publisher in the subscriber's tach.domain.toml (and package.json), and "
        "pass the event class itself, imported from the publisher's facade/events.py."
    ),
    bad=(
        "# products/orders/tach.domain.toml: depends_on = []\n"
        "from products.catalog.backend.facade import events as catalog_events\n\n"
        "@subscribe(catalog_events.ItemDeleted)\n"
        "def forget_item(event: catalog_events.ItemDeleted) -> None: ..."
    ),
    good=(
        '# products/orders/tach.domain.toml: depends_on = ["//products.catalog"]\n'
        "from products.catalog.backend.facade import events as catalog_events\n\n"
        "@subscribe(catalog_events.ItemDeleted)\n"
        "def forget_item(event: catalog_events.ItemDeleted) -> None: ..."
    ),
)
