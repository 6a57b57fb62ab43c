"""Review and selection: the staff's standings, screening, reviewers, assignment, reviewers'
habits, the suggested cohort, decisions and their publication, the audit trail; the
reviewers' own reviews and conflicts. Every endpoint calls selection's services,
selectors and rules, as the pages do."""

from django.http import Http404
from django.utils.translation import gettext as _
from django_countries import countries
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response

from exchange.applications.models import Application
from exchange.core.permissions import require
from exchange.organisations.models import Organisation
from exchange.organisations.taxonomy import AREA_KEYS
from exchange.selection import permissions, selectors, services
from exchange.selection.cohort import Rules
from exchange.selection.models import Conflict, Decision, Review, Reviewer

from .base import CappedPagination, MemberEndpoint, MemberListEndpoint, valid
from .people import pk_or_404
from .problems import BadQuery, problem

S = Application.Status
STANDING_STATUSES = [s for s in selectors.IN_SELECTION]


def _country(value: str) -> str:
    code = (value or "").upper()
    if code and code not in countries:
        raise serializers.ValidationError(_("Not a country code (ISO 3166, such as DE)."))
    return code


def _call(request, slug):
    return selectors.get_call_for_staff(request.user, slug)


def _application(request, slug, pk):
    call = _call(request, slug)
    return call, selectors.get_application_of_call(call, pk_or_404(pk))


class StandingOut(serializers.Serializer):
    application = serializers.IntegerField(source="application_id")
    status = serializers.ChoiceField(choices=S.choices)
    organisations = serializers.CharField(source="names")
    countries = serializers.SerializerMethodField()
    lead_side = serializers.CharField()
    capacity_area = serializers.CharField(source="area", allow_blank=True)
    first_time = serializers.BooleanField(
        help_text="An organisation takes part for the first time."
    )
    checklist_ok = serializers.BooleanField(help_text="The automatic eligibility checklist is met.")
    checklist_problems = serializers.ListField(child=serializers.CharField())
    reviews_assigned = serializers.SerializerMethodField()
    reviews_submitted = serializers.SerializerMethodField()
    raw = serializers.FloatField(allow_null=True, help_text="Mean of reviews' totals, 0–100.")
    adjusted = serializers.FloatField(
        allow_null=True, help_text="Mean after correcting each reviewer's strictness, 0–100."
    )
    spread = serializers.FloatField(allow_null=True)
    disagreement = serializers.BooleanField()
    rank = serializers.IntegerField(allow_null=True)

    def get_countries(self, standing) -> list[str]:
        return [c for c in standing.countries.split(",") if c]

    def _counts(self, standing):
        counts = self.context.get("counts")
        if counts is None:
            counts = selectors.review_counts([standing.application_id])
        return counts.get(standing.application_id, (0, 0))

    def get_reviews_assigned(self, standing) -> int:
        return self._counts(standing)[0]

    def get_reviews_submitted(self, standing) -> int:
        return self._counts(standing)[1]


