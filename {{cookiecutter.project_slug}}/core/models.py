"""Models every product shares: the user model and abstract base models.

A product's model is built from these, e.g. ``class Item(BaseModel, SoftDeleteModel,
OwnedModel)``: each base adds one concern and its fields, so a model takes only
the concerns it needs.
"""

import uuid
from datetime import datetime
from typing import ClassVar, Self, TypeVar, cast

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone


class User(AbstractUser):
    """The project's user, custom from day one so it can grow without a painful migration."""


class UUIDModel(models.Model):
    """A random UUID primary key: safe to publish, unguessable, never renumbered."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True


class TimestampedModel(models.Model):
    """When the row was created and last saved."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class BaseModel(UUIDModel, TimestampedModel):
    """The base of a product's models: a public UUID id and timestamps."""

    class Meta:
        abstract = True


_M = TypeVar("_M", bound=models.Model)


class SoftDeleteQuerySet(models.QuerySet[_M]):
    def delete(self) -> tuple[int, dict[str, int]]:
        """Mark the rows deleted instead of removing them."""
        count = self.update(deleted_at=timezone.now())
        return count, {self.model._meta.label: count}

    def hard_delete(self) -> tuple[int, dict[str, int]]:
        """Remove the rows for good."""
        return super().delete()


SoftDeleteManager = models.Manager.from_queryset(SoftDeleteQuerySet)


class AliveManager(SoftDeleteManager[_M]):
    """The default manager of soft-deletable models: deleted rows are not there."""

    def get_queryset(self) -> SoftDeleteQuerySet[_M]:
        # from_queryset makes every queryset of this manager a SoftDeleteQuerySet;
        # django-stubs types the inherited get_queryset as a plain QuerySet.
        alive = super().get_queryset().filter(deleted_at__isnull=True)
        return cast("SoftDeleteQuerySet[_M]", alive)


class SoftDeleteModel(models.Model):
    """``delete()`` hides the row; ``hard_delete()`` removes it.

    ``objects`` sees only rows that are not deleted, and is the default
    manager, so related lookups, the admin and ``dumpdata`` do not see deleted
    rows either; ``all_objects`` sees every row, for restoring or purging.
    """

    deleted_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)

    # Typed with Self, so every subclass's managers return its own rows, also for a
    # model that django-stubs finds in no installed app (core's test model).
    objects: ClassVar[AliveManager[Self]] = AliveManager()
    all_objects: ClassVar[SoftDeleteManager[Self]] = SoftDeleteManager()

    class Meta:
        abstract = True

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def delete(
        self, using: str | None = None, keep_parents: bool = False
    ) -> tuple[int, dict[str, int]]:
        self._mark_deleted(timezone.now(), using)
        return 1, {self._meta.label: 1}

    def hard_delete(self) -> tuple[int, dict[str, int]]:
        return super().delete()

    def restore(self) -> None:
        self._mark_deleted(None)

    def _mark_deleted(self, when: datetime | None, using: str | None = None) -> None:
        self.deleted_at = when
        # Save only this mark (and the update time, when the model keeps one).
        fields = [f.name for f in self._meta.concrete_fields if f.name in _MARK_FIELDS]
        self.save(using=using, update_fields=fields)


_MARK_FIELDS = frozenset({"deleted_at", "updated_at"})


class OwnedModel(models.Model):
    """A row that belongs to one user; ``core.permissions`` checks ``owner_id``.

    ``related_name="+"``: a user never reaches a product's rows through a
    reverse accessor; the product's facade answers "what does this user own?".
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True


# The event outbox and processed-events records are core's models too (core.events.models).
from core.events.models import EventDelivery, OutboxEvent  # noqa: E402, F401
