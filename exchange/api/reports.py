"""A partnership's reports (list, detail, saving answers, submitting; the staff's accept or
return with feedback) and its capacity self-assessment (the questionnaire, saving and
submitting an organisation's ratings, the results per area). The same services,
selectors and rules as the pages."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from exchange.core.permissions import require
from exchange.partnerships import selectors as partnership_selectors
from exchange.partnerships.permissions import roles_in
from exchange.partnerships.reports import (
    capacity,
    permissions,
    reportforms,
    selectors,
    services,
)
from exchange.partnerships.reports.models import Assessment, Kind, Report, Stage

from .base import MemberEndpoint, valid
from .people import pk_or_404
from .problems import Conflict, problem


def _partnership(request, pk):
    return partnership_selectors.get_partnership(request.user, pk_or_404(pk))


def _report(request, pk, report_pk):
    return selectors.get_report(request.user, pk_or_404(pk), pk_or_404(report_pk))


# --- Reports ------------------------------------------------------------------------------


class ReportOut(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Kind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    due_on = serializers.DateField()
    status = serializers.ChoiceField(choices=Report.Status.choices)
    status_label = serializers.CharField(source="get_status_display")
    late = serializers.SerializerMethodField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    feedback = serializers.CharField(allow_blank=True)

    def get_late(self, report) -> bool:
        return selectors.is_late(report)


class QuestionOut(serializers.Serializer):
    key = serializers.CharField()
    kind = serializers.CharField()
    label = serializers.CharField(source="text")
    help = serializers.CharField(source="help_text", allow_blank=True)
    required = serializers.BooleanField()
    word_limit = serializers.IntegerField(allow_null=True)
    options = serializers.SerializerMethodField()

    def get_options(self, question) -> list[dict]:
        return [{"key": k, "label": label} for k, label in question.options()]


class ReportDetailOut(ReportOut):
    questions = serializers.SerializerMethodField()
    answers = serializers.DictField()
    versions = serializers.DictField(child=serializers.IntegerField())
    missing = serializers.SerializerMethodField()

    def get_questions(self, report) -> list[dict]:
        return QuestionOut(list(reportforms.schema_for(report).questions()), many=True).data

    def get_missing(self, report) -> list[str]:
        return reportforms.missing(report) if report.is_open else []


def _detail(report):
    return Response(ReportDetailOut(report).data)


class Reports(MemberEndpoint):
    """The partnership's mid-term and final reports with due dates and status."""

    @extend_schema(responses=ReportOut(many=True))
    def get(self, request, pk):
        partnership = _partnership(request, pk)
        services.ensure_reports([partnership])
        return Response(ReportOut(selectors.reports_of(partnership), many=True).data)


class AnswersIn(serializers.Serializer):
    answers = serializers.DictField(child=serializers.JSONField(), allow_empty=True)
    versions = serializers.DictField(child=serializers.IntegerField(min_value=0), required=False)


class ReportDetail(MemberEndpoint):
    """One report: its questions (the call's report form), answers and what is missing.
    PATCH saves answers; an answer saved by someone else after `versions` is a 409."""

    @extend_schema(responses=ReportDetailOut)
    def get(self, request, pk, report_pk):
        return _detail(_report(request, pk, report_pk))

    @extend_schema(request=AnswersIn, responses=ReportDetailOut)
    def patch(self, request, pk, report_pk):
        report = _report(request, pk, report_pk)
        require(permissions.can_write_report(request.user, report))
        data = valid(AnswersIn, request.data)
        result = services.save_report_answers(
            report=report,
            by=request.user,
            values=data["answers"],
            versions=data.get("versions", {}),
        )
        if result.conflicts:
            raise Conflict(
                _("Someone else saved these answers after your version. They were not saved."),
                extra={
                    "saved": result.saved,
                    "conflicts": [
                        {
                            "key": key,
                            "yours": data["answers"].get(key),
                            "theirs": theirs,
                            "version": version,
                        }
                        for key, (theirs, version) in result.conflicts.items()
                    ],
                },
            )
        if result.errors:
            return problem(
                422,
                "invalid",
                _("Some answers cannot be accepted; the others are saved."),
                {k: [v] for k, v in result.errors.items()},
                saved=result.saved,
            )
        partnership = report.partnership
        report.refresh_from_db()
        report.partnership = partnership
        return _detail(report)


class ReportSubmit(MemberEndpoint):
    """Submit the report (both organisations' people); incomplete is a 409."""

    @extend_schema(request=None, responses=ReportDetailOut)
    def post(self, request, pk, report_pk):
        report = _report(request, pk, report_pk)
        services.submit_report(report=report, by=request.user)
        return _detail(report)


class ReportReviewIn(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["accept", "return"])
    feedback = serializers.CharField(max_length=4000, required=False, allow_blank=True)

    def validate(self, data):
        if data["decision"] == "return" and not data.get("feedback", "").strip():
            raise serializers.ValidationError({"feedback": _("Write what should be changed.")})
        return data


