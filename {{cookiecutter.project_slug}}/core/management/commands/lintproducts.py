"""``manage.py lintproducts NAME... | --all``: products (and packages) against their rules."""

import re
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from boundaries.findings import Finding
from boundaries.layout import lint_cycles, lint_product, product_directories
from boundaries.names import ProductNames
from boundaries.owners import lint_owners
from boundaries.packages import lint_package, package_directories
from core.checks import product_apps
from scaffold.product import project_slug


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
        findings += lint_owners(root, existing)
        packages = package_directories(root) if every else []
        for package in packages:
            findings += lint_package(root, package)
        for finding in findings:
            self.stderr.write(str(finding))
        checked = counted(len(products or existing), "product")
        if every:
            checked += f" and {counted(len(packages), 'package')}"
        if findings:
            raise CommandError(f"{len(findings)} problems in {checked}")
        self.stdout.write(f"lintproducts: {checked} checked, all pass")


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
                "app-registry",
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
                "app-registry",
                f"the app label is {config.label!r}; it must be the product name "
                f"{names.app_label!r}, which migrations, relations and URLs use",
            )
        ]
    return []
