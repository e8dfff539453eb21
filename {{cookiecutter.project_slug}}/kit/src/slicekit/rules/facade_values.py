"""facade-values: Facade returns what it promises, at run time."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="facade-values",
    title="Facade returns what it promises, at run time",
    engine="guard",
    catches=(
        "A facade function returning, in a test, a value its annotation does not allow (an "
        "ORM row, a QuerySet)."
    ),
    why="An annotation is a promise only if something holds the function to it on every path.",
    fix="Map rows to contracts with the facade's mapper.",
    bad="def list_items() -> tuple[ItemContract, ...]:\n    return tuple(Item.objects.all())",
    good=(
        "def list_items() -> tuple[ItemContract, ...]:\n    return tuple(_contract(i) for i "
        "in Item.objects.all())"
    ),
)
