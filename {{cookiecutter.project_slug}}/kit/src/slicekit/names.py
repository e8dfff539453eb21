"""Naming rules and the names derived from a product's or a package's name, in one place.

The template's pre-generation hook imports this module too, so a name the
template accepts is exactly a name ``manage.py startproduct`` accepts.
Standard library only: it runs under whatever Python runs cookiecutter.
"""

from __future__ import annotations

import keyword
import re
import sys
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

IDENTIFIER = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")
_DIGITS = re.compile(r"(\d+)")
IDENTIFIER_RULE = (
    "must be a lowercase Python identifier: letters, digits and single "
    "underscores, starting with a letter"
)
MAX_PRODUCT_NAME = 20  # keeps every skeleton line within the 100-column limit
MAX_PACKAGE_NAME = 20
# tach's interface for an isolated product (a full-match regex): its facade package only.
FACADE_INTERFACE = r"backend\.facade(\..*)?"
# tach's interface for a package: the names its __init__ exports, none with a leading
# underscore and no dotted path, so its private ``_*`` modules stay private.
PACKAGE_INTERFACE = r"[A-Za-z]\w*"

# The web app's directory at the project root; a project without it has no frontend,
# and its products are created without theirs.
WEB_APP_DIRECTORY = "frontend"
# A product's slice of the OpenAPI schema, in its directory; its frontend's client comes from it.
SCHEMA_SLICE = "backend/presentation/openapi.json"

# Top-level packages of the generated project itself.
PROJECT_PACKAGES = frozenset(
    {
        "config",
        "conftest",
        "core",
        "docs",
        "frontend",
        "kit",
        "manage",
        "packages",
        "products",
        "slicekit",
        "tests",
    }
)
# Packages the project installs: Django, DRF, Celery and what they pull in.
THIRD_PARTY_PACKAGES = frozenset(
    {
        "django",
        "rest_framework",
        "celery",
        "kombu",
        "billiard",
        "vine",
        "amqp",
        "asgiref",
        "sqlparse",
        "environ",
        "psycopg",
        "redis",
        "click",
        "dateutil",
        "tzdata",
        "pytest",
        "pytest_django",
        "tach",
        "ruff",
    }
)
# App labels Django and DRF register themselves.
FRAMEWORK_APP_LABELS = frozenset(
    {
        "admin",
        "admindocs",
        "auth",
        "contenttypes",
        "flatpages",
        "gis",
        "humanize",
        "messages",
        "postgres",
        "redirects",
        "sessions",
        "sitemaps",
        "sites",
        "staticfiles",
        "syndication",
        "authtoken",
    }
)


class InvalidName(ValueError):
    """A name breaks a rule; the message names the value and the rule."""


def check_identifier(value: str, what: str) -> None:
    """Refuse anything that is not a safe, non-shadowing lowercase identifier."""
    if not IDENTIFIER.fullmatch(value):
        raise InvalidName(f"invalid {what} {value!r}: {IDENTIFIER_RULE}")
    if keyword.iskeyword(value) or keyword.issoftkeyword(value):
        raise InvalidName(f"invalid {what} {value!r}: it is a Python keyword")
    if value in sys.stdlib_module_names:
        raise InvalidName(
            f"invalid {what} {value!r}: it shadows the standard library module {value!r}"
        )
    if value in THIRD_PARTY_PACKAGES:
        raise InvalidName(f"invalid {what} {value!r}: it shadows the installed package {value!r}")
    if value in FRAMEWORK_APP_LABELS:
        raise InvalidName(
            f"invalid {what} {value!r}: it clashes with the Django app label {value!r}"
        )
    if value in PROJECT_PACKAGES:
        raise InvalidName(
            f"invalid {what} {value!r}: it clashes with the project's own package {value!r}"
        )


