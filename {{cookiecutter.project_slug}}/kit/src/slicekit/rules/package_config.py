"""package-config: Package reading the environment."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="package-config",
    title="Package reading the environment",
    engine="lint",
    catches="A package reading the environment through os.",
    why="Configuration comes from the settings of the backend that calls the package.",
    fix="Take the value as an argument.",
    bad='os.environ["CURRENCY"]',
    good="def format_amount(amount: Decimal, currency: str) -> str: ...",
)
