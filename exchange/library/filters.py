"""The public library's search and filters: every filter lives in the URL (a search can be
shared) and is a tag of the one full-text lookup that the directory uses too
(core.textsearch): words in TR/DE/EN with their word forms, and the facts as tags."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from exchange.core.pagination import Ranked
from exchange.core.textsearch import apply_search, is_searchable, ranked_ids
from exchange.core.widgets import FastSelect
from exchange.organisations import taxonomy
from exchange.organisations.forms import programme_country_choices
from exchange.partnerships.models import Cohort

from . import tags
from .models import LANGUAGES, PracticeModel, SearchDocument
from .selectors import published

SORTS = (("relevance", _("Relevance")), ("newest", _("Newest")))
PAGE_SIZE = 20
RESULT_CAP = 1000


def cohort_choices():
    return [
        (str(c.pk), c.call.cohort)
        for c in Cohort.objects.filter(partnerships__models__published_number__gt=0)
        .select_related("call")
        .distinct()
    ]


class LibraryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_nothing",
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Problem, approach, topic…")}
        ),
    )
    area = django_filters.ChoiceFilter(
        label=_("Capacity area"),
        choices=taxonomy.area_choices,
        method="filter_nothing",
        empty_label=_("Any"),
    )
    field = django_filters.ChoiceFilter(
        label=_("Thematic field"),
        choices=taxonomy.field_choices,
        method="filter_nothing",
        empty_label=_("Any"),
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        choices=lambda: programme_country_choices()[1:],
        method="filter_nothing",
        empty_label=_("Any"),
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=LANGUAGES, method="filter_nothing", empty_label=_("Any")
    )
    cohort = django_filters.ChoiceFilter(
        label=_("Cohort"),
        choices=cohort_choices,
        method="filter_nothing",
        empty_label=_("Any"),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SORTS, method="filter_nothing", empty_label=None
    )

    class Meta:
        model = PracticeModel
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            if type(field.widget) is forms.Select:
                field.widget = FastSelect(attrs=field.widget.attrs, choices=field.widget.choices)

    def filter_nothing(self, queryset, name, value):
        return queryset  # every filter is a tag of the search (filter_queryset)

    @staticmethod
    def tag_groups(data) -> list[frozenset[str]]:
        groups = []
        for name, make in (
            ("area", tags.area),
            ("field", tags.field),
            ("country", tags.country),
            ("language", tags.language),
            ("cohort", tags.cohort),
        ):
            if data.get(name) not in (None, ""):
                groups.append(frozenset({make(data[name])}))
        return groups

    known_count: int | None = None

    def ordered(self):
        """The matching published models in the order asked for, ready for a page."""
        data = self.form.cleaned_data if self.form.is_valid() else {}
        query = (data.get("q") or "").strip()
        groups = self.tag_groups(data)
        words = is_searchable(query)
        newest = data.get("sort") == "newest" or not words
        if not words and not groups:
            return published().order_by("-published_at", "-pk")
        required = [*groups, frozenset({tags.PUBLISHED})]
        ids = ranked_ids(
            query,
            search_table=SearchDocument._meta.db_table,
            key="model_id",
            window=2 * RESULT_CAP + 1,
            synonyms=taxonomy.label_synonyms,
            required=required,
            order_table=PracticeModel._meta.db_table,
            order_by=("-published_at",),
            by_rank=not newest,
            using=self.queryset.db,
        )
        if ids is not None:  # PostgreSQL: found and ordered within the index
            self.known_count = len(ids)
            return Ranked(ids, lambda page: published().filter(pk__in=page))
        qs = apply_search(
            published(),
            query,
            search_table=SearchDocument._meta.db_table,
            key="model_id",
            synonyms=taxonomy.label_synonyms,
            required=required,
            tags_alone=True,
        )
        # SQLite: the ids in order first (the index and a narrow sort), then only the page's
        # rows: sorting 30,000 whole rows with their JSON took 250 ms at 50,000 models.
        order = ("-published_at", "-pk") if newest else ("-search_rank", "-published_at", "-pk")
        ids = list(qs.order_by(*order).values_list("pk", flat=True)[: 2 * RESULT_CAP + 1])
        self.known_count = len(ids)
        return Ranked(ids, lambda page: published().filter(pk__in=page))


def search(params):
    """The library filtered, searched and ordered by `params` (the page's query string or
    the API's): (filterset, results, known_count). Page and API call this one function."""
    filterset = LibraryFilter(params or None, queryset=published())
    if filterset.is_bound and filterset.form.is_valid():
        results = filterset.ordered()
    else:
        results = published().order_by("-published_at", "-pk")
    return filterset, results, filterset.known_count
