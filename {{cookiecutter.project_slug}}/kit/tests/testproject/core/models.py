"""The project's user model, as a generated project has one: products point at it."""

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    pass
