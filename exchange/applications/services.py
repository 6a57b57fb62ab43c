"""Every change of state of an application. Each service runs in one transaction that
starts by locking the application's row, so two partners acting at the same moment are
served one after the other, and ends by checking the deadline at the moment it completes."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from exchange.calls import questions
from exchange.calls import services as call_services
from exchange.calls.models import Call
from exchange.core.notify import email_people
from exchange.core.tasks import send_email
from exchange.organisations.models import Membership, Organisation

from . import deadline, permissions, selectors, workflows
from .models import (
    Answer,
    Application,
    Attachment,
    Extension,
    HistoryEntry,
    Participant,
    Partner,
    PartnerInvitation,
    StatusChange,
)
from .tasks import send_submission_receipts

INVITATION_SALT = "applications.invitation"
INVITATION_MAX_AGE = 60 * 86400
S = Application.Status


def now():
    return deadline.now()


class DeadlinePassed(ValidationError):
    pass


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


def _check(decision):
    if not decision:
        raise PermissionDenied(decision.reason)


def _lock(application: Application) -> Application:
    """The application re-read under a row lock (serialises every change to it)."""
    call = application.call  # not changed by these services: keep it rather than re-read it
    application.refresh_from_db(from_queryset=Application.objects.select_for_update())
    application.call = call
    return application


def _require_in_time(application: Application) -> None:
    """At the end of a transaction: a change that completes after the deadline is refused."""
    if not deadline.is_in_time(now(), application.call.closes_at, application.extended_until):
        raise DeadlinePassed(
            _(
                "The deadline has passed. What counts is the moment an application is "
                "submitted, not when it was opened: this change arrived too late and was not saved."
            ),
            code="deadline",
        )


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


def _people(application, *, admins_only=False):
    members = Membership.objects.filter(
        organisation__application_partners__application=application,
        organisation__application_partners__is_active=True,
    ).select_related("user")
    if admins_only:
        members = members.filter(role=Membership.Role.ADMIN)
    return list({m.user.pk: m.user for m in members}.values())


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
    _check(permissions.can_start(by, organisation))
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
    return signing.dumps({"i": invitation.pk}, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> PartnerInvitation | None:
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.BadSignature:
        return None
    invitation = (
        PartnerInvitation.objects.select_related("application__call", "organisation")
        .filter(pk=data.get("i"))
        .first()
    )
    return invitation if invitation and invitation.is_open else None


def _room_left(application: Application) -> int:
    taken = application.partners.filter(is_active=True).count()
    pending = sum(1 for i in application.invitations.all() if i.is_open)
    return application.call.organisations_per_partnership - taken - pending


@transaction.atomic
def invite_partner(
    *, application: Application, by, organisation: Organisation | None = None, email: str = ""
) -> PartnerInvitation:
    _lock(application)
    _check(permissions.can_manage(by, application))
    _check(permissions.can_edit(by, application))
    email = (email or "").strip().lower()
    if organisation is None and not email:
        raise ValidationError(_("Choose an organisation or write an e-mail address."))
    if _room_left(application) <= 0:
        raise ValidationError(
            _("The partnership is complete: this call allows %(max)s organisations.")
            % {"max": application.call.organisations_per_partnership}
        )
    if organisation is not None:
        if application.partners.filter(organisation=organisation, is_active=True).exists():
            raise ValidationError(_("This organisation is already in the application."))
        _check_can_join(application.call, organisation, application=application)
    invitation = PartnerInvitation.objects.create(
        application=application, organisation=organisation, email=email, invited_by=by
    )
    _history(
        application,
        by,
        HistoryEntry.Kind.INVITED,
        note=organisation.name if organisation else email,
    )
    link = reverse("applications:invitation", args=[invitation_token(invitation)])
    inviter = ", ".join(p.organisation.name for p in application.partners.filter(is_active=True))

    def subject():
        return _("Invitation to apply together: %(call)s") % {"call": application.call.title}

    def body():
        return _(
            "%(inviter)s invites your organisation to apply together to “%(call)s” on "
            "Civil Society Exchange. Open the link to accept or decline."
        ) % {"inviter": inviter, "call": application.call.title}

    if organisation is not None:
        admins = organisation.memberships.filter(role=Membership.Role.ADMIN).select_related("user")
        email_people([m.user for m in admins], subject=subject, body=body, link=link)
    else:
        # The invitee is not registered: the e-mail speaks the inviter's language.
        url = settings.SITE_URL.rstrip("/") + link
        with override(by.language or None):
            text_subject, text_body = str(subject()), str(body()) + "\n\n" + url + "\n"
        transaction.on_commit(
            lambda: send_email.enqueue(subject=text_subject, body=text_body, to=[email])
        )
    return invitation


@transaction.atomic
def accept_invitation(*, invitation: PartnerInvitation, organisation: Organisation, by) -> Partner:
    application = _lock(invitation.application)
    invitation.refresh_from_db()
    if not invitation.is_open:
        raise ValidationError(_("This invitation is no longer open."))
    if invitation.organisation_id and invitation.organisation_id != organisation.pk:
        raise ValidationError(_("This invitation is for another organisation."))
    _check(permissions.can_answer_invitation(by, organisation))
    if application.status != S.DRAFT:
        raise ValidationError(_("The application is no longer a draft."))
    if application.partners.filter(organisation=organisation, is_active=True).exists():
        raise ValidationError(_("This organisation is already in the application."))
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
    invitation.accepted_at = now()
    invitation.organisation = organisation
    invitation.save(update_fields=["accepted_at", "organisation"])
    if application.seeking_partner:
        application.seeking_partner = False
        application.save(update_fields=["seeking_partner"])
    _history(application, by, HistoryEntry.Kind.JOINED, organisation=organisation)
    _changed(application, by)
    _require_in_time(application)
    by.__dict__.pop("_application_roles", None)  # roles are cached on the user object
    return partner


@transaction.atomic
def decline_invitation(*, invitation: PartnerInvitation, organisation: Organisation, by) -> None:
    _check(permissions.can_answer_invitation(by, organisation))
    invitation = PartnerInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.organisation_id and invitation.organisation_id != organisation.pk:
        raise ValidationError(_("This invitation is for another organisation."))
    if not invitation.is_open:
        return
    invitation.declined_at = now()
    invitation.save(update_fields=["declined_at"])
    _history(invitation.application, by, HistoryEntry.Kind.DECLINED, organisation=organisation)


@transaction.atomic
def cancel_invitation(*, invitation: PartnerInvitation, by) -> None:
    _check(permissions.can_manage(by, invitation.application))
    if invitation.is_open:
        invitation.cancelled_at = now()
        invitation.save(update_fields=["cancelled_at"])


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
    Invalid answers come back as errors; the valid ones are still saved."""
    _lock(application)
    _check(permissions.can_edit(by, application, organisation))
    form_version = call_services.published_form_version(application.call)
    schema = call_services.schema_of_version(form_version)
    scope = questions.SCOPE_ORGANISATION if organisation else questions.SCOPE_PARTNERSHIP
    existing = {
        a.question_key: a
        for a in application.answers.select_related("updated_by").filter(organisation=organisation)
    }
    result = SaveResult()
    for question in schema.questions(scope):
        key = question.key
        answer = existing.get(key)
        result.versions[key] = answer.version if answer else 0
        upload = (files or {}).get(key)
        if upload is not None:
            try:
                questions.check_file(question, upload.name, upload.size, upload.read(16))
                upload.seek(0)
            except questions.AnswerError as error:
                result.errors[key] = str(error)
                continue
            attachment = Attachment.objects.create(
                application=application,
                organisation=organisation,
                question_key=key,
                file=upload,
                name=upload.name[:200],
                size=upload.size,
                uploaded_by=by,
            )
            raw = attachment.pk
        elif key in values:
            raw = values[key]
        else:
            continue
        try:
            value = questions.clean_answer(question, raw)
        except questions.AnswerError as error:
            result.errors[key] = str(error)
            continue
        if answer is not None and answer.value == value:
            continue
        if answer is None and value is None:
            continue
        base = versions.get(key)
        current = answer.version if answer else 0
        if base is not None and base != current:
            result.conflicts[key] = Conflict(
                key,
                answer.value if answer else None,
                current,
                answer.updated_by if answer else None,
                answer.updated_at if answer else None,
            )
            continue
        old = answer.value if answer else None
        if answer is None:
            answer = Answer.objects.create(
                application=application,
                organisation=organisation,
                question_key=key,
                value=value,
                form_version=form_version,
                updated_by=by,
            )
        else:
            answer.value = value
            answer.version += 1
            answer.form_version = form_version
            answer.updated_by = by
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
    return result