def check_product_name(name: str, project_slug: str) -> None:
    check_identifier(name, "product name")
    if len(name) > MAX_PRODUCT_NAME:
        raise InvalidName(f"invalid product name {name!r}: at most {MAX_PRODUCT_NAME} characters")
    if name == project_slug:
        raise InvalidName(f"invalid product name {name!r}: it is the project slug")


def check_package_name(name: str) -> None:
    check_identifier(name, "package name")
    if len(name) > MAX_PACKAGE_NAME:
        raise InvalidName(f"invalid package name {name!r}: at most {MAX_PACKAGE_NAME} characters")


def check_dependencies(
    name: str,
    dependencies: Sequence[str],
    available: Collection[str],
    unavailable: str,
    kind: str = "product",
) -> None:
    """Refuse a dependency list with a bad name, the product itself, a repeat, or a product
    not in ``available``; ``unavailable`` says why such a product cannot be used.

    The bake (``orders:catalog+billing``), ``startproduct --depends-on`` and (``kind``
    "package") ``startpackage --depends-on`` share it, so all refuse the same lists with the
    same words. A product may only use products that exist before it, so no list accepted
    here closes a cycle of new products.
    """
    seen: set[str] = set()
    for dependency in dependencies:
        check_identifier(dependency, "dependency name")
        if dependency == name:
            raise InvalidName(
                f"invalid dependency {dependency!r} of {name!r}: a {kind} cannot depend on itself"
            )
        if dependency in seen:
            raise InvalidName(f"invalid dependency {dependency!r} of {name!r}: it is listed twice")
        if dependency not in available:
            raise InvalidName(f"invalid dependency {dependency!r} of {name!r}: {unavailable}")
        seen.add(dependency)


@dataclass(frozen=True)
class ProductSpec:
    name: str
    depends_on: tuple[str, ...] = ()


def parse_product_specs(text: str, project_slug: str) -> list[ProductSpec]:
    """Parse ``"catalog, orders:catalog, reviews:catalog+orders"``: names, each optionally
    followed by ``:`` and the products whose facades it uses, joined by ``+``.

    A product may depend only on products listed before it, which keeps the
    list in creation order and makes cycles impossible.
    """
    specs: list[ProductSpec] = []
    if not text.strip():
        return specs
    seen: list[str] = []
    for raw in text.split(","):
        item = raw.strip()
        if not item:
            raise InvalidName(f"invalid product list {text!r}: it has an empty entry")
        name, sep, dependencies = (part.strip() for part in item.partition(":"))
        check_product_name(name, project_slug)
        if name in seen:
            raise InvalidName(f"invalid product list {text!r}: {name!r} is listed twice")
        depends_on = tuple(part.strip() for part in dependencies.split("+")) if sep else ()
        check_dependencies(
            name, depends_on, seen, "it may only depend on a product listed before it"
        )
        seen.append(name)
        specs.append(ProductSpec(name, depends_on))
    return specs


def in_import_order(names: Iterable[str]) -> list[str]:
    """``names`` sorted as ruff's isort sorts the modules named after them: runs of digits
    by their value (``shop9`` before ``shop10``). A product's imports of the products it
    uses are then sorted as the skeleton writes them, and so is every list of them."""
    return sorted(names, key=_natural_key)


def _natural_key(name: str) -> list[int | str]:
    # Split around digit runs, text and numbers alternate: lists compare position by position.
    return [int(part) if part.isdigit() else part for part in _DIGITS.split(name)]


def possessive(noun: str) -> str:
    """``"Catalog's"``, ``"Orders'"``: the possessive of a name, for prose."""
    return f"{noun}'" if noun.endswith("s") else f"{noun}'s"


