from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from core.models import User

from .models import Note


@pytest.fixture
def user(db: None) -> User:
    return User.objects.create(username="ada")


@pytest.fixture(scope="session")
def note_table(django_db_setup: None, django_db_blocker: Any) -> None:
    """Created once; it goes away with the test database."""
    with django_db_blocker.unblock(), connection.schema_editor() as editor:
        editor.create_model(Note)


@pytest.fixture
def make_note(note_table: None, user: User) -> Callable[..., Note]:
    """Notes owned by ``user`` unless told otherwise, once their table exists."""

    def make(text: str = "a note", **fields: Any) -> Note:
        return Note.objects.create(text=text, owner=fields.pop("owner", user), **fields)

    return make
