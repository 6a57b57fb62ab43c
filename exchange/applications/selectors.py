"""Reads of applications that need care: permissions, the form with its answers, the
eligibility facts."""

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext as _

from exchange.calls import questions
from exchange.calls import selectors as call_selectors
from exchange.calls import services as call_services
from exchange.contacts import selectors as contact_selectors
from exchange.core.models import StatusChange
from exchange.core.permissions import require
from exchange.organisations.models import Membership, Organisation

from . import deadline, eligibility, permissions
from .models import Answer, Application, Partner, PartnerInvitation

MAX_ID = 2**63 - 1  # a primary key beyond 64 bits names nothing: a 404, not an overflow


def get_application_for_user(user, pk: int, action: str = "view") -> Application:
    """404 when the user may not see the application, 403 (a Refused with its reason) when
    they may see it but not do `action`."""
    if not 0 < pk <= MAX_ID:
        raise Http404
    application = Application.objects.select_related("call__programme").filter(pk=pk).first()
    if application is None or not permissions.can_view(user, application):
        raise Http404
    if action != "view":
        require(permissions.RULES[action](user, application))
    return application


def get_call_for_staff(user, slug: str):
    return call_selectors.get_call_for_staff(user, slug)


def list_applications_of_user(user):
    return (
        Application.objects.filter(
            partners__organisation__memberships__user=user,
        )
        .select_related("call")
        .prefetch_related(
            Prefetch("partners", queryset=Partner.objects.select_related("organisation"))
        )
        .distinct()
        .order_by("-updated_at")
    )


def list_applications_of_call(call):
    return (
        Application.objects.filter(call=call)
        .exclude(status=Application.Status.DRAFT)
        .prefetch_related(
            Prefetch(
                "partners",
                queryset=Partner.objects.filter(is_active=True).select_related("organisation"),
            )
        )
        .order_by("submitted_at", "pk")
    )


def count_drafts(call) -> int:
    return Application.objects.filter(call=call, status=Application.Status.DRAFT).count()


def active_partners(application):
    partners = list(
        application.partners.filter(is_active=True)
        .select_related("organisation", "confirmed_by")
        .prefetch_related("participants")
    )
    for partner in partners:
        partner.application = application  # has_confirmed reads its revision: no query each
    return partners


def _open(queryset):
    return queryset.filter(status=PartnerInvitation.Status.PENDING, expires_at__gt=deadline.now())


def open_invitations(application):
    return list(
        _open(application.invitations.select_related("organisation", "invited_by")).order_by(
            "created_at"
        )
    )


def invitable_organisations(application):
    """The organisations the partners may invite by name: those in contact with one of them
    (anyone else is invited by e-mail)."""
    return Organisation.objects.filter(
        pk__in=contact_selectors.list_contact_ids(
            [p.organisation for p in active_partners(application)]
        )
    ).order_by("name")


def get_invitation(application, pk: int) -> PartnerInvitation:
    invitation = application.invitations.filter(pk=pk).first() if 0 < pk <= MAX_ID else None
    if invitation is None:
        raise Http404
    return invitation


def inviting_names(invitation: PartnerInvitation) -> str:
    """The organisations already in the application an invitation is for."""
    return ", ".join(
        invitation.application.partners.filter(is_active=True)
        .order_by("-is_lead", "joined_at")
        .values_list("organisation__name", flat=True)
    )


def get_attachment(application, pk: int):
    """A file of the application that an answer still holds (a replaced file is gone)."""
    found = application.attachments.filter(pk=pk).first() if 0 < pk <= MAX_ID else None
    if found is None:
        raise Http404
    return found


def list_invitations_to_user(user):
    """Open invitations to organisations the user administers, and those e-mailed to the
    user's own address."""
    admin_of = Membership.objects.filter(user=user, role=Membership.Role.ADMIN).values(
        "organisation_id"
    )
    return list(
        _open(
            PartnerInvitation.objects.filter(
                Q(organisation_id__in=admin_of)
                | Q(organisation__isnull=True, email__iexact=user.email)
            )
        )
        .select_related("application__call", "organisation", "invited_by")
        .order_by("-created_at")
    )


def schema_for(application) -> questions.Schema:
    """The form as applicants answer it (reading never publishes a version)."""
    return call_services.form_schema(application.call)


def unconfirmed(application: Application, partners=None) -> list:
    partners = partners if partners is not None else active_partners(application)
    return [p.organisation for p in partners if p.confirmed_revision != application.revision]


@dataclass
class HistoryLine:
    """One line of an application's history, from its own entries and from the changes of
    state of the application and its invitations (core.StatusChange)."""

    at: datetime.datetime
    by: object
    organisation: object
    text: str
    question_key: str = ""
    question_text: str = ""
    note: str = ""
    old: object = None
    new: object = None
    kind: str = ""


