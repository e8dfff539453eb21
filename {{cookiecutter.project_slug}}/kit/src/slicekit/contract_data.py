"""Is a value data, all the way down? What the facade guard asks of every value a facade returns.

The static contract rules read the source; this reads the object, so it sees what
``__post_init__``, ``object.__setattr__`` or an assignment from the facade did. Data is:
``None``; a scalar of exactly one of ``slicekit.scalars``' types (a subclass could carry
methods and state); an enum member whose value is data; a tuple or frozenset (exactly) of
data; a frozen dataclass instance whose attributes are its fields and are data, of a class
that carries no loader. A class carries a loader when its namespace, or a base's outside
the standard library, holds a callable that is not a function written in a contracts
module (a ``staticmethod(logic.get_item)``, a ``partial``, a function assigned from the
facade), a mutable container, or a function (method or property) whose globals, closure or
defaults hold code from outside the contracts: the ways a property reaches logic.

Standard library only, like the contract files it judges.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import sys
import types
from typing import Any

from slicekit.names import is_contract_module
from slicekit.scalars import CONTRACT_SCALARS

MUTABLE = (list, dict, set, bytearray)
# What @dataclass and the class statement put in a class's namespace: never a loader.
GENERATED = frozenset(
    {
        "__dict__",
        "__weakref__",
        "__doc__",
        "__module__",
        "__qualname__",
        "__firstlineno__",
        "__static_attributes__",
        "__annotations__",
        "__annotate__",
        "__annotate_func__",
        "__annotations_cache__",
        "__dataclass_fields__",
        "__dataclass_params__",
        "__match_args__",
        "__slots__",
        "__orig_bases__",
        "__parameters__",
        "__type_params__",
    }
)
# What @dataclass generates (3.13 adds __replace__, a function of dataclasses itself); the
# contract check refuses a contract that writes them itself (contract-methods).
DATACLASS_METHODS = frozenset(
    {
        "__init__",
        "__repr__",
        "__eq__",
        "__hash__",
        "__setattr__",
        "__delattr__",
        "__replace__",
        "__getstate__",
        "__setstate__",
        "__lt__",
        "__le__",
        "__gt__",
        "__ge__",
    }
)
SHOWN = 3  # problems named in one message; the first ones found
DEPTH = 50  # deeper than any contract: a value nested further is a cycle or an attack


def data_problem(value: object, where: str = "the value") -> str:
    """Why ``value`` is not contract data, naming the path to each culprit; ``''`` when it is.

    Every problem found, up to ``SHOWN``, joined by ``"; "``: one value can hide several.
    """
    problems = data_problems(value, where)
    return "; ".join(problems[:SHOWN]) + ("; ..." if len(problems) > SHOWN else "")


def data_problems(value: object, where: str = "the value") -> list[str]:
    """Each reason why ``value`` is not contract data, each once, in the order found."""
    return list(dict.fromkeys(_Walk().value(value, where, 0)))


class _Walk:
    def __init__(self) -> None:
        self.seen_classes: dict[type, str] = {}

    def value(self, value: object, where: str, depth: int) -> list[str]:
        if depth > DEPTH:
            return [f"{where} is nested deeper than {DEPTH} levels"]
        kind = type(value)
        if value is None or kind in CONTRACT_SCALARS:
            return []
        if isinstance(value, enum.Enum):
            return self.value(value.value, f"{where}.value", depth + 1)
        if kind in (tuple, frozenset) and isinstance(value, tuple | frozenset):
            return [
                problem
                for index, item in enumerate(value)
                for problem in self.value(item, f"{where}[{index}]", depth + 1)
            ]
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return self.contract(value, where, depth)
        return [f"{where} is {_kind(value)}, which is not data"]

    def contract(self, value: Any, where: str, depth: int) -> list[str]:
        kind = type(value)
        if not kind.__dataclass_params__.frozen:
            return [f"{where} is a {kind.__name__}, which is not frozen"]
        problems = []
        problem = self.contract_class(kind)
        if problem:
            problems.append(f"{where} is a {kind.__name__}, whose {problem}")
        fields = [field.name for field in dataclasses.fields(value)]  # in order: stable messages
        problems += [
            f"{where}.{name} is an attribute that is not a field (set by "
            "object.__setattr__?): a contract is its fields"
            for name, _ in _attributes(value)
            if name not in fields
        ]
        for name in fields:
            problems += self.value(getattr(value, name), f"{where}.{name}", depth + 1)
        return problems

    def contract_class(self, kind: type) -> str:
        """What in the class (or its non-standard bases) is a loader, or ``''``."""
        if kind not in self.seen_classes:
            self.seen_classes[kind] = ""  # a field of its own type is checked once
            self.seen_classes[kind] = _class_problem(kind)
        return self.seen_classes[kind]


def _class_problem(kind: type) -> str:
    for owner in kind.__mro__:
        if owner is object or _is_standard(owner.__module__):
            continue
        for name, attribute in vars(owner).items():
            if name in GENERATED or (
                name in DATACLASS_METHODS
                and getattr(attribute, "__module__", None) in ("dataclasses", owner.__module__)
            ):
                continue
            problem = _attribute_problem(attribute)
            if problem:
                return f"class attribute {owner.__qualname__}.{name} is {problem}"
    return ""


def _attribute_problem(attribute: object) -> str:
    if isinstance(attribute, MUTABLE):
        return f"a mutable {type(attribute).__name__} shared by every instance"
    if isinstance(attribute, property):
        functions: list[object] = [attribute.fget, attribute.fset, attribute.fdel]
    elif isinstance(attribute, staticmethod | classmethod):
        functions = [attribute.__func__]
    elif isinstance(attribute, functools.cached_property):
        functions = [attribute.func]
    elif callable(attribute):
        functions = [attribute]
    else:
        return ""
    for function in functions:
        if function is None:
            continue
        problem = _function_problem(function)
        if problem:
            return problem
    return ""


def _function_problem(function: object) -> str:
    """A method is fine when written in a contracts module and reaching only contract code."""
    if not isinstance(function, types.FunctionType):
        return f"{_kind(function)}, a callable that is not a method written in the class"
    module = function.__module__ or ""
    if not is_contract_module(module):
        return f"{function.__qualname__} from {module}, code outside the contracts (a loader)"
    reached = [
        *(cell.cell_contents for cell in function.__closure__ or () if _filled(cell)),
        *(function.__defaults__ or ()),
        *(function.__kwdefaults__ or {}).values(),
        *(
            function.__globals__[name]
            for name in _names(function.__code__)
            if name in function.__globals__
        ),
    ]
    for target in reached:
        problem = _reach_problem(target)
        if problem:
            return f"{function.__qualname__}, which reaches {problem}"
    return ""


def _reach_problem(target: object) -> str:
    """Code a method may reach: the standard library's and the contracts'; data of any kind."""
    if isinstance(target, types.ModuleType):
        name = target.__name__
    elif isinstance(target, type | types.FunctionType | types.BuiltinFunctionType):
        name = getattr(target, "__module__", None) or ""
    elif callable(target):
        return f"{_kind(target)} (a loader)"
    else:
        return ""
    if _is_standard(name) or is_contract_module(name):
        return ""
    return f"{name}, code outside the contracts (a loader)"


def _names(code: types.CodeType) -> set[str]:
    """The global names a function's code (and the code nested in it) loads."""
    names = set(code.co_names)
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            names |= _names(constant)
    return names


def _filled(cell: types.CellType) -> bool:
    try:
        cell.cell_contents  # noqa: B018 - an empty cell raises
    except ValueError:
        return False
    return True


def _attributes(value: object) -> list[tuple[str, object]]:
    found = list(getattr(value, "__dict__", {}).items())
    for owner in type(value).__mro__:
        for slot in getattr(owner, "__slots__", ()):
            if slot not in ("__dict__", "__weakref__") and hasattr(value, slot):
                found.append((slot, getattr(value, slot)))
    return found


def _is_standard(module: str) -> bool:
    top = module.partition(".")[0]
    return top in sys.stdlib_module_names or top == "builtins"


def _kind(value: object) -> str:
    kind = type(value)
    if isinstance(value, functools.partial):
        return f"a functools.partial of {getattr(value.func, '__qualname__', value.func)!r}"
    return f"a {kind.__name__} ({kind.__module__}.{kind.__qualname__})"
