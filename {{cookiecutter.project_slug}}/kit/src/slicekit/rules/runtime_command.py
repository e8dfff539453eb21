"""runtime-command: Another product's management command run, at run time."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="runtime-command",
    title="Another product's management command run, at run time",
    engine="guard",
    catches=(
        "call_command (by name, object or class) of a management command defined in another "
        "product's management/commands, in a test."
    ),
    why=(
        "A command is an entry point of its product, not an API: its options and effects change "
        "without notice to other products."
    ),
    fix="Call a function of the owning product's facade that does what the command does.",
    bad='call_command("reindex_catalog")',
    good="catalog.reindex()  # a facade function",
)
