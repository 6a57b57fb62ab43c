from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PROGRAMME, TEXT, Traveller, Visit
from .services import LANGUAGE_NAMES, letter_languages


def _date():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(rows=3, limit=TEXT):
    return forms.Textarea(attrs={"rows": rows, "maxlength": limit})


class VisitForm(forms.ModelForm):
    class Meta:
        model = Visit
        fields = [
            "host", "mode", "starts_on", "ends_on", "from_city", "from_country", "purpose",
            "programme",
        ]  # fmt: skip
        widgets = {
            "starts_on": _date(),
            "ends_on": _date(),
            "programme": _text(6, PROGRAMME),
        }
        help_texts = {
            "host": _("The organisation that receives the visitors and confirms the visit."),
            "programme": _("Day by day: whom you meet, what you see and do."),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = partnership.members_organisations()
        self.fields["host"].empty_label = None

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("A visit cannot end before it starts."))
        return data


class TravellerForm(forms.ModelForm):
    passport_number = forms.CharField(
        label=_("Passport number"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_(
            "Only for a visa invitation letter. Stored encrypted, shown to nobody, and deleted "
            "30 days after the visit."
        ),
    )
    forget_passport = forms.BooleanField(
        label=_("Delete the passport number on file"), required=False
    )

    class Meta:
        model = Traveller
        fields = [
            "name", "organisation", "email", "needs_visa", "nationality", "date_of_birth",
            "accessibility_needs", "other_needs", "costs_covered",
        ]  # fmt: skip
        widgets = {
            "date_of_birth": _date(),
            "accessibility_needs": _text(2),
            "other_needs": _text(2),
            "costs_covered": _text(2),
        }
        help_texts = {
            "email": _("Optional: links this record to the person's own account."),
            "costs_covered": _("For example: travel by the host, accommodation by the grant."),
        }

    # The passport number is no model field of this form: it is never filled in from the
    # record (nobody sees it again), and the service keeps, replaces or deletes it.
    field_order = [
        "name", "organisation", "email", "needs_visa", "nationality", "passport_number",
        "forget_passport", "date_of_birth",
    ]  # fmt: skip

    def __init__(self, *args, visit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = visit.partnership.members_organisations()
        self.fields["organisation"].empty_label = None
        on_file = bool(self.instance.pk and self.instance.passport_number)
        if on_file:
            self.fields["passport_number"].help_text = _(
                "A passport number is on file. Leave this empty to keep it."
            )
        else:
            del self.fields["forget_passport"]

    def clean_passport_number(self):
        return (self.cleaned_data.get("passport_number") or "").strip().replace(" ", "")

    def clean(self):
        data = super().clean()
        if data.get("passport_number") and not data.get("needs_visa"):
            self.add_error(
                "passport_number",
                _("A passport number is kept only for a traveller who needs a visa."),
            )
        return data


class LetterForm(forms.Form):
    traveller = forms.TypedChoiceField(label=_("Traveller"), coerce=int)
    language = forms.ChoiceField(label=_("Language of the letter"))
    host_address = forms.CharField(
        label=_("The host's postal address"), max_length=500, widget=_text(3, 500)
    )
    signatory_name = forms.CharField(label=_("Signed by"), max_length=200)
    signatory_role = forms.CharField(label=_("Signatory's position"), max_length=200)
    costs_covered = forms.CharField(
        label=_("Who pays for what"),
        max_length=1000,
        widget=_text(3, 1000),
        help_text=_("As the consulate should read it: travel, accommodation, meals, insurance."),
    )

    def __init__(self, *args, visit, travellers, **kwargs):
        super().__init__(*args, **kwargs)
        self.travellers = {t.pk: t for t in travellers if t.needs_visa}
        missing = _("no passport number yet")
        self.fields["traveller"].choices = [
            (t.pk, f"{t.name} ({t.masked_passport_number or missing})")
            for t in self.travellers.values()
        ]
        self.fields["language"].choices = [
            (code, LANGUAGE_NAMES[code]) for code in letter_languages(visit.host)
        ]

    def clean_traveller(self):
        return self.travellers[self.cleaned_data["traveller"]]


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the letter revoked?"), max_length=TEXT, widget=_text(2)
    )
