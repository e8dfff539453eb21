"""Boundary checks that need Django: relations, model lookups and facade return types.

tach sees imports only. It cannot see ``ForeignKey("catalog.Item")``,
``apps.get_model("catalog", "Item")``, reverse relations, or a facade that
hands out an ORM instance. These checks read Django's app registry instead.
They are registered with the ``boundaries`` tag, so ``manage.py check`` (and
``runserver``) runs them, and ``core/tests/test_checks.py`` runs them in the
test suite.
"""

import ast
import inspect
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from importlib import import_module
from pathlib import Path
from typing import Any

from django.apps import AppConfig, apps
from django.conf import settings
from django.core.checks import Error, register
from django.db import models

from slicekit.django.facade_names import ELSEWHERE, binding_line, name_problem
from slicekit.django.products import declared_uses, product_apps
from slicekit.graph import closes_a_cycle
from slicekit.names import is_contract_module, possessive
from slicekit.reach import model_lookups
from slicekit.rules import rule
from slicekit.scalars import CONTRACT_SCALARS

TAG = "boundaries"
# Immutable containers a facade may return contracts in: a list or a dict could be
# changed by its receiver, and an iterator or a Sequence says nothing about which.
CONTAINERS = frozenset({tuple, frozenset, typing.Union, types.UnionType})


def _facade_fix(product: str | None, other: str, fix: str) -> str:
    """``fix`` (a way through ``other``'s facade), unless ``other`` already depends on
    ``product``: then why it may not, and the ways that keep one direction."""
    return (product and closes_a_cycle(product, other, declared_uses)) or fix


@register(TAG)
def check_relations(app_configs: Iterable[AppConfig] | None = None, **kwargs: Any) -> list[Error]:
    """No relation into another product's models; relations to shared models hide their reverse."""
    owners = {config: name for name, config in product_apps().items()}
    errors = []
    for model in apps.get_models():  # an M2M's through table is reported on its field
        owner = owners.get(model._meta.app_config)
        for field in model._meta.get_fields(include_hidden=True):
            target = field.related_model
            if not field.is_relation or field.auto_created or not isinstance(target, type):
                continue
            target_product = owners.get(target._meta.app_config)
            crosses = target_product is not None and target_product != owner
            exposes = owner is not None and target_product is None and not _reverse_hidden(field)
            if not (crosses or exposes):
                continue
            # Located only when reported: finding the line parses the model's file.
            relation = (
                f"{_field_place(model, field.name)}: {model.__name__}.{field.name} "
                f"is a {type(field).__name__} to"
            )
            if target_product is not None and target_product != owner:  # it crosses
                errors.append(
                    Error(
                        f"{relation} {target._meta.label}, a model of product {target_product}: "
                        "products never share tables",
                        hint=_facade_fix(
                            owner,
                            target_product,
                            f"Store the id (a UUIDField) and read it through "
                            f"{possessive(target_product)} facade.",
                        ),
                        obj=model,
                        id=rule("foreign-relation"),
                    )
                )
            else:
                errors.append(
                    Error(
                        f'{relation} shared model {target._meta.label} without related_name="+": '
                        f"its reverse accessor would let shared code reach into product {owner}",
                        hint='Add related_name="+"; ask the product\'s facade for the reverse.',
                        obj=model,
                        id=rule("shared-reverse"),
                    )
                )
    return errors


@register(TAG)
def check_model_lookups(
    app_configs: Iterable[AppConfig] | None = None, **kwargs: Any
) -> list[Error]:
    """No ``apps.get_model()`` of another product's model (tach cannot see the string)."""
    products = product_apps()
    # Shared code (core, config) may not look a product's model up either.
    places: list[tuple[str | None, Path]] = [(p, Path(c.path)) for p, c in products.items()]
    places += [(None, Path(settings.BASE_DIR) / shared) for shared in ("core", "config")]
    errors = []
    for product, directory in places:
        for path in sorted(directory.rglob("*.py")):
            for line, label in _model_lookups(path):
                if label is None and product is not None:
                    errors.append(
                        Error(
                            f"{_relative(path)}:{line}: get_model() with an app label computed "
                            "at run time: no check can tell whose model it loads",
                            hint="Name your own app label, or call the other product's facade.",
                            id=rule("model-lookup"),
                        )
                    )
                elif label in products and label != product:
                    errors.append(
                        Error(
                            f"{_relative(path)}:{line}: get_model() loads a model of product "
                            f"{label}: products never use each other's models",
                            hint=_facade_fix(
                                product, label, f"Call {possessive(label)} facade instead."
                            ),
                            id=rule("model-lookup"),
                        )
                    )
    return errors


