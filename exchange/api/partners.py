"""Finding a partner: recommendations with their reasons, contact requests and
conversations, blocking and reporting, and the partner-search board."""

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotAuthenticated
from rest_framework.response import Response

from exchange.contacts import board
from exchange.contacts import selectors as contact_selectors
from exchange.contacts import services as contact_services
from exchange.contacts.models import BoardPost, BoardReply, ContactRequest
from exchange.matching import selectors as matching_selectors
from exchange.matching import services as matching_services
from exchange.matching.models import CandidateMark
from exchange.organisations import selectors as organisation_selectors
from exchange.organisations import taxonomy
from exchange.organisations.models import Organisation, Side

from . import choices
from .base import CappedPagination, Endpoint, MemberEndpoint, MemberListEndpoint, valid
from .people import pk_or_404
from .problems import BadQuery
from .public import OrganisationCard


def _organisation_named(request, slug):
    """An organisation the person may see, by slug (404 otherwise)."""
    found = organisation_selectors.list_visible_organisations(request.user).filter(slug=slug)
    organisation = found.first() if isinstance(slug, str) and slug else None
    if organisation is None:
        raise Http404
    return organisation


class OrganisationRef(serializers.SlugRelatedField):
    """An organisation by its slug."""

    default_error_messages = {
        "does_not_exist": _("No organisation has the slug “{value}”."),
        "invalid": _("Name the organisation by its slug."),
    }

    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", queryset=Organisation.objects.all(), **kwargs)


# --- Recommendations -----------------------------------------------------------------------


class ReadFromOut(serializers.Serializer):
    whose = serializers.ChoiceField(choices=["yours", "partner"])
    words = serializers.CharField(help_text="The start of the statement the area was read from.")
    text = serializers.CharField(help_text="The sentence a page shows, in the request's language.")


class ReasonOut(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=[
            "common_need",
            "they_offer",
            "you_offer",
            "shared_field",
            "hosts_visits",
            "shared_language",
        ]
    )
    key = serializers.CharField(allow_blank=True, help_text="The area, field or language.")
    text = serializers.CharField(help_text="The reason as a sentence, in the request's language.")
    share = serializers.IntegerField(help_text="Percent of the score this reason carries.")
    points = serializers.FloatField()
    inferred = serializers.BooleanField(help_text="An area read from words, not chosen.")
    read_from = ReadFromOut(
        many=True,
        required=False,
        help_text="For an area read from words: whose words, quoted, and the sentence saying so.",
    )


class RecommendationOut(serializers.Serializer):
    organisation = OrganisationCard()
    score = serializers.FloatField()
    saved = serializers.BooleanField()
    reasons = ReasonOut(many=True)


class Recommendations(MemberEndpoint):
    """Partners recommended to one of my organisations, best first, with their reasons."""

    @extend_schema(
        parameters=[
            OpenApiParameter("country", str),
            OpenApiParameter("field", enum=choices.FIELDS),
            OpenApiParameter("area", enum=choices.AREAS),
        ],
        responses=RecommendationOut(many=True),
    )
    def get(self, request, slug):
        organisation = organisation_selectors.get_organisation_for_user(
            request.user, slug, "view_private"
        )
        params = request.query_params
        filters = {k: params.get(k, "") for k in ("country", "field", "area")}
        if filters["field"] and filters["field"] not in taxonomy.FIELD_KEYS:
            raise BadQuery("field")
        if filters["area"] and filters["area"] not in taxonomy.AREA_KEYS:
            raise BadQuery("area")
        found = matching_selectors.list_recommendations(organisation, **filters)
        out = [
            {
                "organisation": r.organisation,
                "score": r.score,
                "saved": r.saved,
                "reasons": r.reasons,
            }
            for r in found
        ]
        return Response(RecommendationOut(out, many=True, context={"request": request}).data)


class MarkIn(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=CandidateMark.Kind.choices,
        help_text="saved: keep on the list; dismissed: never recommend again.",
    )


class MarkOut(serializers.Serializer):
    candidate = serializers.CharField()
    kind = serializers.CharField()


class Mark(MemberEndpoint):
    """Save or dismiss a recommended partner; DELETE takes the mark away."""

    def _pair(self, request, slug, candidate):
        organisation = organisation_selectors.get_organisation_for_user(
            request.user, slug, "view_private"
        )
        other = _organisation_named(request, candidate)
        if other == organisation:
            raise Http404
        return organisation, other

    @extend_schema(request=MarkIn, responses=MarkOut)
    def put(self, request, slug, candidate):
        organisation, other = self._pair(request, slug, candidate)
        data = valid(MarkIn, request.data)
        matching_services.mark_candidate(
            organisation=organisation, candidate=other, kind=data["kind"], by=request.user
        )
        return Response({"candidate": other.slug, "kind": data["kind"]})

    @extend_schema(responses={204: None})
    def delete(self, request, slug, candidate):
        organisation, other = self._pair(request, slug, candidate)
        matching_services.unmark_candidate(organisation=organisation, candidate=other)
        return Response(status=204)


