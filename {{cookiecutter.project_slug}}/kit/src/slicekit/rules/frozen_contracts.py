"""frozen-contracts: Contracts are frozen."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="frozen-contracts",
    title="Contracts are frozen",
    engine="contracts",
    catches=(
        "A contract dataclass that is not frozen, has eq=False or unsafe_hash=True, or "
        "options not written as literals."
    ),
    why="A receiver must not change what a product handed it.",
    fix="Use @dataclass(frozen=True).",
    bad="@dataclass\nclass Order: ...",
    good="@dataclass(frozen=True)\nclass Order: ...",
)
