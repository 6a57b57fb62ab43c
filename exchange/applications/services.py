"""Every change of state of an application. Each service runs in one transaction that
starts by locking the application's row, so two partners acting at the same moment are
served one after the other, and ends by checking the deadline at the moment it completes.
Changes of status go through the tables of workflows.py; the events they emit are turned
into notices by the notifications app."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from exchange.calls import questions
from exchange.calls import services as call_services
from exchange.calls.models import Call
from exchange.core import events, limits, text, tokens
from exchange.core.permissions import reload_for_update, require
from exchange.organisations.models import Organisation

from . import deadline, permissions, selectors
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
from .workflows import APPLICATION, INVITATION

S = Application.Status
I = PartnerInvitation.Status  # noqa: E741
TOKEN_PURPOSE = "applications.invitation"


def now():
    return deadline.now()


@dataclass
class Conflict:
    """Someone saved this answer after the version the user started from."""

    key: str
    theirs: object
    version: int
    by: object
    at: object


@dataclass
class SaveResult:
    saved: list = field(default_factory=list)
    errors: dict = field(default_factory=dict)
    conflicts: dict = field(default_factory=dict)
    versions: dict = field(default_factory=dict)


def _lock(application: Application) -> Application:
    """The application re-read under a row lock (serialises every change to it). Its call
    is not changed by these services: it is kept rather than read again."""
    return reload_for_update(application, call=application.call)


def _require_in_time(application: Application) -> None:
    """At the end of a transaction: a change that completes after the deadline is refused."""
    require(permissions.in_time(application))


def _history(application, by, kind, *, organisation=None, key="", old=None, new=None, note=""):
    HistoryEntry.objects.create(
        application=application,
        by=by,
        kind=kind,
        organisation=organisation,
        question_key=key,
        old=old,
        new=new,
        note=note,
    )


def _changed(application: Application, by) -> None:
    """A change of content: a new revision, and confirmations of the old one are withdrawn."""
    withdrawn = application.partners.filter(
        is_active=True, confirmed_revision__isnull=False
    ).update(confirmed_revision=None, confirmed_by=None, confirmed_at=None)
    if withdrawn:
        _history(application, by, HistoryEntry.Kind.CONFIRMATIONS_WITHDRAWN)
    application.revision += 1
    application.save(update_fields=["revision", "updated_at"])


# --- Starting and inviting ------------------------------------------------------------------


def _check_can_join(call: Call, organisation: Organisation, *, application=None) -> None:
    if organisation.country.code not in set(call.turkey_countries) | set(call.europe_countries):
        raise ValidationError(
            _("%(org)s is based in a country that is not eligible for this call.")
            % {"org": organisation.name}
        )
    others = Partner.objects.filter(call=call, organisation=organisation, is_active=True)
    if application is not None:
        others = others.exclude(application=application)
    if others.exists():
        raise ValidationError(
            _("%(org)s is already in another application to this call.")
            % {"org": organisation.name}
        )


@transaction.atomic
def start_application(
    *, call: Call, organisation: Organisation, by, seeking_partner: bool = False
) -> Application:
    require(permissions.can_start(by, organisation))
    moment = now()
    if call.status_at(moment) != Call.Status.OPEN:
        raise ValidationError(_("This call is not open for applications."))
    if seeking_partner and not call.single_applicants_allowed:
        raise ValidationError(_("This call does not accept organisations applying alone."))
    _check_can_join(call, organisation)
    application = Application.objects.create(
        call=call, created_by=by, seeking_partner=seeking_partner
    )
    try:
        with transaction.atomic():
            Partner.objects.create(
                application=application, call=call, organisation=organisation, is_lead=True
            )
    except IntegrityError:  # another admin of the organisation started one at this moment
        raise ValidationError(
            _("%(org)s is already in another application to this call.")
            % {"org": organisation.name}
        ) from None
    _history(application, by, HistoryEntry.Kind.CREATED, organisation=organisation)
    return application


def invitation_token(invitation: PartnerInvitation) -> str:
    return tokens.make(TOKEN_PURPOSE, invitation.pk)


def read_invitation(token: str) -> PartnerInvitation | None:
    """The invitation a genuine, unexpired link names, whatever its state now."""
    data = tokens.read(TOKEN_PURPOSE, token)
    if data is None:
        return None
    return (
        PartnerInvitation.objects.select_related("application__call", "organisation", "invited_by")
        .filter(pk=data["i"])
        .first()
    )


def invitation_from_token(token: str) -> PartnerInvitation | None:
    """The invitation a link names, if it can still be answered."""
    invitation = read_invitation(token)
    return invitation if invitation and invitation.is_open else None


@transaction.atomic
def invite_partner(
    *, application: Application, by, organisation: Organisation | None = None, email: str = ""
) -> PartnerInvitation:
    application = _lock(application)
    email = (email or "").strip().lower()
    if organisation is None and not email:
        raise ValidationError(_("Choose an organisation or write an e-mail address."))
    require(permissions.can_invite(by, application))
    if organisation is not None:
        if application.partners.filter(organisation=organisation, is_active=True).exists():
            raise ValidationError(_("This organisation is already in the application."))
        if selectors._open(application.invitations.filter(organisation=organisation)).exists():
            raise ValidationError(_("This organisation is already invited."))
        _check_can_join(application.call, organisation, application=application)
    elif selectors._open(application.invitations.filter(email=email)).exists():
        raise ValidationError(_("This address is already invited."))
    invitation = PartnerInvitation.objects.create(
        application=application,
        organisation=organisation,
        email="" if organisation else email,
        invited_by=by,
        expires_at=now() + tokens.lifetime(),
    )
    _history(
        application,
        by,
        HistoryEntry.Kind.INVITED,
        note=organisation.name if organisation else email,
    )
    events.emit(
        "applications.invitation_sent",
        key=f"applications.invitation_sent:{invitation.pk}",
        target=invitation,
        actor=by,
        token=invitation_token(invitation),
    )
    return invitation


@transaction.atomic
def accept_invitation(*, invitation: PartnerInvitation, organisation: Organisation, by) -> Partner:
    application = _lock(invitation.application)
    invitation = PartnerInvitation.objects.select_related("organisation").get(pk=invitation.pk)
    invitation.application = application
    if not invitation.organisation_id:
        invitation.organisation = organisation  # an e-mailed invitation: the joining one
    require(permissions.can_answer_invitation(by, invitation, organisation))
    if application.partners.filter(organisation=organisation, is_active=True).exists():
        raise ValidationError(_("This organisation is already in the application."))
    INVITATION.transition(invitation, I.ACCEPTED, by=by)
    invitation.save(update_fields=["organisation"])
    _check_can_join(application.call, organisation, application=application)
    try:
        with transaction.atomic():
            partner, _created = Partner.objects.update_or_create(
                application=application,
                organisation=organisation,
                defaults={"call": application.call, "is_active": True},
            )
    except IntegrityError:
        raise ValidationError(
            _("%(org)s is already in another application to this call.")
            % {"org": organisation.name}
        ) from None
    if application.seeking_partner:
        application.seeking_partner = False
        application.save(update_fields=["seeking_partner"])
    _changed(application, by)
    _require_in_time(application)
    return partner


@transaction.atomic
def decline_invitation(*, invitation: PartnerInvitation, organisation: Organisation, by) -> None:
    application = _lock(invitation.application)
    invitation = PartnerInvitation.objects.select_related("organisation").get(pk=invitation.pk)
    invitation.application = application
    if invitation.status == I.DECLINED:
        return  # a second click declines nothing new
    require(permissions.can_answer_invitation(by, invitation, organisation))
    if not invitation.organisation_id:
        invitation.organisation = organisation
    INVITATION.transition(invitation, I.DECLINED, by=by)


@transaction.atomic
def cancel_invitation(*, invitation: PartnerInvitation, by) -> None:
    application = _lock(invitation.application)
    invitation.application = application
    if invitation.status == I.CANCELLED:
        return
    INVITATION.transition(invitation, I.CANCELLED, by=by)


def expire_invitations() -> int:
    """Record as expired every pending invitation past its expiry: its place in the
    partnership is free again, and the inviters are told (the daily job)."""
    expired = 0
    for invitation in PartnerInvitation.objects.filter(
        status=I.PENDING, expires_at__lte=now()
    ).select_related("application"):
        with transaction.atomic():
            INVITATION.transition(invitation, I.EXPIRED, by=None)
        expired += 1
    return expired


# --- Writing ----------------------------------------------------------------------------------


@transaction.atomic
def save_answers(
    *,
    application: Application,
    organisation: Organisation | None,
    by,
    values: dict,
    versions: dict,
    files: dict | None = None,
) -> SaveResult:
    """Save the answers that changed. An answer whose stored version is newer than the one the
    user started from is not overwritten: it comes back as a conflict with both versions.
    Invalid answers come back as errors; the valid ones are still saved. An uploaded file is
    stored only once its answer passed these checks, and removed again if the save fails."""
    stored: list = []
    try:
        with transaction.atomic():
            return _save_answers(
                application, organisation, by, values, versions, files or {}, stored
            )
    except BaseException:
        for name in stored:
            Attachment.file.field.storage.delete(name)
        raise


def _save_answers(application, organisation, by, values, versions, files, stored) -> SaveResult:
    application = _lock(application)
    require(permissions.can_edit(by, application, organisation))
    form_version = call_services.published_form_version(application.call)
    schema = call_services.schema_of_version(form_version)
    scope = questions.SCOPE_ORGANISATION if organisation else questions.SCOPE_PARTNERSHIP
    existing = {
        a.question_key: a
        for a in application.answers.select_related("updated_by").filter(organisation=organisation)
    }
    result = SaveResult()
    replaced = []
    for question in schema.questions(scope):
        key = question.key
        answer = existing.get(key)
        current = answer.version if answer else 0
        result.versions[key] = current
        upload = files.get(key) if question.kind == questions.FILE else None
        if upload is not None:
            try:
                questions.check_file(question, upload.name, upload.size, upload.read(16))
                upload.seek(0)
            except questions.AnswerError as error:
                result.errors[key] = str(error)
                continue
            value = text.clean(upload.name)[:200] or "file"
        elif key in values and question.kind != questions.FILE:
            try:
                value = questions.clean_answer(question, values[key])
            except questions.AnswerError as error:
                result.errors[key] = str(error)
                continue
            if (answer.value if answer else None) == value:
                continue
        else:
            continue
        base = versions.get(key)
        if base is not None and base != current:
            result.conflicts[key] = Conflict(
                key,
                answer.value if answer else None,
                current,
                answer.updated_by if answer else None,
                answer.updated_at if answer else None,
            )
            continue
        attachment = None
        if upload is not None:  # checked, no conflict: only now is the file written
            attachment = Attachment.objects.create(
                application=application,
                organisation=organisation,
                question_key=key,
                file=upload,
                name=value,
                size=upload.size,
                uploaded_by=by,
            )
            stored.append(attachment.file.name)
            if answer is not None and answer.attachment_id:
                replaced.append(answer.attachment_id)
        old = answer.value if answer else None
        if answer is None:
            answer = Answer.objects.create(
                application=application,
                organisation=organisation,
                question_key=key,
                value=value,
                attachment=attachment,
                form_version=form_version,
                updated_by=by,
            )
        else:
            answer.value = value
            answer.version += 1
            answer.form_version = form_version
            answer.updated_by = by
            if attachment is not None:
                answer.attachment = attachment
            answer.save()
        result.versions[key] = answer.version
        result.saved.append(key)
        _history(
            application,
            by,
            HistoryEntry.Kind.ANSWER,
            organisation=organisation,
            key=key,
            old=old,
            new=value,
        )
    if result.saved:
        _changed(application, by)
    _require_in_time(application)
    if replaced:
        _delete_attachments(replaced)
    return result


def _delete_attachments(ids) -> None:
    """A replaced file is gone, not merely unlinked: its row now, its bytes after commit."""
    names = list(Attachment.objects.filter(pk__in=ids).values_list("file", flat=True))
    Attachment.objects.filter(pk__in=ids).delete()
    storage = Attachment.file.field.storage
    transaction.on_commit(lambda: [storage.delete(name) for name in names])


@transaction.atomic
def save_participants(*, application: Application, organisation: Organisation, by, rows) -> None:
    """Replace the organisation's participants by `rows` (dicts of name, role, email, needs_visa)."""
    application = _lock(application)
    require(permissions.can_edit(by, application, organisation))
    partner = application.partners.get(organisation=organisation, is_active=True)
    old = [
        {"name": p.name, "role": p.role, "email": p.email, "needs_visa": p.needs_visa}
        for p in partner.participants.all()
    ]
    new = [
        {
            "name": text.clean(r["name"]).strip(),
            "role": text.clean(r["role"]).strip(),
            "email": r["email"].strip().lower(),
            "needs_visa": bool(r.get("needs_visa")),
        }
        for r in rows
    ]
    for row in new:
        limits.check(name=(row["name"], limits.NAME), role=(row["role"], limits.NAME))
    if len(new) > application.call.participants_per_organisation:
        raise ValidationError(
            _("This call funds %(count)s participants per organisation.")
            % {"count": application.call.participants_per_organisation}
        )
    if old == new:
        return
    partner.participants.all().delete()
    Participant.objects.bulk_create(
        Participant(partner=partner, position=i, **row) for i, row in enumerate(new)
    )
    _history(
        application,
        by,
        HistoryEntry.Kind.PARTICIPANTS,
        organisation=organisation,
        old=[p["name"] for p in old],
        new=[p["name"] for p in new],
    )
    _changed(application, by)
    _require_in_time(application)


