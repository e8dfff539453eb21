"""``manage.py startpackage NAME``: add a package under packages/, from the package skeleton."""

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from slicekit.names import InvalidName, PackageNames
from slicekit.scaffold.package import create_package


class Command(BaseCommand):
    help = "Create packages/<name> from the package skeleton."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("name", help="lowercase Python identifier, e.g. money")
        parser.add_argument(
            "--depends-on",
            metavar="PACKAGE",
            action="append",
            default=[],
            help="an existing package it uses; repeat it for each one",
        )

    def handle(self, *args: Any, name: str, depends_on: list[str], **options: Any) -> None:
        try:
            path = create_package(settings.BASE_DIR, name, depends_on=depends_on)
        except InvalidName as error:
            raise CommandError(error) from error
        self.stdout.write(self.style.SUCCESS(f"Created {path.relative_to(settings.BASE_DIR)}"))
        self.stdout.write(
            f"Products and packages that use it declare "
            f'"//{PackageNames(name).module}" in their tach.domain.toml.'
        )
