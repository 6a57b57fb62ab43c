"""The reports' and the self-assessment's forms. A report's questions are rendered by the
application form's own SectionForm (one field per typed question of the call's form)."""

from types import SimpleNamespace

from django import forms
from django.utils.translation import gettext_lazy as _

from exchange.applications.forms import SectionForm

from . import capacity


def report_forms(schema, report, data=None):
    """One SectionForm per section of the report's form (no prefix: question keys are
    unique across a call's forms), with each answer's saved number."""
    answers = {
        key: SimpleNamespace(value=value, version=report.versions.get(key, 0))
        for key, value in report.answers.items()
    }
    return [SectionForm(data, section=section, answers=answers) for section in schema.sections]


def values_of(section_forms) -> tuple[dict, dict]:
    values, versions = {}, {}
    for form in section_forms:
        values.update(form.values())
        versions.update(form.versions())
    return values, versions


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[("accept", _("Accept the report")), ("return", _("Return it for changes"))],
        widget=forms.RadioSelect,
    )
    feedback = forms.CharField(
        label=_("Feedback to the partnership"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Needed when you return the report: say what should be changed."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "return" and not cleaned.get("feedback", "").strip():
            self.add_error("feedback", _("Write what should be changed."))
        return cleaned


class ScheduleForm(forms.Form):
    midterm_due_on = forms.DateField(
        label=_("Mid-term report due on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: the middle of the six months."),
    )
    final_due_on = forms.DateField(
        label=_("Final report due on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: two weeks after the end."),
    )


class AssessmentForm(forms.Form):
    """A radio group per statement (1–5), grouped by area in the template."""

    def __init__(self, *args, areas, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = areas
        for area_key in areas:
            for statement in capacity.statements(area_key):
                self.fields[statement.key] = forms.TypedChoiceField(
                    label=str(statement.text),
                    choices=[(n, capacity.SCALE_LABELS[n]) for n in capacity.SCALE],
                    coerce=int,
                    required=False,
                    widget=forms.RadioSelect,
                )
                self.fields[statement.key].statement = statement
                if statement.key in answers:
                    self.initial[statement.key] = answers[statement.key]

    def groups(self):
        """(area key, [bound fields]) for the fieldsets."""
        return [
            (area_key, [self[s.key] for s in capacity.statements(area_key)])
            for area_key in self.areas
        ]

    def raw(self) -> dict:
        return {key: self.data.get(key) for key in self.fields if self.data.get(key)}
