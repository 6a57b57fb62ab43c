"""The model library: public reads (the library with the page's search and filters, a
model in a language, the feed of new models, a model's lineage) and, signed in, drafting
(start, texts, facts, approve, send to review), staff's review, and adopting. The same
services, selectors and rules as the pages."""

from django.http import Http404
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotAuthenticated
from rest_framework.response import Response

from exchange.core.permissions import require
from exchange.library import filters, markup, permissions, selectors, services
from exchange.library.models import (
    LANGUAGE_CODES,
    LANGUAGES,
    SECTION_KEYS,
    Adoption,
    Licence,
    PracticeModel,
)
from exchange.library.workflows import MODEL
from exchange.organisations import taxonomy
from exchange.organisations.forms import programme_country_choices
from exchange.organisations.models import Organisation
from exchange.partnerships import selectors as partnership_selectors

from .base import CappedPagination, Endpoint, ListEndpoint, MemberEndpoint, valid
from .people import pk_or_404
from .problems import BadQuery

LANG_PARAMETER = OpenApiParameter(
    "lang", enum=list(LANGUAGE_CODES), required=False,
    description="The language to read; the model's original language where it has none.",
)  # fmt: skip


def _asked(request) -> str:
    asked = request.query_params.get("lang", "")
    if asked and asked not in LANGUAGE_CODES:
        raise BadQuery("lang: en, tr or de.")
    return asked or selectors.reader_language()


