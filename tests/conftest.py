"""Fixtures that bake the template, with git configured the same on every machine,
and the selection of full-tier cells."""

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


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Deselect the tests of cells that TEMPLATE_PYTHON and TEMPLATE_OPTIONS leave out,
    and group the rest for pytest-xdist: the slow tier first, one group per module and cell."""
    kept, dropped = [], []
    for item in items:
        left_out = any(isinstance(p, Cell) and not selected(p) for p in _params(item))
        (dropped if left_out else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    # A module's tests share its baked project (module-scoped fixtures), one per cell:
    # a group keeps them on one worker, so each project is baked and installed once.
    for item in kept:
        cell = next((p for p in _params(item) if isinstance(p, Cell)), None)
        # No "]" in a group's name: xdist would take it for a parameter's and ignore the group.
        group = item.nodeid.partition("::")[0] + (f":{cell.python}:{cell.options}" if cell else "")
        item.add_marker(pytest.mark.xdist_group(group))
    # Workers take groups in this order: the long ones first, so none is left running alone.
    kept.sort(key=lambda item: item.get_closest_marker("full") is None)
    items[:] = kept


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
