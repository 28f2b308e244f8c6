from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "organisation", "is_staff"]
    autocomplete_fields = ["organisation"]
    fieldsets = (*BaseUserAdmin.fieldsets, (_("Organisation"), {"fields": ["organisation"]}))
