from django import forms
from django.utils.translation import gettext_lazy as _

from exchange.organisations import taxonomy
from exchange.organisations.forms import programme_country_choices


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
