"""``manage.py openapi PRODUCT... | --all [--check]``: write or check each product's schema slice.

The slice (``products/<name>/backend/presentation/openapi.json``) is what a
frontend generates its client from and what the HTTP lock compares against
(``python -m slicekit api``). It is committed, so a change to the API shows
in review; ``--check`` (in ``make check``) fails when one is stale.
"""

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer

from slicekit.django.products import product_apps
from slicekit.openapi import RULE, WRITE_COMMAND, dumps, product_slice, slice_path


class Command(BaseCommand):
    help = "Write each product's slice of the OpenAPI schema, or check that it is up to date."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("products", nargs="*", metavar="PRODUCT")
        parser.add_argument(
            "--all", action="store_true", dest="every", help="every installed product"
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="write nothing; fail, naming the file, when a slice is missing or stale",
        )

    def handle(
        self, *args: Any, products: list[str], every: bool, check: bool, **options: Any
    ) -> None:
        if bool(products) == every:
            raise CommandError("name the products, or pass --all (not both)")
        installed = sorted(product_apps())
        if unknown := sorted(set(products) - set(installed)):
            raise CommandError(f"no installed product {unknown[0]!r}")
        root = Path(settings.BASE_DIR)
        schema = _generate()
        stale = []
        for product in products or installed:
            path = slice_path(root, product)
            relative = path.relative_to(root).as_posix()
            text = dumps(product_slice(schema, product))
            current = path.read_text(encoding="utf-8") if path.is_file() else None
            if check:
                if current != text:
                    state = "missing" if current is None else "stale"
                    stale.append(
                        f"{relative}: {RULE}: {state}: {product}'s API changed since it was "
                        f"written; rewrite it with `{WRITE_COMMAND}` and commit it"
                    )
            elif current != text:
                path.write_text(text, encoding="utf-8")
                self.stdout.write(f"wrote {relative}")
        if stale:
            self.stderr.write("\n".join(stale))
            raise SystemExit(1)
        if check:
            self.stdout.write(f"openapi: {len(products or installed)} slices up to date")


def _generate() -> dict[str, Any]:
    """The whole schema as JSON values (the renderer turns lazy strings and the like into JSON)."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    rendered: dict[str, Any] = json.loads(OpenApiJsonRenderer().render(schema))
    return rendered
