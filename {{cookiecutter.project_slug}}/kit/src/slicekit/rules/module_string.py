"""module-string: Private module named in a string."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="module-string",
    title="Private module named in a string",
    engine="lint",
    catches=(
        "A string naming another product's private module or object (mock.patch targets, "
        "dotted paths in settings)."
    ),
    why="A dotted path in a string is an import the import rules cannot see.",
    fix="Name the facade, or patch your own module.",
    bad='mock.patch("products.catalog.backend.logic.count_items")',
    good='mock.patch("products.orders.backend.logic.catalog.count_items")',
)
