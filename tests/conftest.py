"""Fixtures that bake the template, with git configured the same on every machine,
and the selection of full-tier cells."""

from collections.abc import Callable, Iterator
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
    """Deselect the tests of cells that TEMPLATE_PYTHON and TEMPLATE_OPTIONS leave out."""
    kept, dropped = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        params = callspec.params.values() if callspec else ()
        left_out = any(isinstance(p, Cell) and not selected(p) for p in params)
        (dropped if left_out else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


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