class ReportReview(MemberEndpoint):
    """The programme's staff accept a submitted report or return it with feedback."""

    @extend_schema(request=ReportReviewIn, responses=ReportDetailOut)
    def post(self, request, pk, report_pk):
        report = _report(request, pk, report_pk)
        require(permissions.can_review_report(request.user, report))
        data = valid(ReportReviewIn, request.data)
        if data["decision"] == "accept":
            services.accept_report(
                report=report, by=request.user, feedback=data.get("feedback", "")
            )
        else:
            services.return_report(report=report, by=request.user, feedback=data["feedback"])
        return _detail(report)


# --- Self-assessment ----------------------------------------------------------------------


class AssessmentStatementOut(serializers.Serializer):
    key = serializers.CharField()
    text = serializers.CharField()
    low = serializers.CharField(help_text="What a 1 looks like.")
    high = serializers.CharField(help_text="What a 5 looks like.")


class AreaOut(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    statements = AssessmentStatementOut(many=True)


class AssessmentOut(serializers.Serializer):
    organisation = serializers.IntegerField(source="organisation_id")
    stage = serializers.ChoiceField(choices=Stage.choices)
    status = serializers.ChoiceField(choices=Assessment.Status.choices)
    submitted_at = serializers.DateTimeField(allow_null=True)
    answers = serializers.SerializerMethodField(
        help_text="Only for the people of that organisation."
    )

    def get_answers(self, assessment) -> dict:
        return assessment.answers if assessment.organisation_id in self.context["mine"] else {}


class QuestionnaireOut(serializers.Serializer):
    scale = serializers.ListField(child=serializers.DictField())
    areas = AreaOut(many=True)
    end_is_open = serializers.BooleanField()
    assessments = AssessmentOut(many=True)


class AssessmentQuestionnaire(MemberEndpoint):
    """The questionnaire of the partnership's capacity areas (1–5 with behavioural
    anchors), and where each organisation's assessments stand."""

    @extend_schema(responses=QuestionnaireOut)
    def get(self, request, pk):
        partnership = _partnership(request, pk)
        areas = selectors.areas_for(partnership)
        data = {
            "scale": [{"score": n, "label": str(capacity.SCALE_LABELS[n])} for n in capacity.SCALE],
            "areas": [
                {
                    "key": key,
                    "label": selectors.area_label(key),
                    "statements": [
                        {"key": s.key, "text": str(s.text), "low": str(s.low), "high": str(s.high)}
                        for s in capacity.statements(key)
                    ],
                }
                for key in areas
            ],
            "end_is_open": selectors.is_end_open(partnership),
            "assessments": selectors.assessments_of(partnership),
        }
        mine = set(roles_in(request.user, partnership))
        return Response(QuestionnaireOut(data, context={"mine": mine}).data)


class ScoresIn(serializers.Serializer):
    scores = serializers.DictField(
        child=serializers.IntegerField(min_value=1, max_value=5), allow_empty=True
    )
    submit = serializers.BooleanField(default=False)


class AssessmentAnswers(MemberEndpoint):
    """Save an organisation's ratings at a stage ("start" or "end"), and submit them
    with `"submit": true` once every statement is rated (else 409 "incomplete")."""

    @extend_schema(request=ScoresIn, responses=AssessmentOut)
    def put(self, request, pk, stage, org_pk):
        partnership = _partnership(request, pk)
        if stage not in Stage.values:
            raise Http404
        member = get_object_or_404(partnership.members.all(), organisation_id=pk_or_404(org_pk))
        organisation = member.organisation
        require(permissions.can_assess(request.user, partnership, organisation))
        data = valid(ScoresIn, request.data)
        assessment, errors = services.save_assessment(
            partnership=partnership,
            organisation=organisation,
            stage=stage,
            by=request.user,
            scores={k: str(v) for k, v in data["scores"].items()},
            submit=data["submit"],
        )
        if errors:
            return problem(422, "invalid", _("Some scores cannot be accepted."), errors)
        mine = set(roles_in(request.user, partnership))
        return Response(AssessmentOut(assessment, context={"mine": mine}).data)


class ResultOut(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    start = serializers.FloatField(allow_null=True)
    end = serializers.FloatField(allow_null=True)
    change = serializers.FloatField(allow_null=True)


class OrganisationResultsOut(serializers.Serializer):
    organisation = serializers.IntegerField()
    name = serializers.CharField()
    areas = ResultOut(many=True)


class ResultsOut(serializers.Serializer):
    areas = ResultOut(many=True, help_text="Both organisations: the mean of their scores.")
    organisations = OrganisationResultsOut(many=True)


class AssessmentResults(MemberEndpoint):
    """The mean score per capacity area at the start and at the end (submitted only)."""

    @extend_schema(responses=ResultsOut)
    def get(self, request, pk):
        partnership = _partnership(request, pk)
        results = selectors.partnership_results(partnership)
        data = {
            "areas": results["areas"],
            "organisations": [
                {"organisation": org.pk, "name": org.name, "areas": rows}
                for org, rows in results["by_organisation"]
            ],
        }
        return Response(ResultsOut(data).data)
