from django.contrib import admin

from . import services
from .models import (
    CapacityStatement,
    Invitation,
    Membership,
    Organisation,
    ThematicField,
    WorkingLanguage,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


class StatementInline(admin.TabularInline):
    model = CapacityStatement
    extra = 0


class LanguageInline(admin.TabularInline):
    model = WorkingLanguage
    extra = 0


class FieldInline(admin.TabularInline):
    model = ThematicField
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "city", "kind", "visibility", "hosts_visits", "created_at"]
    list_filter = ["kind", "visibility", "hosts_visits", "country"]
    search_fields = ["name", "city", "ref"]
    readonly_fields = ["ref", "created_at", "updated_at"]
    inlines = [MembershipInline, LanguageInline, FieldInline, StatementInline]
    list_per_page = 50
    show_full_result_count = False  # counting 100,000 rows on every page is wasted work

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A profile changed here is searched and filtered by what it says now.
        services.reindex(form.instance)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "status", "created_at", "expires_at"]
    list_filter = ["status"]
    raw_id_fields = ["organisation", "invited_by", "accepted_by"]
    search_fields = ["email", "organisation__name"]
