"""Reads of applications that need care: permissions, the form with its answers, the
eligibility facts."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404

from exchange.calls import questions
from exchange.calls import services as call_services
from exchange.organisations.models import Membership

from . import eligibility, permissions
from .models import Answer, Application, Partner, PartnerInvitation


def get_application_for_user(user, pk: int, action: str = "view") -> Application:
    """404 when the user may not see the application, 403 when they may not do `action`."""
    application = Application.objects.select_related("call__programme").filter(pk=pk).first()
    if application is None or not permissions.can_view(user, application):
        raise Http404
    if action != "view":
        decision = permissions.RULES[action](user, application)
        if not decision:
            raise PermissionDenied(decision.reason)
    return application


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


def open_invitations(application):
    return [
        i
        for i in application.invitations.select_related("organisation").order_by("created_at")
        if i.is_open
    ]


def list_invitations_to_user(user):
    """Open invitations to organisations the user administers."""
    admin_of = Membership.objects.filter(user=user, role=Membership.Role.ADMIN).values(
        "organisation_id"
    )
    return [
        i
        for i in PartnerInvitation.objects.filter(organisation_id__in=admin_of)
        .select_related("application__call", "organisation", "invited_by")
        .order_by("-created_at")
        if i.is_open
    ]


def schema_for(application) -> questions.Schema:
    return call_services.schema_of_version(call_services.published_form_version(application.call))


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
