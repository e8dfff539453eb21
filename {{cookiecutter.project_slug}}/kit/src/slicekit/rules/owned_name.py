"""owned-name: A name another product owns, written in a string."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="owned-name",
    title="A name another product owns, in a string",
    engine="lint",
    catches=(
        "A string in a product's code or templates that names what another product owns, as "
        "the ownership map lists it: a URL name or cache key in its namespace (catalog:...), a "
        "template or static path under its directory (catalog/...), a Celery task, beat entry "
        "or management command of its; and a task sent by a name computed at run time."
    ),
    why=(
        "reverse(), render_to_string(), the include tag, call_command() and send_task() reach "
        "another product by a name no import shows, past its facade; the name changes with "
        "the owner's code."
    ),
    fix="Call a facade function of the product that owns the name.",
    bad='reverse("catalog:item-detail", args=[item_id])  # in products/orders/',
    good="catalog.item_url(item_id)",
)
