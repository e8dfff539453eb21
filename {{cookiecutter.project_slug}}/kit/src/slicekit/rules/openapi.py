"""openapi: OpenAPI slice current."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="openapi",
    title="OpenAPI slice current",
    engine="locks",
    catches=(
        "A product's committed OpenAPI slice that is missing or no longer what its API generates."
    ),
    why="The frontend's types and the API lock are made from the committed slice.",
    fix="Rewrite it with manage.py openapi and commit it.",
    bad="a serializer field added, openapi.json unchanged",
    good="openapi.json rewritten with the serializer",
)
