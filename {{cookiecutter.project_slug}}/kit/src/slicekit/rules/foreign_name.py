"""foreign-name: A name in another product's namespace."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="foreign-name",
    title="A name in another product's namespace",
    engine="django",
    catches=(
        "A task, beat entry, URL namespace, template or static directory, or management command "
        "that one product (or shared code) defines under a name another product owns: catalog.*, "
        "catalog:..., catalog/..., catalog_*."
    ),
    why=(
        "A name prefix says whose a resource is, to the runtime guard and to readers: a product "
        "defining catalog.* passes as catalog's, and a template or static path under catalog/ "
        "shadows or is shadowed by catalog's own."
    ),
    fix="Name it in your own product's namespace (orders.*, orders/..., orders_...).",
    bad='@shared_task(name="catalog.refresh")  # in products/orders/',
    good='@shared_task(name="orders.refresh")',
)
