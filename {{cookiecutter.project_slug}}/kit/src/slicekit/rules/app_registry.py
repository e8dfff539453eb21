"""app-registry: Product app not installed under its name."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="app-registry",
    title="Product app not installed under its name",
    engine="lint",
    catches="A product whose AppConfig is missing, or whose app label is not the product's name.",
    why="Migrations, relations, URLs and the ownership checks find a product by its label.",
    fix="Define the AppConfig in apps.py and keep its label the product name.",
    bad=(
        'class OrdersConfig(AppConfig):\n    name = "products.orders.backend"\n    label = '
        '"shop_orders"'
    ),
    good=(
        'class OrdersConfig(AppConfig):\n    name = "products.orders.backend"\n    label = "orders"'
    ),
)
