"""What contacts hold about a person: requests, messages, reports, blocks, board posts and
replies they wrote. Messages and posts stay in their organisations' threads and board,
shown as written by "a former member"; the weekly digest subscription goes."""

from exchange.accounts.privacy import Section

from .models import (
    Block,
    BoardPost,
    BoardReply,
    ContactRequest,
    DigestSubscription,
    Message,
    Report,
)


def _at(moment):
    return moment.isoformat() if moment else None


def export(user) -> dict:
    return {
        "contact_requests_you_sent": [
            {
                "from": r.sender.name,
                "to": r.recipient.name,
                "message": r.message,
                "status": r.status,
                "sent": _at(r.created_at),
            }
            for r in ContactRequest.objects.filter(sent_by=user).select_related(
                "sender", "recipient"
            )
        ],
        "contact_requests_you_answered": [
            {
                "from": r.sender.name,
                "to": r.recipient.name,
                "status": r.status,
                "answered": _at(r.decided_at),
            }
            for r in ContactRequest.objects.filter(decided_by=user).select_related(
                "sender", "recipient"
            )
        ],
        "messages_you_wrote": [
            {
                "conversation": m.conversation_id,
                "as": m.organisation.name,
                "message": m.body,
                "sent": _at(m.created_at),
            }
            for m in Message.objects.filter(author=user).select_related("organisation")
        ],
        "reports_you_made": [
            {"about": r.reported.name, "reason": r.reason, "made": _at(r.created_at)}
            for r in Report.objects.filter(by=user).select_related("reported")
        ],
        "blocks_you_made": [
            {"organisation": b.blocked.name, "made": _at(b.created_at)}
            for b in Block.objects.filter(by=user).select_related("blocked")
        ],
        "board_posts_you_wrote": [
            {
                "as": p.organisation.name,
                "area": p.area,
                "description": p.description,
                "offers": p.offers,
                "posted": _at(p.created_at),
            }
            for p in BoardPost.objects.filter(author=user).select_related("organisation")
        ],
        "board_replies_you_wrote": [
            {
                "to_post": r.post_id,
                "as": r.organisation.name,
                "brings": r.brings,
                "message": r.message,
                "sent": _at(r.created_at),
            }
            for r in BoardReply.objects.filter(author=user).select_related("organisation")
        ],
        "weekly_board_digest": DigestSubscription.objects.filter(user=user).exists(),
    }


def erase(user) -> None:
    DigestSubscription.objects.filter(user=user).delete()


SECTION = Section(
    "contacts",
    models=(
        "contacts.ContactRequest",
        "contacts.Message",
        "contacts.Block",
        "contacts.Report",
        "contacts.BoardPost",
        "contacts.BoardReply",
        "contacts.DigestSubscription",
    ),
    export=export,
    erase=erase,
)
