from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from brobygger.core.audit import snapshot

from . import services
from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Django's user admin, saving and deleting through the services (and so the audit)."""

    list_display = ["username", "email", "first_name", "last_name", "is_staff"]

    def get_form(self, request, obj=None, **kwargs):
        # What the user was before the form changes it, for the audit record (kept on the
        # request: the admin object is shared by every request).
        request.brobygger_user_before = snapshot(obj, services.USER_FIELDS) if obj is not None else {}
        return super().get_form(request, obj, **kwargs)

    def save_model(self, request, obj, form, change):
        services.user_save_from_admin(
            actor=request.user, user=obj, before=getattr(request, "brobygger_user_before", {}), created_now=not change
        )

    def delete_model(self, request, obj):
        services.user_delete(actor=request.user, user=obj)

    def delete_queryset(self, request, queryset):
        for user in queryset:
            services.user_delete(actor=request.user, user=user)
