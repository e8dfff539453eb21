"""shared-reverse: Reverse accessor on a shared model."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="shared-reverse",
    title="Reverse accessor on a shared model",
    engine="django",
    catches='A relation from a product to a shared model without related_name="+".',
    why="Its reverse accessor would let shared code reach into the product.",
    fix='Add related_name="+"; ask the product\'s facade for the reverse.',
    bad="owner = models.ForeignKey(User, on_delete=models.CASCADE)",
    good='owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")',
    previously="boundaries.E002",
)
