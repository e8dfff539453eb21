"""runtime-static: Another product's static file found, at run time."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="runtime-static",
    title="Another product's static file found, at run time",
    engine="guard",
    catches=(
        "A staticfiles finder (finders.find, a finder's find) returning a file in another "
        "product's static directory, in a test."
    ),
    why=(
        "Static files are part of their product's presentation; a product that finds another's "
        "file depends on its layout."
    ),
    fix=(
        "Ship the file in your own product's static/<product>/ directory, or ask the owner's "
        "facade for its URL."
    ),
    bad='finders.find("catalog/logo.svg")',
    good='finders.find("orders/logo.svg")',
)