def history_of(application: Application, *, limit: int = 500) -> list[HistoryLine]:
    schema = schema_for(application)
    lines = []
    for entry in application.history.select_related("by", "organisation")[:limit]:
        question = schema.question(entry.question_key) if entry.question_key else None
        lines.append(
            HistoryLine(
                entry.at,
                entry.by,
                entry.organisation,
                entry.get_kind_display(),
                entry.question_key,
                question.text if question else entry.question_key,
                entry.note,
                entry.old,
                entry.new,
                entry.kind,
            )
        )
    invitations = {i.pk: i for i in application.invitations.select_related("organisation")}
    types = ContentType.objects.get_for_models(Application, PartnerInvitation)
    changes = StatusChange.objects.filter(
        Q(content_type=types[Application], object_id=application.pk)
        | Q(content_type=types[PartnerInvitation], object_id__in=list(invitations))
    ).select_related("by")[:limit]
    for change in changes:
        invitation = (
            invitations.get(change.object_id)
            if change.content_type_id == types[PartnerInvitation].pk
            else None
        )
        lines.append(
            HistoryLine(
                change.at,
                change.by,
                None,
                status_change_text(change, invitation),
                note=change.reason,
                kind="status",
            )
        )
    lines.sort(key=lambda line: line.at, reverse=True)
    return lines[:limit]


def status_change_text(change: StatusChange, invitation=None) -> str:
    if invitation is None:
        return _("changed the status to “%(status)s”") % {"status": change.get_to_status_display()}
    return _("the invitation of %(who)s: %(status)s") % {
        "who": invitation.invitee,
        "status": change.get_to_status_display(),
    }


def answers_of(application) -> dict[tuple[int | None, str], Answer]:
    return {
        (a.organisation_id, a.question_key): a
        for a in application.answers.select_related("updated_by")
    }


@dataclass
class ShownQuestion:
    question: questions.Question
    answer: Answer | None
    display: str
    words: int
    over_limit: bool


@dataclass
class ShownSection:
    section: questions.Section
    organisation: object  # None for the partnership
    items: list


def sections_with_answers(application, schema=None, partners=None) -> list[ShownSection]:
    schema = schema or schema_for(application)
    partners = partners if partners is not None else active_partners(application)
    answers = answers_of(application)
    shown = []
    for section in schema.sections:
        owners = [p.organisation for p in partners] if section.is_per_organisation else [None]
        for organisation in owners:
            items = []
            for q in section.questions:
                answer = answers.get((organisation.pk if organisation else None, q.key))
                value = answer.value if answer else None
                items.append(
                    ShownQuestion(
                        q,
                        answer,
                        questions.display(q, value),
                        questions.word_count(value) if q.kind == questions.LONG_TEXT else 0,
                        questions.over_word_limit(q, value) is not None,
                    )
                )
            shown.append(ShownSection(section, organisation, items))
    return shown


def eligibility_of(application, sections=None, partners=None) -> list[eligibility.Item]:
    call = application.call
    partners = partners if partners is not None else active_partners(application)
    sections = (
        sections if sections is not None else sections_with_answers(application, None, partners)
    )
    others = set(
        Partner.objects.filter(
            call=call, is_active=True, organisation__in=[p.organisation_id for p in partners]
        )
        .exclude(application=application)
        .values_list("organisation_id", flat=True)
    )
    missing, over = [], []
    for shown in sections:
        name = shown.organisation.name if shown.organisation else ""
        for item in shown.items:
            value = item.answer.value if item.answer else None
            if item.question.required and questions.is_empty(value):
                missing.append((name, item.question.text))
            if item.over_limit:
                over.append((name, item.question.text, item.words, item.question.word_limit))
    facts = eligibility.Facts(
        rules=eligibility.Rules(
            turkey_countries=frozenset(call.turkey_countries),
            europe_countries=frozenset(call.europe_countries),
            organisations_per_partnership=call.organisations_per_partnership,
            participants_per_organisation=call.participants_per_organisation,
            single_applicants_allowed=call.single_applicants_allowed,
        ),
        organisations=tuple(
            eligibility.OrganisationFacts(
                name=p.organisation.name,
                country=p.organisation.country.code,
                participants=len(p.participants.all()),
                in_other_application=p.organisation_id in others,
            )
            for p in partners
        ),
        seeking_partner=application.seeking_partner,
        missing=tuple(missing),
        over_limit=tuple(over),
    )
    return eligibility.checklist(facts)


def people_of(application: Application, *, admins_only: bool = False, former: bool = False):
    """The people of the application's organisations (also of those that left, with
    `former`: a withdrawal is told to everyone who took part)."""
    partners = application.partners.all() if former else application.partners.filter(is_active=True)
    members = Membership.objects.filter(
        organisation_id__in=partners.values("organisation_id")
    ).select_related("user")
    if admins_only:
        members = members.filter(role=Membership.Role.ADMIN)
    return list({m.user.pk: m.user for m in members}.values())
