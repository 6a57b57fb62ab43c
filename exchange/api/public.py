"""Public endpoints: calls with their rules and form, the taxonomy, the directory."""

from django.utils.translation import override
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response

from exchange.calls import selectors as call_selectors
from exchange.calls import services as call_services
from exchange.calls.models import Call
from exchange.organisations import filters, taxonomy
from exchange.organisations import permissions as organisation_permissions
from exchange.organisations import selectors as organisation_selectors
from exchange.organisations.models import Organisation, Side

from . import choices
from .base import CappedPagination, Endpoint, ListEndpoint, Money, Translated
from .problems import BadQuery

LANGS = ("en", "tr", "de")


def in_three(value) -> dict:
    """A translatable label in English, Turkish and German."""
    out = {}
    for code in LANGS:
        with override(code):
            out[code] = str(value)
    return out


# --- Calls ---------------------------------------------------------------------------------


class ProgrammeOut(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class CallOut(serializers.Serializer):
    slug = serializers.CharField()
    url = serializers.SerializerMethodField()
    programme = ProgrammeOut()
    title = serializers.CharField(help_text="In the request's language (English when empty).")
    cohort = serializers.CharField()
    status = serializers.ChoiceField(choices=Call.Status.choices)
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField(help_text="The deadline, in UTC.")
    time_zone = serializers.CharField(help_text="The call's own zone (IANA), for display.")

    def get_url(self, call) -> str:
        path = call["path"] if isinstance(call, dict) else call.get_absolute_url()
        return self.context["request"].build_absolute_uri(path)


class Rules(serializers.Serializer):
    organisations_per_partnership = serializers.IntegerField()
    participants_per_organisation = serializers.IntegerField()
    single_applicants_allowed = serializers.BooleanField()
    partnerships_to_select = serializers.IntegerField()
    turkey_countries = serializers.ListField(child=serializers.CharField())
    europe_countries = serializers.ListField(child=serializers.CharField())
    grant = Money()


class CallDetailOut(CallOut):
    text = serializers.CharField()
    titles = Translated()
    texts = Translated()
    missing_languages = serializers.ListField(
        child=serializers.ChoiceField(choices=["tr", "de"]),
        help_text="Languages whose text is empty (readers get English).",
    )
    opening_meeting = serializers.DateField(allow_null=True)
    exchange_starts = serializers.DateField(allow_null=True)
    exchange_ends = serializers.DateField(allow_null=True)
    closing_meeting = serializers.DateField(allow_null=True)
    rules = Rules()


def call_detail(call: Call) -> dict:
    return {
        **{f: getattr(call, f) for f in ("slug", "programme", "title", "cohort", "text")},
        "status": call.status,
        "opens_at": call.opens_at,
        "closes_at": call.closes_at,
        "time_zone": call.time_zone,
        "titles": {c: getattr(call, f"title_{c}") or call.title_en for c in LANGS},
        "texts": {c: getattr(call, f"text_{c}") or call.text_en for c in LANGS},
        "missing_languages": [
            c for c in ("tr", "de") if any(not getattr(call, f"{n}_{c}") for n in call.TRANSLATED)
        ],
        **{
            f: getattr(call, f)
            for f in ("opening_meeting", "exchange_starts", "exchange_ends", "closing_meeting")
        },
        "rules": {
            **{
                f: getattr(call, f)
                for f in (
                    "organisations_per_partnership",
                    "participants_per_organisation",
                    "single_applicants_allowed",
                    "partnerships_to_select",
                    "turkey_countries",
                    "europe_countries",
                )
            },
            "grant": {"amount": call.grant_amount, "currency": call.grant_currency},
        },
        "path": call.get_absolute_url(),
    }


class CallList(ListEndpoint):
    """Calls, soonest deadline first; `?status=open|upcoming|closed` filters."""

    serializer_class = CallOut
    pagination_class = CappedPagination

    @extend_schema(
        parameters=[
            OpenApiParameter("status", enum=[c for c, _ in Call.Status.choices], required=False)
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        groups = call_selectors.list_calls()
        wanted = self.request.query_params.get("status", "")
        if wanted and wanted not in groups:
            raise BadQuery("status: open, upcoming or closed.")
        order = [wanted] if wanted else ["open", "upcoming", "closed"]
        return [call for name in order for call in groups[name]]


class CallDetail(Endpoint):
    @extend_schema(responses=CallDetailOut)
    def get(self, request, slug):
        call = call_selectors.get_call(slug)
        return Response(CallDetailOut(call_detail(call), context={"request": request}).data)


class ChoiceOut(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()


class QuestionOut(serializers.Serializer):
    key = serializers.CharField()
    kind = serializers.CharField()
    required = serializers.BooleanField()
    label = serializers.CharField(source="text")
    labels = serializers.DictField(child=serializers.CharField(), source="label")
    help = serializers.CharField(source="help_text")
    choices = serializers.SerializerMethodField()
    word_limit = serializers.IntegerField(allow_null=True)
    min_value = serializers.DecimalField(max_digits=30, decimal_places=10, allow_null=True)
    max_value = serializers.DecimalField(max_digits=30, decimal_places=10, allow_null=True)
    file_types = serializers.ListField(child=serializers.CharField())
    max_size_mb = serializers.IntegerField()

    @extend_schema_field(ChoiceOut(many=True))
    def get_choices(self, question):
        return [{"key": k, "label": v} for k, v in question.options()]


class SectionOut(serializers.Serializer):
    key = serializers.CharField()
    scope = serializers.ChoiceField(
        choices=["partnership", "organisation"],
        help_text="partnership: answered once; organisation: by each organisation.",
    )
    title = serializers.CharField(source="text")
    questions = QuestionOut(many=True)


class FormOut(serializers.Serializer):
    sections = SectionOut(many=True)


class CallForm(Endpoint):
    """The call's application form: what each section asks, typed, in the request's language."""

    @extend_schema(responses=FormOut)
    def get(self, request, slug):
        call = call_selectors.get_call(slug)
        return Response(FormOut(call_services.form_schema(call)).data)


# --- The taxonomy ---------------------------------------------------------------------------


class TermOut(serializers.Serializer):
    key = serializers.CharField()
    label = Translated()
    description = Translated()


class LanguageOut(serializers.Serializer):
    code = serializers.CharField()
    label = Translated()


class TaxonomyOut(serializers.Serializer):
    capacity_areas = TermOut(many=True)
    thematic_fields = TermOut(many=True)
    working_languages = LanguageOut(many=True)


class Taxonomy(Endpoint):
    """The vocabularies profiles, needs, offers and filters use, in three languages."""

    @extend_schema(responses=TaxonomyOut)
    def get(self, request):
        def terms(items):
            return [
                {"key": t.key, "label": in_three(t.label), "description": in_three(t.description)}
                for t in items
            ]

        return Response(
            {
                "capacity_areas": terms(taxonomy.CAPACITY_AREAS),
                "thematic_fields": terms(taxonomy.THEMATIC_FIELDS),
                "working_languages": [
                    {"code": code, "label": in_three(label)}
                    for code, label in taxonomy.WORKING_LANGUAGES
                ],
            }
        )


# --- The directory --------------------------------------------------------------------------


class StatementOut(serializers.Serializer):
    area = serializers.CharField(allow_blank=True, help_text="A capacity area's key, or empty.")
    area_label = serializers.CharField(allow_blank=True)
    text = serializers.CharField(allow_blank=True)


class OrganisationCard(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    url = serializers.SerializerMethodField()
    kind = serializers.CharField()
    country = serializers.CharField(source="country.code")
    city = serializers.CharField()
    side = serializers.CharField(allow_null=True)
    hosts_visits = serializers.BooleanField()
    languages = serializers.SerializerMethodField()
    thematic_fields = serializers.SerializerMethodField()
    needs = serializers.SerializerMethodField()
    offers = serializers.SerializerMethodField()

    def get_url(self, organisation) -> str:
        return self.context["request"].build_absolute_uri(organisation.get_absolute_url())

    def get_languages(self, organisation) -> list[str]:
        return [lang.code for lang in organisation.languages.all()]

    def get_thematic_fields(self, organisation) -> list[str]:
        return [f.key for f in organisation.fields.all()]

    def _statements(self, organisation, kind):
        return [
            {
                "area": s.area,
                "area_label": str(taxonomy.area(s.area).label) if s.area else "",
                "text": s.text,
            }
            for s in organisation.statements.all()
            if s.kind == kind
        ]

    @extend_schema_field(StatementOut(many=True))
    def get_needs(self, organisation):
        return self._statements(organisation, "need")

    @extend_schema_field(StatementOut(many=True))
    def get_offers(self, organisation):
        return self._statements(organisation, "offer")


class OrganisationOut(OrganisationCard):
    founded = serializers.IntegerField(allow_null=True)
    staff_count = serializers.IntegerField(allow_null=True)
    volunteer_count = serializers.IntegerField(allow_null=True)
    website = serializers.CharField(allow_blank=True)
    description = serializers.CharField(allow_blank=True)
    visibility = serializers.CharField()
    contact_email = serializers.SerializerMethodField(
        help_text="Shown to members and to organisations in contact with this one."
    )
    contact_phone = serializers.SerializerMethodField()
    can_edit = serializers.SerializerMethodField()

    def _contact(self, organisation, name):
        user = self.context["request"].user
        if organisation_permissions.can_view_contact_details(user, organisation):
            return getattr(organisation, name)
        return None

    def get_contact_email(self, organisation) -> str | None:
        return self._contact(organisation, "contact_email")

    def get_contact_phone(self, organisation) -> str | None:
        return self._contact(organisation, "contact_phone")

    def get_can_edit(self, organisation) -> bool:
        return bool(organisation_permissions.can_edit(self.context["request"].user, organisation))


DIRECTORY_PARAMETERS = [
    OpenApiParameter("q", str, description="Words, in any of the three languages."),
    OpenApiParameter("side", enum=[s for s, _ in Side.choices], description="tr or eu"),
    OpenApiParameter("country", enum=choices.COUNTRIES, description="ISO 3166 code"),
    OpenApiParameter("city", str),
    OpenApiParameter("kind", enum=[k for k, _ in Organisation.Kind.choices]),
    OpenApiParameter("field", enum=choices.FIELDS),
    OpenApiParameter("need", enum=choices.AREAS),
    OpenApiParameter("offer", enum=choices.AREAS),
    OpenApiParameter("language", enum=choices.WORKING_LANGUAGES),
    OpenApiParameter("hosts_visits", bool),
    OpenApiParameter("sort", enum=["relevance", "name", "newest"]),
]


class Directory(ListEndpoint):
    """Listed organisations with the directory page's filters, search and order."""

    serializer_class = OrganisationCard
    pagination_class = CappedPagination
    known_count = None

    @extend_schema(parameters=DIRECTORY_PARAMETERS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = self.request.query_params.copy()
        for name in ("page", "page_size"):
            params.pop(name, None)
        filterset, results, self.known_count = filters.search(self.request.user, params)
        if filterset.is_bound and not filterset.form.is_valid():
            errors = filterset.form.errors.get_json_data()
            raise BadQuery(" ".join(f"{k}: {e['message']}" for k, v in errors.items() for e in v))
        return results


class OrganisationDetail(Endpoint):
    @extend_schema(responses=OrganisationOut)
    def get(self, request, slug):
        organisation = organisation_selectors.get_organisation_for_user(request.user, slug)
        return Response(OrganisationOut(organisation, context={"request": request}).data)
