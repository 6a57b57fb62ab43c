"""Every change of state of contact requests, conversations, blocks and reports."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from exchange.core.notify import email_people
from exchange.organisations.models import Membership

from . import permissions, selectors
from .models import Block, ContactRequest, Conversation, Message, Notice, Report

DAILY_REQUEST_LIMIT = 10
NOTICE_INTERVAL = timedelta(hours=1)


def _check(decision):
    if not decision:
        raise PermissionDenied(decision.reason)


def _mail_members(organisation, *, subject, body, link, admins_only=False):
    members = Membership.objects.filter(organisation=organisation).select_related("user")
    if admins_only:
        members = members.filter(role=Membership.Role.ADMIN)
    email_people([m.user for m in members], subject=subject, body=body, link=link)


@transaction.atomic
def send_contact_request(*, sender, recipient, by, message: str) -> ContactRequest:
    _check(permissions.can_send_from(by, sender))
    message = message.strip()
    if sender == recipient:
        raise ValidationError(_("An organisation cannot contact itself."))
    if not message:
        raise ValidationError(
            {"message": [_("Write a few words about why you want to get in touch.")]}
        )
    if selectors.is_blocked(sender, recipient):
        raise ValidationError(_("You cannot contact this organisation."))
    existing = ContactRequest.objects.filter(
        sender__in=[sender, recipient],
        recipient__in=[sender, recipient],
        status__in=[ContactRequest.Status.PENDING, ContactRequest.Status.ACCEPTED],
    ).first()
    if existing:
        if existing.status == ContactRequest.Status.ACCEPTED:
            raise ValidationError(_("You are already in contact: write in your conversation."))
        raise ValidationError(
            _("A request between your organisations is already waiting for an answer.")
        )
    since = timezone.now() - timedelta(days=1)
    if (
        ContactRequest.objects.filter(sender=sender, created_at__gte=since).count()
        >= DAILY_REQUEST_LIMIT
    ):
        raise ValidationError(
            _(
                "Your organisation has sent %(limit)s contact requests today, the daily limit. Please try again tomorrow."
            )
            % {"limit": DAILY_REQUEST_LIMIT}
        )
    request = ContactRequest.objects.create(
        sender=sender, recipient=recipient, sent_by=by, message=message
    )
    _mail_members(
        recipient,
        admins_only=True,
        link=reverse("contacts:inbox"),
        subject=lambda: _("%(name)s would like to get in touch") % {"name": sender.name},
        body=lambda: (
            _(
                "%(name)s sent your organisation a contact request on Civil Society Exchange. Read it and answer here:"
            )
            % {"name": sender.name}
        ),
    )
    return request


def _decide(request: ContactRequest, by, status: str) -> ContactRequest:
    # Locked, so that two admins answering at once cannot both accept (two conversations).
    _check(permissions.can_decide(by, request))
    request = ContactRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != ContactRequest.Status.PENDING:
        raise ValidationError(_("This request has already been answered."))
    request.status = status
    request.decided_at = timezone.now()
    request.decided_by = by
    request.save(update_fields=["status", "decided_at", "decided_by"])
    return request


@transaction.atomic
def accept_request(*, request: ContactRequest, by) -> Conversation:
    request = _decide(request, by, ContactRequest.Status.ACCEPTED)
    conversation = Conversation.objects.create(request=request)
    conversation.organisations.set([request.sender, request.recipient])
    _mail_members(
        request.sender,
        link=reverse("contacts:conversation", args=[conversation.pk]),
        subject=lambda: (
            _("%(name)s accepted your contact request") % {"name": request.recipient.name}
        ),
        body=lambda: _("You can now see each other's contact details and talk in a conversation:"),
    )
    return conversation


@transaction.atomic
def decline_request(*, request: ContactRequest, by) -> None:
    _decide(request, by, ContactRequest.Status.DECLINED)


@transaction.atomic
def post_message(*, conversation: Conversation, by, body: str) -> Message:
    _check(permissions.can_take_part(by, conversation))
    body = body.strip()
    if not body:
        raise ValidationError({"body": [_("The message is empty.")]})
    own = [
        o
        for o in conversation.organisations.all()
        if Membership.objects.filter(user=by, organisation=o).exists()
    ]
    message = Message.objects.create(
        conversation=conversation, author=by, organisation=own[0], body=body
    )
    now = timezone.now()
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
    for other in conversation.organisations.all():
        if other in own:
            continue
        notice = (
            Notice.objects.select_for_update()
            .filter(conversation=conversation, organisation=other)
            .first()
        )
        if notice and now - notice.sent_at < NOTICE_INTERVAL:
            continue  # at most one e-mail per thread per hour
        Notice.objects.update_or_create(
            conversation=conversation, organisation=other, defaults={"sent_at": now}
        )
        _mail_members(
            other,
            link=reverse("contacts:conversation", args=[conversation.pk]),
            subject=lambda: _("New message from %(name)s") % {"name": own[0].name},
            body=lambda: (
                _("%(name)s wrote in your conversation on Civil Society Exchange:")
                % {"name": own[0].name}
            ),
        )
    return message


@transaction.atomic
def block_organisation(*, blocker, blocked, by) -> Block:
    _check(permissions.can_block_or_report(by, blocker))
    if blocker == blocked:
        raise ValidationError(_("An organisation cannot block itself."))
    block, _created = Block.objects.get_or_create(
        blocker=blocker, blocked=blocked, defaults={"by": by}
    )
    ContactRequest.objects.filter(
        sender=blocked, recipient=blocker, status=ContactRequest.Status.PENDING
    ).update(status=ContactRequest.Status.DECLINED, decided_at=timezone.now(), decided_by=by)
    return block


@transaction.atomic
def report_organisation(*, reporter, reported, by, reason: str) -> Report:
    _check(permissions.can_block_or_report(by, reporter))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Tell the programme team what happened.")]})
    return Report.objects.create(reporter=reporter, reported=reported, by=by, reason=reason)
