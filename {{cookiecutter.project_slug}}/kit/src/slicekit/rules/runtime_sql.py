"""runtime-sql: SQL on another product's table, at run time."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="runtime-sql",
    title="SQL on another product's table, at run time",
    engine="guard",
    catches=(
        "A statement, run in a test, that names a table of a product other than the "
        "innermost product frame that issued it."
    ),
    why=(
        "Table names built at run time escape the static rules; the guard sees the "
        "statement itself."
    ),
    fix="Call the owning product's facade; its queries are then its own.",
    bad='cursor.execute("select * from " + "catalog" + "_item")',
    good="catalog.list_items()",
    previously="boundaries.R001",
)
