"""facade-tests: Facade functions tested."""

from slicekit.rules.rule import Rule

RULE = Rule(
    id="facade-tests",
    title="Facade functions tested",
    engine="contracts",
    catches="A facade function no test in the product's tests calls.",
    why="The facade guard checks what a function returns only on the paths tests take.",
    fix="Call the function in a test.",
    bad="def count_items() -> int  # no test calls it",
    good="def test_count_items() -> None:\n    assert api.count_items() == 0",
)
