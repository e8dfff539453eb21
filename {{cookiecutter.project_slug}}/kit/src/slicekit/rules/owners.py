"""owners: CODEOWNERS."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="owners",
    title="CODEOWNERS",
    engine="lint",
    catches=(
        "A CODEOWNERS file that is missing or no longer matches the owners of the "
        "package.json files, or an owner that is no GitHub user or team."
    ),
    why="GitHub asks the owners listed there to review a product's changes.",
    fix="Regenerate CODEOWNERS with the command the finding gives.",
    bad='"owners": ["orders team"]',
    good='"owners": ["@my-org/orders"]',
)
