"""runtime-schema: Another product's tables introspected, at run time."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="runtime-schema",
    title="Another product's tables introspected, at run time",
    engine="guard",
    catches=(
        "connection.introspection called by product code on another product's table "
        "(get_table_description, get_constraints, ...) or listing a schema that holds other "
        "products' tables (table_names, get_table_list), in a test."
    ),
    why=(
        "The schema of a product's tables is its internals; code reading it breaks when the owner"
        " migrates."
    ),
    fix=(
        "Ask about your own tables by name; ask the owning product's facade for what you need of "
        "its data."
    ),
    bad="connection.introspection.table_names()",
    good='connection.introspection.get_table_description(cursor, "orders_item")',
)