@register(TAG)
def check_facade_returns(
    app_configs: Iterable[AppConfig] | None = None, **kwargs: Any
) -> list[Error]:
    """Every public facade function is annotated to return contracts, never models."""
    errors = []
    for product, config in product_apps().items():
        try:
            api = import_module(f"{config.name}.facade.api")
        except ModuleNotFoundError:
            continue  # `manage.py lintproducts` reports the missing file
        # The public surface is __all__ (`python -m slicekit contracts` holds api.py to
        # it), and any public function defined there, listed or not.
        defined = [
            name
            for name, function in inspect.getmembers(api, inspect.isfunction)
            if not name.startswith("_") and function.__module__ == api.__name__
        ]
        for name in dict.fromkeys([*getattr(api, "__all__", ()), *defined]):
            function = getattr(api, name, None)
            surface = name_problem(api, name) if function is not None else ""
            if not inspect.isfunction(function) or (surface and not surface.endswith(ELSEWHERE)):
                if surface:  # none: an undefined name, which `python -m slicekit contracts` reports
                    where = f"{_relative(Path(api.__file__ or ''))}:{binding_line(api, name)}"
                    errors.append(
                        Error(
                            f"{where}: facade name {product}.{name} {surface}",
                            hint="Each name in __all__ is one function written in api.py.",
                            id=rule("facade-surface"),
                        )
                    )
                continue
            problem = _return_problem(function)
            defined_in = inspect.unwrap(function).__module__
            if not problem and defined_in != api.__name__:
                problem = (
                    f"is {defined_in}.{name} re-exported: a facade function is defined in "
                    "api.py and maps what the logic returns to contracts"
                )
            if problem:
                where = f"{_relative(Path(inspect.getfile(function)))}:{_line(function)}"
                errors.append(
                    Error(
                        f"{where}: facade function {product}.{name} {problem}",
                        hint="Facades return contracts (frozen dataclasses from "
                        "facade/contracts.py), enums, scalars, or tuples of them; map models "
                        "to contracts inside the facade.",
                        id=rule("facade-returns"),
                    )
                )
    return errors


def _return_problem(function: Callable[..., object]) -> str:
    try:
        hints = typing.get_type_hints(function)
    except Exception as error:  # an annotation that cannot be resolved is a finding
        return f"has an annotation that cannot be resolved ({error})"
    if "return" not in hints:
        return "has no return annotation, so nobody can tell that it returns contracts"
    for leaf in _non_contracts(hints["return"]):
        if isinstance(leaf, type) and issubclass(leaf, models.Model):
            return f"returns {leaf.__module__}.{leaf.__qualname__}, an ORM model, not a contract"
        return f"returns {getattr(leaf, '__qualname__', leaf)!s}, which is not a contract"
    return ""


def _non_contracts(annotation: object) -> Iterator[object]:
    if annotation is None or annotation is type(None) or annotation is Ellipsis:
        return
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return
    if origin in CONTAINERS:
        for argument in typing.get_args(annotation):
            yield from _non_contracts(argument)
        return
    if annotation in CONTRACT_SCALARS:
        return
    if isinstance(annotation, type) and is_contract_module(annotation.__module__):
        return
    yield annotation


def _reverse_hidden(field: Any) -> bool:
    return str(field.remote_field.related_name or "").endswith("+")


def _model_lookups(path: Path) -> Iterator[tuple[int, str | None]]:
    """``(line, app label)`` of each ``get_model(...)``; None for a label computed at run time."""
    source = path.read_bytes()
    if b"get_model" not in source:
        return  # parsing is the expensive part, and most files never call it
    try:
        tree = ast.parse(source, filename=str(path))
    except (SyntaxError, ValueError):
        return  # ruff and the product lint report it
    yield from model_lookups(tree)


def _field_place(model: type[models.Model], field_name: str) -> str:
    """``path:line`` of the field's declaration, or of its model when it is inherited."""
    path = Path(inspect.getfile(model))
    line = _line(model)
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.ClassDef) and node.name == model.__name__:
            for item in node.body:
                if isinstance(item, ast.Assign | ast.AnnAssign):
                    targets = item.targets if isinstance(item, ast.Assign) else [item.target]
                    if any(isinstance(t, ast.Name) and t.id == field_name for t in targets):
                        line = item.lineno
    return f"{_relative(path)}:{line}" if line else _relative(path)


def _line(obj: Any) -> int:
    try:
        return inspect.getsourcelines(obj)[1]
    except (OSError, TypeError):
        return 0


def _relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path(settings.BASE_DIR).resolve()).as_posix()
    except ValueError:
        return str(path)
