"""A partnership's core through the API: the person's partnerships, a workspace's goals and
work plan (activities and their changes of state), its history, the cohort's updates and
the staff's progress view. Every endpoint calls partnerships' services, selectors and
rules, as the pages do; the workspace's parts (visits, money, reports, meetings) have their
own modules."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from exchange.core.permissions import require
from exchange.partnerships import history, permissions, selectors, services
from exchange.partnerships.models import Activity, Partnership
from exchange.partnerships.workflows import ACTIVITY

from .base import MemberEndpoint, valid
from .people import pk_or_404
from .problems import BadQuery


def partnership_of(request, pk) -> Partnership:
    """The partnership, if the person may see its workspace (404 otherwise)."""
    return selectors.get_partnership(request.user, pk_or_404(pk))


class PartnerOrganisationOut(serializers.Serializer):
    organisation = serializers.CharField(source="organisation.slug")
    name = serializers.CharField(source="organisation.name")
    country = serializers.CharField(source="organisation.country.code")
    is_lead = serializers.BooleanField()


class PartnershipOut(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    cohort = serializers.IntegerField(source="cohort_id")
    call = serializers.CharField(source="cohort.call.slug")
    status = serializers.ChoiceField(choices=Partnership.Status.choices)
    members = PartnerOrganisationOut(many=True, source="members.all")
    common_issue = serializers.CharField()
    goals = serializers.CharField()
    planned_model = serializers.CharField()
    capacity_area = serializers.CharField()
    grant_amount = serializers.DecimalField(max_digits=10, decimal_places=2)
    grant_currency = serializers.CharField()
    starts_on = serializers.DateField(source="cohort.starts_on", allow_null=True)
    ends_on = serializers.DateField(source="cohort.ends_on", allow_null=True)


class Partnerships(MemberEndpoint):
    """The partnerships of the person's organisations, newest cohort first."""

    @extend_schema(responses=PartnershipOut(many=True))
    def get(self, request):
        return Response(PartnershipOut(selectors.partnerships_of(request.user), many=True).data)


class PlanIn(serializers.Serializer):
    common_issue = serializers.CharField(max_length=4000, allow_blank=True)
    goals = serializers.CharField(max_length=4000, allow_blank=True)
    planned_model = serializers.CharField(max_length=4000, allow_blank=True)


class ProgressOut(serializers.Serializer):
    activities = serializers.IntegerField()
    activities_done = serializers.IntegerField()
    percent = serializers.IntegerField()


class WorkspaceOut(PartnershipOut):
    plan_progress = ProgressOut()


class PartnershipDetail(MemberEndpoint):
    """One partnership: its organisations, goals and the work plan's progress (its
    organisations' members and the programme's staff). PUT changes the goals (its people,
    while it is active)."""

    @extend_schema(responses=WorkspaceOut)
    def get(self, request, pk):
        partnership = partnership_of(request, pk)
        partnership.plan_progress = selectors.plan_progress(partnership)
        return Response(WorkspaceOut(partnership).data)

    @extend_schema(request=PlanIn, responses=WorkspaceOut)
    def put(self, request, pk):
        partnership = partnership_of(request, pk)
        require(permissions.can_work(request.user, partnership))
        data = valid(PlanIn, request.data)
        services.save_plan(partnership=partnership, by=request.user, **data)
        partnership.plan_progress = selectors.plan_progress(partnership)
        return Response(WorkspaceOut(partnership).data)


