"""generic-relation: Generic relation in a product."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="generic-relation",
    title="Generic relation in a product",
    engine="django",
    catches="A GenericForeignKey, GenericRelation or ForeignKey to ContentType in a product model.",
    why="A content type and an id reach any product's rows, past every facade.",
    fix="Reference one product's rows by id and read them through its facade.",
    bad="target = GenericForeignKey()",
    good="item_id = models.UUIDField()",
    previously="boundaries.E013",
)