@transaction.atomic
def save_participants(*, application: Application, organisation: Organisation, by, rows) -> None:
    """Replace the organisation's participants by `rows` (dicts of name, role, email, needs_visa)."""
    _lock(application)
    _check(permissions.can_edit(by, application, organisation))
    partner = application.partners.get(organisation=organisation, is_active=True)
    old = [
        {"name": p.name, "role": p.role, "email": p.email, "needs_visa": p.needs_visa}
        for p in partner.participants.all()
    ]
    new = [
        {
            "name": r["name"].strip(),
            "role": r["role"].strip(),
            "email": r["email"].strip().lower(),
            "needs_visa": bool(r.get("needs_visa")),
        }
        for r in rows
    ]
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
    _lock(application)
    _check(permissions.can_confirm(by, application, organisation))
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


def unconfirmed(application: Application) -> list[Organisation]:
    return [
        p.organisation
        for p in application.partners.filter(is_active=True).select_related("organisation")
        if p.confirmed_revision != application.revision
    ]


@transaction.atomic
def submit_application(*, application: Application, by) -> Application:
    """Submit when every organisation has confirmed this version and the checklist is met.
    A repeated submit (a double click, a retry) returns the submitted application unchanged."""
    _lock(application)
    if application.status == S.SUBMITTED:
        _check(permissions.can_view(by, application))
        return application
    _check(permissions.can_submit(by, application))
    items = selectors.eligibility_of(application)
    problems = [p for item in items for p in item.problems]
    if problems:
        raise ValidationError(problems)
    waiting = unconfirmed(application)
    if waiting:
        raise ValidationError(
            _("Waiting for the confirmation of: %(orgs)s.")
            % {"orgs": ", ".join(o.name for o in waiting)}
        )
    transition(application, S.SUBMITTED, by=by)
    return application


