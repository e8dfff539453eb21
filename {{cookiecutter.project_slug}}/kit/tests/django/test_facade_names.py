"""A facade's public names, as the imported module holds them, are functions of api.py."""

import json
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from slicekit.django.facade_names import binding_line, name_problem

API = "products.shop.backend.facade.api"
SOURCE = """\
import functools
import sys


def _wrap(function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        return function(*args, **kwargs)

    return wrapper


def _made():
    def inner() -> int:
        return 1

    return inner


@_wrap
def wrapped() -> int:
    return 1


def honest() -> int:
    return 1


def partial_target(x: int) -> int:
    return x


anonymous = lambda: 1  # noqa: E731
made = _made()
partial = functools.partial(partial_target, 1)
setattr(sys.modules[__name__], "rebound", len)
"""


@pytest.fixture
def api(tmp_path: Path) -> Iterator[types.ModuleType]:
    path = tmp_path / "api.py"
    path.write_text(SOURCE)
    module = types.ModuleType(API)
    module.__file__ = str(path)
    sys.modules[API] = module
    exec(compile(SOURCE, str(path), "exec"), module.__dict__)  # noqa: S102 - test source
    yield module
    del sys.modules[API]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("honest", ""),
        ("wrapped", ""),
        ("partial", "is a functools.partial of partial_target, not a function"),
        ("anonymous", "is a lambda"),
        ("made", "is _made.<locals>.inner, made inside another function"),
        ("rebound", "is a builtins.builtin_function_or_method, not a function"),
        ("missing", "is not defined"),
    ],
)
def test_each_public_name_is_judged_as_imported(
    api: types.ModuleType, name: str, expected: str
) -> None:
    assert name_problem(api, name) == expected


def test_a_function_of_another_module_is_not_the_facades(api: types.ModuleType) -> None:
    api.borrowed = json.dumps

    assert name_problem(api, "borrowed") == "is json.dumps, defined outside api.py"


def test_the_binding_line_is_the_last_line_naming_it(api: types.ModuleType) -> None:
    assert binding_line(api, "partial") == 35
    assert binding_line(api, "rebound") == 36
    assert binding_line(api, "nowhere") == 1
