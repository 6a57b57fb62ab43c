"""The Django admin of calls and programmes, for superusers only: programme staff edit their
calls, forms and rubrics on the staff pages (calls.staff). The rules on what an open call's
form accepts are calls.services', the same as on those pages."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Call, FormPurpose, FormQuestion, FormSection, Programme
from .staff.forms import CallForm as StaffCallForm


class CallForm(StaffCallForm):
    """The staff pages' form (dates in the call's zone, the zone from a list) with the
    programme, and the admin's country widgets."""

    class Meta(StaffCallForm.Meta):
        fields = ["programme", *StaffCallForm.Meta.fields]
        widgets = StaffCallForm.Meta.widgets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("turkey_countries", "europe_countries"):
            choices = self.fields[name].choices
            self.fields[name].widget = FilteredSelectMultiple(_("countries"), False)
            self.fields[name].choices = choices  # after the widget: it holds them


class SectionFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if not self.instance.pk:
            return
        for form in self.forms:
            if not form.instance.pk or not form.cleaned_data:
                continue
            problems = services.check_section_change(
                self.instance,
                form.instance,
                scope=form.cleaned_data.get("scope"),
                deleting=bool(form.cleaned_data.get("DELETE")),
            )
            if problems:
                raise forms.ValidationError(problems)


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
            if row.section.purpose == FormPurpose.APPLICATION:  # the reports' forms: free
                rows.append(row)
        schema = services.schema_from(
            FormSection.objects.filter(call=self.instance, purpose=FormPurpose.APPLICATION), rows
        )
        problems = services.check_form_change(self.instance, schema)
        if problems:
            raise forms.ValidationError(problems)


class SuperuserOnly:
    """Programme staff use the staff pages; the admin is a superuser's tool."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    has_change_permission = has_delete_permission = has_view_permission

    def has_add_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


class SectionInline(SuperuserOnly, admin.TabularInline):
    model = FormSection
    formset = SectionFormSet
    extra = 0
    fields = ["purpose", "position", "key", "scope", "title_en", "title_tr", "title_de"]


class QuestionInline(SuperuserOnly, admin.StackedInline):
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
class CallAdmin(SuperuserOnly, admin.ModelAdmin):
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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            services.add_default_form(obj)  # the real programme's form and rubric, to adapt
            services.add_default_rubric(obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for purpose in FormPurpose.values:  # what applicants (and reports) answer from now on
            if (
                purpose == FormPurpose.APPLICATION
                or form.instance.sections.filter(purpose=purpose).exists()
            ):
                services.publish_form(form.instance, purpose)


@admin.register(Programme)
class ProgrammeAdmin(SuperuserOnly, admin.ModelAdmin):
    list_display = ["name", "slug"]
    filter_horizontal = ["staff"]
    prepopulated_fields = {"slug": ["name"]}
