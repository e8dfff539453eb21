"""foreign-admin: An admin for another product's model."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="foreign-admin",
    title="An admin for another product's model",
    engine="django",
    catches=(
        "A ModelAdmin registered, by shared code or a product, for a model another product owns."
    ),
    why="The admin edits the owner's rows past its facade and its rules.",
    fix="Register the admin in the owning product's admin.py.",
    bad="admin.site.register(CatalogItem)  # in products/orders/backend/admin.py",
    good="admin.site.register(Item, ItemAdmin)  # in products/catalog/backend/admin.py",
)
