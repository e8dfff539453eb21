"""Fixtures that bake the template, with git configured the same on every machine,
and the selection of full-tier cells."""

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .helpers import GIT_USER
from .options import Cell, cells, scenario_cells, selected, selection_error, tooling_cells


@pytest.fixture(scope="session", autouse=True)
def git_config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A git configuration of our own: an identity, and nothing of the machine's.

    The post-generation hook commits only as a configured user, and a developer's
    signing or hooks settings must not change what the tests see.
    """
    config = tmp_path_factory.mktemp("git") / "config"
    config.write_text(f"[user]\n\tname = {GIT_USER[0]}\n\temail = {GIT_USER[1]}\n")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GIT_CONFIG_GLOBAL", str(config))
        patch.setenv("GIT_CONFIG_NOSYSTEM", "1")
        for variable in ("NAME", "EMAIL"):
            patch.delenv(f"GIT_AUTHOR_{variable}", raising=False)
            patch.delenv(f"GIT_COMMITTER_{variable}", raising=False)
        yield config


def pytest_configure(config: pytest.Config) -> None:
    if error := selection_error():
        raise pytest.UsageError(error)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Deselect the tests of cells that TEMPLATE_PYTHON and TEMPLATE_OPTIONS leave out,
    and start with the slow tier."""
    kept, dropped = [], []
    for item in items:
        left_out = any(isinstance(p, Cell) and not selected(p) for p in _params(item))
        (dropped if left_out else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    # Workers take the modules in this order: the long ones first, so none is left running
    # alone at the end.
    kept.sort(key=lambda item: item.get_closest_marker("full") is None)
    items[:] = kept


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist's: unknown without it
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """pytest-xdist sends one module's tests of one cell to one worker, in a row.

    They share that cell's baked project (module-scoped fixtures), which is baked and
    installed once, and some tests build on what the one before left. xdist's own
    ``loadgroup`` would do this with markers, but ignores them under pytest 9.
    """
    from xdist.scheduler import LoadScopeScheduling  # only when xdist runs

    class ModuleAndCellScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.partition("::")[0]
            if module in ONE_BAKE_PER_TEST:  # nothing shared: each test may go its own way
                return nodeid
            cell = CELL_IN_ID.search(nodeid)
            return f"{module}:{cell.group(1)}:{cell.group(2)}" if cell else module

    return ModuleAndCellScheduling(config, log)


# Modules whose every test bakes its own project (a function-scoped fixture): the long
# extraction guide's two variants then run side by side instead of one after the other.
ONE_BAKE_PER_TEST = ("tests/test_extraction_guide.py",)
# A cell's id leads a test's parameters: "[python 3.13, defaults]" or "[python 3.13, defaults-...]".
CELL_IN_ID = re.compile(r"\[python ([^,\]]+), ([^\]-]+)")


def _params(item: pytest.Item) -> Iterable[object]:
    callspec = getattr(item, "callspec", None)
    return callspec.params.values() if callspec else ()


def baker(cookies: Any) -> Callable[..., Path]:
    """Bake with the given answers; return the project path (asserting success)."""

    def _bake(**answers: str) -> Path:
        result = cookies.bake(extra_context=answers)
        assert result.exit_code == 0, result.exception
        return Path(result.project_path)

    return _bake


@pytest.fixture
def bake(cookies: Any) -> Callable[..., Path]:
    return baker(cookies)


@pytest.fixture(scope="module")
def bake_once(cookies_session: Any) -> Callable[..., Path]:
    """Like ``bake``, for a module's tests to share (the slow tier)."""
    return baker(cookies_session)


@pytest.fixture(scope="module", params=cells(), ids=str)
def cell(request: pytest.FixtureRequest) -> Cell:
    """Each Python with each option set (the full tier's matrix)."""
    return request.param


@pytest.fixture(scope="module", params=scenario_cells(), ids=str)
def scenario_cell(request: pytest.FixtureRequest) -> Cell:
    """Each Python, for the suites that bake a scenario of their own."""
    return request.param


@pytest.fixture(scope="module", params=tooling_cells(), ids=str)
def tooling_cell(request: pytest.FixtureRequest) -> Cell:
    """The first Python, for the suites that plant cases into the project's tooling."""
    return request.param
