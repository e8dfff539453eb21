"""Calls: dynamic imports, app registry lookups and walks, tasks sent by a computed name."""

from __future__ import annotations

import ast
import importlib.util

from slicekit.names import possessive
from slicekit.reach_file import FileContext
from slicekit.reach_names import NameReach
from slicekit.reach_strings import called_name, keyword
from slicekit.reach_text import TextReach
from slicekit.rules import rule

# Calls that import (or find) a module by a name given at run time.
DYNAMIC_IMPORTS = frozenset(
    {
        "__import__",
        "cached_import",
        "find_spec",
        "import_module",
        "import_string",
        "iter_modules",
        "locate",
        "resolve_name",
        "run_module",
        "run_path",
        "walk_packages",
    }
)
# The app registry itself, and what of it hands out every app's models (the two
# mappings are also read by a label, which registry-string checks).
APP_REGISTRIES = frozenset({"django.apps.apps", "django.apps.registry.apps"})
REGISTRY_WALKS = frozenset({"get_models", "get_app_configs", "all_models", "app_configs"})
BY_LABEL = frozenset({"all_models", "app_configs"})
# Calls that take an app label as their first argument.
LABEL_LOOKUPS = frozenset({"get_app_config", "get_by_natural_key", "get_registered_model"})


class CallReach:
    """dynamic-import, registry-string, registry-walk, and owned-name for computed task names."""

    def __init__(self, file: FileContext, names: NameReach, text: TextReach) -> None:
        self.file = file
        self.strings = file.strings
        self.names = names
        self.text = text

    def check_call(self, node: ast.Call) -> None:
        name = called_name(node)
        first = node.args[0] if node.args else keyword(node, "name")
        inside = self.file.owner is not None
        if (
            inside
            and name in DYNAMIC_IMPORTS
            and (first is None or self.strings.value(first) is None)
        ):
            self.file.report(
                node,
                rule("dynamic-import"),
                f"{name}() with a module name computed at run time: no check can tell "
                "which product's module it loads; import the module, or call the "
                "other product's facade",
            )
        if inside and name in DYNAMIC_IMPORTS and first is not None:
            self._check_relative_import(node, first)
        if name == "getattr" and len(node.args) > 1:  # getattr(apps, "get_models")
            attribute = self.strings.value(node.args[1])
            if attribute in REGISTRY_WALKS:
                self.check_walk(node, attribute, node.args[0])
        sends = name in {"send_task", "signature", "Signature"}
        if inside and sends and first is not None and self.strings.value(first) is None:
            self.file.report(
                node,
                rule("owned-name"),
                f"{name}() with a task name computed at run time: no check can tell "
                "whose task it sends; call the task's own product's facade",
            )
        labels = [(first, "label")] if name in LABEL_LOOKUPS and first is not None else []
        for argument in (
            node.keywords if name != "get_model" else ()
        ):  # model-lookup reads get_model
            if argument.arg and (
                argument.arg == "app_label" or argument.arg.endswith("__app_label")
            ):
                labels.append((argument.value, "label"))
            elif argument.arg == "sender":
                labels.append((argument.value, "model"))
        for value, kind in labels:
            text = self.strings.value(value)
            if text is None:
                if self.file.owner is not None and kind == "label":
                    self.file.report(
                        node,
                        rule("registry-string"),
                        f"{name or 'a call'}() with an app label computed at run time: no "
                        "check can tell whose models it reaches; use your own models, or "
                        "another product's facade",
                    )
                continue
            self._check_label(node, text.partition(".")[0] if kind == "model" else text, name)

    def _check_relative_import(self, node: ast.Call, first: ast.expr) -> None:
        """``import_module("..logic", "products.catalog.backend.facade")``: the resolved path."""
        text = self.strings.value(first)
        package = node.args[1] if len(node.args) > 1 else keyword(node, "package")
        anchor = self.strings.value(package) if package is not None else None
        if text and text.startswith(".") and anchor:
            try:
                resolved = importlib.util.resolve_name(text, anchor)
            except (ImportError, ValueError):
                return
            self.text.check_module_string(node, resolved, complete=True)

    def _is_app_registry(self, node: ast.AST) -> bool:
        """``apps`` as Django's registry: imported from django.apps, or a migration's argument."""
        if isinstance(node, ast.Name) and node.id == "apps":
            return True
        return bool(self.names.resolve(node) & APP_REGISTRIES)

    def check_walk(self, node: ast.AST, attribute: str, registry: ast.AST) -> None:
        """``apps.get_models`` called, passed on or read by getattr: a walk; ``apps.all_models``
        and ``apps.app_configs`` too, but read by a label (``[...]``), a lookup."""
        by_label = attribute in BY_LABEL and isinstance(self.file.parents.get(node), ast.Subscript)
        if self.file.owner is None or by_label or not self._is_app_registry(registry):
            return
        self.file.report(
            node,
            rule("registry-walk"),
            f"apps.{attribute} hands out every product's models, and a filter on them "
            "reaches another product's rows where no check can see it; use your own models by name "
            "(apps.get_app_config(<your label>)), or another product's facade",
        )

    def check_subscript(self, node: ast.Subscript) -> None:
        if isinstance(node.value, ast.Attribute) and node.value.attr in BY_LABEL:
            text = self.strings.value(node.slice)
            if text:
                self._check_label(node, text, f"apps.{node.value.attr}")

    def _check_label(self, node: ast.AST, label: str, via: str) -> None:
        if self.file.foreign(label) and "." not in label:
            self.file.report(
                node,
                rule("registry-string"),
                f"{via or 'a lookup'} names the app label {label!r} of product {label}: the "
                "app registry hands out its models and rows, which only it may touch; call "
                f"{possessive(label)} facade",
            )
