"""A person downloads all their data and deletes their account; what others keep stays
consistent and shows "a former member"; every model with personal fields is covered."""

import json

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import reverse

from exchange.accounts import privacy, services
from exchange.accounts.models import User
from exchange.applications import services as application_services
from exchange.contacts import services as contact_services
from exchange.contacts.models import Message
from exchange.core.permissions import Refused
from exchange.notifications.models import Notification
from exchange.organisations.models import Membership
from tests.accounts.factories import PASSWORD

PERSON_FIELDS = {"name", "display_name", "phone", "contact_phone"}


def personal_fields(model):
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = []
    for field in model._meta.get_fields():
        if not getattr(field, "concrete", False):
            continue
        if isinstance(field, models.ForeignKey) and field.related_model is user_model:
            found.append(field.name)
        elif isinstance(field, (models.EmailField, models.GenericIPAddressField)):
            found.append(field.name)
        elif field.name in PERSON_FIELDS:
            found.append(field.name)
    return found


def test_every_model_with_personal_fields_is_covered_by_export_and_erasure():
    covered = privacy.covered_models() | set(privacy.IMPERSONAL)
    missing = [
        f"{m._meta.label} {personal_fields(m)}"
        for m in apps.get_models()
        if personal_fields(m) and m._meta.label not in covered
    ]
    assert missing == [], (
        "Add these models to a privacy Section (export and erase) or declare them "
        f"impersonal with a reason: {missing}"
    )


@pytest.fixture
def history(application, organisation, org_admin, org_member, partner, partner_admin):
    """org_member took part: wrote in a conversation and is a participant."""
    request = contact_services.send_contact_request(
        sender=partner, recipient=organisation, by=partner_admin, message="Hello"
    )
    conversation = contact_services.accept_request(request=request, by=org_admin)
    contact_services.post_message(conversation=conversation, by=org_member, body="My words.")
    application_services.save_participants(
        application=application,
        organisation=organisation,
        by=org_admin,
        rows=[{"name": "Mehmet Member", "role": "Coordinator", "email": org_member.email}],
    )
    return conversation


def recently_signed_in(client, user):
    """Signed in through the sign-in form a moment ago (so not asked for the password)."""
    client.logout()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_a_person_downloads_everything_about_them(client, history, org_member, organisation):
    response = recently_signed_in(client, org_member).post(reverse("accounts:data-download"))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == org_member.email
    assert data["organisations"]["memberships"][0]["organisation"] == organisation.name
    assert data["contacts"]["messages_you_wrote"][0]["message"] == "My words."
    assert data["applications"]["you_as_a_participant"][0]["name"] == "Mehmet Member"
    assert set(data) >= {"account", "organisations", "contacts", "applications", "notifications"}


def test_downloading_asks_for_the_password_when_the_sign_in_is_old(client, org_member):
    client.force_login(org_member)  # no recent authentication recorded
    response = client.post(reverse("accounts:data-download"))
    assert response.status_code == 302 and "reauthenticate" in response.url


def test_deleting_erases_the_person_and_keeps_what_others_rely_on(
    client, history, org_member, application, organisation, org_admin
):
    email = org_member.email
    client = recently_signed_in(client, org_member)
    assert client.get(reverse("accounts:delete")).status_code == 200
    response = client.post(reverse("accounts:delete"), {"understood": "on"})
    assert response.status_code == 302
    person = User.objects.get(pk=org_member.pk)
    assert person.erased_at and not person.is_active and person.email != email
    assert person.name == "a former member" and not person.has_usable_password()
    assert not Membership.objects.filter(user=person).exists()
    assert not Notification.objects.filter(recipient=person).exists()
    # The conversation keeps its message, from a former member.
    message = Message.objects.get(body="My words.")
    page = client.get(reverse("contacts:conversation", args=[history.pk]))
    assert page.status_code == 302  # signed out
    admin_page = recently_signed_in(client, org_admin).get(
        reverse("contacts:conversation", args=[history.pk])
    )
    assert "My words." in admin_page.text and "a former member" in admin_page.text
    assert message.author_id == person.pk
    # The application keeps its participant, as a former member.
    participant = application.partners.get(organisation=organisation).participants.get()
    assert (participant.name, participant.email) == ("", "")
    detail = client.get(application.get_absolute_url()).text
    assert "a former member" in detail and "Mehmet Member" not in detail
    # The audit trail records the erasure, and no longer holds the old address.
    assert LogEntry.objects.filter(object_pk=str(person.pk), action=LogEntry.Action.DELETE).exists()
    assert not LogEntry.objects.filter(changes__icontains=email).exists()
    # The old password no longer signs in.
    client.logout()
    client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert client.get(reverse("site:home")).status_code == 302


def test_the_last_administrator_hands_over_first(org_admin, organisation):
    with pytest.raises(Refused, match="only administrator of"):
        services.delete_account(user=org_admin)
    assert User.objects.get(pk=org_admin.pk).is_active
