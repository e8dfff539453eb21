"""Models every product shares: the user model and the abstract base model."""

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """The project's user, custom from day one so it can grow without a painful migration."""


class BaseModel(models.Model):
    """A UUID primary key and creation/update timestamps, for products' models."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
