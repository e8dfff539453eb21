"""package-api: Package public API."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="package-api",
    title="Package public API",
    engine="lint",
    catches="A package without __all__, or with a public module other than __init__.py.",
    why="A package's __all__ is its promise; everything else may change.",
    fix="List the exported names in __all__ and name private modules with a leading underscore.",
    bad="packages/money/rounding.py",
    good="packages/money/_rounding.py, re-exported in __init__.py's __all__",
)
