"""Every change of state of contact requests, conversations, blocks and reports."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from exchange.core import events, limits, text
from exchange.core.permissions import require
from exchange.organisations.models import Membership

from . import permissions, selectors
from .models import Block, ContactRequest, Conversation, Message, Report
from .workflows import CONTACT_REQUEST

DAILY_REQUEST_LIMIT = 10


@transaction.atomic
def send_contact_request(*, sender, recipient, by, message: str) -> ContactRequest:
    require(permissions.can_send_from(by, sender))
    message = text.clean(message).strip()
    limits.check(message=(message, limits.CONTACT_REQUEST))
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
    events.emit(
        "contacts.request_sent", key=f"contacts.request_sent:{request.pk}", target=request, actor=by
    )
    return request


def _decide(request: ContactRequest, by, status: str) -> ContactRequest:
    # The workflow locks the row, so that two admins answering at once cannot both accept
    # (two conversations): the second finds it answered.
    request = ContactRequest.objects.select_related("sender", "recipient").get(pk=request.pk)
    if request.status != ContactRequest.Status.PENDING:
        raise ValidationError(_("This request has already been answered."))
    CONTACT_REQUEST.transition(request, status, by=by)
    return request


@transaction.atomic
def accept_request(*, request: ContactRequest, by) -> Conversation:
    """Both sides see each other's contact details and share a conversation (the
    transition's effect opens it)."""
    return _decide(request, by, ContactRequest.Status.ACCEPTED).conversation


@transaction.atomic
def decline_request(*, request: ContactRequest, by) -> None:
    _decide(request, by, ContactRequest.Status.DECLINED)


@transaction.atomic
def post_message(*, conversation: Conversation, by, body: str) -> Message:
    require(permissions.can_take_part(by, conversation))
    body = text.clean(body).strip()
    if not body:
        raise ValidationError({"body": [_("The message is empty.")]})
    limits.check(body=(body, limits.MESSAGE))
    organisations = list(conversation.organisations.all())
    mine = set(
        Membership.objects.filter(user=by, organisation__in=organisations).values_list(
            "organisation_id", flat=True
        )
    )
    own = [o for o in organisations if o.pk in mine]
    message = Message.objects.create(
        conversation=conversation, author=by, organisation=own[0], body=body
    )
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=message.created_at)
    events.emit(
        "contacts.message_posted",
        key=f"contacts.message_posted:{message.pk}",
        target=message,
        actor=by,
        to_organisations=[o.pk for o in organisations if o.pk not in mine],
    )
    return message


@transaction.atomic
def block_organisation(*, blocker, blocked, by) -> Block:
    require(permissions.can_block_or_report(by, blocker))
    if blocker == blocked:
        raise ValidationError(_("An organisation cannot block itself."))
    block, _created = Block.objects.get_or_create(
        blocker=blocker, blocked=blocked, defaults={"by": by}
    )
    for request in ContactRequest.objects.filter(
        sender=blocked, recipient=blocker, status=ContactRequest.Status.PENDING
    ).select_related("sender", "recipient"):
        CONTACT_REQUEST.transition(request, ContactRequest.Status.DECLINED, by=by, reason="blocked")
    return block


@transaction.atomic
def report_organisation(*, reporter, reported, by, reason: str) -> Report:
    require(permissions.can_block_or_report(by, reporter))
    reason = text.clean(reason).strip()
    if not reason:
        raise ValidationError({"reason": [_("Tell the programme team what happened.")]})
    limits.check(reason=(reason, limits.REASON))
    return Report.objects.create(reporter=reporter, reported=reported, by=by, reason=reason)
