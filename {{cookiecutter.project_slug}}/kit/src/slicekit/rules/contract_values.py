"""contract-values: What a facade returns is data, all the way down, at run time."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="contract-values",
    title="What a facade returns is data, all the way down, at run time",
    engine="guard",
    catches=(
        "A value a facade function returns in a test that holds, anywhere inside, a mutable "
        "container (list, dict, set, bytearray), a callable, an attribute that is not a "
        "field (set by object.__setattr__ in __post_init__), a subclass of a scalar or a "
        "tuple, or a contract class with a class-level loader: a callable, a property or "
        "method, or a module global that reaches code outside the contracts."
    ),
    why=(
        "The static checks read the source; __post_init__, object.__setattr__ or an "
        "assignment from the facade can still put behaviour or shared state into a contract, "
        "which then reaches the owner's logic from inside the caller."
    ),
    fix=(
        "Store tuples and frozensets of contracts, enums and scalars in fields; compute in the "
        "facade and return the result as a field."
    ),
    bad=('def __post_init__(self) -> None:\n    object.__setattr__(self, "tags", list(self.tags))'),
    good='def __post_init__(self) -> None:\n    object.__setattr__(self, "tags", tuple(self.tags))',
)