# --- Contact requests and conversations ------------------------------------------------------


class ContactRequestOut(serializers.Serializer):
    id = serializers.IntegerField()
    sender = serializers.CharField(source="sender.slug")
    sender_name = serializers.CharField(source="sender.name")
    recipient = serializers.CharField(source="recipient.slug")
    recipient_name = serializers.CharField(source="recipient.name")
    message = serializers.CharField()
    status = serializers.ChoiceField(choices=ContactRequest.Status.choices)
    created_at = serializers.DateTimeField()


class ContactRequestIn(serializers.Serializer):
    sender = OrganisationRef(help_text="One of my organisations (its slug).")
    recipient = OrganisationRef(help_text="The organisation to contact (its slug).")
    message = serializers.CharField(max_length=2000)


class InboxOut(serializers.Serializer):
    received = ContactRequestOut(many=True)
    sent = ContactRequestOut(many=True)


class ContactRequests(MemberEndpoint):
    """Requests waiting for an answer, received and sent; POST sends one."""

    @extend_schema(responses=InboxOut)
    def get(self, request):
        inbox = contact_selectors.list_inbox(request.user)
        return Response(
            {
                "received": ContactRequestOut(inbox["received"], many=True).data,
                "sent": ContactRequestOut(inbox["sent"], many=True).data,
            }
        )

    @extend_schema(request=ContactRequestIn, responses={201: ContactRequestOut})
    def post(self, request):
        data = valid(ContactRequestIn, request.data)
        recipient = _organisation_named(request, data["recipient"].slug)
        sent = contact_services.send_contact_request(
            sender=data["sender"], recipient=recipient, by=request.user, message=data["message"]
        )
        return Response(ContactRequestOut(sent).data, status=201)


class ConversationRef(serializers.Serializer):
    id = serializers.IntegerField()


class ContactDecision(MemberEndpoint):
    """Accept (a conversation opens) or decline (the sender is told politely)."""

    decision = "accept"

    @extend_schema(request=None, responses={200: ConversationRef, 204: None})
    def post(self, request, pk):
        contact_request = contact_selectors.get_request_for_user(request.user, pk_or_404(pk))
        if self.decision == "accept":
            conversation = contact_services.accept_request(request=contact_request, by=request.user)
            return Response({"id": conversation.pk})
        contact_services.decline_request(request=contact_request, by=request.user)
        return Response(status=204)


class ConversationOut(serializers.Serializer):
    id = serializers.IntegerField()
    organisations = serializers.SerializerMethodField()
    last_message_at = serializers.DateTimeField(allow_null=True)

    def get_organisations(self, conversation) -> list[str]:
        return [o.slug for o in conversation.organisations.all()]


class Conversations(MemberListEndpoint):
    serializer_class = ConversationOut
    pagination_class = CappedPagination

    def get_queryset(self):
        return contact_selectors.list_inbox(self.request.user)["conversations"].order_by(
            "-last_message_at", "-id"
        )


class MessageOut(serializers.Serializer):
    id = serializers.IntegerField()
    author = serializers.CharField(source="author.name")
    organisation = serializers.CharField(source="organisation.slug")
    body = serializers.CharField()
    created_at = serializers.DateTimeField()


class MessageIn(serializers.Serializer):
    body = serializers.CharField(max_length=5000)


class Messages(MemberEndpoint):
    """A conversation's messages, oldest first; POST writes one."""

    @extend_schema(responses=MessageOut(many=True))
    def get(self, request, pk):
        conversation = contact_selectors.get_conversation_for_user(request.user, pk_or_404(pk))
        return Response(MessageOut(contact_selectors.list_messages(conversation), many=True).data)

    @extend_schema(request=MessageIn, responses={201: MessageOut})
    def post(self, request, pk):
        conversation = contact_selectors.get_conversation_for_user(request.user, pk_or_404(pk))
        data = valid(MessageIn, request.data)
        message = contact_services.post_message(
            conversation=conversation, by=request.user, body=data["body"]
        )
        return Response(MessageOut(message).data, status=201)


class ReportIn(serializers.Serializer):
    reporter = OrganisationRef(help_text="One of my organisations, which I administer.")
    reason = serializers.CharField(max_length=2000)
    block = serializers.BooleanField(default=False)


class Report(MemberEndpoint):
    """Tell the programme team about an organisation, and block it if wished."""

    @extend_schema(request=ReportIn, responses={204: None})
    def post(self, request, slug):
        reported = _organisation_named(request, slug)
        data = valid(ReportIn, request.data)
        contact_services.report_organisation(
            reporter=data["reporter"], reported=reported, by=request.user, reason=data["reason"]
        )
        if data["block"]:
            contact_services.block_organisation(
                blocker=data["reporter"], blocked=reported, by=request.user
            )
        return Response(status=204)


# --- The board ------------------------------------------------------------------------------


