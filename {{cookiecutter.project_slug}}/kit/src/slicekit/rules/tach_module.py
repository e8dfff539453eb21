"""tach-module: tach module interface."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="tach-module",
    title="tach module interface",
    engine="lint",
    catches=(
        "A tach.domain.toml whose interfaces are not the kind's: a product's facade package "
        "only, a package's exported names."
    ),
    why="The interface is what tach lets other modules import; a wider one opens the product.",
    fix="Keep the interfaces the scaffolder wrote.",
    bad='[[interfaces]]\nexpose = [".*"]',
    good='[[interfaces]]\nexpose = ["backend\\\\.facade(\\\\..*)?"]',
)
