"""dynamic-import: Computed import."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="dynamic-import",
    title="Computed import",
    engine="lint",
    catches="An import whose module name is computed at run time, in a product.",
    why="No check can tell which product a computed import reaches.",
    fix="Import the module by its name, or iterate config.products.",
    bad='importlib.import_module(f"products.{name}.backend.logic")',
    good="from products.catalog.backend.facade import api as catalog",
)
