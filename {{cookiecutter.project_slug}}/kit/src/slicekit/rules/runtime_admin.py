"""runtime-admin: Another product's admin registration changed, at run time."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="runtime-admin",
    title="Another product's admin registration changed, at run time",
    engine="guard",
    catches=(
        "Registering, unregistering or changing the ModelAdmin of another product's model "
        "(admin.site.register, _registry, setting an attribute), in a test."
    ),
    why=(
        "The admin of a model is its product's presentation; changing it from outside bypasses "
        "the owner's rules for its data."
    ),
    fix="Change the owning product's admin.py in that product.",
    bad="admin.site._registry[CatalogItem].list_display = ()",
    good="admin.site.register(OrdersItem, ItemAdmin)  # in orders/backend/admin.py",
)
