"""contract-purity: Contracts import only contracts."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="contract-purity",
    title="Contracts import only contracts",
    engine="contracts",
    catches=(
        "A contracts module importing anything but the standard library and other products' "
        "contracts and enums, or reaching code by name at run time."
    ),
    why=(
        "Contracts are data other products import; code in them drags a product's internals along."
    ),
    fix="Import only the standard library and facade contracts; move work to api.py.",
    bad="from products.orders.backend.models import Order",
    good="from decimal import Decimal",
)
