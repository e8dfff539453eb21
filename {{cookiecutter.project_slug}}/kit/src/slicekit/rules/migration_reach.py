"""migration-reach: Migration touching another product's data."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="migration-reach",
    title="Migration touching another product's data",
    engine="django",
    catches=(
        "A RunSQL naming another product's table, or a RunPython reaching its data, in a "
        "product migration."
    ),
    why="A product's migrations change its own tables only.",
    fix=(
        "Move the step into the owning product's migrations, or ask its facade in a "
        "management command."
    ),
    bad='migrations.RunSQL("update catalog_item set price = 0")',
    good='migrations.RunSQL("update orders_order set total = 0")',
    previously="boundaries.E012",
)
