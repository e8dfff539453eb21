"""contract-bases: A contract is based on its own product's contracts."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="contract-bases",
    title="A contract is based on its own product's contracts",
    engine="contracts",
    catches=(
        "A contract class (dataclass, enum or exception) inheriting a class of another "
        "product's facade.contracts or facade.enums."
    ),
    why=(
        "A subclass silently takes on the other product's fields and their changes: its "
        "shape, and the lock that records it, would be decided by another team."
    ),
    fix=(
        "Declare the fields in your own contract, or hold the other product's contract in a "
        "field (which the lock then records, and which makes that product a dependency)."
    ),
    bad=(
        "from products.catalog.backend.facade.contracts import Item\n\n\n"
        "@dataclass(frozen=True)\nclass OrderedItem(Item):\n    quantity: int"
    ),
    good="@dataclass(frozen=True)\nclass OrderedItem:\n    item: Item\n    quantity: int",
)
