"""tests-location: Tests outside the product."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="tests-location",
    title="Tests outside the product",
    engine="lint",
    catches="A test script that runs only some of the product's tests, or tests outside them.",
    why=(
        "Selective testing runs a product's tests when it changes; tests elsewhere run at "
        "the wrong time."
    ),
    fix="Keep a product's tests in its backend/tests and run them all.",
    bad='"test:backend": "pytest tests/orders"',
    good='"test:backend": "pytest products/orders/backend/tests"',
)
