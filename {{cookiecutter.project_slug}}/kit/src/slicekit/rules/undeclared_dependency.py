"""undeclared-dependency: Dependency not declared."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="undeclared-dependency",
    title="Dependency not declared",
    engine="lint",
    catches="A product that uses another product without declaring it in its tach.domain.toml.",
    why=(
        "The declared dependencies decide what is tested when a product changes, and keep "
        "them one-way."
    ),
    fix=(
        "Add the product to depends_on in tach.domain.toml (and to package.json), unless it "
        "closes a cycle."
    ),
    bad="# orders calls catalog; orders/tach.domain.toml: depends_on = []",
    good='# orders/tach.domain.toml: depends_on = ["//products.catalog.backend"]',
)
