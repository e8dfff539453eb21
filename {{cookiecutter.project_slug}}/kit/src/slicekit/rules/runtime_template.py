"""runtime-template: Another product's template loaded, at run time."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="runtime-template",
    title="Another product's template loaded, at run time",
    engine="guard",
    catches=(
        "Loading (get_template, select_template, render_to_string, the include and extends "
        "tags) a template file that lives in another product's directory, in a test, fallbacks "
        "included."
    ),
    why=(
        "A template is part of its product's presentation: using it couples to its markup and "
        "context, and a lookup that silently falls back into another product's directory hides "
        "the coupling."
    ),
    fix=(
        "Render your own template; ask the owning product's facade for the data or the rendered "
        "fragment."
    ),
    bad='render_to_string("catalog/item_card.html", {"item": item})',
    good='render_to_string("orders/item_card.html", {"item": catalog.get_item(item_id)})',
)
