"""Staff edit calls in the admin. Staff see and change the calls of their own programmes;
dates are typed as wall-clock times in the call's own time zone."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Call, Programme


class CallForm(forms.ModelForm):
    opens_local = forms.DateTimeField(label=_("opens (in the call's time zone)"))
    closes_local = forms.DateTimeField(
        label=_("deadline (in the call's time zone)"), help_text=_("For example 2027-10-12 23:59")
    )

    class Meta:
        model = Call
        fields = [
            "programme",
            "slug",
            "cohort",
            "title_en",
            "title_tr",
            "title_de",
            "text_en",
            "text_tr",
            "text_de",
            "time_zone",
            "opening_meeting",
            "exchange_starts",
            "exchange_ends",
            "closing_meeting",
            "turkey_countries",
            "europe_countries",
            "organisations_per_partnership",
            "participants_per_organisation",
            "grant_amount",
            "grant_currency",
            "single_applicants_allowed",
            "partnerships_to_select",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["opens_local"] = services.local(
                self.instance.opens_at, self.instance.time_zone
            )
            self.initial["closes_local"] = services.local(
                self.instance.closes_at, self.instance.time_zone
            )

    def clean(self):
        cleaned = super().clean()
        zone = cleaned.get("time_zone")
        if zone and cleaned.get("opens_local") and cleaned.get("closes_local"):
            self.instance.opens_at = services.aware(cleaned["opens_local"], zone)
            self.instance.closes_at = services.aware(cleaned["closes_local"], zone)
            if self.instance.closes_at <= self.instance.opens_at:
                self.add_error("closes_local", _("The deadline must come after the opening."))
        return cleaned


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    form = CallForm
    list_display = ["title_en", "programme", "cohort", "opens_at", "closes_at", "time_zone"]
    list_filter = ["programme"]
    prepopulated_fields = {"slug": ["title_en"]}

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs if request.user.is_superuser else qs.filter(programme__staff=request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "programme" and not request.user.is_superuser:
            kwargs["queryset"] = Programme.objects.filter(staff=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    filter_horizontal = ["staff"]
    prepopulated_fields = {"slug": ["name"]}
