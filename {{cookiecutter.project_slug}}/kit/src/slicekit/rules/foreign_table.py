"""foreign-table: Model on another product's table."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="foreign-table",
    title="Model on another product's table",
    engine="django",
    catches="A product model mapped onto a table another product owns or would name (db_table).",
    why="A product owns its tables alone.",
    fix="Remove db_table, or name it in the product's own namespace.",
    bad='class Meta:\n    db_table = "catalog_item"',
    good="class Meta:\n    pass  # Django names it orders_...",
    previously="boundaries.E010",
)
