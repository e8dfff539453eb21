"""``manage.py erase_user <id>``: erase a user's data in every product, then the account."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from core.erasure import erase_user_data


class Command(BaseCommand):
    help = (
        "Erase a user's data in every product, through each product's facade "
        "(erase_user_data), then delete the account."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("user_id", type=int, help="the id of the user to erase")
        parser.add_argument(
            "--keep-account",
            action="store_true",
            help="erase the products' data but keep the account itself",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user_id: int = options["user_id"]
        users = get_user_model().objects.filter(pk=user_id)
        if not users.exists():
            raise CommandError(f"no user has the id {user_id}")
        with transaction.atomic():
            erased = erase_user_data(user_id)
            if not options["keep_account"]:
                users.delete()
        for product, count in sorted(erased.items()):
            self.stdout.write(f"{product}: {count} erased")
        kept = "kept" if options["keep_account"] else "deleted"
        self.stdout.write(f"user {user_id}: data erased in {len(erased)} products, account {kept}")
