"""The library's forms. Everything typed comes back on an error; limits are the models'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from exchange.organisations import taxonomy
from exchange.organisations.forms import programme_country_choices
from exchange.organisations.models import Organisation

from .models import LANGUAGES, SECTION_KEYS, Adoption, PracticeModel, Text

MARKDOWN_HELP = _(
    "You can use Markdown: **bold**, *italic*, lists with - and links [text](https://…)."
)


class TextForm(forms.ModelForm):
    class Meta:
        model = Text
        fields = ["title", "summary", *SECTION_KEYS]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3, "maxlength": 600}),
            **{key: forms.Textarea(attrs={"rows": 6}) for key in SECTION_KEYS},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in SECTION_KEYS:
            field = self.fields[key]
            field.help_text = MARKDOWN_HELP
            field.widget.attrs["maxlength"] = Text._meta.get_field(key).max_length


class FactsForm(forms.ModelForm):
    capacity_areas = forms.MultipleChoiceField(
        label=_("Capacity areas"),
        choices=taxonomy.area_choices,
        widget=forms.CheckboxSelectMultiple,
    )
    thematic_fields = forms.MultipleChoiceField(
        label=_("Thematic fields"),
        choices=taxonomy.field_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries where it was developed"),
        choices=lambda: programme_country_choices()[1:],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    organisation_kinds = forms.MultipleChoiceField(
        label=_("Kinds of organisations it suits"),
        choices=Organisation.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = PracticeModel
        fields = [
            "capacity_areas",
            "thematic_fields",
            "countries",
            "organisation_kinds",
            "licence",
            "original_language",
            "show_assessment",
        ]
        help_texts = {
            "licence": _(
                "CC BY-SA 4.0 lets anyone use and adapt the model if they name you and share "
                "their adaptation alike."
            ),
            "show_assessment": _(
                "The library then shows how your self-assessment changed from start to end."
            ),
        }

    def __init__(self, *args, partnership_model: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not partnership_model:
            del self.fields["show_assessment"]


class StartOwnForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    language = forms.ChoiceField(label=_("Language you write it in"), choices=LANGUAGES)
    title = forms.CharField(label=_("Title"), max_length=160)
    summary = forms.CharField(
        label=_("Summary in two or three sentences"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 600}),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class StartForPartnershipForm(forms.Form):
    language = forms.ChoiceField(label=_("Language you write it in"), choices=LANGUAGES)


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word, PowerPoint, Excel, OpenDocument, PNG or JPEG; up to 10 MB."),
    )
    title = forms.CharField(label=_("Title"), max_length=160, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES)


class CoverForm(forms.Form):
    image = forms.ImageField(label=_("Cover image"), help_text=_("PNG, JPEG or WebP; up to 2 MB."))
    alt = forms.CharField(label=_("What the image shows"), max_length=200)


class NameForm(forms.Form):
    name = forms.CharField(label=_("Your name as shown"), max_length=120)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=(("publish", _("Publish")), ("send_back", _("Send back for changes"))),
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("What changed (shown in the model's history)"), max_length=300, required=False
    )
    comments = forms.CharField(
        label=_("Comments for the authors"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 4000}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "send_back" and not (data.get("comments") or "").strip():
            self.add_error("comments", _("Say what the authors should change."))
        return data


class AdoptForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    adaptation = forms.CharField(
        label=_("How you adapt it"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 4000}),
        help_text=_("Who it is for in your organisation, what you change, and when you start."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class AdoptionReportForm(forms.ModelForm):
    class Meta:
        model = Adoption
        fields = ["status", "adaptation", "outcome"]
        widgets = {
            "adaptation": forms.Textarea(attrs={"rows": 4, "maxlength": 4000}),
            "outcome": forms.Textarea(attrs={"rows": 5, "maxlength": 4000}),
        }
        labels = {"status": _("How far you got")}
