"""Rows for tests, built by factory-boy: each field has a valid default, any can be given.

``UserFactory`` serves every test (the ``user`` fixture, products' tests);
``NoteFactory`` builds the stand-in model of the base models' tests.
"""

from factory.declarations import Sequence, SubFactory
from factory.django import DjangoModelFactory, Password

from core.models import User

from .models import Note

PASSWORD = "a-long-test-password"  # noqa: S105 - a test user's, never a real one


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = Sequence(lambda n: f"user{n}")
    password = Password(PASSWORD)


class NoteFactory(DjangoModelFactory[Note]):
    class Meta:
        model = Note

    text = Sequence(lambda n: f"note {n}")
    owner = SubFactory(UserFactory)
