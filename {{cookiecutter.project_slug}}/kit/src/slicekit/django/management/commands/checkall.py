"""``manage.py checkall``: every check of ``make check`` that needs Django, in one process.

Each of them, as its own command, set Django up again with every product
installed: a second or more each in a project of a hundred products. Here they
run one after the other in one setup, each as its own command would, and all
of them run even when one fails, so one ``make check`` shows every problem:

- ``check --fail-level WARNING``: the system checks, the boundary checks among them;
- ``makemigrations --check --dry-run``: the migrations match the models;
- ``openapi --all --check``: every product's schema slice is up to date;
- ``lintproducts --all``: the product lint.
"""

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from slicekit.django.apps import register_checks

CHECKS: tuple[tuple[str, ...], ...] = (
    ("check", "--fail-level", "WARNING"),
    ("makemigrations", "--check", "--dry-run"),
    ("openapi", "--all", "--check"),
    ("lintproducts", "--all"),
)


class Command(BaseCommand):
    help = "Run every check that needs Django (system checks, migrations, API slices, lint)."
    requires_system_checks = ()  # the first check below runs them, reported like the others

    def handle(self, *args: Any, **options: Any) -> None:
        register_checks()  # a no-op but in a test run, where the app leaves them out
        failed = []
        for check in CHECKS:
            try:
                call_command(*check, stdout=self.stdout, stderr=self.stderr)
            except CommandError as error:
                self.stderr.write(str(error))
                failed.append(check[0])
            except SystemExit as exit_:  # makemigrations --check exits 1 on a missing migration
                if exit_.code:
                    failed.append(check[0])
        if failed:
            raise CommandError(f"checkall: {', '.join(failed)} failed")
