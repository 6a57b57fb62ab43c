from django.contrib import admin

from .models import Notification, Preference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["event", "recipient", "email", "channel", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind", "channel"]
    search_fields = ["recipient__email", "email", "event"]
    readonly_fields = [f for f in ["key", "event", "kind", "recipient", "email", "params", "link"]]


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "channel"]
