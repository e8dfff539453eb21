"""kit-in-production: production code importing the kit."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="kit-in-production",
    title="The kit stays out of production",
    engine="lint",
    catches=(
        "A module of products/, packages/, core/ or config/ other than a test or a conftest.py "
        "that imports slicekit."
    ),
    why=(
        "The kit is a development dependency: a production install lacks it, so the import "
        "fails at deploy time, or loads checks and guards into every process."
    ),
    fix=(
        "Keep what production needs in the project's own code (core/products.py reads the "
        "product list itself); use slicekit only from tests."
    ),
    bad="from slicekit.names import ProductNames  # in products/orders/backend/logic.py",
    good="from slicekit.testing import build_contract  # in products/orders/backend/tests/",
)
