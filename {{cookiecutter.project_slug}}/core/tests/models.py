"""A concrete model built from the abstract base models, for their tests only.

Its app label is not an installed app, so migrations never see it; the
``note_table`` fixture creates its table in the test database.
"""

from django.db import models

from core.models import BaseModel, OwnedModel, SoftDeleteModel


class Note(BaseModel, SoftDeleteModel, OwnedModel):
    text = models.CharField(max_length=100)

    class Meta:
        app_label = "core_tests"
        ordering = ("created_at", "id")
