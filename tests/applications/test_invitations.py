"""Invitations to apply together: a pending one holds a place until it is answered,
cancelled or expires; a mistyped address is cancelled from the page; the link names who
invites to what, and opens nothing for anyone but the invited."""

import datetime

from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from exchange.applications import permissions, services
from exchange.applications.models import PartnerInvitation
from exchange.core import tokens
from exchange.notifications.models import Notification
from exchange.site.management.commands.daily import Command as Daily

I = PartnerInvitation.Status  # noqa: E741


def expire(invitation):
    PartnerInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    invitation.refresh_from_db()


def test_an_invitation_lives_as_long_as_its_link(application, org_admin, call):
    call.organisations_per_partnership = 3
    call.save()
    invitation = services.invite_partner(
        application=application, by=org_admin, email="someone@example.org"
    )
    lifetime = invitation.expires_at - invitation.created_at
    assert abs(lifetime - tokens.lifetime()) < datetime.timedelta(seconds=5)


def test_a_mistyped_address_is_cancelled_from_the_page_and_frees_the_place(
    login, application, org_admin, call
):
    call.organisations_per_partnership = 3
    call.save()
    wrong = services.invite_partner(
        application=application, by=org_admin, email="info@wein.example"
    )
    assert not permissions.can_invite(org_admin, application)  # the place is held
    client = login(org_admin)
    page = client.get(application.get_absolute_url()).text
    cancel = reverse("applications:invitation-cancel", args=[application.pk, wrong.pk])
    assert cancel in page
    assert client.post(cancel).status_code == 302
    wrong.refresh_from_db()
    assert wrong.status == I.CANCELLED and wrong.status_changes.get().by == org_admin
    application.refresh_from_db()
    assert permissions.can_invite(org_admin, application)
    services.invite_partner(application=application, by=org_admin, email="info@wien.example")
    # The cancelled link says so.
    text = client.get(
        reverse("applications:invitation", args=[services.invitation_token(wrong)])
    ).text
    assert "can no longer be answered" in text


def test_an_unanswered_invitation_expires_frees_the_place_and_the_inviters_are_told(
    application, org_admin, partner_admin, call, client
):
    call.organisations_per_partnership = 3
    call.save()
    silent = services.invite_partner(
        application=application, by=org_admin, email="quiet@example.org"
    )
    expire(silent)
    assert permissions.can_invite(org_admin, application)  # free at once, before the job
    page = client.get(reverse("applications:invitation", args=[services.invitation_token(silent)]))
    assert page.status_code == 404 and "expired" in page.text
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        Daily().handle()
    silent.refresh_from_db()
    assert silent.status == I.EXPIRED and silent.status_changes.get().by is None
    told = Notification.objects.filter(event="applications.invitation_expired")
    assert {n.recipient for n in told} == {org_admin, partner_admin}
    assert {m.to[0] for m in mail.outbox} == {org_admin.email, partner_admin.email}
    with TestCase.captureOnCommitCallbacks(execute=True):
        Daily().handle()  # a second run changes nothing and tells nobody again
    assert told.count() == 2


def test_the_invitation_page_names_who_invites_to_what(
    client, application, org_admin, organisation, call
):
    call.organisations_per_partnership = 3
    call.save()
    invitation = services.invite_partner(
        application=application, by=org_admin, email="new@example.org"
    )
    text = client.get(
        reverse("applications:invitation", args=[services.invitation_token(invitation)])
    ).text
    assert org_admin.name in text and organisation.name in text and call.title in text


def test_a_withdrawn_application_cancels_its_invitations(application, org_admin, call):
    call.organisations_per_partnership = 3
    call.save()
    invitation = services.invite_partner(
        application=application, by=org_admin, email="late@example.org"
    )
    services.withdraw_application(application=application, by=org_admin)
    invitation.refresh_from_db()
    assert invitation.status == I.CANCELLED


def test_the_partnership_is_full_and_nobody_is_offered_to_invite(login, application, org_admin):
    assert not permissions.can_invite(org_admin, application)
    client = login(org_admin)
    assert (
        reverse("applications:invite", args=[application.pk])
        not in client.get(application.get_absolute_url()).text
    )
    response = client.get(reverse("applications:invite", args=[application.pk]))
    assert response.status_code == 409 and "partnership is complete" in response.text
