from django import forms
from django.utils.translation import gettext_lazy as _

from exchange.calls import questions
from exchange.calls import services as call_services
from exchange.core import limits
from exchange.organisations.models import Membership, Organisation

from . import workflows
from .models import Application


def administered_by(user):
    """The organisations the user can act for in applications."""
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.ADMIN
    ).order_by("name")


class StartForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Your organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    seeking_partner = forms.TypedChoiceField(
        label=_("How do you apply?"),
        choices=[
            ("", _("With a partner organisation (we invite it next)")),
            ("1", _("Alone, asking the programme to match us with a partner")),
        ],
        coerce=bool,
        required=False,
        widget=forms.RadioSelect,
        initial="",
    )

    def __init__(self, *args, user, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = administered_by(user)
        if not call.single_applicants_allowed:
            del self.fields["seeking_partner"]


class InviteForm(forms.Form):
    contact = forms.ModelChoiceField(
        label=_("One of your contacts"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("— choose —"),
    )
    profile = forms.CharField(
        label=_("Or the address of its profile in the directory"),
        required=False,
        help_text=_("For example: /organisations/genclik-dernegi/ or genclik-dernegi"),
    )
    email = forms.EmailField(
        label=_("Or, if it is not registered yet, an e-mail address"), required=False
    )

    def __init__(self, *args, contacts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = contacts

    def clean(self):
        cleaned = super().clean()
        chosen = [
            bool(cleaned.get("contact")),
            bool(cleaned.get("profile")),
            bool(cleaned.get("email")),
        ]
        if sum(chosen) != 1:
            raise forms.ValidationError(
                _("Choose one contact, or give one profile address, or one e-mail address.")
            )
        profile = (cleaned.get("profile") or "").strip().rstrip("/").rsplit("/", 1)[-1]
        if profile:
            organisation = Organisation.objects.filter(slug=profile).first()
            if organisation is None:
                self.add_error("profile", _("No organisation has this address."))
            cleaned["organisation"] = organisation
        else:
            cleaned["organisation"] = cleaned.get("contact")
        return cleaned


class AcceptInvitationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Join with"), queryset=Organisation.objects.none(), empty_label=None
    )

    def __init__(self, *args, user, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = administered_by(user)
        if invitation.organisation_id:
            queryset = queryset.filter(pk=invitation.organisation_id)
        self.fields["organisation"].queryset = queryset


def _field(question: questions.Question) -> forms.Field:
    common = {"label": question.text, "help_text": question.help_text, "required": False}
    kind = question.kind
    if kind == questions.SHORT_TEXT:
        return forms.CharField(max_length=questions.SHORT_TEXT_MAX, **common)
    if kind == questions.LONG_TEXT:
        attrs = {"rows": 8}
        if question.word_limit:
            attrs["data-word-limit"] = question.word_limit
            attrs["data-word-template"] = _("{words} of {limit} words")
        return forms.CharField(widget=forms.Textarea(attrs=attrs), strip=False, **common)
    if kind in (questions.SINGLE_CHOICE, questions.CAPACITY_AREA):
        widget = forms.RadioSelect if kind == questions.SINGLE_CHOICE else forms.Select
        return forms.ChoiceField(
            choices=[("", "—")] + question.options()
            if widget is forms.Select
            else question.options(),
            widget=widget,
            **common,
        )
    if kind == questions.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(
            choices=question.options(), widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == questions.NUMBER:
        return forms.CharField(widget=forms.TextInput(attrs={"inputmode": "decimal"}), **common)
    if kind == questions.DATE:
        return forms.CharField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if kind == questions.YES_NO:
        return forms.ChoiceField(
            choices=[("yes", _("Yes")), ("no", _("No"))], widget=forms.RadioSelect, **common
        )
    if kind == questions.FILE:
        types = ", ".join("." + t for t in (question.file_types or ("pdf",)))
        common["help_text"] = " ".join(
            filter(
                None,
                [
                    question.help_text,
                    str(
                        _(
                            "Allowed: %(types)s, up to %(size)s MB. Files are saved with the Save button."
                        )
                    )
                    % {"types": types, "size": question.max_size_mb},
                ],
            )
        )
        return forms.FileField(widget=forms.ClearableFileInput(attrs={"accept": types}), **common)
    raise ValueError(kind)


def _initial(question: questions.Question, value):
    if value is None:
        return None
    if question.kind == questions.YES_NO:
        return "yes" if value else "no"
    return value


class SectionForm(forms.Form):
    """The questions of one section, every one optional while drafting (the checklist says what
    is still missing); each carries the version of the answer the user started from."""

    def __init__(self, *args, section: questions.Section, answers: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.section = section
        for question in section.questions:
            answer = answers.get(question.key)
            field = _field(question)
            field.question = question
            self.fields[question.key] = field
            if question.kind != questions.FILE:
                self.initial[question.key] = _initial(question, answer.value if answer else None)
            self.fields[f"v_{question.key}"] = forms.IntegerField(
                widget=forms.HiddenInput, required=False, min_value=0
            )
            self.initial[f"v_{question.key}"] = answer.version if answer else 0

    def values(self) -> dict:
        """Raw answers as typed (the service validates them against the stored schema)."""
        values = {}
        for question in self.section.questions:
            key = question.key
            if question.kind == questions.FILE:
                continue
            if question.kind == questions.MULTIPLE_CHOICE:
                # No box ticked sends nothing: the hidden version field says the list was shown.
                if key in self.data or f"v_{key}" in self.data:
                    values[key] = self.data.getlist(key)
            elif key in self.data:
                values[key] = self.data.get(key)
        return values

    def versions(self) -> dict:
        versions = {}
        for question in self.section.questions:
            raw = self.data.get(f"v_{question.key}")
            if raw not in (None, "") and str(raw).isdigit():
                versions[question.key] = int(raw)
        return versions

    def files_by_key(self) -> dict:
        return {
            q.key: self.files[q.key]
            for q in self.section.questions
            if q.kind == questions.FILE and q.key in self.files
        }


class ParticipantForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=limits.NAME)
    role = forms.CharField(label=_("Role in the organisation"), max_length=limits.NAME)
    email = forms.EmailField(label=_("E-mail"))
    needs_visa = forms.BooleanField(label=_("Needs a visa"), required=False)


class BaseParticipantFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        emails = [f.cleaned_data.get("email", "").lower() for f in self.forms if f.cleaned_data]
        if len(emails) != len(set(emails)):
            raise forms.ValidationError(_("Each participant needs their own e-mail address."))

    def rows(self):
        return [f.cleaned_data for f in self.forms if f.cleaned_data]


def participant_formset(call, *args, **kwargs):
    FormSet = forms.formset_factory(
        ParticipantForm,
        formset=BaseParticipantFormSet,
        extra=0,
        max_num=call.participants_per_organisation,
        validate_max=True,
    )
    return FormSet(*args, **kwargs)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you withdraw? (optional)"),
        required=False,
        max_length=limits.REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ExtensionForm(forms.Form):
    until = forms.DateTimeField(
        label=_("New deadline (in the call's time zone)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=limits.REASON, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call

    def clean_until(self):
        return call_services.aware(self.cleaned_data["until"], self.call.time_zone)


class StatusForm(forms.Form):
    to = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(
        label=_("Message to the applicants (optional)"),
        required=False,
        max_length=limits.REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, application, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [
            (t, Application.Status(t).label)
            for t in workflows.APPLICATION.permitted(application, by=user)
        ]
