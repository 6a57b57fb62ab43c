from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from exchange.applications.models import Application
from exchange.organisations.models import Organisation
from exchange.organisations.taxonomy import area_choices

from .models import Conflict, Decision

S = Application.Status


class ScreenForm(forms.Form):
    eligible = forms.TypedChoiceField(
        label=_("Eligible?"),
        choices=[("yes", _("Eligible: goes to review")), ("no", _("Not eligible"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when the application is not eligible; the applicants read it."),
    )


class FilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    side = forms.ChoiceField(
        label=_("Lead organisation's side"),
        required=False,
        choices=[("", _("Both")), ("turkey", _("Turkey")), ("europe", _("Europe"))],
    )
    area = forms.ChoiceField(label=_("Capacity area"), required=False)
    first_time = forms.BooleanField(label=_("With a first-time organisation"), required=False)
    disagreement = forms.BooleanField(label=_("Reviewers disagree"), required=False)
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[
            ("rank", _("Adjusted score")),
            ("raw", _("Raw mean")),
            ("submitted", _("Submission")),
            ("name", _("Organisations")),
        ],
    )

    def __init__(self, *args, call, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All"))] + [(s, S(s).label) for s in statuses]
        codes = sorted(set(call.turkey_countries) | set(call.europe_countries))
        self.fields["country"].choices = [("", _("All"))] + sorted(
            ((c, countries.name(c)) for c in codes), key=lambda c: str(c[1])
        )
        self.fields["area"].choices = [("", _("All"))] + list(area_choices())

    def filters(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


class InviteReviewerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    country = forms.ChoiceField(label=_("Country"), required=False)
    expertise = forms.CharField(label=_("Expertise"), max_length=300, required=False)
    scope = forms.ChoiceField(
        label=_("Reviews for"),
        choices=[("call", _("this call")), ("programme", _("every call of the programme"))],
        widget=forms.RadioSelect,
        initial="call",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—")] + list(countries)


class ByHandForm(forms.Form):
    reviewer = forms.TypedChoiceField(label=_("Reviewer"), coerce=int)

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].choices = [(r.pk, r.name) for r in reviewers]


class RulesForm(forms.Form):
    size = forms.IntegerField(label=_("Partnerships to select"), min_value=1, max_value=200)
    per_country = forms.IntegerField(
        label=_("At most this many per European country"),
        min_value=1,
        max_value=200,
        required=False,
    )
    areas = forms.IntegerField(
        label=_("At least this many capacity areas"), min_value=1, max_value=50, required=False
    )
    first_time = forms.IntegerField(
        label=_("At least this share of first-time organisations (%)"),
        min_value=1,
        max_value=100,
        required=False,
    )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=Decision.Outcome.choices)
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    override = forms.CharField(
        label=_("Why beyond the call's number (only when selecting more)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MessageForm(forms.Form):
    outcome = forms.ChoiceField(choices=Decision.Outcome.choices, widget=forms.HiddenInput)
    text_en = forms.CharField(label=_("English"), widget=forms.Textarea(attrs={"rows": 3}))
    text_tr = forms.CharField(
        label=_("Turkish"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    text_de = forms.CharField(
        label=_("German"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReviewForm(forms.Form):
    """One score (radio buttons with the anchors) and one comment per criterion."""

    comment = forms.CharField(
        label=_("Overall comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, criteria, scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        scores = scores or {}
        for criterion in criteria:
            anchors = criterion.anchors()
            choices = [
                (s, f"{s} — {anchors[s]}" if s in anchors else str(s)) for s in criterion.scores
            ]
            stored = scores.get(criterion.pk)
            self.fields[f"score_{criterion.key}"] = forms.TypedChoiceField(
                label=criterion.title,
                help_text=criterion.help,
                choices=choices,
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
                initial=stored.value if stored else None,
            )
            self.fields[f"comment_{criterion.key}"] = forms.CharField(
                label=_("Comment on “%(criterion)s”") % {"criterion": criterion.title},
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=stored.comment if stored else "",
            )

    def scores(self) -> dict:
        data = self.cleaned_data
        return {
            c.key: (data.get(f"score_{c.key}") or None, data.get(f"comment_{c.key}", ""))
            for c in self.criteria
        }

    def pairs(self):
        """(score field, comment field) per criterion, for the template."""
        return [(self[f"score_{c.key}"], self[f"comment_{c.key}"], c) for c in self.criteria]


class ConflictForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("The conflict is with"),
        choices=[c for c in Conflict.Kind.choices if c[0] != Conflict.Kind.APPLICATION],
        widget=forms.RadioSelect,
    )
    organisation = forms.CharField(
        label=_("Organisation (its name as in the directory)"), required=False, max_length=200
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    person_email = forms.EmailField(label=_("The person's e-mail"), required=False)
    reason = forms.CharField(label=_("Why (optional)"), required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—")] + list(countries)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == Conflict.Kind.ORGANISATION:
            name = (data.get("organisation") or "").strip()
            found = list(
                Organisation.objects.filter(name__iexact=name)[:2]
                or Organisation.objects.filter(slug=name)[:2]
            )
            if len(found) != 1:
                self.add_error(
                    "organisation",
                    _("No organisation of that name: copy its name from the directory."),
                )
            else:
                data["organisation_obj"] = found[0]
        elif kind == Conflict.Kind.COUNTRY and not data.get("country"):
            self.add_error("country", _("Choose the country."))
        elif kind == Conflict.Kind.PERSON and not data.get("person_email"):
            self.add_error("person_email", _("Give the person's e-mail address."))
        return data


class ApplicationConflictForm(forms.Form):
    reason = forms.CharField(label=_("Why (optional)"), required=False, max_length=300)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000)