@dataclass(frozen=True)
class ProductNames:
    """Every name a product needs, derived from its one name."""

    name: str

    @property
    def app_label(self) -> str:
        return self.name

    @property
    def app_module(self) -> str:
        return f"products.{self.name}.backend"

    @property
    def tach_module(self) -> str:
        return f"products.{self.name}"

    @property
    def contract_modules(self) -> tuple[str, str]:
        """The modules other products may import its contracts and enums from."""
        return (f"{self.app_module}.facade.contracts", f"{self.app_module}.facade.enums")

    @property
    def directory(self) -> str:
        """Its directory, relative to the project root."""
        return f"products/{self.name}"

    @property
    def tests_directory(self) -> str:
        return f"{self.directory}/backend/tests"

    @property
    def class_prefix(self) -> str:
        return "".join(part.capitalize() for part in self.name.split("_"))

    @property
    def verbose_name(self) -> str:
        return self.name.replace("_", " ").capitalize()

    @property
    def verbose_possessive(self) -> str:
        """``"Catalog's"``, ``"Orders'"``, ``"Order lines'"``: for the skeleton's prose."""
        return possessive(self.verbose_name)

    @property
    def possessive_name(self) -> str:
        """``"catalog's"``, ``"orders'"``: its name in running prose."""
        return possessive(self.name)

    def turbo_package(self, project_slug: str) -> str:
        return f"@{project_slug}/{self.name}"

    # The frontend's names (TypeScript and URLs), derived here once like the Python ones.
    @property
    def camel_name(self) -> str:
        """Its name as a TypeScript variable: ``big_shop`` -> ``bigShop``."""
        first, *rest = self.name.split("_")
        return first + "".join(part.capitalize() for part in rest)

    @property
    def api_path(self) -> str:
        """The URL prefix of its endpoints (config/urls.py mounts them there)."""
        return f"/api/{self.name}/"

    @property
    def schema_slice(self) -> str:
        """Its part of the OpenAPI schema, which its frontend's client is generated from."""
        return f"{self.directory}/{SCHEMA_SLICE}"

    @property
    def frontend_directory(self) -> str:
        return f"{self.directory}/frontend"

    def schema_component(self, serializer: str) -> str:
        """A serializer's name in the schema (core.openapi prefixes the product's class prefix)."""
        return f"{self.class_prefix}{serializer}"

    # The workspace scripts run from products/<name>/ in the virtualenv `make install`
    # creates, so turbo needs no uv on PATH. Tests run with only this product and the
    # products it uses installed (config/products.py reads PRODUCTS); tach's pytest
    # plugin, which the tests do not use, would add its imports to every run.
    @property
    def test_command(self) -> str:
        return f"PRODUCTS={self.name} .venv/bin/python -m pytest -p no:tach {self.tests_directory}"

    @property
    def test_script(self) -> str:
        return f"cd ../.. && {self.test_command}"

    @property
    def checked_test_script(self) -> str:
        """An isolated product's tests: first its contracts and facade against their lock.

        The lock is what the products using it re-test on, so a facade or contract
        change fails here, in the product's own task, until the lock is rewritten.
        """
        return f"cd ../.. && {self.contract_check_command} && {self.test_command}"

    @property
    def contract_check_command(self) -> str:
        return f".venv/bin/python -m slicekit contracts {self.name}"

    @property
    def contract_check_script(self) -> str:
        return f"cd ../.. && {self.contract_check_command}"


@dataclass(frozen=True)
class PackageNames:
    """Every name a package needs, derived from its one name."""

    name: str

    @property
    def module(self) -> str:
        """Its import path, which is also its tach module."""
        return f"packages.{self.name}"

    @property
    def directory(self) -> str:
        """Its directory, relative to the project root."""
        return f"packages/{self.name}"

    @property
    def tests_directory(self) -> str:
        return f"{self.directory}/tests"

    @property
    def verbose_name(self) -> str:
        return self.name.replace("_", " ").capitalize()


def is_contract_module(module: str) -> bool:
    """Whether ``module`` is a product's ``facade.contracts`` or ``facade.enums``."""
    parts = module.split(".")
    return len(parts) == 5 and module in ProductNames(parts[1]).contract_modules
