"""dependencies: Product dependencies."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="dependencies",
    title="Product dependencies",
    engine="lint",
    catches=(
        "A dependency cycle between products, a dependency on something that is not a "
        "product or package, or package.json and tach.domain.toml disagreeing."
    ),
    why="Dependencies one way only keep a product extractable and its tests selective.",
    fix=(
        "Remove the cycle (publish an event, move shared code to a package), and declare "
        "the same dependencies in both files."
    ),
    bad="# catalog depends on orders, orders depends on catalog",
    good="# orders depends on catalog only",
)
