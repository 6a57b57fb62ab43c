"""Contact requests, board posts and replies: every ordered pair of states."""

import datetime
import itertools

import pytest
from django.utils import timezone

from exchange.contacts import board, services
from exchange.contacts.models import BoardPost, BoardReply, ContactRequest
from exchange.contacts.workflows import BOARD_POST, BOARD_REPLY, CONTACT_REQUEST
from exchange.core.permissions import Refused


def pairs(states):
    return [(a, b) for a, b in itertools.product(states.values, states.values) if a != b]


@pytest.fixture
def request_(organisation, partner, partner_admin):
    return services.send_contact_request(
        sender=partner, recipient=organisation, by=partner_admin, message="Hello"
    )


@pytest.mark.parametrize(("source", "target"), pairs(ContactRequest.Status))
def test_contact_request_table(request_, org_admin, org_member, partner_admin, source, target):
    ContactRequest.objects.filter(pk=request_.pk).update(status=source)
    request_.refresh_from_db()
    if CONTACT_REQUEST.find(source, target) is None:
        with pytest.raises(Refused) as refused:
            CONTACT_REQUEST.transition(request_, target, by=org_admin)
        assert refused.value.code == "transition"
        return
    for other in (org_member, partner_admin):  # only the recipient's admins answer
        with pytest.raises(Refused):
            CONTACT_REQUEST.transition(request_, target, by=other)
    CONTACT_REQUEST.transition(request_, target, by=org_admin)
    request_.refresh_from_db()
    assert request_.status == target and request_.decided_by == org_admin
    assert request_.status_changes.get().to_status == target
    assert hasattr(request_, "conversation") == (target == ContactRequest.Status.ACCEPTED)


@pytest.fixture
def post(organisation, org_admin):
    return board.create_post(
        organisation=organisation,
        by=org_admin,
        area="governance",
        description="A board that works",
        reply_deadline=timezone.localdate() + datetime.timedelta(days=7),
    )


@pytest.fixture
def reply(post, partner, partner_admin):
    return board.reply_to_post(
        post=post, organisation=partner, by=partner_admin, brings="advocacy", message="Hi"
    )


@pytest.mark.parametrize(("source", "target"), pairs(BoardPost.Status))
def test_board_post_table(post, org_member, partner_admin, source, target):
    BoardPost.objects.filter(pk=post.pk).update(status=source)
    post.refresh_from_db()
    if BOARD_POST.find(source, target) is None:
        with pytest.raises(Refused):
            BOARD_POST.transition(post, target, by=org_member)
        return
    with pytest.raises(Refused):
        BOARD_POST.transition(post, target, by=partner_admin)
    BOARD_POST.transition(post, target, by=org_member)  # any member of the posting org
    post.refresh_from_db()
    assert post.status == target


@pytest.mark.parametrize(("source", "target"), pairs(BoardReply.Status))
def test_board_reply_table(reply, org_admin, partner_admin, source, target):
    BoardReply.objects.filter(pk=reply.pk).update(status=source)
    reply.refresh_from_db()
    if BOARD_REPLY.find(source, target) is None:
        with pytest.raises(Refused) as refused:
            BOARD_REPLY.transition(reply, target, by=org_admin)
        assert refused.value.code == "transition"
        return
    with pytest.raises(Refused):
        BOARD_REPLY.transition(reply, target, by=partner_admin)  # the replier cannot
    BOARD_REPLY.transition(reply, target, by=org_admin)
    reply.refresh_from_db()
    assert reply.status == target