class ActivityOut(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    description = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    owner = serializers.CharField(source="owner.slug", help_text="The leading organisation.")
    status = serializers.ChoiceField(choices=Activity.Status.choices)


class ActivityIn(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=4000, allow_blank=True, required=False)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    owner = serializers.SlugField(help_text="The slug of one of the partnership's organisations.")

    def validate(self, data):
        if data["ends_on"] < data["starts_on"]:
            raise serializers.ValidationError(
                {"ends_on": _("An activity cannot end before it starts.")}
            )
        owner = self.context["partnership"].members_organisations().filter(slug=data["owner"])
        data["owner"] = owner.first()
        if data["owner"] is None:
            raise serializers.ValidationError(
                {"owner": _("Choose one of the partnership's organisations.")}
            )
        return data


class Activities(MemberEndpoint):
    """The work plan: every activity with its dates, lead and status. POST adds one."""

    @extend_schema(responses=ActivityOut(many=True))
    def get(self, request, pk):
        partnership = partnership_of(request, pk)
        return Response(ActivityOut(selectors.activities_of(partnership), many=True).data)

    @extend_schema(request=ActivityIn, responses={201: ActivityOut})
    def post(self, request, pk):
        partnership = partnership_of(request, pk)
        require(permissions.can_work(request.user, partnership))
        data = valid(ActivityIn, request.data, partnership=partnership)
        data.setdefault("description", "")
        activity = services.add_activity(partnership=partnership, by=request.user, **data)
        return Response(ActivityOut(activity).data, status=201)


def _activity(request, pk, activity_pk):
    partnership = partnership_of(request, pk)
    activity = (
        partnership.activities.select_related("owner").filter(pk=pk_or_404(activity_pk)).first()
    )
    if activity is None:
        raise Http404
    return partnership, activity


class ActivityDetail(MemberEndpoint):
    """One activity. PUT changes it (the partnership's people); DELETE removes a planned
    one."""

    @extend_schema(responses=ActivityOut)
    def get(self, request, pk, activity_pk):
        return Response(ActivityOut(_activity(request, pk, activity_pk)[1]).data)

    @extend_schema(request=ActivityIn, responses=ActivityOut)
    def put(self, request, pk, activity_pk):
        partnership, activity = _activity(request, pk, activity_pk)
        require(permissions.can_change_activity(request.user, activity))
        data = valid(ActivityIn, request.data, partnership=partnership)
        data.setdefault("description", "")
        services.edit_activity(activity=activity, by=request.user, **data)
        return Response(ActivityOut(activity).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk, activity_pk):
        _partnership, activity = _activity(request, pk, activity_pk)
        services.delete_activity(activity=activity, by=request.user)
        return Response(status=204)


class ActivityStatusIn(serializers.Serializer):
    to = serializers.ChoiceField(choices=Activity.Status.choices)


class ActivityStatus(MemberEndpoint):
    """Move an activity to another status (planned, under way, done, dropped) as the work
    plan's table allows; a change the table does not have is a 409 problem."""

    @extend_schema(request=ActivityStatusIn, responses=ActivityOut)
    def post(self, request, pk, activity_pk):
        _partnership, activity = _activity(request, pk, activity_pk)
        require(permissions.can_change_activity(request.user, activity))
        data = valid(ActivityStatusIn, request.data)
        ACTIVITY.transition(activity, data["to"], by=request.user)
        return Response(ActivityOut(activity).data)


class HistoryOut(serializers.Serializer):
    at = serializers.DateTimeField()
    by = serializers.SerializerMethodField()
    what = serializers.CharField()
    label = serializers.CharField()
    source = serializers.CharField()
    target = serializers.CharField()
    reason = serializers.CharField()

    def get_by(self, line) -> str:
        return (line.by.name or "") if line.by else ""


class History(MemberEndpoint):
    """Every change of state in the workspace, newest first."""

    @extend_schema(responses=HistoryOut(many=True))
    def get(self, request, pk):
        partnership = partnership_of(request, pk)
        return Response(HistoryOut(history.history_of(partnership), many=True).data)


class UpdateOut(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    partnership = serializers.IntegerField(source="partnership_id")
    title = serializers.CharField()
    body = serializers.CharField()
    is_story = serializers.BooleanField()
    public = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    def get_public(self, update) -> bool:
        return update.published_at is not None


class UpdateIn(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(max_length=4000)
    is_story = serializers.BooleanField(default=False)


class CohortUpdates(MemberEndpoint):
    """The cohort space's updates and stories (the cohort's people and its staff)."""

    @extend_schema(responses=UpdateOut(many=True))
    def get(self, request, pk):
        cohort = selectors.get_cohort(request.user, pk_or_404(pk))
        return Response(UpdateOut(selectors.cohort_updates(cohort), many=True).data)


class ShareUpdate(MemberEndpoint):
    """Share an update or a story from the partnership with its whole cohort."""

    @extend_schema(request=UpdateIn, responses={201: UpdateOut})
    def post(self, request, pk):
        partnership = partnership_of(request, pk)
        require(permissions.can_work(request.user, partnership))
        data = valid(UpdateIn, request.data)
        update = services.share_update(partnership=partnership, by=request.user, **data)
        return Response(UpdateOut(update).data, status=201)


class RowOut(serializers.Serializer):
    partnership = serializers.IntegerField(source="partnership.pk")
    name = serializers.CharField()
    status = serializers.CharField(source="partnership.status")
    countries = serializers.ListField(child=serializers.CharField())
    plan_percent = serializers.IntegerField()
    visits_done = serializers.SerializerMethodField()
    visits_planned = serializers.SerializerMethodField()
    spent = serializers.SerializerMethodField()
    spent_percent = serializers.IntegerField(allow_null=True)
    reports_due = serializers.SerializerMethodField()
    reports_submitted = serializers.SerializerMethodField()
    reports_late = serializers.SerializerMethodField()
    assessments_done = serializers.SerializerMethodField()
    assessments_needed = serializers.SerializerMethodField()
    risks = serializers.ListField(
        child=serializers.ChoiceField(choices=selectors.RISK_CODES),
        help_text="late_report, no_visit (none planned by mid-term), over_budget",
    )

    def get_visits_done(self, row) -> int:
        return int(row.get("visits_done"))

    def get_visits_planned(self, row) -> int:
        return int(row.get("visits_planned"))

    def get_spent(self, row) -> str | None:
        spent = row.figures.get("spent")
        return None if spent is None else str(spent)

    def get_reports_due(self, row) -> int:
        return int(row.get("reports_due"))

    def get_reports_submitted(self, row) -> int:
        return int(row.get("reports_submitted"))

    def get_reports_late(self, row) -> int:
        return int(row.get("reports_late"))

    def get_assessments_done(self, row) -> int:
        return int(row.get("assessments_done"))

    def get_assessments_needed(self, row) -> int:
        return int(row.get("assessments_needed"))


ORDER_CHOICES = list(selectors.ORDERS)


class CohortProgress(MemberEndpoint):
    """Every partnership of a cohort with its progress and risks (the programme's staff)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("risk", enum=["any", *selectors.RISK_CODES]),
            OpenApiParameter("status", enum=Partnership.Status.values),
            OpenApiParameter("country", str, description="ISO 3166 code, e.g. DE"),
            OpenApiParameter("order", enum=ORDER_CHOICES),
        ],
        responses=RowOut(many=True),
    )
    def get(self, request, pk):
        cohort = selectors.get_cohort(request.user, pk_or_404(pk), staff=True)
        q = request.query_params
        filters = {}
        if q.get("risk"):
            if q["risk"] not in ("any", *selectors.RISK_CODES):
                raise BadQuery("risk")
            filters["risk"] = q["risk"]
        if q.get("status"):
            if q["status"] not in Partnership.Status.values:
                raise BadQuery("status")
            filters["status"] = q["status"]
        if q.get("country"):
            if len(q["country"]) != 2 or not q["country"].isalpha():
                raise BadQuery("country")
            filters["country"] = q["country"].upper()
        if q.get("order"):
            if q["order"] not in ORDER_CHOICES:
                raise BadQuery("order")
            filters["order"] = q["order"]
        return Response(RowOut(selectors.progress_rows(cohort, **filters), many=True).data)
