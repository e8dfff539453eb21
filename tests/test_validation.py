"""Fast tier: bad answers are refused with one clear line, and nothing is left behind."""

from pathlib import Path

import pytest
from cookiecutter.exceptions import CookiecutterException
from cookiecutter.main import cookiecutter

from .helpers import TEMPLATE

# (answers, what the one error line must say)
BAD_ANSWERS = [
    ({"project_name": "  "}, "invalid project_name '': it must not be empty"),
    ({"project_slug": "My-Shop"}, "invalid project_slug 'My-Shop': must be a lowercase Python"),
    ({"project_slug": "1shop"}, "invalid project_slug '1shop': must be a lowercase Python"),
    ({"project_slug": "my shop"}, "invalid project_slug 'my shop': must be a lowercase Python"),
    ({"project_slug": "_shop"}, "invalid project_slug '_shop': must be a lowercase Python"),
    ({"project_slug": "my__shop"}, "invalid project_slug 'my__shop': must be a lowercase Python"),
    ({"project_slug": "json"}, "invalid project_slug 'json': it shadows the standard library"),
    ({"project_slug": "django"}, "invalid project_slug 'django': it shadows the installed package"),
    ({"project_slug": "celery"}, "invalid project_slug 'celery': it shadows the installed package"),
    ({"project_slug": "auth"}, "invalid project_slug 'auth': it clashes with the Django app label"),
    ({"project_slug": "class"}, "invalid project_slug 'class': it is a Python keyword"),
    ({"project_slug": "config"}, "invalid project_slug 'config': it clashes with the project's"),
    ({"project_name": 'The "Shop"'}, "may not contain double quotes"),
    ({"description": "back\\slash"}, "it may not contain double quotes, backslashes"),
    ({"email": "ada.example.com"}, "invalid email 'ada.example.com': expected name@domain.tld"),
    ({"products": "Catalog"}, "invalid product name 'Catalog': must be a lowercase Python"),
    ({"products": "catalog-v2"}, "invalid product name 'catalog-v2': must be a lowercase"),
    ({"products": "typing"}, "invalid product name 'typing': it shadows the standard library"),
    ({"products": "rest_framework"}, "invalid product name 'rest_framework': it shadows"),
    ({"products": "sessions"}, "invalid product name 'sessions': it clashes with the Django app"),
    ({"products": "contenttypes"}, "invalid product name 'contenttypes': it clashes with"),
    ({"products": "lambda"}, "invalid product name 'lambda': it is a Python keyword"),
    ({"products": "match"}, "invalid product name 'match': it is a Python keyword"),
    ({"products": "core"}, "invalid product name 'core': it clashes with the project's own"),
    ({"products": "scaffold"}, "invalid product name 'scaffold': it clashes with the project's"),
    ({"products": "frontend"}, "invalid product name 'frontend': it clashes with the project's"),
    (
        {"project_slug": "shop", "products": "shop"},
        "invalid product name 'shop': it is the project",
    ),
    ({"products": "a" * 21}, f"invalid product name '{'a' * 21}': at most 20 characters"),
    ({"products": "catalog, catalog"}, "'catalog' is listed twice"),
    ({"products": "catalog,,orders"}, "it has an empty entry"),
    ({"products": "orders:catalog, catalog"}, "may only depend on a product listed before it"),
    ({"products": "catalog:catalog"}, "a product cannot depend on itself"),
    ({"products": "catalog, orders:nowhere"}, "may only depend on a product listed before it"),
    ({"products": "a, b:a:x"}, "invalid dependency name 'a:x': must be a lowercase Python"),
    ({"products": "a, b, c:a+b+a"}, "invalid dependency 'a' of 'c': it is listed twice"),
    ({"products": "a, c:a+nowhere"}, "invalid dependency 'nowhere' of 'c': it may only depend"),
    ({"products": "a, c:a+c"}, "invalid dependency 'c' of 'c': a product cannot depend on itself"),
    ({"products": "a:b, b:a"}, "invalid dependency 'b' of 'a': it may only depend on a product"),
    ({"products": "a, c:a+"}, "invalid dependency name '': must be a lowercase Python"),
    ({"products": "a, c:a b"}, "invalid dependency name 'a b': must be a lowercase Python"),
]
BAD_CHOICES = [{"python_version": "3.11"}, {"license": "GPL-3.0"}]


@pytest.mark.parametrize(("answers", "message"), BAD_ANSWERS, ids=[repr(a) for a, _ in BAD_ANSWERS])
def test_a_bad_answer_is_refused_with_one_clear_line(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], answers: dict[str, str], message: str
) -> None:
    with pytest.raises(CookiecutterException):
        cookiecutter(str(TEMPLATE), no_input=True, extra_context=answers, output_dir=str(tmp_path))

    errors = [line for line in capfd.readouterr().err.splitlines() if line.startswith("ERROR: ")]
    assert errors[0].startswith("ERROR: invalid"), errors
    assert message in errors[0]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("answers", BAD_CHOICES, ids=[repr(a) for a in BAD_CHOICES])
def test_a_value_outside_the_choices_is_refused(tmp_path: Path, answers: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="provided for choice variable"):
        cookiecutter(str(TEMPLATE), no_input=True, extra_context=answers, output_dir=str(tmp_path))

    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("option", ["workshop", "frontend"])
def test_a_yes_no_option_takes_only_yes_or_no(tmp_path: Path, option: str) -> None:
    with pytest.raises(ValueError, match=f"maybe provided for variable {option} could not be"):
        cookiecutter(
            str(TEMPLATE), no_input=True, extra_context={option: "maybe"}, output_dir=str(tmp_path)
        )

    assert list(tmp_path.iterdir()) == []
