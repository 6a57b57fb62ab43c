from django.db.models import Q
from django.http import Http404

from exchange.organisations.models import Membership

from . import permissions
from .models import Block, ContactRequest, Conversation


def user_organisation_ids(user):
    if not user.is_authenticated:
        return []
    return list(Membership.objects.filter(user=user).values_list("organisation_id", flat=True))


def has_accepted_contact(user, organisation) -> bool:
    """Whether one of the user's organisations and `organisation` accepted a contact."""
    return user.is_authenticated and permissions.is_in_contact(user, organisation)


def list_contact_ids(organisations) -> set[int]:
    """Organisations that accepted a contact with any of `organisations`."""
    ids = [o.pk for o in organisations]
    pairs = ContactRequest.objects.filter(
        Q(sender_id__in=ids) | Q(recipient_id__in=ids), status=ContactRequest.Status.ACCEPTED
    ).values_list("sender_id", "recipient_id")
    return {pk for pair in pairs for pk in pair} - set(ids)


def is_blocked(a, b) -> bool:
    return Block.objects.filter(Q(blocker=a, blocked=b) | Q(blocker=b, blocked=a)).exists()


def get_request_for_user(user, pk: int) -> ContactRequest:
    request = ContactRequest.objects.select_related("sender", "recipient").filter(pk=pk).first()
    if request is None or not permissions.can_read_request(user, request):
        raise Http404
    return request


def get_conversation_for_user(user, pk: int) -> Conversation:
    conversation = (
        Conversation.objects.prefetch_related("organisations")
        .select_related("request")
        .filter(pk=pk)
        .first()
    )
    if conversation is None or not permissions.can_take_part(user, conversation):
        raise Http404
    return conversation


def list_inbox(user):
    ids = user_organisation_ids(user)
    received = ContactRequest.objects.filter(recipient_id__in=ids).select_related(
        "sender", "recipient", "sent_by"
    )
    sent = ContactRequest.objects.filter(sender_id__in=ids).select_related(
        "sender", "recipient", "sent_by"
    )
    conversations = (
        Conversation.objects.filter(organisations__in=ids)
        .distinct()
        .prefetch_related("organisations")
    )
    return {
        "received": received.filter(status=ContactRequest.Status.PENDING),
        "sent": sent.filter(status=ContactRequest.Status.PENDING),
        "conversations": conversations,
        "admin_of": set(
            Membership.objects.filter(user=user, role=Membership.Role.ADMIN).values_list(
                "organisation_id", flat=True
            )
        ),
    }


def list_messages(conversation):
    return conversation.messages.select_related("author", "organisation")
