"""tasks-facade: Task reaching past the facade."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="tasks-facade",
    title="Task reaching past the facade",
    engine="lint",
    catches="A Celery task module that imports product code other than its facade.",
    why=(
        "Tasks are an entry point like the API: they go through the facade, which holds the "
        "transaction and the contracts."
    ),
    fix="Call the product's facade from the task.",
    bad="from products.orders.backend.models import Order",
    good="from products.orders.backend.facade import api",
)
