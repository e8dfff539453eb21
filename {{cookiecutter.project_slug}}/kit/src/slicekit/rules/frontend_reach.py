"""frontend-reach: Frontend reach past a product's entry."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="frontend-reach",
    title="Frontend reach past a product's entry",
    engine="eslint",
    catches="A frontend import of another product's files other than its public entry.",
    why="A product's frontend internals change without notice, like its backend's.",
    fix="Import what the other product's frontend exports from its entry.",
    bad='import { ItemList } from "@my-product-monorepo/catalog/frontend/components/ItemList"',
    good='import { catalogManifest } from "@my-product-monorepo/catalog"',
)
