from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Consent, User


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    readonly_fields = ["document", "version", "accepted_at", "ip_address"]
    can_delete = False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "display_name",
        "language",
        "timezone",
        "is_staff",
        "is_active",
        "date_joined",
    ]
    search_fields = ["email", "display_name"]
    list_filter = ["is_staff", "is_superuser", "is_active", "language"]
    inlines = [ConsentInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["display_name", "languages", "language", "timezone"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
