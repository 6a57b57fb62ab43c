from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Activity, Partnership, Update


class PlanForm(forms.ModelForm):
    class Meta:
        model = Partnership
        fields = ["common_issue", "goals", "planned_model"]
        widgets = {
            "common_issue": forms.Textarea(attrs={"rows": 3, "maxlength": 4000}),
            "goals": forms.Textarea(attrs={"rows": 5, "maxlength": 4000}),
            "planned_model": forms.Textarea(attrs={"rows": 4, "maxlength": 4000}),
        }
        help_texts = {
            "goals": _("What will be different in your organisations after the six months?"),
            "planned_model": _(
                "The capacity-building model you plan to publish for others to adopt."
            ),
        }

    def clean(self):
        data = super().clean()
        for name in self.Meta.fields:
            if len(data.get(name) or "") > 4000:
                self.add_error(name, _("Keep this under 4,000 characters."))
        return data


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["title", "description", "starts_on", "ends_on", "owner"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = partnership.members_organisations()
        self.fields["owner"].empty_label = None

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("An activity cannot end before it starts."))
        return data


class UpdateForm(forms.ModelForm):
    class Meta:
        model = Update
        fields = ["title", "body", "is_story"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4, "maxlength": 4000})}
        help_texts = {
            "is_story": _(
                "A story tells others what you tried and learnt. Staff may ask to put it on "
                "the public site; it goes there only if you agree."
            )
        }


class ProgressFilterForm(forms.Form):
    risk = forms.ChoiceField(
        label=_("At risk"),
        required=False,
        choices=[
            ("", _("All partnerships")),
            ("any", _("Any risk")),
            ("late_report", _("A report is late")),
            ("no_visit", _("No visit planned by mid-term")),
            ("over_budget", _("Over budget")),
        ],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Active and completed")), *Partnership.Status.choices],
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    order = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("risk", _("Most at risk first")),
            ("name", _("Name")),
            ("plan", _("Least of the plan done first")),
            ("budget", _("Most of the grant spent first")),
            ("late", _("Most late reports first")),
        ],
    )

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries")), *countries]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}
