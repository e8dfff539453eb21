"""``manage.py startproduct NAME``: add a product, identical in shape to the bake-time ones."""

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from slicekit.names import InvalidName
from slicekit.scaffold.product import create_product


class Command(BaseCommand):
    help = "Create products/<name> from the product skeleton."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("name", help="lowercase Python identifier, e.g. billing")
        parser.add_argument(
            "--depends-on",
            metavar="PRODUCT",
            action="append",
            default=[],
            help="an existing product whose facade it uses; repeat it for each one",
        )
        parser.add_argument(
            "--not-isolated",
            action="store_true",
            help="let other products import any of it (a change to it then re-tests everything)",
        )

    def handle(
        self, *args: Any, name: str, depends_on: list[str], not_isolated: bool, **options: Any
    ) -> None:
        try:
            path = create_product(
                settings.BASE_DIR, name, depends_on=depends_on, isolated=not not_isolated
            )
        except InvalidName as error:
            raise CommandError(error) from error
        self.stdout.write(self.style.SUCCESS(f"Created {path.relative_to(settings.BASE_DIR)}"))
        self.stdout.write("It is registered automatically; run `make test` to see its tests pass.")
