"""package-tests: Package without tests."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="package-tests",
    title="Package without tests",
    engine="lint",
    catches="A package whose tests/ holds no test_*.py.",
    why="A package is tested on its own, so its users need not test it for it.",
    fix="Add tests under the package's tests/.",
    bad="packages/money/tests/__init__.py only",
    good="packages/money/tests/test_public_api.py",
)
