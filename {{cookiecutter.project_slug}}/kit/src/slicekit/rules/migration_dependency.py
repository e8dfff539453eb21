"""migration-dependency: Migration depending on another product."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="migration-dependency",
    title="Migration depending on another product",
    engine="django",
    catches="A product migration that depends on, or runs before, another product's migration.",
    why="A product's schema must migrate on its own, so the product can move.",
    fix="Remove the dependency; store the other product's ids (UUIDField).",
    bad='dependencies = [("catalog", "0001_initial")]',
    good='dependencies = [("orders", "0001_initial")]',
    previously="boundaries.E011",
)
