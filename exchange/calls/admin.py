"""Staff edit calls and their application forms in the admin. Staff see and change the calls
of their own programmes; dates are typed as wall-clock times in the call's own time zone.
Once a call is open and answered, its form only accepts changes that keep every answer valid
(new optional questions, reworded texts)."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from . import permissions, selectors, services
from .models import EU_MEMBER_STATES, Call, FormQuestion, FormSection, Programme


def _country_choices(codes):
    return sorted(((code, countries.name(code)) for code in codes), key=lambda c: str(c[1]))


class CallForm(forms.ModelForm):
    opens_local = forms.DateTimeField(label=_("opens (in the call's time zone)"))
    turkey_countries = forms.MultipleChoiceField(
        label=_("eligible countries, Turkish side"), choices=[]
    )
    europe_countries = forms.MultipleChoiceField(
        label=_("eligible countries, European side"),
        choices=[],
        help_text=_("A new call starts with the member states of the European Union."),
    )
    closes_local = forms.DateTimeField(
        label=_("deadline (in the call's time zone)"), help_text=_("For example 2027-10-12 23:59")
    )

    class Meta:
        model = Call
        fields = [
            "programme",
            "slug",
            "cohort_en",
            "cohort_tr",
            "cohort_de",
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
        for name, codes in (
            ("turkey_countries", settings.EXCHANGE_TURKEY),
            ("europe_countries", settings.EXCHANGE_EUROPE),
        ):
            self.fields[name].widget = FilteredSelectMultiple(_("countries"), False)
            self.fields[name].choices = _country_choices(codes)  # after the widget: it holds them
        if not self.instance.pk:
            self.initial.setdefault("turkey_countries", list(settings.EXCHANGE_TURKEY))
            self.initial.setdefault(
                "europe_countries",
                [c for c in settings.EXCHANGE_EUROPE if c in EU_MEMBER_STATES],
            )
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


class SectionFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if not self.instance.pk or not services.is_form_frozen(self.instance):
            return
        for form in self.forms:
            if not form.instance.pk or not form.cleaned_data:
                continue
            if form.cleaned_data.get("DELETE") and form.instance.questions.exists():
                raise forms.ValidationError(
                    _("A section with questions cannot be removed: the call is open.")
                )
            if "scope" in form.changed_data:
                raise forms.ValidationError(
                    _("A section cannot change who answers it: the call is open.")
                )


class QuestionFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if not self.instance.pk or any(form.errors for form in self.forms):
            return
        rows = []
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            row = form.save(commit=False)
            if row.section.call_id != self.instance.pk:
                form.add_error("section", _("Choose a section of this call."))
                return
            rows.append(row)
        schema = services.schema_from(FormSection.objects.filter(call=self.instance), rows)
        problems = services.check_form_change(self.instance, schema)
        if problems:
            raise forms.ValidationError(problems)


class CallPartInline:
    """A call's sections and questions are changed by whoever may change the call."""

    def _allowed(self, request, obj=None):
        if obj is None:
            return permissions.runs_any_programme(request.user)
        return bool(permissions.can_manage_call(request.user, obj))

    def has_view_permission(self, request, obj=None):
        return self._allowed(request, obj)

    has_change_permission = has_add_permission = has_delete_permission = has_view_permission


class SectionInline(CallPartInline, admin.TabularInline):
    model = FormSection
    formset = SectionFormSet
    extra = 0
    fields = ["position", "key", "scope", "title_en", "title_tr", "title_de"]


class QuestionInline(CallPartInline, admin.StackedInline):
    model = FormQuestion
    formset = QuestionFormSet
    extra = 0
    fields = [
        ("section", "position", "key", "kind", "required"),
        ("label_en", "label_tr", "label_de"),
        ("help_en", "help_tr", "help_de"),
        "choices",
        ("word_limit", "min_value", "max_value"),
        ("file_types", "max_size_mb"),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "section":
            call_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = FormSection.objects.filter(call_id=call_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    form = CallForm
    inlines = [SectionInline, QuestionInline]
    list_display = [
        "title_en",
        "programme",
        "cohort_en",
        "opens_at",
        "closes_at",
        "time_zone",
        "missing_translations",
    ]

    @admin.display(description=_("missing translations"))
    def missing_translations(self, obj):
        return ", ".join(obj.missing_languages()) or "—"

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.missing_languages():
            self.message_user(
                request,
                _(
                    "Not written in %(languages)s yet: readers in these languages see the "
                    "English title, cohort or text."
                )
                % {"languages": ", ".join(obj.missing_languages())},
                level=messages.WARNING,
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    list_filter = ["programme"]
    prepopulated_fields = {"slug": ["title_en"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(pk__in=selectors.list_calls_run_by(request.user).values("pk"))
        )

    # Programme staff work on their programmes' calls without Django's model permissions:
    # the rule is calls.permissions, the same as on the pages.
    def has_module_permission(self, request):
        return permissions.runs_any_programme(request.user)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return permissions.runs_any_programme(request.user)
        return bool(permissions.can_manage_call(request.user, obj))

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_add_permission(self, request):
        return permissions.runs_any_programme(request.user)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            services.add_default_form(obj)  # the real programme's form, to adapt

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.publish_form(form.instance)  # what applicants answer from now on

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "programme":
            kwargs["queryset"] = selectors.list_programmes_run_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    filter_horizontal = ["staff"]
    prepopulated_fields = {"slug": ["name"]}
