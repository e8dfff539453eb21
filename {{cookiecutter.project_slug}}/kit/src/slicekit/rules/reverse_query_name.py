"""reverse-query-name: Reverse query name on a shared model."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="reverse-query-name",
    title="Reverse query name on a shared model",
    engine="django",
    catches=(
        'A relation to a shared model that hides its reverse accessor (related_name="+") '
        "but keeps a related_query_name."
    ),
    why="SharedModel.objects.filter(<name>__...) would still reach into the product.",
    fix="Remove related_query_name.",
    bad='models.ForeignKey(User, related_name="+", related_query_name="orders")',
    good='models.ForeignKey(User, related_name="+")',
    previously="boundaries.E014",
)
