"""Create a product from the one product skeleton.

The template's post-generation hook and ``manage.py startproduct`` both
call :func:`create_product`, so a product added later has exactly the shape
of the products created at bake time.
"""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

from slicekit.contracts import read_contracts
from slicekit.domains import declared_uses
from slicekit.graph import reachable
from slicekit.http_lock import write_lock as write_api_lock
from slicekit.layout import product_directories
from slicekit.lock import write_lock
from slicekit.names import (
    FACADE_INTERFACE,
    WEB_APP_DIRECTORY,
    InvalidName,
    ProductNames,
    check_dependencies,
    check_product_name,
    in_import_order,
)
from slicekit.openapi import SLICE_FILE, from_skeleton
from slicekit.owners import OwnersError, read_owners, write_codeowners
from slicekit.scaffold.client import GENERATED_CLIENT, sort_schemas
from slicekit.scaffold.tree import render_tree, write_tree

SKELETON = Path(__file__).parent / "skeleton" / "product"


def project_slug(root: Path) -> str:
    """The project's slug: the name of its root ``package.json``."""
    try:
        name = json.loads((root / "package.json").read_text(encoding="utf-8"))["name"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise InvalidName(
            f"{root} is not a project root: no readable package.json name ({error})"
        ) from error
    if not isinstance(name, str):
        raise InvalidName(f"{root} is not a project root: its package.json name is not a string")
    return name


def has_frontend(root: Path) -> bool:
    """Whether the project has the web app, so its products get a frontend too."""
    return (root / WEB_APP_DIRECTORY / "package.json").is_file()


def product_exists(root: Path, name: str) -> bool:
    return (root / "products" / name / "backend" / "apps.py").is_file()


def create_product(
    root: Path, name: str, *, depends_on: Sequence[str] = (), isolated: bool = True
) -> Path:
    """Render the skeleton into ``products/<name>`` atomically; return its path.

    ``depends_on`` lists the existing products whose facades it uses, each
    declared everywhere a dependency lives. A failure never leaves a
    half-written product behind. An isolated product (the default) exposes
    only its facade and gets a contract lock; a non-isolated one lets others
    import anything from it, so a change to it re-tests everything.
    """
    slug = project_slug(root)
    check_product_name(name, slug)
    target = root / "products" / name
    if target.exists():
        raise InvalidName(f"invalid product name {name!r}: {target} already exists")
    existing = [product for product in product_directories(root) if product_exists(root, product)]
    check_dependencies(name, depends_on, existing, "there is no such product")
    check_no_cycle(root, name, depends_on)

    try:
        owners = read_owners(root, "package.json")  # the project's default owners
    except OwnersError as error:
        raise InvalidName(f"cannot create {name!r}: {error}") from error
    frontend = has_frontend(root)
    context = skeleton_context(
        slug, name, depends_on, isolated=isolated, owners=owners, frontend=frontend
    )
    skip = () if frontend else ("frontend",)
    write_tree(target, _as_generated(render_tree(SKELETON, context, skip=skip)))
    try:
        write_api_lock(root, name)  # the API it starts with is the API it promises
        if isolated:
            contracts = read_contracts(root, name)
            if contracts.findings:
                raise InvalidName(f"the skeleton breaks a contract rule: {contracts.findings[0]}")
            write_lock(root, contracts)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    with contextlib.suppress(OwnersError):  # another product's bad owners: the lint says so
        write_codeowners(root, product_directories(root))
    return target


def check_no_cycle(root: Path, name: str, depends_on: Sequence[str]) -> None:
    """Refuse dependencies that already use a product called ``name`` (a hand-edited
    ``tach.domain.toml`` may name a product before it exists): the new one would close a cycle.
    """
    paths = reachable(depends_on, lambda product: declared_uses(root, product))
    if name in paths:
        cycle = " -> ".join((name, *paths[name]))
        raise InvalidName(f"invalid dependency {paths[name][0]!r} of {name!r}: cycle {cycle}")


def _as_generated(files: Iterator[tuple[Path, str]]) -> Iterator[tuple[Path, str]]:
    """The rendered files; the OpenAPI slice as ``manage.py openapi`` would write it, and the
    frontend's client as openapi-typescript would."""
    for relative, text in files:
        if relative.name == SLICE_FILE:
            yield relative, from_skeleton(text)
        elif relative.as_posix() == GENERATED_CLIENT:
            yield relative, sort_schemas(text)
        else:
            yield relative, text


def skeleton_context(
    slug: str,
    name: str,
    depends_on: Sequence[str],
    *,
    isolated: bool,
    owners: Sequence[str] = (),
    frontend: bool = False,
) -> dict[str, object]:
    product = ProductNames(name)
    dependencies = [ProductNames(dependency) for dependency in in_import_order(depends_on)]
    tach_modules = ["//core", "//packages.display_names"]
    tach_modules += [f"//{dependency.tach_module}" for dependency in dependencies]
    return {
        "product": product.name,
        "Product": product.class_prefix,
        "verbose_name": product.verbose_name,
        "verbose_possessive": product.verbose_possessive,
        "product_possessive": product.possessive_name,
        "app_module": product.app_module,
        "tach_module": product.tach_module,
        "turbo_package": product.turbo_package(slug),
        "test_script": product.checked_test_script if isolated else product.test_script,
        "contract_check_script": product.contract_check_script,
        "tests_directory": product.tests_directory,
        "isolated": isolated,
        "owners": json.dumps(list(owners)),  # a JSON list, escaped alike
        "facade_interface": json.dumps(FACADE_INTERFACE),  # a TOML string, escaped alike
        "tach_depends_on": json.dumps(tach_modules),  # a TOML array of strings
        "has_dependency": bool(dependencies),
        # Each dependency's names, for the skeleton's "for dependencies" blocks.
        "dependencies": [
            {
                "dependency": dependency.name,
                "dependency_possessive": dependency.possessive_name,
                "dependency_turbo_package": dependency.turbo_package(slug),
                "dependency_comma": "," if index < len(dependencies) - 1 else "",
                "Dependency": dependency.class_prefix,
                "dependency_camel": dependency.camel_name,
                "dependency_verbose_name": dependency.verbose_name,
            }
            for index, dependency in enumerate(dependencies)
        ],
        # The frontend (products/<name>/frontend/), when the project has the web app.
        "frontend": frontend,
        "item_schema": product.schema_component("Item"),
        "new_item_schema": product.schema_component("NewItem"),
        "new_item_errors_schema": product.schema_component("NewItemErrors"),
        "item_page_schema": f"Paginated{product.schema_component('Item')}List",
    }
