"""The life of contact requests, board posts and replies, as tables (core.workflow)."""

from django.utils import timezone

from exchange.core.workflow import Transition, Workflow

from . import permissions
from .models import BoardPost, BoardReply, ContactRequest, Conversation

R = ContactRequest.Status
P = BoardPost.Status
Y = BoardReply.Status


def stamp_decision(request: ContactRequest, by) -> list[str]:
    request.decided_at = timezone.now()
    request.decided_by = by
    return ["decided_at", "decided_by"]


def open_conversation(change) -> None:
    request = change.obj
    conversation = Conversation.objects.create(request=request)
    conversation.organisations.set([request.sender, request.recipient])


CONTACT_REQUEST = Workflow(
    "contacts.request",
    ContactRequest,
    R,
    [
        Transition(
            R.PENDING,
            R.ACCEPTED,
            rule=permissions.can_decide,
            stamps=[stamp_decision],
            effects=[open_conversation],
            event="contacts.request_accepted",
        ),
        Transition(
            R.PENDING,
            R.DECLINED,
            rule=permissions.can_decide,
            stamps=[stamp_decision],
            event="contacts.request_declined",
        ),
    ],
)

BOARD_POST = Workflow(
    "contacts.board_post",
    BoardPost,
    P,
    [Transition(P.OPEN, P.CLOSED, rule=permissions.can_manage_post)],
)

BOARD_REPLY = Workflow(
    "contacts.board_reply",
    BoardReply,
    Y,
    [
        Transition(Y.NEW, Y.SHORTLISTED, rule=permissions.can_answer_reply),
        Transition(
            Y.NEW, Y.DECLINED, rule=permissions.can_answer_reply, event="board.reply_declined"
        ),
        Transition(
            Y.SHORTLISTED,
            Y.DECLINED,
            rule=permissions.can_answer_reply,
            event="board.reply_declined",
        ),
        Transition(Y.SHORTLISTED, Y.NEW, rule=permissions.can_answer_reply),
    ],
)
