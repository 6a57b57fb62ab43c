"""Applying together: start, invite, answer section by section with versions,
participants, confirm, submit, withdraw, the PDF; and the staff's side of a call."""

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from exchange.applications import pdf, permissions, selectors, services
from exchange.applications.models import Application, PartnerInvitation
from exchange.applications.workflows import APPLICATION
from exchange.calls import questions
from exchange.calls import selectors as call_selectors
from exchange.core.permissions import Decision

from .base import CappedPagination, MemberEndpoint, MemberListEndpoint, valid
from .partners import OrganisationRef
from .people import pk_or_404
from .problems import BadQuery, Conflict, Unprocessable, problem
from .schema import PROBLEM

S = Application.Status


class DecisionOut(serializers.Serializer):
    allowed = serializers.BooleanField()
    code = serializers.CharField(allow_blank=True, help_text="Why not (a stable code).")
    detail = serializers.CharField(allow_blank=True, help_text="Why not, for people.")


def decision(d: Decision) -> dict:
    return {"allowed": bool(d), "code": "" if d else d.code, "detail": "" if d else str(d.reason)}


class PartnerOut(serializers.Serializer):
    organisation = serializers.CharField(source="organisation.slug")
    name = serializers.CharField(source="organisation.name")
    country = serializers.CharField(source="organisation.country.code")
    is_lead = serializers.BooleanField()
    has_confirmed = serializers.BooleanField(help_text="Confirmed the current version.")
    participants = serializers.SerializerMethodField()

    def get_participants(self, partner) -> int:
        return len(partner.participants.all())


