"""The product README lint: every facade function, endpoint and task is documented.

A product's ``README.md`` is where another team learns what it may call. It is
written by the scaffolder and then edited by hand, so this check keeps it
honest: each public function of ``backend/facade/api.py`` appears as
``name(``, each event of ``backend/facade/events.py`` as ``Event(``, each
endpoint as a line naming its method and full path (``GET`` and
``/api/<product>/<route>``, each in backticks), each Celery task by its name.
Everything is read by parsing; nothing is imported.
"""

from __future__ import annotations

import ast
from pathlib import Path

from slicekit.findings import Finding
from slicekit.names import ProductNames
from slicekit.parsing import parse_python
from slicekit.rules import rule

HTTP_METHODS = ("get", "post", "put", "patch", "delete")
RULE = rule("readme")


def lint_readme(root: Path, names: ProductNames) -> list[Finding]:
    readme = root / names.directory / "README.md"
    backend = root / names.directory / "backend"
    if not readme.is_file():
        return []  # reported as a missing file by the layout lint
    text = readme.read_text(encoding="utf-8")
    lines = text.splitlines()
    where = f"{names.directory}/README.md"
    findings = [
        Finding(
            where, None, RULE, f"facade function {function} is not documented: add `{function}(`"
        )
        for function in facade_functions(backend / "facade" / "api.py")
        if f"`{function}(" not in text
    ]
    findings += [
        Finding(where, None, RULE, f"event {event} is not documented: add `{event}(`")
        for event in published_events(backend / "facade" / "events.py")
        if f"`{event}(" not in text
    ]
    for method, path in endpoints(backend / "presentation", names.name):
        if not any(f"`{method}`" in line and f"`{path}`" in line for line in lines):
            findings.append(
                Finding(
                    where,
                    None,
                    RULE,
                    f"endpoint {method} {path} is not documented: add a line with `{method}` "
                    f"and `{path}`",
                )
            )
    findings += [
        Finding(where, None, RULE, f"task {task} is not documented: add `{task}`")
        for task in task_names(backend / "tasks" / "tasks.py")
        if f"`{task}`" not in text
    ]
    return findings


def facade_functions(api: Path) -> list[str]:
    """The public functions defined in the facade module."""
    tree = _parse(api)
    return [
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and not node.name.startswith("_")
    ]


def published_events(events: Path) -> list[str]:
    """The public classes of the events module: the events the product publishes."""
    tree = _parse(events)
    return [
        node.name
        for node in tree.body
        if isinstance(node, ast.ClassDef) and not node.name.startswith("_")
    ]


def endpoints(presentation: Path, product: str) -> list[tuple[str, str]]:
    """``(METHOD, /api/<product>/<route>)`` for each route of urls.py and method of its view."""
    methods = _view_methods(_parse(presentation / "views.py"))
    found = []
    for node in ast.walk(_parse(presentation / "urls.py")):
        if not (isinstance(node, ast.Call) and _name(node.func) in ("path", "re_path")):
            continue
        if len(node.args) < 2:
            continue
        route, view = node.args[0], node.args[1]
        if not (isinstance(route, ast.Constant) and isinstance(route.value, str)):
            continue
        if isinstance(view, ast.Call) and isinstance(view.func, ast.Attribute):
            view = view.func.value  # SomeView.as_view()
        path = f"/api/{product}/{route.value}"
        found += [(method.upper(), path) for method in methods.get(_name(view), ())]
    return found


def task_names(tasks: Path) -> list[str]:
    """The ``name=`` of every ``@shared_task``/``@app.task`` decorator."""
    names: list[str] = []
    for node in ast.walk(_parse(tasks)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for decorator in node.decorator_list:
            if isinstance(decorator, ast.Call) and _name(decorator.func) in ("shared_task", "task"):
                names += [
                    keyword.value.value
                    for keyword in decorator.keywords
                    if keyword.arg == "name"
                    and isinstance(keyword.value, ast.Constant)
                    and isinstance(keyword.value.value, str)
                ]
    return names


def _view_methods(tree: ast.Module) -> dict[str, tuple[str, ...]]:
    return {
        node.name: tuple(
            item.name
            for item in node.body
            if isinstance(item, ast.FunctionDef) and item.name in HTTP_METHODS
        )
        for node in tree.body
        if isinstance(node, ast.ClassDef)
    }


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _parse(path: Path) -> ast.Module:
    """An empty module for a file that is missing or does not parse (the layout lint or
    ruff reports it), so that it documents nothing."""
    return parse_python(path) or ast.Module(body=[], type_ignores=[])
