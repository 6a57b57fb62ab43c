from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from exchange.organisations import taxonomy
from exchange.organisations.forms import programme_country_choices
from exchange.organisations.models import Side


class RecommendationFilterForm(forms.Form):
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        choices=lambda: [("", _("Any"))] + programme_country_choices()[1:],
    )
    field = forms.ChoiceField(
        label=_("Thematic field"),
        required=False,
        choices=lambda: [("", _("Any"))] + taxonomy.field_choices(),
    )
    area = forms.ChoiceField(
        label=_("Capacity area"),
        required=False,
        choices=lambda: [("", _("Any"))] + taxonomy.area_choices(),
    )

    def __init__(self, *args, side=None, **kwargs):
        """`side`: the organisation's own side; partners come from the other one, so only
        the other side's countries are offered."""
        super().__init__(*args, **kwargs)
        if side is not None:
            other = settings.EXCHANGE_EUROPE if side == Side.TURKEY else settings.EXCHANGE_TURKEY
            self.fields["country"].choices = [("", _("Any"))] + [
                (code, name) for code, name in programme_country_choices()[1:] if code in other
            ]
