"""What applications hold about a person: the applications their organisations made, what
they wrote and confirmed, and the participant records with their address. The programme
keeps applications; the person's own record in them becomes "a former member"."""

from django.db.models import Q

from exchange.accounts.privacy import Section

from .models import (
    Answer,
    Application,
    Attachment,
    Extension,
    HistoryEntry,
    Participant,
    Partner,
    PartnerInvitation,
)
from .workflows import INVITATION


def _at(moment):
    return moment.isoformat() if moment else None


def export(user) -> dict:
    taking_part = (
        Application.objects.filter(
            Q(partners__organisation__memberships__user=user) | Q(created_by=user)
        )
        .distinct()
        .select_related("call")
    )
    return {
        "applications_you_took_part_in": [
            {
                "id": a.pk,
                "call": a.call.title_en,
                "status": a.status,
                "organisations": [
                    p.organisation.name for p in a.partners.select_related("organisation")
                ],
                "submitted": _at(a.submitted_at),
            }
            for a in taking_part
        ],
        "you_as_a_participant": [
            {
                "application": p.partner.application_id,
                "organisation": p.partner.organisation.name,
                "name": p.name,
                "role": p.role,
                "email": p.email,
                "needs_visa": p.needs_visa,
            }
            for p in Participant.objects.filter(email__iexact=user.email).select_related(
                "partner__organisation"
            )
        ],
        "answers_you_wrote_last": [
            {"application": a.application_id, "question": a.question_key, "answer": a.value}
            for a in Answer.objects.filter(updated_by=user)
        ],
        "files_you_uploaded": [
            {
                "application": f.application_id,
                "name": f.name,
                "size": f.size,
                "uploaded": _at(f.uploaded_at),
            }
            for f in Attachment.objects.filter(uploaded_by=user)
        ],
        "confirmations_you_gave": [
            {"application": p.application_id, "for": p.organisation.name, "at": _at(p.confirmed_at)}
            for p in Partner.objects.filter(confirmed_by=user).select_related("organisation")
        ],
        "changes_you_made": [
            {
                "application": h.application_id,
                "what": h.kind,
                "question": h.question_key,
                "at": _at(h.at),
            }
            for h in HistoryEntry.objects.filter(by=user)
        ],
        "invitations_you_sent": [
            {"application": i.application_id, "to": i.invitee, "status": i.status}
            for i in PartnerInvitation.objects.filter(invited_by=user).select_related(
                "organisation"
            )
        ],
        "extensions_you_granted": [
            {"application": e.application_id, "until": _at(e.until), "reason": e.reason}
            for e in Extension.objects.filter(granted_by=user)
        ],
    }


def erase(user) -> None:
    erased = f"former-member-{user.pk}@erased.invalid"
    # Applications the programme keeps show the participant as "a former member".
    Participant.objects.filter(email__iexact=user.email).update(
        name="", role="", email="", needs_visa=False
    )
    for invitation in PartnerInvitation.objects.filter(email__iexact=user.email):
        if invitation.status == PartnerInvitation.Status.PENDING:
            INVITATION.transition(
                invitation, PartnerInvitation.Status.CANCELLED, by=None, reason="erased"
            )
        PartnerInvitation.objects.filter(pk=invitation.pk).update(email=erased)


SECTION = Section(
    "applications",
    models=(
        "applications.Application",
        "applications.Partner",
        "applications.PartnerInvitation",
        "applications.Participant",
        "applications.Answer",
        "applications.Attachment",
        "applications.HistoryEntry",
        "applications.Extension",
    ),
    export=export,
    erase=erase,
)