# --- Confirming, submitting, withdrawing -----------------------------------------------------


@transaction.atomic
def confirm_application(*, application: Application, organisation: Organisation, by) -> Partner:
    """The organisation's administrator confirms the current version (its revision)."""
    application = _lock(application)
    require(permissions.can_confirm(by, application, organisation))
    partner = application.partners.select_for_update().get(
        organisation=organisation, is_active=True
    )
    if partner.confirmed_revision == application.revision:
        return partner  # a second click confirms nothing new
    partner.confirmed_revision = application.revision
    partner.confirmed_by = by
    partner.confirmed_at = now()
    partner.save(update_fields=["confirmed_revision", "confirmed_by", "confirmed_at"])
    _history(application, by, HistoryEntry.Kind.CONFIRMED, organisation=organisation)
    _require_in_time(application)
    return partner


unconfirmed = selectors.unconfirmed


@transaction.atomic
def submit_application(*, application: Application, by) -> Application:
    """Submit when every organisation has confirmed this version and the checklist is met
    (the table's guards). A repeated submit (a double click, a retry) returns the submitted
    application unchanged."""
    application = _lock(application)
    if application.status == S.SUBMITTED:
        require(permissions.can_view(by, application))
        return application
    APPLICATION.transition(application, S.SUBMITTED, by=by, locked=True)
    return application


