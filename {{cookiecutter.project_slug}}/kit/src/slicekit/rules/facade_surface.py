"""facade-surface: Facade public surface."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="facade-surface",
    title="Facade public surface",
    engine="contracts",
    catches=(
        "An api.py without one literal __all__, a public function missing from it, a name "
        "in it that api.py does not define as a function; and, as the module is imported "
        "(manage.py check and every test run), a name that is then a functools.partial, a "
        "lambda, a nested function or a name rebound through globals() or setattr."
    ),
    why="__all__ is what other products may call; the lock and the checks read it.",
    fix=(
        "List every public function in __all__, define each in api.py, name helpers with a "
        "leading underscore."
    ),
    bad="count_items = logic.count_items",
    good='__all__ = ["count_items"]\n\ndef count_items() -> int:\n    return logic.count_items()',
)
