"""turbo-tasks: Product test script."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="turbo-tasks",
    title="Product test script",
    engine="lint",
    catches=(
        "A product's test script that does not match its isolation: an isolated product "
        "checks its contracts, and the script names its test directory."
    ),
    why="turbo caches by these scripts; a wrong one skips checks or tests.",
    fix="Use the script the finding gives.",
    bad='"test:backend": "pytest"',
    good=(
        '"test:backend": "python -m slicekit contracts orders && pytest '
        'products/orders/backend/tests"'
    ),
)
