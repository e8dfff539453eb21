"""The skeleton renderer: what it understands, and an error for anything else."""

import pytest

from slicekit.scaffold.render import TemplateError, render


def test_it_substitutes_variables_and_keeps_one_branch() -> None:
    text = "a {{ x }}\n{% if flag %}\nyes\n{% else %}\nno\n{% endif %}\nend\n"

    assert render(text, {"x": 1, "flag": True}) == "a 1\nyes\nend\n"
    assert render(text, {"x": 1, "flag": False}) == "a 1\nno\nend\n"


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("{% if a %}\n{% if b %}\n", "skeleton:2: {% if %} without {% endif %}"),
        ("{% if %}\n", "skeleton:1: {% if %} without a variable"),
        ("{% else %}\n", "skeleton:1: unexpected {% else %}"),
        ("{% endif %}\n", "skeleton:1: unexpected {% endif %}"),
        ("{% if a %}\n", "skeleton:1: {% if %} without {% endif %}"),
        ("{{ missing }}\n", "skeleton:1: unknown template variable 'missing'"),
        ("{% if missing %}\n{% endif %}\n", "skeleton:1: unknown template variable 'missing'"),
        ("{{name}}\n", "skeleton:1: unrendered template syntax: {{name}}"),
        ("x {% if a %} y\n", "skeleton:1: unrendered template syntax: x {% if a %} y"),
    ],
)
def test_anything_else_is_an_error_naming_the_line(text: str, error: str) -> None:
    with pytest.raises(TemplateError) as failed:
        render(text, {"a": True, "b": True}, source="skeleton")

    assert str(failed.value) == error
