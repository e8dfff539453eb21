"""A pytest plugin, on in every test run: facade functions return what they promise.

The static checks see a facade function's annotation; this sees what it
really returns. Every value a public facade function (one in its ``api.py``'s
``__all__``) returns during a test is checked against its return annotation
(``slicekit.testing.value_problem``): an ORM row or a QuerySet where a contract is
promised, on any path a test takes, fails that test, naming the function and
its file:line.

It listens with ``sys.monitoring`` to the return events of those functions'
code objects only, so the rest of the suite runs unobserved and a function
decorated (``@transactional``) or imported under another name is still
seen. Registered by the root ``conftest.py``; ``-p no:slicekit.django.facade_guard``
turns it off, e.g. to measure its cost.
"""

import inspect
import sys
import types
import typing
from collections.abc import Generator, Iterator
from contextlib import contextmanager, suppress
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from slicekit.contract_data import data_problem
from slicekit.django.facade_names import binding_line, name_problem
from slicekit.rules import rule
from slicekit.testing import value_problem

TOOL_NAME = "facade-guard"  # its sys.monitoring tool name
RULE = rule("facade-values")
DATA = rule("contract-values")
SURFACE = rule("facade-surface")


class _Guard:
    def __init__(self) -> None:
        self.tool: int | None = None
        # Keyed by identity: code objects compare equal across files when their bytecode
        # is the same, as two products' create_item() may be.
        self.functions: dict[int, tuple[str, Any]] = {}  # id(code) -> (where, annotation)
        self.codes: list[types.CodeType] = []  # kept alive while their ids are keys
        self.problems: list[str] = []
        self.surface: list[str] = []  # names in __all__ that are not functions of api.py

    def start(self) -> None:
        monitoring = sys.monitoring
        for tool in (4, 3, 5):  # ids no standard tool claims (0-2 are debugger, coverage, profiler)
            if monitoring.get_tool(tool) is None:
                monitoring.use_tool_id(tool, TOOL_NAME)
                self.tool = tool
                break
        else:
            return  # every free id is taken: the static checks still hold
        monitoring.register_callback(self.tool, monitoring.events.PY_RETURN, self.returned)
        for code in self.codes:
            monitoring.set_local_events(self.tool, code, monitoring.events.PY_RETURN)

    def stop(self) -> None:
        if self.tool is not None:
            for code in self.codes:
                sys.monitoring.set_local_events(self.tool, code, 0)
            sys.monitoring.register_callback(self.tool, sys.monitoring.events.PY_RETURN, None)
            sys.monitoring.free_tool_id(self.tool)
            self.tool = None

    def returned(self, code: types.CodeType, offset: int, value: object) -> None:
        where, annotation = self.functions[id(code)]
        problem = value_problem(value, annotation, deep=False)
        if problem:
            self.problems.append(
                f"{where}: {RULE}: returned {problem}: a facade function returns what its "
                "annotation promises (contracts, enums, scalars, tuples of them); map rows "
                "with the facade's mapper"
            )
            return
        problem = data_problem(value, "the value")
        if problem:
            self.problems.append(
                f"{where}: {DATA}: returned a value that is not data all the way down: "
                f"{problem}; contracts hold tuples and frozensets of contracts, enums and "
                "scalars in their fields, and nothing else"
            )

    def watch(self) -> None:
        """Every public function of every installed product's facade."""
        from slicekit.django.products import product_apps

        for product, config in product_apps().items():
            try:
                api = import_module(f"{config.name}.facade.api")
            except ImportError:
                continue  # the product lint reports a missing facade
            for name in getattr(api, "__all__", ()):
                problem = name_problem(api, name)
                if problem:
                    where = f"{_relative(Path(api.__file__ or ''))}:{binding_line(api, name)}"
                    self.surface.append(
                        f"{where}: {SURFACE}: facade name {product}.{name} {problem}: each "
                        "name in __all__ is one function written in api.py, so what it returns "
                        f"is checked; write def {name}(...) that calls the logic and maps rows"
                    )
                    continue
                function = inspect.unwrap(getattr(api, name))
                if not isinstance(function, types.FunctionType):
                    continue  # name_problem said so
                try:
                    annotation = typing.get_type_hints(function).get("return", Any)
                except Exception:  # noqa: S112 - the system checks report what cannot be resolved
                    continue
                self.codes.append(function.__code__)
                self.functions[id(function.__code__)] = (
                    _where(product, name, function),
                    annotation,
                )


def _where(product: str, name: str, function: types.FunctionType) -> str:
    path = _relative(Path(function.__code__.co_filename))
    return f"facade function {product}.{name} ({path}:{function.__code__.co_firstlineno})"


def _relative(path: Path) -> str:
    with suppress(ValueError):  # a file outside the project keeps its absolute path
        path = path.resolve().relative_to(Path(settings.BASE_DIR).resolve())
    return path.as_posix()


_guard = _Guard()


def pytest_collection_finish(session: pytest.Session) -> None:
    _guard.watch()
    _guard.start()


def pytest_unconfigure(config: pytest.Config) -> None:
    _guard.stop()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A facade name that is no function of api.py fails the run: its returns go unseen."""
    if _guard.surface and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _guard.surface:
        terminalreporter.section("facade guard", red=True)
        for line in _guard.surface:
            terminalreporter.line(line)


@contextmanager
def _checked() -> Iterator[None]:
    """Fail the test phase in which a facade function returned what it must not.

    When the phase failed anyway (often because of that value), the guard's
    finding is added to its error as a note rather than replacing it.
    """
    _guard.problems.clear()
    try:
        yield
    except BaseException as error:
        for problem in _guard.problems:
            error.add_note(problem)
        _guard.problems.clear()
        raise
    if _guard.problems:
        problems = list(_guard.problems)
        _guard.problems.clear()
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, object, object]:
    with _checked():
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    with _checked():
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, object, object]:
    with _checked():
        return (yield)