class PostOut(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = serializers.CharField(source="organisation.slug")
    organisation_name = serializers.CharField(source="organisation.name")
    area = serializers.CharField()
    description = serializers.CharField()
    offers = serializers.CharField(allow_blank=True)
    preferred_countries = serializers.ListField(child=serializers.CharField())
    period_start = serializers.DateField(allow_null=True)
    period_end = serializers.DateField(allow_null=True)
    reply_deadline = serializers.DateField()
    max_replies = serializers.IntegerField(allow_null=True)
    status = serializers.ChoiceField(choices=BoardPost.Status.choices)
    created_at = serializers.DateTimeField()


class PostIn(serializers.Serializer):
    organisation = OrganisationRef(help_text="Post as one of my organisations.")
    area = serializers.ChoiceField(choices=choices.AREAS)
    description = serializers.CharField(max_length=3000)
    offers = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    preferred_countries = serializers.ListField(
        child=serializers.ChoiceField(choices=[]), required=False, max_length=60
    )
    period_start = serializers.DateField(required=False, allow_null=True)
    period_end = serializers.DateField(required=False, allow_null=True)
    reply_deadline = serializers.DateField()
    max_replies = serializers.IntegerField(
        min_value=1, max_value=200, required=False, allow_null=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_countries"].child.choices = choices.COUNTRIES


class Posts(Endpoint):
    """Open posts of the partner-search board; POST puts one up (signed in)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("area", enum=choices.AREAS),
            OpenApiParameter("side", enum=[s for s, _ in Side.choices]),
        ],
        responses=PostOut(many=True),
    )
    def get(self, request):
        area = request.query_params.get("area", "")
        side = request.query_params.get("side", "")
        if area and area not in taxonomy.AREA_KEYS:
            raise BadQuery("area")
        if side and side not in Side.values:
            raise BadQuery("side")
        countries = None
        if side:
            countries = (
                settings.EXCHANGE_TURKEY if side == Side.TURKEY else settings.EXCHANGE_EUROPE
            )
        posts = board.list_open_posts(user=request.user, area=area, side_countries=countries)
        return Response(PostOut(posts[:200], many=True).data)

    @extend_schema(request=PostIn, responses={201: PostOut})
    def post(self, request):
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        data = dict(valid(PostIn, request.data))
        organisation = data.pop("organisation")
        post = board.create_post(organisation=organisation, by=request.user, **data)
        return Response(PostOut(post).data, status=201)


class ReplyOut(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = serializers.CharField(source="organisation.slug")
    organisation_name = serializers.CharField(source="organisation.name")
    brings = serializers.CharField()
    message = serializers.CharField()
    status = serializers.ChoiceField(choices=BoardReply.Status.choices)
    created_at = serializers.DateTimeField()


class PostDetailOut(PostOut):
    accepting = serializers.BooleanField()
    closed_reason = serializers.CharField(allow_blank=True)
    replies = ReplyOut(many=True, help_text="Only the posting organisation sees them.")


class Post(Endpoint):
    @extend_schema(responses=PostDetailOut)
    def get(self, request, pk):
        post = board.get_post(pk, request.user)
        accepting, reason = board.is_accepting(post)
        poster = request.user.is_authenticated and board.is_poster(request.user, post)
        data = PostOut(post).data | {
            "accepting": accepting,
            "closed_reason": str(reason),
            "replies": ReplyOut(
                post.replies.select_related("organisation") if poster else [], many=True
            ).data,
        }
        return Response(data)


class ReplyIn(serializers.Serializer):
    organisation = OrganisationRef(help_text="Reply as one of my organisations.")
    brings = serializers.ChoiceField(choices=choices.AREAS)
    message = serializers.CharField(max_length=1000)


class Replies(MemberEndpoint):
    @extend_schema(request=ReplyIn, responses={201: ReplyOut})
    def post(self, request, pk):
        post = board.get_post(pk, request.user)
        data = dict(valid(ReplyIn, request.data))
        reply = board.reply_to_post(post=post, by=request.user, **data)
        return Response(ReplyOut(reply).data, status=201)


class PostClose(MemberEndpoint):
    @extend_schema(request=None, responses={204: None})
    def post(self, request, pk):
        post = board.get_post(pk, request.user)
        board.close_post(post=post, by=request.user)
        return Response(status=204)


class ReplyStatusIn(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=choices.REPLY_DECISIONS,
        help_text="shortlisted, or declined (the organisation is thanked politely).",
    )


class ReplyStatus(MemberEndpoint):
    @extend_schema(request=ReplyStatusIn, responses=ReplyOut)
    def post(self, request, pk):
        reply = (
            BoardReply.objects.select_related("post__organisation", "organisation")
            .filter(pk=pk_or_404(pk))
            .first()
        )
        if reply is None or not board.is_poster(request.user, reply.post):
            raise Http404
        data = valid(ReplyStatusIn, request.data)
        board.set_reply_status(reply=reply, status=data["status"], by=request.user)
        reply.refresh_from_db()
        return Response(ReplyOut(reply).data)
