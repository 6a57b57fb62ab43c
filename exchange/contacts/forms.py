from django import forms
from django.utils.translation import gettext_lazy as _

from exchange.organisations import taxonomy
from exchange.organisations.forms import programme_country_choices
from exchange.organisations.models import Membership, Organisation, Side


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


class BoardFilterForm(forms.Form):
    area = forms.ChoiceField(
        label=_("Capacity area"),
        required=False,
        choices=lambda: [("", _("Any"))] + taxonomy.area_choices(),
    )
    side = forms.ChoiceField(
        label=_("Side"), required=False, choices=lambda: [("", _("Both"))] + list(Side.choices)
    )


class BoardPostForm(forms.Form):
    organisation = OwnOrganisationField(
        label=_("Post as"), queryset=Organisation.objects.none(), empty_label=None
    )
    area = forms.ChoiceField(
        label=_("We look for a partner to work on"), choices=taxonomy.area_choices
    )
    description = forms.CharField(
        label=_("What we want to do"), max_length=3000, widget=forms.Textarea(attrs={"rows": 5})
    )
    offers = forms.CharField(
        label=_("What we can offer a partner"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    preferred_countries = forms.MultipleChoiceField(
        label=_("Countries we prefer"),
        required=False,
        choices=lambda: programme_country_choices()[1:],
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    period_start = forms.DateField(
        label=_("Planned start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=_("Planned end"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reply_deadline = forms.DateField(
        label=_("Replies until"), widget=forms.DateInput(attrs={"type": "date"})
    )
    max_replies = forms.IntegerField(
        label=_("At most this many replies"),
        required=False,
        min_value=1,
        max_value=200,
        help_text=_(
            "The post stops taking replies when it has this many. Leave empty for no limit."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = own_organisations(user)


class BoardReplyForm(forms.Form):
    organisation = OwnOrganisationField(
        label=_("Reply as"), queryset=Organisation.objects.none(), empty_label=None
    )
    brings = forms.ChoiceField(label=_("What we bring"), choices=taxonomy.area_choices)
    message = forms.CharField(
        label=_("Short message"), max_length=1000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, user, post, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = own_organisations(user, exclude=post.organisation)
