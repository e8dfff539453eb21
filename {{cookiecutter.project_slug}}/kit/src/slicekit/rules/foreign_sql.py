"""foreign-sql: SQL on another product's table."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="foreign-sql",
    title="SQL on another product's table",
    engine="lint",
    catches="SQL text naming another product's table.",
    why="Products never share tables: a query on another's table breaks when it migrates.",
    fix="Call the other product's facade.",
    bad='cursor.execute("select count(*) from catalog_item")',
    good="catalog.count_items()",
)