class Standings(MemberListEndpoint):
    """A call's applications in the selection with their checklist and scores (its
    programme's staff), paged; filters as on the ranking page."""

    serializer_class = StandingOut
    pagination_class = CappedPagination

    def list(self, request, *args, **kwargs):
        page = list(self.paginate_queryset(self.get_queryset()))
        counts = selectors.review_counts(s.application_id for s in page)
        data = StandingOut(page, many=True, context={"counts": counts}).data
        return self.get_paginated_response(data)

    @extend_schema(
        parameters=[
            OpenApiParameter("status", enum=STANDING_STATUSES),
            OpenApiParameter("country", str, description="ISO 3166 code, e.g. DE"),
            OpenApiParameter("side", enum=["turkey", "europe"]),
            OpenApiParameter("area", str, description="A capacity area key"),
            OpenApiParameter("first_time", bool),
            OpenApiParameter("disagreement", bool),
            OpenApiParameter("order", enum=["rank", "raw", "submitted", "name"]),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        call = _call(self.request, self.kwargs["slug"])
        q = self.request.query_params
        filters = {}
        if q.get("status"):
            if q["status"] not in STANDING_STATUSES:
                raise BadQuery("status")
            filters["status"] = q["status"]
        if q.get("country"):
            if len(q["country"]) != 2 or not q["country"].isalpha():
                raise BadQuery("country")
            filters["country"] = q["country"].upper()
        if q.get("side"):
            if q["side"] not in ("turkey", "europe"):
                raise BadQuery("side")
            filters["side"] = q["side"]
        if q.get("area"):
            if q["area"] not in AREA_KEYS:
                raise BadQuery("area")
            filters["area"] = q["area"]
        for flag in ("first_time", "disagreement"):
            if q.get(flag, "") not in ("", "true", "false"):
                raise BadQuery(flag)
            filters[flag] = q.get(flag) == "true"
        order = q.get("order", "rank")
        if order not in ("rank", "raw", "submitted", "name"):
            raise BadQuery("order")
        return selectors.list_standings(call, filters=filters, order=order)


class ScreenIn(serializers.Serializer):
    eligible = serializers.BooleanField()
    reason = serializers.CharField(max_length=2000, allow_blank=True, default="")


class Screening(MemberEndpoint):
    """Mark a submitted application eligible (it goes to review) or not, with a reason."""

    @extend_schema(request=ScreenIn, responses=StandingOut)
    def post(self, request, slug, pk):
        _c, application = _application(request, slug, pk)
        data = valid(ScreenIn, request.data)
        services.screen(application=application, by=request.user, **data)
        standing = selectors.list_standings(_c).get(application_id=application.pk)
        return Response(StandingOut(standing).data)


class ReviewerOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    email = serializers.EmailField()
    country = serializers.CharField(source="country.code", allow_blank=True)
    status = serializers.ChoiceField(choices=Reviewer.Status.choices)
    every_call = serializers.SerializerMethodField()

    def get_every_call(self, reviewer) -> bool:
        return reviewer.call_id is None


class ReviewerInviteIn(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    email = serializers.EmailField()
    country = serializers.CharField(max_length=2, allow_blank=True, default="")
    expertise = serializers.CharField(max_length=300, allow_blank=True, default="")
    every_call = serializers.BooleanField(
        default=False, help_text="Review every call of the programme, not only this one."
    )

    def validate_country(self, value):
        return _country(value)


class Reviewers(MemberEndpoint):
    """The call's reviewers (its own and its programme's); invite one by e-mail."""

    @extend_schema(responses=ReviewerOut(many=True))
    def get(self, request, slug):
        call = _call(request, slug)
        return Response(
            ReviewerOut(selectors.reviewers_of(call, active_only=False), many=True).data
        )

    @extend_schema(request=ReviewerInviteIn, responses={201: ReviewerOut})
    def post(self, request, slug):
        call = _call(request, slug)
        data = valid(ReviewerInviteIn, request.data)
        reviewer = services.invite_reviewer(
            programme=call.programme,
            call=None if data.pop("every_call") else call,
            by=request.user,
            **data,
        )
        return Response(ReviewerOut(reviewer).data, status=201)


class AssignIn(serializers.Serializer):
    per_application = serializers.IntegerField(min_value=1, max_value=5, required=False)


class BlockerOut(serializers.Serializer):
    application = serializers.IntegerField()
    available = serializers.IntegerField(help_text="Reviewers without a conflict of interest.")
    needed = serializers.IntegerField()


class AssignmentOut(serializers.Serializer):
    assignments = serializers.DictField(
        child=serializers.ListField(child=serializers.IntegerField())
    )


class Assignment(MemberEndpoint):
    """Assign reviewers to every application under review: balanced, no conflicts, both
    sides mixed where possible. An impossible pool changes nothing: 409 with its blockers."""

    @extend_schema(request=AssignIn, responses={200: AssignmentOut})
    def post(self, request, slug):
        call = _call(request, slug)
        data = valid(AssignIn, request.data)
        plan = services.assign_reviewers(call=call, by=request.user, **data)
        if not plan.feasible:
            return problem(
                409,
                "infeasible",
                _("The reviewers cannot be assigned: nothing was changed."),
                blockers=BlockerOut(plan.blockers, many=True).data,
            )
        return Response({"assignments": {str(a): rs for a, rs in plan.assignments.items()}})


class HabitOut(serializers.Serializer):
    reviewer = serializers.IntegerField(source="reviewer_id")
    name = serializers.CharField(source="reviewer.name")
    reviews = serializers.IntegerField()
    mean = serializers.FloatField()
    strictness = serializers.FloatField(
        help_text="Mean minus the mean of all reviews; < 0 is strict."
    )
    corrected = serializers.BooleanField()


class Habits(MemberEndpoint):
    """Each reviewer's strictness, as corrected for in the adjusted scores."""

    @extend_schema(responses=HabitOut(many=True))
    def get(self, request, slug):
        call = _call(request, slug)
        return Response(HabitOut(selectors.habits_of(call), many=True).data)


class RulesIn(serializers.Serializer):
    size = serializers.IntegerField(min_value=1, max_value=200)
    per_country = serializers.IntegerField(min_value=1, max_value=200, required=False)
    areas = serializers.IntegerField(min_value=1, max_value=50, required=False)
    first_time = serializers.FloatField(
        min_value=0.01, max_value=1, required=False, help_text="A share, 0–1."
    )


class SuggestionOut(serializers.Serializer):
    id = serializers.IntegerField()
    rules = serializers.DictField()
    chosen = serializers.ListField(child=serializers.IntegerField())
    total = serializers.FloatField()
    costs = serializers.DictField(child=serializers.FloatField())
    problems = serializers.ListField(child=serializers.CharField())
    at = serializers.DateTimeField()


class Suggestions(MemberEndpoint):
    """Ask the optimiser for the best cohort under balance rules; kept as advice."""

    @extend_schema(request=RulesIn, responses={201: SuggestionOut})
    def post(self, request, slug):
        call = _call(request, slug)
        data = valid(RulesIn, request.data)
        suggestion = services.suggest_cohort(call=call, by=request.user, rules=Rules(**data))
        return Response(SuggestionOut(suggestion).data, status=201)


class DecisionIn(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Decision.Outcome.choices)
    reason = serializers.CharField(max_length=2000)
    override = serializers.CharField(max_length=2000, allow_blank=True, default="")


class SelectionDecisionOut(serializers.Serializer):
    application = serializers.IntegerField(source="application_id")
    outcome = serializers.ChoiceField(choices=Decision.Outcome.choices)
    reason = serializers.CharField()
    override = serializers.CharField(allow_blank=True)
    published_at = serializers.DateTimeField(allow_null=True)


class DecisionEndpoint(MemberEndpoint):
    """Record the decision on an application under review; applicants learn it when the
    call's decisions are published."""

    @extend_schema(request=DecisionIn, responses=SelectionDecisionOut)
    def put(self, request, slug, pk):
        _c, application = _application(request, slug, pk)
        data = valid(DecisionIn, request.data)
        decision = services.record_decision(application=application, by=request.user, **data)
        return Response(SelectionDecisionOut(decision).data)


class PublishOut(serializers.Serializer):
    selected = serializers.IntegerField()
    waiting_list = serializers.IntegerField()
    rejected = serializers.IntegerField()


class Publish(MemberEndpoint):
    """Tell every applicant of the call their decision at once."""

    @extend_schema(request=None, responses=PublishOut)
    def post(self, request, slug):
        call = _call(request, slug)
        return Response(services.publish_decisions(call=call, by=request.user))


class AuditOut(serializers.Serializer):
    at = serializers.DateTimeField()
    actor = serializers.CharField(allow_blank=True)
    text = serializers.CharField()


class Audit(MemberEndpoint):
    """Every reviewer's and staff member's action on one application, newest first."""

    @extend_schema(responses=AuditOut(many=True))
    def get(self, request, slug, pk):
        _c, application = _application(request, slug, pk)
        return Response(AuditOut(selectors.audit_lines(application), many=True).data)


# --- Reviewers -----------------------------------------------------------------------------------


class ScoreOut(serializers.Serializer):
    criterion = serializers.CharField(source="criterion.key")
    score = serializers.IntegerField(source="value", allow_null=True)
    comment = serializers.CharField(allow_blank=True)


class ReviewCard(serializers.Serializer):
    id = serializers.IntegerField()
    application = serializers.IntegerField(source="application_id")
    call = serializers.CharField(source="application.call.slug")
    status = serializers.ChoiceField(choices=Review.Status.choices)
    total = serializers.FloatField(allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True)


class MyReviews(MemberListEndpoint):
    """The reviews assigned to me (a reviewer with two factors)."""

    serializer_class = ReviewCard
    pagination_class = CappedPagination

    def get_queryset(self):
        require(permissions.has_two_factors(self.request.user))
        return selectors.list_reviews_of(self.request.user)


class CriterionOut(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    low = serializers.IntegerField(source="scale_min")
    high = serializers.IntegerField(source="scale_max")
    weight = serializers.IntegerField()
    anchors = serializers.SerializerMethodField()

    def get_anchors(self, criterion) -> dict[str, str]:
        return {str(k): v for k, v in criterion.anchors().items()}


class OtherReviewOut(serializers.Serializer):
    """Another reviewer's submitted review, without their name."""

    total = serializers.FloatField(help_text="Weighted score, 0–100.")
    scores = ScoreOut(many=True, source="scores.all")


class ReviewOut(ReviewCard):
    comment = serializers.CharField(allow_blank=True)
    criteria = serializers.SerializerMethodField()
    scores = ScoreOut(many=True, source="scores.all")
    others = serializers.SerializerMethodField(
        help_text="The other reviewers' submitted reviews: null until mine is submitted."
    )

    @extend_schema_field(CriterionOut(many=True))
    def get_criteria(self, review):
        return CriterionOut(review.application.call.criteria.all(), many=True).data

    @extend_schema_field(OtherReviewOut(many=True, allow_null=True))
    def get_others(self, review):
        user = self.context["user"]
        if not permissions.can_see_other_scores(user, review):
            return None
        return OtherReviewOut(selectors.other_reviews(review), many=True).data


class ScoreIn(serializers.Serializer):
    score = serializers.IntegerField(allow_null=True, required=False, min_value=0, max_value=10)
    comment = serializers.CharField(max_length=5000, allow_blank=True, default="")


class ReviewIn(serializers.Serializer):
    scores = serializers.DictField(child=ScoreIn(), help_text="Criterion key → score and comment.")
    comment = serializers.CharField(max_length=5000, allow_blank=True, default="")
    submit = serializers.BooleanField(default=False)


class ReviewEndpoint(MemberEndpoint):
    """Read one of my reviews with the rubric; save scores as a draft or submit them."""

    @extend_schema(responses=ReviewOut)
    def get(self, request, pk):
        review = selectors.get_review_for_user(request.user, pk_or_404(pk))
        return Response(ReviewOut(review, context={"user": request.user}).data)

    @extend_schema(request=ReviewIn, responses=ReviewOut)
    def put(self, request, pk):
        review = selectors.get_review_for_user(request.user, pk_or_404(pk), "score")
        data = valid(ReviewIn, request.data)
        known = {c.key for c in review.application.call.criteria.all()}
        unknown = sorted(set(data["scores"]) - known)
        if unknown:
            raise BadQuery(", ".join(unknown))
        services.save_review(
            review=review,
            by=request.user,
            scores={k: (v.get("score"), v.get("comment", "")) for k, v in data["scores"].items()},
            comment=data["comment"],
            submit=data["submit"],
        )
        fresh = selectors.get_review_for_user(request.user, review.pk)
        return Response(ReviewOut(fresh, context={"user": request.user}).data)


class ConflictIn(serializers.Serializer):
    reason = serializers.CharField(max_length=300, allow_blank=True, default="")


class ReviewConflict(MemberEndpoint):
    """Declare a conflict with the application of this review: it goes to another reviewer."""

    @extend_schema(request=ConflictIn, responses={204: None})
    def post(self, request, pk):
        review = selectors.get_review_for_user(request.user, pk_or_404(pk), "declare")
        data = valid(ConflictIn, request.data)
        services.declare_conflict(
            reviewer=review.reviewer,
            by=request.user,
            kind=Conflict.Kind.APPLICATION,
            application=review.application,
            reason=data["reason"],
        )
        return Response(status=204)


class DeclaredOut(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Conflict.Kind.choices)
    organisation = serializers.CharField(source="organisation.slug", allow_null=True, default=None)
    country = serializers.CharField(source="country.code", allow_blank=True)
    person_email = serializers.CharField(allow_blank=True)
    application = serializers.IntegerField(source="application_id", allow_null=True)
    reason = serializers.CharField(allow_blank=True)


class DeclareIn(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=[c for c in Conflict.Kind.choices if c[0] != Conflict.Kind.APPLICATION]
    )
    organisation = serializers.SlugField(required=False, help_text="The organisation's slug.")
    country = serializers.CharField(max_length=2, required=False)
    person_email = serializers.EmailField(required=False)
    reason = serializers.CharField(max_length=300, allow_blank=True, default="")

    def validate_country(self, value):
        return _country(value)


class Conflicts(MemberEndpoint):
    """The conflicts of interest I declared for one reviewer role; declare another."""

    @extend_schema(responses=DeclaredOut(many=True))
    def get(self, request, pk):
        reviewer = selectors.get_reviewer_for_user(request.user, pk_or_404(pk))
        return Response(DeclaredOut(selectors.conflicts_declared(reviewer), many=True).data)

    @extend_schema(request=DeclareIn, responses={201: DeclaredOut})
    def post(self, request, pk):
        reviewer = selectors.get_reviewer_for_user(request.user, pk_or_404(pk))
        data = valid(DeclareIn, request.data)
        organisation = None
        if data.get("organisation"):
            organisation = Organisation.objects.filter(slug=data["organisation"]).first()
            if organisation is None:
                raise Http404
        conflict, _released = services.declare_conflict(
            reviewer=reviewer,
            by=request.user,
            kind=data["kind"],
            organisation=organisation,
            country=(data.get("country") or "").upper(),
            person_email=data.get("person_email", ""),
            reason=data["reason"],
        )
        return Response(DeclaredOut(conflict).data, status=201)
