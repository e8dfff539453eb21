"""contract-classes: Contracts are plain classes."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="contract-classes",
    title="Contracts are plain classes",
    engine="contracts",
    catches=(
        "A contract class built at run time, decorated, given a metaclass, or based on "
        "something other than a contract."
    ),
    why=(
        "The check and the lock read classes from the source; a class made at run time can "
        "be anything."
    ),
    fix="Write a class statement: a frozen dataclass, an enum or an exception.",
    bad='Order = make_dataclass("Order", ["id"])',
    good="@dataclass(frozen=True)\nclass Order:\n    id: UUID",
)
