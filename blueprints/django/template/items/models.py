"""The items table. `manage.py makemigrations` turns changes here into migrations."""

from typing import Any

from django.db import models

MAX_NAME_LENGTH = 100


class Item(models.Model):
    name = models.CharField(max_length=MAX_NAME_LENGTH)

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return self.name

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.pk, "name": self.name}
