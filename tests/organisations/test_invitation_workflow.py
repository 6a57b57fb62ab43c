"""Invitations to join an organisation: the table over every ordered pair of states, and
the link that opens nothing for anyone but the invited address."""

import datetime
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from exchange.core.permissions import Refused
from exchange.organisations import services
from exchange.organisations.models import Invitation, Membership
from exchange.organisations.workflows import INVITATION, SYSTEM
from tests.accounts.factories import UserFactory

I = Invitation.Status  # noqa: E741
PAIRS = [(a, b) for a, b in itertools.product(I.values, I.values) if a != b]


@pytest.fixture
def invitation(organisation, org_admin):
    return services.invite_member(organisation=organisation, by=org_admin, email="new@example.org")


@pytest.fixture
def invitee(db):
    return UserFactory(email="new@example.org")


@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_invitation_table(invitation, invitee, org_admin, org_member, outsider, source, target):
    Invitation.objects.filter(pk=invitation.pk).update(status=source)
    invitation.refresh_from_db()
    step = INVITATION.find(source, target)
    if step is None:
        with pytest.raises(Refused) as refused:
            INVITATION.transition(invitation, target, by=org_admin)
        assert refused.value.code == "transition"
        return
    if step.rule is SYSTEM:
        Invitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - datetime.timedelta(seconds=1)
        )
        invitation.refresh_from_db()
        allowed, others = None, [org_admin, invitee]
    elif target == I.CANCELLED:
        allowed, others = org_admin, [org_member, outsider, invitee]
    else:
        allowed, others = invitee, [org_admin, org_member, outsider]
    for other in others:
        with pytest.raises(Refused):
            INVITATION.transition(invitation, target, by=other)
    INVITATION.transition(invitation, target, by=allowed)
    invitation.refresh_from_db()
    assert invitation.status == target and invitation.status_changes.get().to_status == target


def test_a_forwarded_link_opens_nothing_for_another_account(
    client, invitation, organisation, invitee
):
    link = reverse("organisations:invitation-accept", args=[services.invitation_token(invitation)])
    stranger = UserFactory()
    client.force_login(stranger)
    page = client.get(link)
    assert page.status_code == 200 and "new@example.org" in page.text
    assert "Accept the invitation" not in page.text
    client.post(link)
    assert not Membership.objects.filter(organisation=organisation, user=stranger).exists()
    client.force_login(invitee)
    assert client.post(link).status_code == 302
    assert Membership.objects.filter(organisation=organisation, user=invitee).exists()


def test_the_invited_person_can_decline(client, invitation, invitee, organisation):
    link = reverse("organisations:invitation-accept", args=[services.invitation_token(invitation)])
    client.force_login(invitee)
    client.post(link, {"decision": "decline"})
    invitation.refresh_from_db()
    assert invitation.status == I.DECLINED
    assert not Membership.objects.filter(organisation=organisation, user=invitee).exists()


def test_a_new_invitation_to_the_same_address_replaces_the_pending_one(
    invitation, organisation, org_admin
):
    again = services.invite_member(organisation=organisation, by=org_admin, email="new@example.org")
    invitation.refresh_from_db()
    assert invitation.status == I.CANCELLED and again.status == I.PENDING


def test_expired_invitations_are_recorded_by_the_daily_job(invitation):
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert services.expire_invitations() == 1
    assert services.expire_invitations() == 0
    invitation.refresh_from_db()
    assert invitation.status == I.EXPIRED
