from django.contrib import admin

from .models import Block, ContactRequest, Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """The staff's queue of reported organisations: unhandled first."""

    list_display = ["reported", "reporter", "created_at", "handled_at"]
    list_filter = [("handled_at", admin.EmptyFieldListFilter)]
    raw_id_fields = ["reporter", "reported", "by"]
    actions = ["mark_handled"]

    @admin.action(description="Mark as handled")
    def mark_handled(self, request, queryset):
        from django.utils import timezone

        queryset.update(handled_at=timezone.now())


@admin.register(ContactRequest)
class ContactRequestAdmin(admin.ModelAdmin):
    list_display = ["sender", "recipient", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["sender", "recipient", "sent_by", "decided_by"]


admin.site.register(Block)
