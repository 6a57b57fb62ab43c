import re

import pytest
from django.core import signing
from django.urls import reverse

from exchange.organisations import services
from exchange.organisations.models import Invitation, Membership
from tests.accounts.factories import UserFactory


def members_url(org):
    return reverse("organisations:members", args=[org.slug])


def invite(client, org, email="colleague@example.org", role="member"):
    from django.test import TestCase

    # E-mails are queued on commit; run those callbacks as a real request would.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(members_url(org), {"email": email, "role": role})


def link_from(mail):
    return re.search(r"http://testserver(/invitations/[^\s]+/)", mail.body).group(1)


def test_admin_invites_by_email_and_the_link_lets_the_person_join(
    login, client, org_admin, organisation, mailoutbox
):
    response = invite(login(org_admin), organisation)
    assert response.status_code == 302
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["colleague@example.org"]
    assert organisation.name in mailoutbox[0].subject
    link = link_from(mailoutbox[0])

    newcomer = UserFactory(email="colleague@example.org")
    client.force_login(newcomer)
    assert organisation.name in client.get(link).text
    assert client.post(link).status_code == 302
    assert (
        Membership.objects.get(organisation=organisation, user=newcomer).role
        == Membership.Role.MEMBER
    )
    # A used link does not work twice.
    assert client.post(link).status_code == 404


def test_invitation_link_for_a_visitor_asks_to_sign_up_first(
    login, client, org_admin, organisation, mailoutbox
):
    invite(login(org_admin), organisation)
    link = link_from(mailoutbox[0])
    client.logout()
    response = client.get(link)
    assert response.status_code == 200 and "/accounts/signup/?next=" in response.text


def test_forged_and_expired_links_are_refused(client, org_admin, organisation, settings):
    invitation = services.invite_member(
        organisation=organisation, by=org_admin, email="x@example.org"
    )
    token = services.invitation_token(invitation)
    assert (
        client.get(reverse("organisations:invitation-accept", args=[token[:-2] + "xx"])).status_code
        == 404
    )
    settings.INVITATION_MAX_AGE_DAYS = -1
    assert client.get(reverse("organisations:invitation-accept", args=[token])).status_code == 404
    forged = signing.dumps({"i": invitation.pk, "e": "x@example.org"}, salt="another-salt")
    assert client.get(reverse("organisations:invitation-accept", args=[forged])).status_code == 404


def test_members_cannot_invite(login, org_member, organisation, mailoutbox):
    assert invite(login(org_member), organisation).status_code == 403
    assert mailoutbox == [] and not Invitation.objects.exists()


def test_outsiders_do_not_see_members(login, outsider, organisation):
    assert login(outsider).get(members_url(organisation)).status_code == 403


def test_inviting_an_existing_member_is_explained(login, org_admin, org_member, organisation):
    response = invite(login(org_admin), organisation, email=org_member.email)
    assert response.status_code == 400 and "already a member" in response.text


def test_roles_change_and_the_last_admin_stays(login, org_admin, org_member, organisation):
    client = login(org_admin)
    member = Membership.objects.get(user=org_member)
    client.post(
        reverse("organisations:member-role", args=[organisation.slug, member.pk]), {"role": "admin"}
    )
    assert Membership.objects.get(user=org_member).role == "admin"
    own = Membership.objects.get(user=org_admin)
    client.post(
        reverse("organisations:member-role", args=[organisation.slug, own.pk]), {"role": "member"}
    )
    assert Membership.objects.get(user=org_admin).role == "member"
    # Now org_member is the only admin: they cannot demote themselves.
    client = login(org_member)
    response = client.post(
        reverse("organisations:member-role", args=[organisation.slug, member.pk]),
        {"role": "member"},
        follow=True,
    )
    assert "at least one administrator" in response.text
    assert Membership.objects.get(user=org_member).role == "admin"


def test_the_only_admin_cannot_be_removed_or_leave(login, org_admin, organisation):
    client = login(org_admin)
    own = Membership.objects.get(user=org_admin)
    client.post(reverse("organisations:member-remove", args=[organisation.slug, own.pk]))
    client.post(reverse("organisations:leave", args=[organisation.slug]))
    assert Membership.objects.filter(user=org_admin, organisation=organisation).exists()


def test_admin_removes_a_member_and_a_member_can_leave(login, org_admin, org_member, organisation):
    other = UserFactory()
    Membership.objects.create(organisation=organisation, user=other)
    login(org_admin).post(
        reverse(
            "organisations:member-remove",
            args=[organisation.slug, Membership.objects.get(user=other).pk],
        )
    )
    assert not Membership.objects.filter(user=other).exists()
    login(org_member).post(reverse("organisations:leave", args=[organisation.slug]))
    assert not Membership.objects.filter(user=org_member).exists()


def test_a_person_can_belong_to_several_organisations(login, org_admin, partner, partner_admin):
    Membership.objects.create(organisation=partner, user=org_admin)
    page = login(org_admin).get(reverse("site:home"))
    assert partner.name in page.text


def test_membership_ids_of_other_organisations_are_not_reachable(
    login, org_admin, organisation, partner, partner_admin
):
    foreign = Membership.objects.get(user=partner_admin)
    url = reverse("organisations:member-remove", args=[organisation.slug, foreign.pk])
    assert login(org_admin).post(url).status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()


@pytest.mark.parametrize("method", ["get", "put"])
def test_member_actions_accept_only_post(login, org_admin, organisation, method):
    own = Membership.objects.get(user=org_admin)
    url = reverse("organisations:member-remove", args=[organisation.slug, own.pk])
    assert getattr(login(org_admin), method)(url).status_code == 405


def test_withdrawn_invitation_stops_working(login, client, org_admin, organisation):
    invitation = services.invite_member(
        organisation=organisation, by=org_admin, email="y@example.org"
    )
    token = services.invitation_token(invitation)
    login(org_admin).post(
        reverse("organisations:invitation-revoke", args=[organisation.slug, invitation.pk])
    )
    assert client.get(reverse("organisations:invitation-accept", args=[token])).status_code == 404
