"""package-imports: Package importing a framework."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="package-imports",
    title="Package importing a framework",
    engine="lint",
    catches="A package importing Django, DRF or Celery.",
    why=(
        "Packages are plain Python that the products and core call; the framework stays with them."
    ),
    fix="Take what the package needs as arguments.",
    bad="from django.conf import settings",
    good="def rounded(amount: Decimal, places: int) -> Decimal: ...",
)