class ApplicationCard(serializers.Serializer):
    id = serializers.IntegerField()
    call = serializers.CharField(source="call.slug")
    call_title = serializers.CharField(source="call.title")
    status = serializers.ChoiceField(choices=S.choices)
    seeking_partner = serializers.BooleanField()
    revision = serializers.IntegerField(help_text="Grows with every change; confirmations name it.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    organisations = serializers.SerializerMethodField()

    def get_organisations(self, application) -> list[str]:
        return [p.organisation.slug for p in application.partners.all() if p.is_active]


class InvitationOut(serializers.Serializer):
    id = serializers.IntegerField()
    application = serializers.IntegerField(source="application_id")
    organisation = serializers.CharField(source="organisation.slug", allow_null=True, default=None)
    email = serializers.CharField(allow_blank=True)
    invitee = serializers.CharField()
    status = serializers.ChoiceField(choices=PartnerInvitation.Status.choices)
    expires_at = serializers.DateTimeField()


class CheckOut(serializers.Serializer):
    ok = serializers.BooleanField()
    label = serializers.CharField()
    problems = serializers.ListField(child=serializers.CharField())


class SectionRef(serializers.Serializer):
    key = serializers.CharField()
    scope = serializers.CharField()
    title = serializers.CharField()
    organisation = serializers.CharField(allow_null=True)
    answered = serializers.IntegerField()
    questions = serializers.IntegerField()


class StatusChangeOut(serializers.Serializer):
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    at = serializers.DateTimeField()
    by = serializers.CharField(allow_null=True)
    reason = serializers.CharField(allow_blank=True)


class Actions(serializers.Serializer):
    edit = DecisionOut()
    invite = DecisionOut()
    submit = DecisionOut()
    withdraw = DecisionOut()
    decide = DecisionOut()


class ApplicationOut(ApplicationCard):
    deadline = serializers.DateTimeField(help_text="The (extended) deadline, UTC.")
    partners = PartnerOut(many=True)
    invitations = InvitationOut(many=True)
    sections = SectionRef(many=True)
    checklist = CheckOut(many=True)
    eligible = serializers.BooleanField()
    waiting_for = serializers.ListField(
        child=serializers.CharField(), help_text="Organisations yet to confirm this version."
    )
    actions = Actions()
    status_changes = StatusChangeOut(many=True)


def overview(user, application) -> dict:
    """The application page's facts, as data (the same selectors and rules)."""
    schema = selectors.schema_for(application)
    partners = selectors.active_partners(application)
    sections = selectors.sections_with_answers(application, schema, partners)
    checklist = selectors.eligibility_of(application, sections, partners)
    application.partners_cache = partners
    return {
        "application": application,
        "deadline": application.deadline,
        "partners": partners,
        "invitations": selectors.open_invitations(application),
        "sections": [
            {
                "key": shown.section.key,
                "scope": shown.section.scope,
                "title": shown.section.text,
                "organisation": shown.organisation.slug if shown.organisation else None,
                "answered": sum(
                    1 for i in shown.items if i.answer and not questions.is_empty(i.answer.value)
                ),
                "questions": len(shown.items),
            }
            for shown in sections
        ],
        "checklist": [
            {"ok": c.ok, "label": str(c.label), "problems": [str(p) for p in c.problems]}
            for c in checklist
        ],
        "eligible": all(c.ok for c in checklist),
        "waiting_for": [o.slug for o in selectors.unconfirmed(application, partners)],
        "actions": {
            "edit": decision(permissions.can_edit(user, application)),
            "invite": decision(permissions.can_invite(user, application)),
            "submit": decision(APPLICATION.check(application, S.SUBMITTED, by=user)),
            "withdraw": decision(APPLICATION.check(application, S.WITHDRAWN, by=user)),
            "decide": decision(permissions.can_decide(user, application)),
        },
        "status_changes": [
            {
                "from_status": c.from_status,
                "to_status": c.to_status,
                "at": c.at,
                "by": c.by.name if c.by else None,
                "reason": c.reason,
            }
            for c in application.status_changes.select_related("by").order_by("at", "pk")
        ],
    }


class OverviewSerializer(serializers.Serializer):
    def to_representation(self, data):
        application = data["application"]
        card = ApplicationCard(application).data
        card["organisations"] = [p.organisation.slug for p in data["partners"]]
        return card | {
            "deadline": serializers.DateTimeField().to_representation(data["deadline"]),
            "partners": PartnerOut(data["partners"], many=True).data,
            "invitations": InvitationOut(data["invitations"], many=True).data,
            "sections": data["sections"],
            "checklist": data["checklist"],
            "eligible": data["eligible"],
            "waiting_for": data["waiting_for"],
            "actions": data["actions"],
            "status_changes": StatusChangeOut(data["status_changes"], many=True).data,
        }


def _overview_response(request, application, status=200):
    return Response(OverviewSerializer(overview(request.user, application)).data, status=status)


class StartIn(serializers.Serializer):
    call = serializers.SlugField()
    organisation = OrganisationRef(help_text="One of my organisations, which I administer.")
    seeking_partner = serializers.BooleanField(
        default=False, help_text="Apply alone and ask the programme to find a partner."
    )


class Applications(MemberListEndpoint):
    """My organisations' applications, newest change first; POST starts one."""

    serializer_class = ApplicationCard
    pagination_class = CappedPagination

    def get_queryset(self):
        return selectors.list_applications_of_user(self.request.user)

    @extend_schema(request=StartIn, responses={201: ApplicationOut})
    def post(self, request):
        data = valid(StartIn, request.data)
        call = call_selectors.get_call(data["call"])
        application = services.start_application(
            call=call,
            organisation=data["organisation"],
            by=request.user,
            seeking_partner=data["seeking_partner"],
        )
        return _overview_response(request, application, 201)


class ApplicationDetail(MemberEndpoint):
    """Everything the application's page shows: partners, invitations, sections, the
    checklist, who still has to confirm, and what I may do now (with the reason if not)."""

    @extend_schema(responses=ApplicationOut)
    def get(self, request, pk):
        application = selectors.get_application_for_user(request.user, pk_or_404(pk))
        return _overview_response(request, application)


class InviteIn(serializers.Serializer):
    organisation = OrganisationRef(
        required=False, help_text="An organisation in contact with one of the partners."
    )
    email = serializers.EmailField(
        required=False, allow_blank=True, help_text="Or someone not on the platform yet."
    )

    def validate(self, data):
        if not data.get("organisation") and not data.get("email"):
            raise serializers.ValidationError(
                _("Choose an organisation or write an e-mail address.")
            )
        if data.get("organisation") and data.get("email"):
            raise serializers.ValidationError(_("Invite an organisation or an address, not both."))
        return data


class Invitations(MemberEndpoint):
    """Invite another organisation into the partnership (administrators)."""

    @extend_schema(request=InviteIn, responses={201: InvitationOut})
    def post(self, request, pk):
        application = selectors.get_application_for_user(request.user, pk_or_404(pk), "invite")
        data = valid(InviteIn, request.data)
        organisation = data.get("organisation")
        if organisation is not None and not (
            selectors.invitable_organisations(application).filter(pk=organisation.pk).exists()
        ):
            raise Unprocessable(
                {
                    "organisation": [
                        _(
                            "Invite by name an organisation you are in contact with; "
                            "anyone else by e-mail."
                        )
                    ]
                }
            )
        invitation = services.invite_partner(
            application=application,
            by=request.user,
            organisation=organisation,
            email=data.get("email") or "",
        )
        return Response(InvitationOut(invitation).data, status=201)


class InvitationCancel(MemberEndpoint):
    @extend_schema(responses={204: None})
    def delete(self, request, pk, invitation_pk):
        application = selectors.get_application_for_user(request.user, pk_or_404(pk), "manage")
        invitation = selectors.get_invitation(application, pk_or_404(invitation_pk))
        services.cancel_invitation(invitation=invitation, by=request.user)
        return Response(status=204)


class InvitationsToMe(MemberEndpoint):
    """Open invitations to apply together: to organisations I administer, or to my address."""

    @extend_schema(responses=InvitationOut(many=True))
    def get(self, request):
        found = selectors.list_invitations_to_user(request.user)
        return Response(InvitationOut(found, many=True).data)


class AnswerInvitationIn(serializers.Serializer):
    organisation = OrganisationRef(
        required=False,
        help_text="For an invitation by e-mail: which of my organisations joins.",
    )


class InvitationAnswer(MemberEndpoint):
    """Accept (the organisation joins the application) or decline an invitation."""

    decision = "accept"

    @extend_schema(request=AnswerInvitationIn, responses={200: ApplicationOut, 204: None})
    def post(self, request, invitation_pk):
        mine = {i.pk: i for i in selectors.list_invitations_to_user(request.user)}
        invitation = mine.get(pk_or_404(invitation_pk))
        if invitation is None:
            raise Http404
        data = valid(AnswerInvitationIn, request.data)
        organisation = invitation.organisation or data.get("organisation")
        if organisation is None:
            raise Unprocessable({"organisation": [_("Choose the organisation that joins.")]})
        if self.decision == "decline":
            services.decline_invitation(
                invitation=invitation, organisation=organisation, by=request.user
            )
            return Response(status=204)
        services.accept_invitation(
            invitation=invitation, organisation=organisation, by=request.user
        )
        application = selectors.get_application_for_user(request.user, invitation.application_id)
        return _overview_response(request, application)


# --- Answers ------------------------------------------------------------------------------


class AnswerOut(serializers.Serializer):
    key = serializers.CharField()
    kind = serializers.CharField()
    label = serializers.CharField()
    required = serializers.BooleanField()
    value = serializers.JSONField(allow_null=True, help_text="As stored: text, key(s), number…")
    display = serializers.CharField(help_text="As people read it (labels, not keys).")
    version = serializers.IntegerField(help_text="0 before the first save. Send it back.")
    updated_at = serializers.DateTimeField(allow_null=True)
    updated_by = serializers.CharField(allow_null=True)
    words = serializers.IntegerField()
    over_limit = serializers.BooleanField()


class SectionAnswersOut(serializers.Serializer):
    section = serializers.CharField()
    title = serializers.CharField()
    organisation = serializers.CharField(allow_null=True)
    can_edit = DecisionOut()
    answers = AnswerOut(many=True)


class SectionAnswersIn(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.JSONField(allow_null=True),
        help_text="{question key: value}; only what changed needs to be sent.",
    )
    versions = serializers.DictField(
        child=serializers.IntegerField(min_value=0, max_value=2**31),
        required=False,
        default=dict,
        help_text="{question key: the version the value was based on}. A newer stored "
        "version answers 409 with both versions, and nothing of that answer is saved.",
    )


class SavedOut(serializers.Serializer):
    saved = serializers.ListField(child=serializers.CharField())
    versions = serializers.DictField(child=serializers.IntegerField())


ORGANISATION_PARAMETER = OpenApiParameter(
    "organisation",
    str,
    description="For a section each organisation answers: which one (its slug).",
)


def _section(request, pk, key):
    application = selectors.get_application_for_user(request.user, pk_or_404(pk))
    slug = request.query_params.get("organisation", "")
    organisation = None
    if slug:
        partner = next(
            (p for p in selectors.active_partners(application) if p.organisation.slug == slug),
            None,
        )
        if partner is None:
            raise Http404
        organisation = partner.organisation
    schema = selectors.schema_for(application)
    shown = schema.section(key)
    if shown is None:
        raise Http404
    if shown.is_per_organisation != (organisation is not None):
        raise BadQuery(
            _("This section is answered by each organisation: add ?organisation=<slug>.")
            if shown.is_per_organisation
            else _("This section is answered once for the partnership: leave out organisation.")
        )
    return application, organisation, shown


def _answers_out(request, application, organisation, shown):
    answers = {a.question_key: a for a in application.answers.filter(organisation=organisation)}
    return {
        "section": shown.key,
        "title": shown.text,
        "organisation": organisation.slug if organisation else None,
        "can_edit": decision(permissions.can_edit(request.user, application, organisation)),
        "answers": [
            {
                "key": q.key,
                "kind": q.kind,
                "label": q.text,
                "required": q.required,
                "value": answers[q.key].value if q.key in answers else None,
                "display": questions.display(q, answers[q.key].value) if q.key in answers else "",
                "version": answers[q.key].version if q.key in answers else 0,
                "updated_at": answers[q.key].updated_at if q.key in answers else None,
                "updated_by": answers[q.key].updated_by.name
                if q.key in answers and answers[q.key].updated_by
                else None,
                "words": questions.word_count(answers[q.key].value)
                if q.key in answers and q.kind == questions.LONG_TEXT
                else 0,
                "over_limit": q.key in answers
                and questions.over_word_limit(q, answers[q.key].value) is not None,
            }
            for q in shown.questions
        ],
    }


class SectionAnswers(MemberEndpoint):
    """One section's answers with their versions; PUT saves the ones that changed (the
    page's autosave rule: a save based on an older version is a 409 with both versions,
    invalid answers are a 422 naming them while the valid ones are saved)."""

    @extend_schema(parameters=[ORGANISATION_PARAMETER], responses=SectionAnswersOut)
    def get(self, request, pk, key):
        application, organisation, shown = _section(request, pk, key)
        return Response(_answers_out(request, application, organisation, shown))

    @extend_schema(
        parameters=[ORGANISATION_PARAMETER],
        request=SectionAnswersIn,
        responses={
            200: SavedOut,
            409: OpenApiResponse(
                PROBLEM, description="A conflict: `conflicts` holds both versions of each."
            ),
        },
    )
    def put(self, request, pk, key):
        application, organisation, shown = _section(request, pk, key)
        data = valid(SectionAnswersIn, request.data)
        wanted = {q.key for q in shown.questions if q.kind != questions.FILE}
        unknown = sorted(set(data["answers"]) - wanted)
        if unknown:
            raise Unprocessable(
                {
                    k: [_("This section has no such question (files are uploaded on the page).")]
                    for k in unknown
                }
            )
        result = services.save_answers(
            application=application,
            organisation=organisation,
            by=request.user,
            values=data["answers"],
            versions={k: v for k, v in data["versions"].items() if k in wanted},
            files={},
        )
        body = {"saved": result.saved, "versions": result.versions}
        if result.conflicts:
            raise Conflict(
                _(
                    "Someone else saved these answers after your version. Nothing of them was saved."
                ),
                extra={
                    **body,
                    "conflicts": [
                        {
                            "key": c.key,
                            "yours": data["answers"].get(c.key),
                            "theirs": c.theirs,
                            "version": c.version,
                            "by": c.by.name if c.by else None,
                            "at": serializers.DateTimeField().to_representation(c.at)
                            if c.at
                            else None,
                        }
                        for c in result.conflicts.values()
                    ],
                    "errors": {k: [v] for k, v in result.errors.items()} or None,
                },
            )
        if result.errors:
            return problem(
                422,
                "invalid",
                _("Some answers were not saved; the others were."),
                {k: [str(v)] for k, v in result.errors.items()},
                **body,
            )
        return Response(body)


# --- Participants, confirming, submitting, withdrawing -------------------------------------


class ParticipantIO(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    role = serializers.CharField(max_length=200, allow_blank=True, default="")
    email = serializers.EmailField(max_length=254)
    needs_visa = serializers.BooleanField(default=False)


def _partner(request, pk, slug):
    application = selectors.get_application_for_user(request.user, pk_or_404(pk))
    partner = next(
        (p for p in selectors.active_partners(application) if p.organisation.slug == slug), None
    )
    if partner is None:
        raise Http404
    return application, partner


class Participants(MemberEndpoint):
    """The people an organisation sends on the exchange (visa needs stay inside the
    partnership and the programme)."""

    @extend_schema(responses=ParticipantIO(many=True))
    def get(self, request, pk, slug):
        _application, partner = _partner(request, pk, slug)
        return Response(ParticipantIO(partner.participants.all(), many=True).data)

    @extend_schema(request=ParticipantIO(many=True), responses=ParticipantIO(many=True))
    def put(self, request, pk, slug):
        application, partner = _partner(request, pk, slug)
        serializer = ParticipantIO(data=request.data, many=True)
        serializer.is_valid(raise_exception=True)
        services.save_participants(
            application=application,
            organisation=partner.organisation,
            by=request.user,
            rows=serializer.validated_data,
        )
        fresh = partner.participants.all()
        return Response(ParticipantIO(fresh, many=True).data)


class ConfirmIn(serializers.Serializer):
    organisation = serializers.SlugField(help_text="The organisation I confirm for.")


class Confirm(MemberEndpoint):
    """Confirm the current version for one organisation (its administrator)."""

    @extend_schema(request=ConfirmIn, responses=ApplicationOut)
    def post(self, request, pk):
        data = valid(ConfirmIn, request.data)
        application, partner = _partner(request, pk, data["organisation"])
        services.confirm_application(
            application=application, organisation=partner.organisation, by=request.user
        )
        fresh = selectors.get_application_for_user(request.user, application.pk)
        return _overview_response(request, fresh)


class Submit(MemberEndpoint):
    """Submit (an administrator), when everyone confirmed this version and the checklist is
    met; a repeated submit returns the submitted application."""

    @extend_schema(request=None, responses=ApplicationOut)
    def post(self, request, pk):
        application = selectors.get_application_for_user(request.user, pk_or_404(pk))
        services.submit_application(application=application, by=request.user)
        fresh = selectors.get_application_for_user(request.user, application.pk)
        return _overview_response(request, fresh)


class ReasonIn(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, allow_blank=True, default="")


class Withdraw(MemberEndpoint):
    @extend_schema(request=ReasonIn, responses=ApplicationOut)
    def post(self, request, pk):
        application = selectors.get_application_for_user(request.user, pk_or_404(pk), "manage")
        data = valid(ReasonIn, request.data)
        services.withdraw_application(
            application=application, by=request.user, reason=data["reason"]
        )
        fresh = selectors.get_application_for_user(request.user, application.pk)
        return _overview_response(request, fresh)


class Pdf(MemberEndpoint):
    """The application as a PDF, in the request's language."""

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            (503, "application/problem+json"): PROBLEM,
        }
    )
    def get(self, request, pk):
        application = selectors.get_application_for_user(request.user, pk_or_404(pk))
        document = pdf.render(application, request.LANGUAGE_CODE)
        if document is None:
            return problem(503, "unavailable", _("PDF export is not available on this server."))
        response = HttpResponse(document, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="application-{application.pk}.pdf"'
        response["Cache-Control"] = "no-store"
        return response


# --- Staff -----------------------------------------------------------------------------------


class CallApplications(MemberListEndpoint):
    """A call's submitted applications (its programme's staff); `?status=` filters."""

    serializer_class = ApplicationCard
    pagination_class = CappedPagination

    @extend_schema(
        parameters=[OpenApiParameter("status", enum=[s for s, _ in S.choices if s != S.DRAFT])]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        call = call_selectors.get_call_for_staff(self.request.user, self.kwargs["slug"])
        found = selectors.list_applications_of_call(call).select_related("call")
        wanted = self.request.query_params.get("status", "")
        if wanted:
            if wanted not in S.values or wanted == S.DRAFT:
                raise BadQuery("status")
            found = found.filter(status=wanted)
        return found


class ExtensionIn(serializers.Serializer):
    until = serializers.DateTimeField(help_text="ISO 8601 with a zone; after the deadline.")
    reason = serializers.CharField(max_length=2000)


class ExtensionOut(serializers.Serializer):
    until = serializers.DateTimeField()
    reason = serializers.CharField()


class Extensions(MemberEndpoint):
    """Give one draft more time (the programme's staff)."""

    @extend_schema(request=ExtensionIn, responses={201: ExtensionOut})
    def post(self, request, pk):
        application = selectors.get_application_for_user(request.user, pk_or_404(pk), "decide")
        data = valid(ExtensionIn, request.data)
        extension = services.grant_extension(application=application, by=request.user, **data)
        return Response(ExtensionOut(extension).data, status=201)


class StatusIn(serializers.Serializer):
    to = serializers.ChoiceField(choices=S.choices)
    reason = serializers.CharField(max_length=2000, allow_blank=True, default="")


class StatusChangeView(MemberEndpoint):
    """Move an application to another status (the programme's staff; the workflow's table
    says which moves exist: another is a 409)."""

    @extend_schema(request=StatusIn, responses=ApplicationOut)
    def post(self, request, pk):
        application = selectors.get_application_for_user(request.user, pk_or_404(pk), "decide")
        data = valid(StatusIn, request.data)
        services.change_status(
            application=application, to=data["to"], by=request.user, reason=data["reason"]
        )
        fresh = selectors.get_application_for_user(request.user, application.pk)
        return _overview_response(request, fresh)
