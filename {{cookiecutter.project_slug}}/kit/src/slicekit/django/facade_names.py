"""Is a facade's public name, as the running module holds it, a function written in api.py?

``python -m slicekit contracts`` reads api.py's source; this looks at the imported module,
so a name rebound at import time (``setattr(sys.modules[__name__], ...)``, ``globals()``,
a decorator that returns a ``functools.partial`` or a lambda) is seen too. A decorator
that wraps (``@transactional``, with ``functools.wraps``) is fine: what it wraps is judged.
Read by the facade guard (every pytest run) and the system check ``facade-returns``.
"""

from __future__ import annotations

import ast
import functools
import inspect
import types
from pathlib import Path

ELSEWHERE = "defined outside api.py"  # the end of the problem of a function from elsewhere


def name_problem(api: types.ModuleType, name: str) -> str:
    """Why ``api.<name>`` is not a function defined in api.py itself, or ``''``."""
    found = getattr(api, name, None)
    if found is None:
        return "is not defined"
    if not isinstance(found, types.FunctionType):
        return f"is {_describe(found)}, not a function"
    function = inspect.unwrap(found)
    if not isinstance(function, types.FunctionType):
        return f"wraps {_describe(function)}, not a function"
    if function.__name__ == "<lambda>":
        return "is a lambda"
    if function.__module__ != api.__name__ or _file(function) != _file(api):
        return f"is {function.__module__}.{function.__qualname__}, {ELSEWHERE}"
    if function.__qualname__ != function.__name__:
        return f"is {function.__qualname__}, made inside another function"
    return ""


def binding_line(api: types.ModuleType, name: str) -> int:
    """The last line of api.py that binds or names ``name``: where a reader finds it."""
    try:
        tree = ast.parse(Path(api.__file__ or "").read_bytes())
    except (OSError, SyntaxError, ValueError):
        return 1
    lines = [
        node.lineno
        for node in ast.walk(tree)
        if (isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == name)
        or (isinstance(node, ast.Name) and node.id == name)
        or (isinstance(node, ast.Constant) and node.value == name)
    ]
    return max(lines, default=1)


def _file(thing: types.ModuleType | types.FunctionType) -> str:
    try:
        return str(Path(inspect.getfile(thing)).resolve())
    except TypeError:
        return ""


def _describe(thing: object) -> str:
    if isinstance(thing, functools.partial):
        return f"a functools.partial of {getattr(thing.func, '__qualname__', thing.func)}"
    kind = type(thing)
    return f"a {kind.__module__}.{kind.__qualname__}"
