from allauth.core import context as allauth_context
from allauth.mfa.totp.forms import ActivateTOTPForm as BaseActivateTOTPForm
from allauth.mfa.totp.internal import auth as totp_auth
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from exchange.core.languages import language_choices
from exchange.core.zones import browser_zone

from .models import User, timezone_choices
from .services import record_consent


class SignupExtraForm(forms.Form):
    """Extra fields on allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        help_text=_("Shown to the organisations you work with."),
    )
    timezone = forms.ChoiceField(
        label=_("Time zone"), choices=timezone_choices, initial="Europe/Istanbul"
    )
    consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that my data is processed as it describes."
        ),
        error_messages={
            "required": _("You need to accept the privacy notice to create an account.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = allauth_context.request  # the sign-up library's current request
        zone = browser_zone(request) if request is not None else ""
        if zone and zone in dict(timezone_choices()):
            self.fields["timezone"].initial = zone  # the browser's, not Istanbul for all

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"]
        user.timezone = self.cleaned_data["timezone"]
        if getattr(request, "LANGUAGE_CODE", "") in dict(settings.LANGUAGES):
            user.language = request.LANGUAGE_CODE
        user.save()
        record_consent(user=user, ip_address=request.META.get("REMOTE_ADDR"))


class ProfileForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages I speak"),
        choices=language_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    timezone = forms.ChoiceField(label=_("Time zone"), choices=timezone_choices)

    class Meta:
        model = User
        fields = ["display_name", "language", "timezone", "languages"]
        labels = {"display_name": _("Display name"), "language": _("Interface language")}


class DeleteAccountForm(forms.Form):
    understood = forms.BooleanField(
        label=_(
            "I understand that my account and my personal data are deleted for good, and that "
            "what I wrote in my organisations' conversations and applications stays, shown as "
            "written by a former member."
        ),
        error_messages={"required": _("Tick the box to confirm.")},
    )


class ActivateTOTPForm(BaseActivateTOTPForm):
    """Setting up an authenticator app: the secret stays the same for the whole set-up, so
    that reloading the page (or coming back to it) does not invalidate what was already
    scanned. It is cleared once the app is activated."""

    def __init__(self, *args, **kwargs) -> None:
        kept = allauth_context.request.session.get(totp_auth.SECRET_SESSION_KEY)
        super().__init__(*args, **kwargs)  # makes a new secret when the page is shown
        if kept:
            allauth_context.request.session[totp_auth.SECRET_SESSION_KEY] = kept
            self.secret = kept
