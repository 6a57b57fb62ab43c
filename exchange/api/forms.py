from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ApiToken


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=80,
        help_text=_("What will use it, e.g. “Reporting sheet” or “Our CRM”."),
    )
    scope = forms.ChoiceField(
        label=_("Access"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
        help_text=_("Read only is enough to list calls, profiles and applications."),
    )