@transaction.atomic
def withdraw_application(*, application: Application, by, reason: str = "") -> Application:
    _lock(application)
    _check(permissions.can_withdraw(by, application))
    transition(application, S.WITHDRAWN, by=by, reason=reason)
    return application


@transaction.atomic
def change_status(*, application: Application, to: str, by, reason: str = "") -> Application:
    """Staff move a submitted application through review."""
    _lock(application)
    _check(permissions.can_decide(by, application))
    transition(application, to, by=by, reason=reason)
    return application


def transition(application: Application, to: str, *, by, reason: str = "") -> None:
    """The only code that changes an application's status (call it inside a service's
    transaction, with the application locked)."""
    step = workflows.find(application.status, to)
    if step is None:
        raise ValidationError(
            _("An application cannot go from “%(from)s” to “%(to)s”.")
            % {"from": S(application.status).label, "to": S(to).label}
        )
    if step.who == workflows.STAFF:
        _check(permissions.can_decide(by, application))
    else:
        _check(permissions.can_manage(by, application))
    source = application.status
    application.status = to
    fields = ["status", "updated_at"]
    if to == S.SUBMITTED:
        application.submitted_at = now()
        application.submitted_revision = application.revision
        fields += ["submitted_at", "submitted_revision"]
    application.save(update_fields=fields)
    if to == S.WITHDRAWN:
        # The organisations may apply again (the database allows one *active* application).
        application.partners.update(is_active=False)
        application.invitations.filter(
            accepted_at=None, declined_at=None, cancelled_at=None
        ).update(cancelled_at=now())
    StatusChange.objects.create(
        application=application, from_status=source, to_status=to, by=by, reason=reason
    )
    _history(application, by, HistoryEntry.Kind.STATUS, old=source, new=to, note=reason)
    if step.before_deadline:
        _require_in_time(application)
    if to == S.SUBMITTED:
        transaction.on_commit(lambda: send_submission_receipts.enqueue(application.pk))
    elif step.who == workflows.STAFF:
        email_people(
            _people(application),
            subject=lambda: _("Your application: %(status)s") % {"status": S(to).label},
            body=lambda: (
                _("The status of your application to “%(call)s” is now: %(status)s.")
                % {"call": application.call.title, "status": S(to).label}
            ),
            link=application.get_absolute_url(),
        )


@transaction.atomic
def grant_extension(*, application: Application, until, reason: str, by) -> Extension:
    _lock(application)
    _check(permissions.can_decide(by, application))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Write the reason for the extension.")]})
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
    email_people(
        _people(application),
        subject=lambda: _("More time for your application"),
        body=lambda: (
            _("The programme's staff gave your application to “%(call)s” more time.")
            % {"call": application.call.title}
        ),
        link=application.get_absolute_url(),
    )
    return extension
