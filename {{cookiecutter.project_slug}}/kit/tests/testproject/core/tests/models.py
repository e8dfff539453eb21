"""A table no product owns, for the guard tests; the ``note_table`` fixture creates it.

Its app label is not an installed app, so migrations never see it.
"""

from django.conf import settings
from django.db import models


class Note(models.Model):
    text = models.CharField(max_length=100)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")

    class Meta:
        app_label = "core_tests"
        ordering = ("id",)

    def __str__(self) -> str:
        return self.text