@transaction.atomic
def withdraw_application(*, application: Application, by, reason: str = "") -> Application:
    application = _lock(application)
    reason = text.clean(reason or "").strip()
    limits.check(reason=(reason, limits.REASON))
    APPLICATION.transition(application, S.WITHDRAWN, by=by, reason=reason, locked=True)
    return application


@transaction.atomic
def change_status(*, application: Application, to: str, by, reason: str = "") -> Application:
    """Staff move a submitted application through review."""
    application = _lock(application)
    reason = text.clean(reason or "").strip()
    limits.check(reason=(reason, limits.REASON))
    APPLICATION.transition(application, to, by=by, reason=reason, locked=True)
    return application


@transaction.atomic
def grant_extension(*, application: Application, until, reason: str, by) -> Extension:
    application = _lock(application)
    require(permissions.can_decide(by, application))
    reason = text.clean(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Write the reason for the extension.")]})
    limits.check(reason=(reason, limits.REASON))
    if until <= application.call.closes_at:
        raise ValidationError({"until": [_("An extension ends after the call's deadline.")]})
    if application.status != S.DRAFT:
        raise ValidationError(_("Only a draft can be given more time."))
    extension = Extension.objects.create(
        application=application, until=until, reason=reason, granted_by=by
    )
    application.extended_until = until
    application.save(update_fields=["extended_until", "updated_at"])
    _history(application, by, HistoryEntry.Kind.EXTENSION, new=until.isoformat(), note=reason)
    events.emit(
        "applications.extension_granted",
        key=f"applications.extension_granted:{extension.pk}",
        target=application,
        actor=by,
    )
    return extension
