from django import forms
from django.utils.translation import gettext_lazy as _

from exchange.organisations.models import Membership, Organisation


class OwnOrganisationField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def own_organisations(user, exclude=None, admin_only=False):
    memberships = Membership.objects.filter(user=user)
    if admin_only:
        memberships = memberships.filter(role=Membership.Role.ADMIN)
    qs = Organisation.objects.filter(pk__in=memberships.values("organisation_id")).order_by("name")
    return qs.exclude(pk=exclude.pk) if exclude else qs


class ContactRequestForm(forms.Form):
    sender = OwnOrganisationField(
        label=_("Write as"), queryset=Organisation.objects.none(), empty_label=None
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Say who you are, what you would like to work on together and why them. Plain text."
        ),
    )

    def __init__(self, *args, user, recipient, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sender"].queryset = own_organisations(user, exclude=recipient)


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ReportForm(forms.Form):
    reporter = OwnOrganisationField(
        label=_("Report as"), queryset=Organisation.objects.none(), empty_label=None
    )
    reason = forms.CharField(
        label=_("What happened?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    block = forms.BooleanField(
        label=_("Also block this organisation: it can no longer contact us"), required=False
    )

    def __init__(self, *args, user, reported, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reporter"].queryset = own_organisations(
            user, exclude=reported, admin_only=True
        )
