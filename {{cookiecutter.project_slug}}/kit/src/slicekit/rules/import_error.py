"""import-error: Module fails to import."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="import-error",
    title="Module fails to import",
    engine="lint",
    catches="A product module that raises while the lint imports it to read the ownership map.",
    why=(
        "The lint reads the registered tasks from the imported code; an import that fails "
        "hides them."
    ),
    fix="Fix the error the import raises.",
    bad="import missing_module  # in products/orders/backend/tasks/tasks.py",
    good="from products.orders.backend import logic",
)
