"""registry-walk: Walk over every app's models."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="registry-walk",
    title="Walk over every app's models",
    engine="lint",
    catches="A walk over every app's models (apps.get_models()), in a product.",
    why="A product that walks every model reaches every other product's tables.",
    fix="Work on your own models, or ask each product's facade.",
    bad="for model in apps.get_models(): ...",
    good='for model in apps.get_app_config("orders").get_models(): ...',
)
