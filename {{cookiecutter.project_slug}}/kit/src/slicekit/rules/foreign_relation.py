"""foreign-relation: Relation into another product."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="foreign-relation",
    title="Relation into another product",
    engine="django",
    catches="A ForeignKey, OneToOne or ManyToMany field to another product's model.",
    why="Products never share tables: a relation joins their schemas and their migrations.",
    fix="Store the id (a UUIDField) and read it through the other product's facade.",
    bad='item = models.ForeignKey("catalog.Item", on_delete=models.PROTECT)',
    good="item_id = models.UUIDField()",
    previously="boundaries.E001",
)
