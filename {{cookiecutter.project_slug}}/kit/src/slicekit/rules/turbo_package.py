"""turbo-package: Workspace package name."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="turbo-package",
    title="Workspace package name",
    engine="lint",
    catches="A product's package.json whose name is not the one the project's naming gives it.",
    why="turbo and pnpm address a product by its package name.",
    fix="Rename the package to the name the finding gives.",
    bad='{"name": "orders"}',
    good='{"name": "@my-product-monorepo/orders"}',
)
