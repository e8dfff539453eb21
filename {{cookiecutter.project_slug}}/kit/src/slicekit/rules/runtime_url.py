"""runtime-url: Another product's URL reversed or resolved, at run time."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="runtime-url",
    title="Another product's URL reversed or resolved, at run time",
    engine="guard",
    catches=(
        "reverse(), redirect(), the url tag or resolve() of a URL another product's URLconf serves,"
        " in a test, by a product that did not go through that product's facade."
    ),
    why=(
        "A URL name or path is an entry point into another product's views: reversing it couples "
        "to its URLconf, resolving it calls its view past its facade."
    ),
    fix=(
        "Ask the owning product's facade for what the page or view provides; link with a URL the "
        "owner's facade returns."
    ),
    bad='reverse("catalog:item-detail", args=[item_id])',
    good="catalog.item_url(item_id)  # a facade function of catalog",
)
