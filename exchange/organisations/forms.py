from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from exchange.core import limits
from exchange.core.uploads import reencode_image

from . import taxonomy
from .models import Membership, Organisation
from .services import ProfileLists, Statement, validate_lists

STATEMENT_ROWS = 4


def programme_country_choices():
    allowed = set(settings.EXCHANGE_TURKEY) | set(settings.EXCHANGE_EUROPE)
    return [("", _("Choose a country"))] + [
        (code, name) for code, name in countries if code in allowed
    ]


class OrganisationForm(forms.ModelForm):
    """The whole profile on one page: the model's fields, the lists, and the needs and
    offers as rows of (area, explanation). Everything typed comes back on an error."""

    languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=taxonomy.language_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The languages your team can work in with a partner."),
    )
    thematic_fields = forms.MultipleChoiceField(
        label=_("Thematic fields"),
        choices=taxonomy.field_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    logo_upload = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG, JPEG, WebP or GIF, at most 2 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}
        ),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "country",
            "city",
            "founded",
            "staff_count",
            "volunteer_count",
            "website",
            "description",
            "contact_email",
            "contact_phone",
            "hosts_visits",
            "matching_opt_out",
            "visibility",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, lists: ProfileLists | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"] = forms.ChoiceField(
            label=_("Country"), choices=programme_country_choices
        )
        if self.instance.pk:
            self.fields["country"].initial = self.instance.country.code
        if lists is not None and not self.is_bound:
            self.initial["languages"] = lists.languages
            self.initial["thematic_fields"] = lists.fields
        self.statement_rows = {}
        for kind in ("need", "offer"):
            existing = (lists.needs if kind == "need" else lists.offers) if lists else []
            rows = max(STATEMENT_ROWS, len(existing) + 1)
            self.statement_rows[kind] = []
            for i in range(rows):
                area_name, text_name = f"{kind}-{i}-area", f"{kind}-{i}-text"
                self.fields[area_name] = forms.ChoiceField(
                    label=_("Capacity area"),
                    required=False,
                    choices=[("", _("Describe in words only"))] + taxonomy.area_choices(),
                )
                self.fields[text_name] = forms.CharField(
                    label=_("In your words"),
                    required=False,
                    max_length=limits.STATEMENT,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
                if i < len(existing) and not self.is_bound:
                    self.initial[area_name] = existing[i].area
                    self.initial[text_name] = existing[i].text
                self.statement_rows[kind].append((self[area_name], self[text_name]))

    @property
    def need_rows(self):
        return self.statement_rows["need"]

    @property
    def offer_rows(self):
        return self.statement_rows["offer"]

    def clean_logo_upload(self):
        upload = self.cleaned_data.get("logo_upload")
        if not upload:
            return None
        return reencode_image(upload)

    def _statements(self, kind):
        out = []
        for area_field, text_field in self.statement_rows[kind]:
            area = self.cleaned_data.get(area_field.name, "")
            text = (self.cleaned_data.get(text_field.name) or "").strip()
            if area or text:
                out.append(Statement(area=area, text=text))
        return out

    def clean(self):
        cleaned = super().clean()
        self.lists = ProfileLists(
            languages=cleaned.get("languages") or [],
            fields=cleaned.get("thematic_fields") or [],
            needs=self._statements("need"),
            offers=self._statements("offer"),
        )
        for name, messages in validate_lists(self.lists).items():
            target = {
                "needs": "need-0-area",
                "offers": "offer-0-area",
                "fields": "thematic_fields",
            }.get(name, name)
            for message in messages:
                self.add_error(target if target in self.fields else None, message)
        return cleaned


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


def first_error(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]
