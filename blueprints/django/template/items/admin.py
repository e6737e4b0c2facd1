"""The items in Django's admin, at /admin/.

Sign in with a user made by `manage.py createsuperuser`.
"""

from django.contrib import admin

from items.models import Item


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ("id", "name")
    search_fields = ("name",)
