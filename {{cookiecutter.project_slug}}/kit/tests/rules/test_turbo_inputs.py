"""turbo.json's kit inputs are exactly the kit code each backend task runs.

``backend:contract-check`` runs ``python -m slicekit contracts``; ``backend:test`` runs the
same, then pytest, which loads the kit's plugin (an entry point in kit/pyproject.toml), the
guards it registers, the kit's Django app (the test settings install it; in a test run it
leaves the system checks out) and the test helpers the products' tests import. Their import
closure, read from the code, must equal the task's ``$TURBO_ROOT$/kit/...`` inputs: a kit
module the tests start to import fails this test until turbo.json lists it, and a static
rule (a lint, a system check, the scaffolder) stays out, so changing it re-runs no product
test. ``python -m slicekit discover`` reads the same inputs.
"""

import ast
import json
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from slicekit.pytest_plugin import GUARDS

from ..project import PROJECT_ROOT, project_file

SOURCE = Path("kit/src")
PACKAGE = "slicekit"
ROOTED = "$TURBO_ROOT$/"
CONTRACT_ENTRIES = (f"{PACKAGE}.__main__",)
TEST_ENTRIES = (
    *CONTRACT_ENTRIES,
    f"{PACKAGE}.pytest_plugin",
    *GUARDS,
    f"{PACKAGE}.django.apps",  # config/settings/test.py installs slicekit.django
    f"{PACKAGE}.django.management",  # and Django imports an app's management package
    f"{PACKAGE}.testing",  # the products' tests import it
)
ENTRY_POINTS = "kit/pyproject.toml"  # the plugin's registration: pytest reads it


def module_file(module: str) -> Path | None:
    base = PROJECT_ROOT / SOURCE / module.replace(".", "/")
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def imported(module: str, path: Path) -> set[str]:
    """The kit modules importing ``module`` loads: its parent packages and every kit module
    it imports, at the top or in a function (a function may run in a test)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    parts = module.split(".")
    found = {".".join(parts[:end]) for end in range(1, len(parts))}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        found.update(name for name in names if name.split(".")[0] == PACKAGE)
    return {name for name in found if module_file(name)}


# The rule registry's package is one input: a module per rule, each data, all loaded
# (the registry imports every module of the package by its file, not by its name).
PACKAGES_AS_ONE = (f"{PACKAGE}.rules",)


def closure(entries: tuple[str, ...]) -> set[str]:
    seen: set[str] = set()
    todo = list(entries)
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            path = module_file(module)
            assert path, f"{module}: no such kit module"
            todo.extend(imported(module, path) - seen)
            todo.extend(package_members(module))
    return seen


def package_members(module: str) -> list[str]:
    """Every module of a package read as one, once any of it is loaded."""
    for package in PACKAGES_AS_ONE:
        if f"{module}.".startswith(f"{package}."):
            folder = PROJECT_ROOT / SOURCE / package.replace(".", "/")
            return [f"{package}.{p.stem}" for p in folder.glob("*.py") if p.stem != "__init__"]
    return []


def files(modules: set[str]) -> list[str]:
    found = set()
    for module in modules:
        package = next((p for p in PACKAGES_AS_ONE if f"{module}.".startswith(f"{p}.")), None)
        if package:
            found.add(f"{ROOTED}{SOURCE.as_posix()}/{package.replace('.', '/')}/*.py")
        elif path := module_file(module):
            found.add(ROOTED + path.relative_to(PROJECT_ROOT).as_posix())
    return sorted(found)


def kit_inputs(task: str) -> list[str]:
    turbo = json.loads(project_file("turbo.json").read_text(encoding="utf-8"))
    inputs = turbo["tasks"][task]["inputs"]
    return sorted(pattern for pattern in inputs if pattern.startswith(f"{ROOTED}kit/"))


def expected() -> dict[str, list[str]]:
    return {
        "backend:contract-check": files(closure(CONTRACT_ENTRIES)),
        "backend:test": sorted([*files(closure(TEST_ENTRIES)), ROOTED + ENTRY_POINTS]),
    }


@pytest.mark.parametrize("task", ["backend:contract-check", "backend:test"])
def test_a_backend_task_reads_exactly_the_kit_code_it_runs(task: str) -> None:
    assert kit_inputs(task) == expected()[task], (
        f"turbo.json: {task}'s kit inputs are not the import closure of what it runs; "
        f"list these: {json.dumps(expected()[task], indent=2)}"
    )


def test_the_kit_is_no_global_dependency() -> None:
    turbo = json.loads(project_file("turbo.json").read_text(encoding="utf-8"))

    assert not [path for path in turbo["globalDependencies"] if path.startswith("kit")]


@pytest.mark.parametrize(
    "module",
    [
        "slicekit.reach",
        "slicekit.hatches",
        "slicekit.frontend_hooks",
        "slicekit.django.checks",
        "slicekit.django.ownership_checks",
        "slicekit.django.reach",
        "slicekit.scaffold",
    ],
)
def test_a_static_rule_is_no_test_input(module: str) -> None:
    assert module not in closure(TEST_ENTRIES)


def without_settings(environ: Mapping[str, str]) -> dict[str, str]:
    return {name: value for name, value in environ.items() if name != "DJANGO_SETTINGS_MODULE"}


@pytest.mark.needs_project  # runs a product's tests
def test_a_product_test_run_loads_only_the_closure() -> None:
    """The closure is read from the code; a real test process is held to it."""
    product = sorted(path.parent.name for path in PROJECT_ROOT.glob("products/*/backend"))[0]
    script = (
        "import sys, pytest\n"
        f"tests = 'products/{product}/backend/tests'\n"
        "code = pytest.main(['-q', '-p', 'no:cacheprovider', tests])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'slicekit'))\n"
        "sys.exit(code)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT,
        # The project's own settings (its pyproject.toml), not the kit's test project's.
        env={**without_settings(os.environ), "PRODUCTS": product},
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-2000:] + completed.stderr[-2000:]
    loaded = set(ast.literal_eval(completed.stdout.strip().splitlines()[-1]))

    assert loaded <= closure(TEST_ENTRIES), loaded - closure(TEST_ENTRIES)
    assert "slicekit.django.checks" not in loaded


def test_the_contract_check_reads_every_contract_file() -> None:
    """Events are contracts: a change to a product's events.py must re-test its dependents."""
    from slicekit.contracts import CONTRACT_FILES
    from slicekit.lock import LOCK_FILE

    turbo = json.loads(project_file("turbo.json").read_text(encoding="utf-8"))
    inputs = turbo["tasks"]["backend:contract-check"]["inputs"]

    for name in (*CONTRACT_FILES, LOCK_FILE):
        assert f"backend/facade/{name}" in inputs, f"turbo.json: backend:contract-check: {name}"
