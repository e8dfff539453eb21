"""facade-reach: Reach past a facade."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="facade-reach",
    title="Reach past a facade",
    engine="lint",
    catches=(
        "An import or attribute of another product that is not on its public surface (its "
        "facade's api, contracts, enums)."
    ),
    why=(
        "A product's internals change without notice; only its facade is a promise to other "
        "products."
    ),
    fix="Import the other product's facade and call it.",
    bad="from products.catalog.backend.models import Item",
    good="from products.catalog.backend.facade import api as catalog",
)
