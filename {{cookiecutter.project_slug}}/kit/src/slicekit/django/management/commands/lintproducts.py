"""``manage.py lintproducts NAME... | --all``: products (and packages) against their rules."""

import re
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from slicekit.baseline import BaselineError, apply_baseline, read_baseline
from slicekit.django.products import product_apps
from slicekit.django.reach import registry, silenced_boundaries
from slicekit.domains import declared_dependencies, read_domain
from slicekit.findings import Finding
from slicekit.hatches import lint_domain_hatches, lint_tach_config
from slicekit.kit_imports import PRODUCTION_ROOTS, lint_kit_imports
from slicekit.layout import (
    lint_cycles,
    lint_product,
    lint_products_directory,
    product_directories,
)
from slicekit.names import PackageNames, ProductNames
from slicekit.owners import lint_owners
from slicekit.packages import lint_package, package_directories
from slicekit.reach import RULES as REACH_RULES
from slicekit.reach import lint_reach
from slicekit.rules import rule
from slicekit.scaffold.product import project_slug


class Command(BaseCommand):
    help = (
        "Check products against the standard layout and their isolation chain; "
        "with --all, every package against the package rules too."
    )
    # Report layout problems even when they break Django's own checks (a missing module).
    requires_system_checks = ()

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("products", nargs="*", metavar="PRODUCT")
        parser.add_argument(
            "--all",
            action="store_true",
            dest="every",
            help="every directory under products/ and packages/",
        )

    def handle(self, *args: Any, products: list[str], every: bool, **options: Any) -> None:
        root = Path(settings.BASE_DIR)
        existing = product_directories(root)
        if bool(products) == every:
            raise CommandError("name the products to lint, or pass --all (not both)")
        unknown = sorted(set(products) - set(existing))
        if unknown:
            raise CommandError(f"no product {unknown[0]!r} under products/")
        slug = project_slug(root)
        installed = product_apps()
        findings = []
        for product in products or existing:
            findings += lint_product(root, product, slug)
            findings += registry_findings(root, product, installed.get(product))
        findings += lint_cycles(root, existing)
        findings += lint_products_directory(root)
        findings += lint_owners(root, existing)
        packages = package_directories(root) if every else []
        for package in packages:
            findings += lint_package(root, package)
            findings += lint_domain_hatches(root, PackageNames(package).directory)
        findings += reach_findings(root, existing, products or existing, slug)
        linted = [ProductNames(p).directory for p in products or existing]
        findings += lint_kit_imports(root, [*linted, *(PRODUCTION_ROOTS if every else ())])
        try:
            allowances = read_baseline(root)
        except BaselineError as error:
            raise CommandError(str(error)) from None
        if products:  # entries about products not checked now are neither used nor stale
            skipped = [ProductNames(p).directory + "/" for p in set(existing) - set(products)]
            allowances = [a for a in allowances if not a.path.startswith(tuple(skipped))]
        findings = apply_baseline(findings, allowances, LINT_RULES)
        for finding in findings:
            self.stderr.write(str(finding))
        checked = counted(len(products or existing), "product")
        if every:
            checked += f" and {counted(len(packages), 'package')}"
        if findings:
            raise CommandError(f"{counted(len(findings), 'problem')} in {checked}")
        self.stdout.write(f"lintproducts: {checked} checked, all pass")


# The rules whose findings boundaries.baseline.toml may accept (and whose stale entries fail).
LINT_RULES = REACH_RULES - {rule("syntax")}


def reach_findings(root: Path, existing: list[str], checked: list[str], slug: str) -> list[Finding]:
    """References across products (boundaries.reach) and escape hatches in the tach config."""
    declared = {}
    for product in existing:
        try:
            declared[product] = declared_dependencies(read_domain(root, product))
        except (OSError, ValueError):
            declared[product] = set()
    tasks_and_tables, failures = registry()
    findings = failures + lint_reach(root, existing, tasks_and_tables, declared, slug, checked)
    findings += lint_tach_config(root)
    for product in checked:
        findings += lint_domain_hatches(root, ProductNames(product).directory)
    static = " ".join(f.message for f in findings if "SILENCED_SYSTEM_CHECKS" in f.message)
    return findings + [f for f in silenced_boundaries() if f.message.split()[2] not in static]


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def registry_findings(root: Path, product: str, config: AppConfig | None) -> list[Finding]:
    """The product's app (``config``, if installed) is installed under the product's name."""
    names = ProductNames(product)
    apps_file = f"{names.directory}/backend/apps.py"
    if not (root / apps_file).is_file():
        return []  # reported as a missing file
    if config is None:
        return [
            Finding(
                apps_file,
                None,
                rule("app-registry"),
                f"{names.app_module} is not an installed app: apps.py must define its AppConfig",
            )
        ]
    if config.label != names.app_label:
        text = (root / apps_file).read_text(encoding="utf-8")
        match = re.search(r"^[ \t]*label\s*=", text, re.MULTILINE)
        line = text.count("\n", 0, match.start()) + 1 if match else None
        return [
            Finding(
                apps_file,
                line,
                rule("app-registry"),
                f"the app label is {config.label!r}; it must be the product name "
                f"{names.app_label!r}, which migrations, relations and URLs use",
            )
        ]
    return []
