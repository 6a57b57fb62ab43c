"""The partner-search board: posts, structured replies, shortlists, caps, expiry, digest.

People who posted on such boards elsewhere were flooded with replies and deleted their
posts: here a poster caps replies, declines in one click and closes the post, and posts
leave the board by themselves after their reply deadline.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from exchange.core import events, limits, text
from exchange.core.links import absolute_url
from exchange.core.permissions import require
from exchange.organisations import taxonomy
from exchange.organisations.models import CapacityStatement, Membership, Organisation
from exchange.organisations.selectors import list_visible_organisations

from . import permissions
from .models import BoardPost, BoardReply, DigestSubscription
from .workflows import BOARD_POST, BOARD_REPLY


def list_open_posts(*, user=None, area="", side_countries=None, country=""):
    """Open posts, as `user` may see them: a visitor does not see the posts of organisations
    whose profile is for signed-in members only (their name, city and plans stay private)."""
    today = timezone.localdate()
    qs = (
        BoardPost.objects.filter(
            status=BoardPost.Status.OPEN,
            reply_deadline__gte=today,
            organisation__in=list_visible_organisations(user)
            if user
            else Organisation.objects.all(),
        )
        .select_related("organisation")
        .annotate(reply_count=Count("replies"))
    )
    if area:
        qs = qs.filter(area=area)
    if side_countries:
        qs = qs.filter(organisation__country__in=side_countries)
    if country:
        qs = qs.filter(organisation__country=country)
    return qs.order_by("reply_deadline", "-created_at")


def get_post(pk: int, user=None) -> BoardPost:
    post = (
        BoardPost.objects.select_related("organisation").filter(pk=pk).first()
        if 0 < pk < 2**63
        else None
    )
    if post is None or (user is not None and not permissions.can_view_post(user, post)):
        raise Http404
    return post


def is_poster(user, post) -> bool:
    return bool(permissions.can_manage_post(user, post))


def is_accepting(post) -> tuple[bool, str]:
    if post.status != BoardPost.Status.OPEN:
        return False, _("This post is closed.")
    if post.reply_deadline < timezone.localdate():
        return False, _("The reply deadline has passed.")
    if post.max_replies is not None and post.replies.count() >= post.max_replies:
        return False, _("This post has received all the replies it wanted.")
    return True, ""


@transaction.atomic
def create_post(*, organisation, by, **fields) -> BoardPost:
    require(permissions.can_post_for(by, organisation))
    for name in ("description", "offers"):
        if name in fields:
            fields[name] = text.clean(fields[name] or "").strip()
    limits.check(
        description=(fields.get("description"), limits.BOARD_POST),
        offers=(fields.get("offers"), limits.BOARD_OFFER),
    )
    if fields.get("area") not in taxonomy.AREA_KEYS:
        raise ValidationError({"area": [_("Choose a capacity area.")]})
    if fields["reply_deadline"] < timezone.localdate():
        raise ValidationError({"reply_deadline": [_("The reply deadline cannot be in the past.")]})
    start, end = fields.get("period_start"), fields.get("period_end")
    if start and end and end < start:
        raise ValidationError({"period_end": [_("The end comes before the start.")]})
    return BoardPost.objects.create(organisation=organisation, author=by, **fields)


@transaction.atomic
def close_post(*, post, by) -> None:
    if post.status == BoardPost.Status.CLOSED:
        require(permissions.can_manage_post(by, post))
        return
    BOARD_POST.transition(post, BoardPost.Status.CLOSED, by=by)


@transaction.atomic
def reply_to_post(*, post, organisation, by, brings: str, message: str) -> BoardReply:
    require(permissions.can_post_for(by, organisation))
    post = BoardPost.objects.select_for_update().get(pk=post.pk)
    accepting, reason = is_accepting(post)
    if not accepting:
        raise ValidationError(reason)
    if organisation == post.organisation:
        raise ValidationError(_("You cannot reply to your own post."))
    if post.replies.filter(organisation=organisation).exists():
        raise ValidationError(_("Your organisation has already replied to this post."))
    if brings not in taxonomy.AREA_KEYS:
        raise ValidationError({"brings": [_("Choose a capacity area.")]})
    message = text.clean(message).strip()
    if not message:
        raise ValidationError({"message": [_("Write a short message.")]})
    limits.check(message=(message, limits.BOARD_REPLY))
    reply = BoardReply.objects.create(
        post=post, organisation=organisation, author=by, brings=brings, message=message
    )
    events.emit(
        "board.reply_received", key=f"board.reply_received:{reply.pk}", target=reply, actor=by
    )
    return reply


@transaction.atomic
def set_reply_status(*, reply, status: str, by) -> None:
    """Shortlist or decline a reply (the declined organisation is thanked politely)."""
    if reply.status == status:
        require(permissions.can_answer_reply(by, reply))
        return
    BOARD_REPLY.transition(reply, status, by=by)


def _area_label(key: str, language: str) -> str:
    with override(language):
        return str(taxonomy.area(key).label) if key in taxonomy.AREA_KEYS else key


def set_digest(*, user, enabled: bool) -> None:
    if enabled:
        DigestSubscription.objects.get_or_create(user=user)
    else:
        DigestSubscription.objects.filter(user=user).delete()


def send_digests(*, now=None) -> int:
    """E-mail each subscriber the open posts of the past week that ask for an area one of
    their organisations also needs. Returns the number of e-mails queued."""
    now = now or timezone.now()
    sent = 0
    for subscription in DigestSubscription.objects.select_related("user"):
        since = subscription.last_sent_at or now - timedelta(days=7)
        if now - since < timedelta(days=6, hours=12):
            continue
        user = subscription.user
        own = Membership.objects.filter(user=user).values("organisation_id")
        needs = set(
            CapacityStatement.objects.filter(
                organisation_id__in=own, kind=CapacityStatement.Kind.NEED
            )
            .exclude(area="")
            .values_list("area", flat=True)
        )
        posts = list(
            list_open_posts()
            .filter(created_at__gte=since, area__in=needs)
            .exclude(organisation_id__in=own)[:20]
        )
        subscription.last_sent_at = now
        subscription.save(update_fields=["last_sent_at"])
        if not posts:
            continue
        week = now.isocalendar()
        events.emit(
            "board.digest",
            key=f"board.digest:{user.pk}:{week.year}-{week.week}",
            target=user,
            lines=[
                {
                    code: f"{p.organisation.name}: {_area_label(p.area, code)} — "
                    + absolute_url(reverse("contacts:board-post", args=[p.pk]))
                    for code, _name in settings.LANGUAGES
                }
                for p in posts
            ],
        )
        sent += 1
    return sent