class OrganisationRef(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    country = serializers.CharField(source="country.code", allow_blank=True)


class ModelCard(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.SerializerMethodField()
    summary = serializers.SerializerMethodField()
    language = serializers.SerializerMethodField(help_text="The language of title and summary.")
    languages = serializers.SerializerMethodField()
    capacity_areas = serializers.ListField(child=serializers.CharField())
    thematic_fields = serializers.ListField(child=serializers.CharField())
    countries = serializers.ListField(child=serializers.CharField())
    organisation = OrganisationRef()
    cohort = serializers.SerializerMethodField()
    origin = serializers.SerializerMethodField(help_text="The model it was adapted from.")
    published_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField()

    def _language(self, model):
        return model.shown_language(self.context.get("language") or selectors.reader_language())

    def get_title(self, model) -> str:
        return model.titles.get(self._language(model), "")

    def get_summary(self, model) -> str:
        return model.summaries.get(self._language(model), "")

    def get_language(self, model) -> str:
        return self._language(model)

    def get_languages(self, model) -> list[str]:
        return [code for code in LANGUAGE_CODES if code in model.titles]

    def get_cohort(self, model) -> str | None:
        return model.partnership.cohort.call.cohort if model.partnership_id else None

    def get_origin(self, model) -> str | None:
        return model.origin.slug if model.origin_id and model.origin.is_public else None

    def get_url(self, model) -> str:
        return reverse("library:detail", args=[model.slug])


LIBRARY_PARAMETERS = [
    OpenApiParameter("q", str, required=False, description="Words in TR, DE or EN."),
    OpenApiParameter("area", enum=sorted(taxonomy.AREA_KEYS), required=False),
    OpenApiParameter("field", enum=sorted(taxonomy.FIELD_KEYS), required=False),
    OpenApiParameter("country", str, required=False, description="ISO 3166 code."),
    OpenApiParameter("language", enum=list(LANGUAGE_CODES), required=False),
    OpenApiParameter("cohort", int, required=False),
    OpenApiParameter("sort", enum=[k for k, _v in filters.SORTS], required=False),
    LANG_PARAMETER,
]


class Library(ListEndpoint):
    """Published models, with the library page's search, filters and order."""

    serializer_class = ModelCard
    pagination_class = CappedPagination
    known_count = None

    @extend_schema(parameters=LIBRARY_PARAMETERS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "language": _asked(self.request)}

    def get_queryset(self):
        params = self.request.query_params.copy()
        for name in ("page", "page_size", "lang"):
            params.pop(name, None)
        filterset, results, self.known_count = filters.search(params)
        if filterset.is_bound and not filterset.form.is_valid():
            errors = filterset.form.errors.get_json_data()
            raise BadQuery(" ".join(f"{k}: {e['message']}" for k, v in errors.items() for e in v))
        return results


class LibraryFeed(Endpoint):
    """The 30 most recently published models, newest first."""

    @extend_schema(parameters=[LANG_PARAMETER], responses=ModelCard(many=True))
    def get(self, request):
        models = selectors.published().order_by("-published_at", "-pk")[:30]
        return Response(ModelCard(models, many=True, context={"language": _asked(request)}).data)


class ModelSectionOut(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    markdown = serializers.CharField()
    html = serializers.CharField(help_text="Sanitised HTML of the Markdown.")


class AttachmentOut(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    extension = serializers.CharField()
    size = serializers.IntegerField()
    language = serializers.CharField()
    url = serializers.CharField()


class AdoptionOut(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = OrganisationRef()
    status = serializers.ChoiceField(choices=Adoption.Status.choices)
    adaptation = serializers.CharField()
    outcome = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField()
    reported_at = serializers.DateTimeField(allow_null=True)


class VersionOut(serializers.Serializer):
    number = serializers.IntegerField()
    note = serializers.CharField(allow_blank=True)
    published_at = serializers.DateTimeField()


class ModelDetailOut(serializers.Serializer):
    slug = serializers.CharField()
    language = serializers.CharField()
    available = serializers.ListField(child=serializers.CharField())
    missing = serializers.ListField(child=serializers.CharField())
    title = serializers.CharField()
    summary = serializers.CharField()
    sections = ModelSectionOut(many=True)
    capacity_areas = serializers.ListField(child=serializers.CharField())
    thematic_fields = serializers.ListField(child=serializers.CharField())
    countries = serializers.ListField(child=serializers.CharField())
    organisation_kinds = serializers.ListField(child=serializers.CharField())
    licence = serializers.ChoiceField(choices=Licence.choices)
    authors = serializers.ListField(child=serializers.CharField())
    organisation = OrganisationRef()
    origin = serializers.CharField(allow_null=True)
    version = serializers.IntegerField(allow_null=True)
    versions = VersionOut(many=True)
    attachments = AttachmentOut(many=True)
    adoptions = AdoptionOut(many=True)


def _detail(model, asked) -> dict:
    version = selectors.latest_version(model)
    if version is None:
        reading, facts = selectors.working_reading(model, asked), services.facts_of(model)
        if reading is None:
            raise Http404
    else:
        reading, facts = selectors.reading(version, asked), version.facts
    return {
        "slug": model.slug,
        "language": reading.language,
        "available": reading.available,
        "missing": reading.missing,
        "title": reading.title,
        "summary": reading.summary,
        "sections": [
            {"key": k, "label": str(label), "markdown": text, "html": str(markup.render(text))}
            for k, label, text in reading.sections
        ],
        **{k: facts.get(k, []) for k in services.FACTS},
        "licence": facts.get("licence", Licence.CC_BY_SA),
        "authors": facts.get("authors", []),
        "organisation": model.organisation,
        "origin": model.origin.slug if model.origin_id and model.origin.is_public else None,
        "version": version.number if version else None,
        "versions": list(selectors.versions_of(model)),
        "attachments": [
            {
                "id": a.pk,
                "title": a.title,
                "extension": a.extension,
                "size": a.size,
                "language": a.language,
                "url": reverse("library:attachment", args=[model.slug, a.pk]),
            }
            for a in model.attachments.all()
        ],  # fmt: skip
        "adoptions": list(selectors.adoptions_of(model)) if model.is_public else [],
    }


class ModelDetail(Endpoint):
    """A model in the asked language (its published version; for its authors and staff,
    a draft never published reads from its working copy)."""

    @extend_schema(parameters=[LANG_PARAMETER], responses=ModelDetailOut)
    def get(self, request, slug):
        model = selectors.get_model(request.user, slug)
        return Response(ModelDetailOut(_detail(model, _asked(request))).data)


class NodeOut(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    origin = serializers.CharField(allow_null=True)
    generation = serializers.IntegerField(min_value=1)
    country = serializers.CharField(allow_blank=True)
    year = serializers.IntegerField(allow_null=True)


class LineageOut(serializers.Serializer):
    current = serializers.CharField()
    generations = serializers.IntegerField()
    models = NodeOut(many=True, help_text="The family from its first model, depth first.")


class Lineage(Endpoint):
    """The model's family tree: where it came from and what was adapted from it."""

    @extend_schema(parameters=[LANG_PARAMETER], responses=LineageOut)
    def get(self, request, slug):
        model = selectors.get_model(request.user, slug)
        slugs = {}
        tree = selectors.family(
            model, _asked(request), url=lambda m: slugs.setdefault(m.pk, m.slug)
        )
        by_id = {n.id: n for n in tree.rows}
        nodes = [
            {
                "slug": n.url,
                "title": n.title,
                "origin": by_id[n.origin_id].url if n.origin_id in by_id else None,
                "generation": n.depth + 1,
                "country": n.country,
                "year": n.year,
            }
            for n in tree.rows
        ]
        return Response(
            LineageOut(
                {"current": model.slug, "generations": tree.generations, "models": nodes}
            ).data
        )


# --- Drafting -----------------------------------------------------------------------------


class TextOut(serializers.Serializer):
    language = serializers.ChoiceField(choices=LANGUAGES)
    title = serializers.CharField()
    summary = serializers.CharField(allow_blank=True)
    sections = serializers.DictField(child=serializers.CharField(allow_blank=True))
    updated_at = serializers.DateTimeField()


class ApprovalOut(serializers.Serializer):
    organisation = serializers.CharField()
    approved = serializers.BooleanField()


class DraftOut(serializers.Serializer):
    slug = serializers.CharField()
    status = serializers.ChoiceField(choices=PracticeModel.Status.choices)
    status_label = serializers.CharField()
    original_language = serializers.ChoiceField(choices=LANGUAGES)
    texts = TextOut(many=True)
    missing_languages = serializers.ListField(child=serializers.CharField())
    capacity_areas = serializers.ListField(child=serializers.CharField())
    thematic_fields = serializers.ListField(child=serializers.CharField())
    countries = serializers.ListField(child=serializers.CharField())
    organisation_kinds = serializers.ListField(child=serializers.CharField())
    licence = serializers.ChoiceField(choices=Licence.choices)
    show_assessment = serializers.BooleanField()
    approvals = ApprovalOut(many=True)
    comments = serializers.CharField(allow_blank=True, help_text="Staff's, when sent back.")
    published_version = serializers.IntegerField()
    can = serializers.ListField(child=serializers.CharField(), help_text="Allowed next states.")


def _draft(model, user) -> dict:
    texts = list(model.texts.all())
    approved = set(model.approvals.values_list("organisation_id", flat=True))
    authors = Organisation.objects.filter(pk__in=permissions.author_ids(model)).order_by("name")
    comments = selectors.last_comments(model)
    return {
        "slug": model.slug,
        "status": model.status,
        "status_label": model.get_status_display(),
        "original_language": model.original_language,
        "texts": [
            {
                "language": t.language,
                "title": t.title,
                "summary": t.summary,
                "sections": {k: getattr(t, k) for k in SECTION_KEYS},
                "updated_at": t.updated_at,
            }
            for t in texts
        ],  # fmt: skip
        "missing_languages": [c for c in LANGUAGE_CODES if c not in {t.language for t in texts}],
        **{k: getattr(model, k) for k in services.FACTS},
        "licence": model.licence,
        "show_assessment": model.show_assessment,
        "approvals": [{"organisation": o.slug, "approved": o.pk in approved} for o in authors],
        "comments": comments.reason if comments else "",
        "published_version": model.published_number,
        "can": MODEL.permitted(model, by=user),
    }


class ModelStartIn(serializers.Serializer):
    organisation = serializers.SlugField(help_text="The submitting organisation (yours).")
    language = serializers.ChoiceField(choices=LANGUAGES)
    title = serializers.CharField(max_length=160)
    summary = serializers.CharField(max_length=600)


class Drafts(MemberEndpoint):
    """The models your organisations write; POST starts one of your organisation's own
    (from outside the programme)."""

    @extend_schema(responses=DraftOut(many=True))
    def get(self, request):
        return Response(
            DraftOut(
                [_draft(m, request.user) for m in selectors.models_of(request.user)], many=True
            ).data
        )

    @extend_schema(request=ModelStartIn, responses={201: DraftOut})
    def post(self, request):
        data = valid(ModelStartIn, request.data)
        organisation = Organisation.objects.filter(slug=data.pop("organisation")).first()
        if organisation is None:
            raise Http404
        model = services.start_own(organisation=organisation, by=request.user, **data)
        return Response(DraftOut(_draft(model, request.user)).data, status=201)


class PartnershipStartIn(serializers.Serializer):
    language = serializers.ChoiceField(choices=LANGUAGES)


class PartnershipModel(MemberEndpoint):
    """The partnership's model: POST starts it from the final report (or returns it)."""

    @extend_schema(request=PartnershipStartIn, responses={200: DraftOut, 201: DraftOut})
    def post(self, request, pk):
        partnership = partnership_selectors.get_partnership(request.user, pk_or_404(pk))
        data = valid(PartnershipStartIn, request.data)
        existed = PracticeModel.objects.filter(partnership=partnership).exists()
        model = services.start_for_partnership(
            partnership=partnership, by=request.user, language=data["language"]
        )
        return Response(DraftOut(_draft(model, request.user)).data, status=200 if existed else 201)


class FactsIn(serializers.Serializer):
    capacity_areas = serializers.ListField(
        child=serializers.ChoiceField(choices=sorted(taxonomy.AREA_KEYS)),
        required=False,
        max_length=16,
    )
    thematic_fields = serializers.ListField(
        child=serializers.ChoiceField(choices=sorted(taxonomy.FIELD_KEYS)),
        required=False,
        max_length=22,
    )
    countries = serializers.ListField(
        child=serializers.CharField(min_length=2, max_length=2), required=False, max_length=60
    )
    organisation_kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=Organisation.Kind.choices),
        required=False,
        max_length=6,
    )
    licence = serializers.ChoiceField(choices=Licence.choices, required=False)
    original_language = serializers.ChoiceField(choices=LANGUAGES, required=False)
    show_assessment = serializers.BooleanField(required=False)

    def validate_countries(self, value):
        allowed = {code for code, _name in programme_country_choices()[1:]}
        unknown = [c for c in value if c not in allowed]
        if unknown:
            raise serializers.ValidationError(f"not a programme country: {', '.join(unknown)}")
        return value


def _work(request, slug):
    return selectors.get_for_work(request.user, slug)


class Draft(MemberEndpoint):
    """The working copy of a model: texts, facts, approvals and what can happen next.
    PATCH changes its facts (an edit withdraws the approvals)."""

    @extend_schema(responses=DraftOut)
    def get(self, request, slug):
        return Response(DraftOut(_draft(_work(request, slug), request.user)).data)

    @extend_schema(request=FactsIn, responses=DraftOut)
    def patch(self, request, slug):
        model = _work(request, slug)
        data = valid(FactsIn, request.data)
        services.save_facts(model=model, by=request.user, **data)
        return Response(DraftOut(_draft(model, request.user)).data)


class TextIn(serializers.Serializer):
    title = serializers.CharField(max_length=160)
    summary = serializers.CharField(max_length=600)
    sections = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=10000), required=False
    )

    def validate_sections(self, value):
        unknown = set(value) - set(SECTION_KEYS)
        if unknown:
            raise serializers.ValidationError(f"unknown sections: {', '.join(sorted(unknown))}")
        return value


class DraftText(MemberEndpoint):
    """PUT writes the model's text in one language (a new translation or a change)."""

    @extend_schema(request=TextIn, responses=DraftOut)
    def put(self, request, slug, language):
        model = _work(request, slug)
        if language not in LANGUAGE_CODES:
            raise Http404
        data = valid(TextIn, request.data)
        values = {"title": data["title"], "summary": data["summary"], **data.get("sections", {})}
        services.save_text(model=model, language=language, by=request.user, values=values)
        return Response(DraftOut(_draft(model, request.user)).data)


class DraftApprove(MemberEndpoint):
    """Approve the working copy for your organisation(s) among its authors (their admins)."""

    @extend_schema(request=None, responses=DraftOut)
    def post(self, request, slug):
        model = _work(request, slug)
        services.approve(model=model, by=request.user)
        return Response(DraftOut(_draft(model, request.user)).data)


class DraftSubmit(MemberEndpoint):
    """Send the approved model to the programme's staff for review."""

    @extend_schema(request=None, responses=DraftOut)
    def post(self, request, slug):
        model = _work(request, slug)
        services.submit_for_review(model=model, by=request.user)
        return Response(DraftOut(_draft(model, request.user)).data)


class ModelReviewIn(serializers.Serializer):
    decision = serializers.ChoiceField(choices=[("publish", "publish"), ("send_back", "send back")])
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)
    comments = serializers.CharField(max_length=4000, required=False, allow_blank=True)

    def validate(self, data):
        if data["decision"] == "send_back" and not (data.get("comments") or "").strip():
            raise serializers.ValidationError({"comments": ["Say what the authors should change."]})
        return data


class DraftReview(MemberEndpoint):
    """Staff publish the model in review, or send it back with comments."""

    @extend_schema(request=ModelReviewIn, responses=DraftOut)
    def post(self, request, slug):
        model = _work(request, slug)
        require(permissions.can_review(request.user, model))
        data = valid(ModelReviewIn, request.data)
        if data["decision"] == "publish":
            services.publish(model=model, by=request.user, note=data.get("note", ""))
        else:
            services.send_back(model=model, by=request.user, comments=data["comments"])
        return Response(DraftOut(_draft(model, request.user)).data)


# --- Adopting -----------------------------------------------------------------------------


class AdoptIn(serializers.Serializer):
    organisation = serializers.SlugField(help_text="The adopting organisation (yours).")
    adaptation = serializers.CharField(max_length=4000)


class Adoptions(Endpoint):
    """Who adopts a published model; POST (signed in) says your organisation adopts it."""

    @extend_schema(responses=AdoptionOut(many=True))
    def get(self, request, slug):
        model = selectors.get_model(request.user, slug)
        if not model.is_public:
            raise Http404
        return Response(AdoptionOut(selectors.adoptions_of(model), many=True).data)

    @extend_schema(request=AdoptIn, responses={201: AdoptionOut})
    def post(self, request, slug):
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        model = selectors.get_model(request.user, slug)
        data = valid(AdoptIn, request.data)
        organisation = Organisation.objects.filter(slug=data["organisation"]).first()
        if organisation is None:
            raise Http404
        adoption = services.adopt(
            model=model, organisation=organisation, by=request.user, adaptation=data["adaptation"]
        )
        return Response(AdoptionOut(adoption).data, status=201)


class AdoptionReportIn(serializers.Serializer):
    status = serializers.ChoiceField(choices=Adoption.Status.choices)
    outcome = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    adaptation = serializers.CharField(max_length=4000, required=False, allow_blank=True)


class AdoptionDetail(MemberEndpoint):
    """Your organisation's adoption: PATCH says how far you got and how it went."""

    def _adoption(self, request, pk):
        adoption = (
            Adoption.objects.select_related("organisation", "model")
            .filter(pk=pk_or_404(pk))
            .first()
        )
        if adoption is None or not permissions.can_report_adoption(request.user, adoption):
            raise Http404
        return adoption

    @extend_schema(responses=AdoptionOut)
    def get(self, request, pk):
        return Response(AdoptionOut(self._adoption(request, pk)).data)

    @extend_schema(request=AdoptionReportIn, responses=AdoptionOut)
    def patch(self, request, pk):
        adoption = self._adoption(request, pk)
        data = valid(AdoptionReportIn, request.data)
        services.report_adoption(
            adoption=adoption, by=request.user, status=data["status"],
            outcome=data.get("outcome", ""), adaptation=data.get("adaptation"),
        )  # fmt: skip
        return Response(AdoptionOut(adoption).data)
