"""Forms of the staff pages. They validate what is typed and hand plain data to
calls.services, which holds the rules (what an open call's form or a reviewed call's rubric
still accepts)."""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from exchange.core.widgets import FastSelect
from exchange.core.zones import known_zones

from .. import questions, services
from ..models import EU_MEMBER_STATES, Call, Criterion, FormPurpose, FormQuestion, FormSection


def country_choices(codes):
    return sorted(((code, countries.name(code)) for code in codes), key=lambda c: str(c[1]))


def zone_choices():
    # "localtime" and "Factory" are files of the system's zone database, not places.
    return [
        (zone, zone.replace("_", " "))
        for zone in sorted(known_zones())
        if zone not in ("localtime", "Factory")
    ]


class WallClockField(forms.DateTimeField):
    """A date and time as read on a clock in the call's zone: kept naive here and made
    aware with the call's zone (services.aware), never with the viewer's zone."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.replace(tzinfo=None)
        try:
            return datetime.datetime.fromisoformat(str(value).strip()).replace(tzinfo=None)
        except ValueError:
            raise ValidationError(
                _("Enter a date and time, for example 2027-10-12 23:59."), code="invalid"
            ) from None


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def mark_languages(form) -> None:
    """Fields written in one language say so (screen readers then read them in it)."""
    for name, field in form.fields.items():
        language = name.rsplit("_", 1)[-1]
        if language in ("en", "tr", "de") and "_" in name:
            field.widget.attrs["lang"] = language


TEXT_FIELDS = {
    "en": ("title_en", "cohort_en", "text_en"),
    "tr": ("title_tr", "cohort_tr", "text_tr"),
    "de": ("title_de", "cohort_de", "text_de"),
}
DATE_FIELDS = ("opening_meeting", "exchange_starts", "exchange_ends", "closing_meeting")


class CallForm(forms.ModelForm):
    """A call's settings. Dates are typed as wall-clock times in the call's own zone, which
    is chosen from the IANA list (never typed: "CET" is not a zone Turkey lives in)."""

    time_zone = forms.ChoiceField(
        label=_("Time zone of the dates"),
        help_text=_(
            "The opening and the deadline are read in this zone, for example Europe/Berlin."
        ),
        initial="Europe/Berlin",
    )
    opens_local = WallClockField(label=_("Opens (in the call's time zone)"))
    closes_local = WallClockField(
        label=_("Deadline (in the call's time zone)"), help_text=_("For example 2027-10-12 23:59")
    )
    turkey_countries = forms.MultipleChoiceField(
        label=_("Eligible countries, Turkish side"), choices=[], widget=forms.CheckboxSelectMultiple
    )
    europe_countries = forms.MultipleChoiceField(
        label=_("Eligible countries, European side"),
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A new call starts with the member states of the European Union."),
    )

    class Meta:
        model = Call
        fields = [
            "slug",
            *TEXT_FIELDS["en"],
            *TEXT_FIELDS["tr"],
            *TEXT_FIELDS["de"],
            "time_zone",
            *DATE_FIELDS,
            "turkey_countries",
            "europe_countries",
            "organisations_per_partnership",
            "participants_per_organisation",
            "single_applicants_allowed",
            "grant_amount",
            "grant_currency",
            "partnerships_to_select",
            "reviewers_per_application",
            "blind_review",
        ]
        widgets = {name: DateInput() for name in DATE_FIELDS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_languages(self)
        self.fields["time_zone"].choices = zone_choices()
        self.fields["time_zone"].widget = FastSelect(choices=self.fields["time_zone"].choices)
        for name, codes in (
            ("turkey_countries", settings.EXCHANGE_TURKEY),
            ("europe_countries", settings.EXCHANGE_EUROPE),
        ):
            self.fields[name].choices = country_choices(codes)
        if self.instance.pk:
            self.initial["opens_local"] = services.local(
                self.instance.opens_at, self.instance.time_zone
            )
            self.initial["closes_local"] = services.local(
                self.instance.closes_at, self.instance.time_zone
            )
        else:
            self.initial.setdefault("turkey_countries", list(settings.EXCHANGE_TURKEY))
            self.initial.setdefault(
                "europe_countries",
                [c for c in settings.EXCHANGE_EUROPE if c in EU_MEMBER_STATES],
            )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug == "new":  # /staff/calls/new/ is the page that creates a call
            raise ValidationError(_("Choose another web address: this one is reserved."))
        return slug

    def clean(self):
        cleaned = super().clean()
        zone = cleaned.get("time_zone")
        if zone and cleaned.get("opens_local") and cleaned.get("closes_local"):
            self.instance.opens_at = services.aware(cleaned["opens_local"], zone)
            self.instance.closes_at = services.aware(cleaned["closes_local"], zone)
            if self.instance.closes_at <= self.instance.opens_at:
                self.add_error("closes_local", _("The deadline must come after the opening."))
        starts, ends = cleaned.get("exchange_starts"), cleaned.get("exchange_ends")
        if starts and ends and ends < starts:
            self.add_error("exchange_ends", _("The exchange period must end after it starts."))
        return cleaned

    def call_data(self) -> dict:
        """What services.create_call / update_call store: model fields, moments in UTC."""
        data = {
            name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data
        }
        data["opens_at"] = self.instance.opens_at
        data["closes_at"] = self.instance.closes_at
        return data

    # Fieldsets of the page, in order: (legend, field names).
    def fieldsets(self):
        groups = [
            (_("Web address"), ["slug"]),
            (_("Dates"), ["time_zone", "opens_local", "closes_local", *DATE_FIELDS]),
            (_("English texts"), list(TEXT_FIELDS["en"])),
            (_("Turkish texts"), list(TEXT_FIELDS["tr"])),
            (_("German texts"), list(TEXT_FIELDS["de"])),
            (
                _("Who can apply"),
                [
                    "turkey_countries",
                    "europe_countries",
                    "organisations_per_partnership",
                    "participants_per_organisation",
                    "single_applicants_allowed",
                ],
            ),
            (
                _("Grant and selection"),
                [
                    "grant_amount",
                    "grant_currency",
                    "partnerships_to_select",
                    "reviewers_per_application",
                    "blind_review",
                ],
            ),
        ]
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in groups
        ]


class SectionForm(forms.ModelForm):
    class Meta:
        model = FormSection
        fields = ["key", "scope", "title_en", "title_tr", "title_de"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_languages(self)


# The fields each kind of question has besides its texts.
KIND_FIELDS = {
    FormQuestion.Kind.LONG_TEXT: ("word_limit",),
    FormQuestion.Kind.SINGLE_CHOICE: ("choices",),
    FormQuestion.Kind.MULTIPLE_CHOICE: ("choices",),
    FormQuestion.Kind.NUMBER: ("min_value", "max_value"),
    FormQuestion.Kind.FILE: ("file_types", "max_size_mb"),
}
ALL_KIND_FIELDS = ("word_limit", "choices", "min_value", "max_value", "file_types", "max_size_mb")


class QuestionForm(forms.ModelForm):
    """A question with the fields of its kind only (a word limit for a long text, choices
    for a choice...). The kind comes from what is typed, the question, or ?kind=."""

    class Meta:
        model = FormQuestion
        fields = [
            "section",
            "key",
            "kind",
            "required",
            "label_en",
            "label_tr",
            "label_de",
            "help_en",
            "help_tr",
            "help_de",
            *ALL_KIND_FIELDS,
        ]

    def __init__(self, *args, call, kind=None, **kwargs):
        super().__init__(*args, **kwargs)
        mark_languages(self)
        self.fields["section"].queryset = FormSection.objects.filter(
            call=call, purpose=FormPurpose.APPLICATION
        )
        self.fields["section"].empty_label = None
        kind = (self.data.get("kind") if self.is_bound else None) or kind or self.instance.kind
        if kind not in FormQuestion.Kind.values:
            kind = FormQuestion.Kind.SHORT_TEXT
        self.kind = kind
        self.initial.setdefault("kind", kind)
        for name in ALL_KIND_FIELDS:
            if name not in KIND_FIELDS.get(kind, ()):
                del self.fields[name]
        self.fields["kind"].help_text = _(
            "Each type has its own settings (a word limit, choices, a range, file types). "
            "After changing the type, save: the settings of the new type then appear."
        )

    def clean_choices(self):
        text = self.cleaned_data.get("choices", "")
        if self.kind in (FormQuestion.Kind.SINGLE_CHOICE, FormQuestion.Kind.MULTIPLE_CHOICE):
            if len(questions.parse_choices(text)) < 2:
                raise ValidationError(_("Write at least two choices, one per line."))
        return text

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("min_value"), cleaned.get("max_value")
        if low is not None and high is not None and high < low:
            self.add_error("max_value", _("The largest number must not be below the smallest."))
        return cleaned

    def question_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name in self.cleaned_data}

    def text_fields(self):
        return [
            self[n] for n in ("label_en", "label_tr", "label_de", "help_en", "help_tr", "help_de")
        ]

    @property
    def kind_label(self):
        return FormQuestion.Kind(self.kind).label

    def kind_fields(self):
        return [self[n] for n in ALL_KIND_FIELDS if n in self.fields]


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = [
            "key",
            "title_en",
            "title_tr",
            "title_de",
            "help_en",
            "help_tr",
            "help_de",
            "scale_min",
            "scale_max",
            "weight",
            "anchors_en",
            "anchors_tr",
            "anchors_de",
        ]
        widgets = {
            f"anchors_{lang}": forms.Textarea(attrs={"rows": 5}) for lang in ("en", "tr", "de")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_languages(self)

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("scale_min"), cleaned.get("scale_max")
        if low is not None and high is not None:
            if high <= low:
                self.add_error("scale_max", _("The highest score must be above the lowest."))
                return cleaned
            for language in ("en", "tr", "de"):
                name = f"anchors_{language}"
                problems = services.anchor_problems(cleaned.get(name, ""), low, high)
                if problems:
                    self.add_error(name, problems)
        return cleaned

    def criterion_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name in self.cleaned_data}

    def fieldsets(self):
        groups = [
            (_("Criterion"), ["key", "scale_min", "scale_max", "weight"]),
            (_("English texts"), ["title_en", "help_en", "anchors_en"]),
            (_("Turkish texts"), ["title_tr", "help_tr", "anchors_tr"]),
            (_("German texts"), ["title_de", "help_de", "anchors_de"]),
        ]
        return [(legend, [self[n] for n in names]) for legend, names in groups]
