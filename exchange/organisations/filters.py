"""The directory's filters. Every filter lives in the URL so a search can be shared."""

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from exchange.core.textsearch import apply_search, fold, limit_ranking
from exchange.core.widgets import FastSelect

from . import taxonomy
from .forms import programme_country_choices
from .models import (
    CapacityStatement,
    Organisation,
    SearchDocument,
    Side,
    ThematicField,
    WorkingLanguage,
)

SORTS = (("relevance", _("Relevance")), ("name", _("Name")), ("newest", _("Newest")))


def _in(model, **conditions):
    # "id IN (SELECT organisation_id …)" rather than a correlated EXISTS: the database
    # reads the (key, organisation) index once instead of probing it for every row
    # (4 ms instead of 22 ms at 100,000 organisations on SQLite).
    return Q(pk__in=model.objects.filter(**conditions).values("organisation_id"))


class DirectoryFilter(django_filters.FilterSet):
    # Choice filters render with FastSelect (see __init__).
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Name, topic, city, need…")}
        ),
    )
    side = django_filters.ChoiceFilter(
        label=_("Side"), choices=Side.choices, method="filter_side", empty_label=_("Both")
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=lambda: programme_country_choices()[1:], empty_label=_("Any")
    )
    city = django_filters.CharFilter(label=_("City"), method="filter_city")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Organisation.Kind.choices, empty_label=_("Any")
    )
    field = django_filters.ChoiceFilter(
        label=_("Thematic field"),
        choices=taxonomy.field_choices,
        method="filter_field",
        empty_label=_("Any"),
    )
    need = django_filters.ChoiceFilter(
        label=_("Needs"), choices=taxonomy.area_choices, method="filter_need", empty_label=_("Any")
    )
    offer = django_filters.ChoiceFilter(
        label=_("Offers"),
        choices=taxonomy.area_choices,
        method="filter_offer",
        empty_label=_("Any"),
    )
    language = django_filters.ChoiceFilter(
        label=_("Working language"),
        choices=taxonomy.language_choices,
        method="filter_language",
        empty_label=_("Any"),
    )
    hosts_visits = django_filters.BooleanFilter(
        label=_("Can host study visits"), widget=forms.CheckboxInput, method="filter_hosts"
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SORTS, method="filter_sort", empty_label=None
    )

    class Meta:
        model = Organisation
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            if type(field.widget) is forms.Select:
                field.widget = FastSelect(attrs=field.widget.attrs, choices=field.widget.choices)

    def filter_q(self, queryset, name, value):
        if not value.strip():
            return queryset
        return apply_search(
            queryset,
            value,
            search_table=SearchDocument._meta.db_table,
            key="organisation_id",
            synonyms=taxonomy.label_synonyms,
        )

    def filter_side(self, queryset, name, value):
        countries = settings.EXCHANGE_TURKEY if value == Side.TURKEY else settings.EXCHANGE_EUROPE
        return queryset.filter(country__in=countries)

    def filter_city(self, queryset, name, value):
        key = fold(value.strip())
        return queryset.filter(city_key__startswith=key) if key else queryset

    def filter_field(self, queryset, name, value):
        return queryset.filter(_in(ThematicField, key=value))

    def filter_need(self, queryset, name, value):
        return queryset.filter(_in(CapacityStatement, kind=CapacityStatement.Kind.NEED, area=value))

    def filter_offer(self, queryset, name, value):
        return queryset.filter(
            _in(CapacityStatement, kind=CapacityStatement.Kind.OFFER, area=value)
        )

    def filter_language(self, queryset, name, value):
        return queryset.filter(_in(WorkingLanguage, code=value))

    def filter_hosts(self, queryset, name, value):
        return queryset.filter(hosts_visits=True) if value else queryset

    def filter_sort(self, queryset, name, value):
        return queryset  # applied in `ordered()`, after every other filter

    known_count: int | None = None

    def ordered(self):
        qs = self.qs
        sort = self.form.cleaned_data.get("sort") if self.form.is_valid() else None
        # A query of only one-letter words or punctuation searches nothing: no rank then.
        searching = "search_rank" in qs.query.extra_select
        if sort == "newest":
            return qs.order_by("-created_at", "id")
        if sort == "name" or not searching:
            return qs.order_by("name", "id")
        # The ranking window already counted the matches (up to its size): the page
        # reuses that count instead of asking the database again.
        qs, self.known_count = limit_ranking(qs, window=2 * settings.DIRECTORY_RESULT_CAP)
        return qs.order_by("-search_rank", "name", "id")
