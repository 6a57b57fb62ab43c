"""Notices: one per event and person, each in the reader's language, never sensitive, sent
once however often a task runs, as the person chose (at once, daily, in-app only)."""

import re

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from exchange.contacts import services as contact_services
from exchange.contacts.models import ContactRequest
from exchange.core.events import emit
from exchange.notifications import delivery, services
from exchange.notifications.models import Channel, Notification
from exchange.notifications.notices import KINDS, NOTICES

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def request_contact(sender, recipient, by, message="Let us work together on volunteers."):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return contact_services.send_contact_request(
            sender=sender, recipient=recipient, by=by, message=message
        )


def test_a_contact_request_tells_the_recipients_admins_with_a_link_and_no_message(
    org_admin, organisation, partner, partner_admin, mailoutbox
):
    request_contact(partner, organisation, partner_admin, message="Our secret plan: 42.")
    assert [m.to for m in mailoutbox] == [[org_admin.email]]
    body = mailoutbox[0].body
    assert "Our secret plan" not in body  # the message stays on the platform
    assert "http://testserver/contacts/" in body
    assert "http://testserver/me/notifications/settings/" in body  # how to choose
    notice = Notification.objects.get(recipient=org_admin)
    assert notice.event == "contacts.request_sent" and notice.emailed_at is not None


def test_delivery_run_twice_sends_once(org_admin, organisation, partner, partner_admin):
    with TestCase.captureOnCommitCallbacks(execute=False):  # the task is not run yet
        contact_services.send_contact_request(
            sender=partner, recipient=organisation, by=partner_admin, message="Hello"
        )
    ids = list(Notification.objects.values_list("pk", flat=True))
    mail.outbox.clear()
    assert delivery.deliver(ids) == 1
    assert delivery.deliver(ids) == 0  # a retried task
    assert len(mail.outbox) == 1


def test_the_same_event_emitted_twice_is_one_notice(
    org_admin, organisation, partner, partner_admin
):
    request = request_contact(partner, organisation, partner_admin)
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        emit("contacts.request_sent", key=f"contacts.request_sent:{request.pk}", target=request)
    assert Notification.objects.filter(recipient=org_admin).count() == 1
    assert mail.outbox == []


def test_nobody_is_told_about_what_they_did_themselves(
    org_admin, org_member, organisation, partner, partner_admin
):
    request_contact(partner, organisation, partner_admin)
    contact_services.accept_request(request=ContactRequest.objects.get(), by=org_admin)
    # The sender's people are told; the accepting admin is not told of their own act.
    assert not Notification.objects.filter(recipient=org_admin, event="contacts.request_accepted")
    assert Notification.objects.filter(recipient=partner_admin, event="contacts.request_accepted")


def test_in_app_only_sends_no_email_and_daily_sends_one_digest(
    org_admin, organisation, partner, partner_admin, outsider, mailoutbox
):
    services.set_preferences(user=org_admin, choices={"contacts": Channel.DAILY})
    request_contact(partner, organisation, partner_admin)
    other = outsider.memberships.get().organisation
    request_contact(other, organisation, outsider)
    assert mailoutbox == []
    assert delivery.send_daily_digests() == 1
    assert delivery.send_daily_digests() == 0  # twice in a day: nothing more
    assert [m.to for m in mailoutbox] == [[org_admin.email]]
    digest = mailoutbox[0].body
    assert partner.name in digest and other.name in digest
    services.set_preferences(user=org_admin, choices={"contacts": Channel.IN_APP})
    mailoutbox.clear()
    ContactRequest.objects.all().delete()
    request_contact(partner, organisation, partner_admin)
    assert delivery.send_daily_digests() == 0 and mailoutbox == []
    assert services.unread_count(org_admin) == 3


def test_each_person_reads_in_their_own_language(
    org_admin, organisation, partner, partner_admin, mailoutbox
):
    org_admin.language = "tr"
    org_admin.save()
    request_contact(partner, organisation, partner_admin)
    assert mailoutbox[0].subject == f"{partner.name} sizinle iletişime geçmek istiyor"
    # The in-app list shows it in the language of the page.
    notice = Notification.objects.get(recipient=org_admin)
    assert delivery.render(notice, "de")[0] == f"{partner.name} möchte Kontakt aufnehmen"


def test_links_come_from_the_configured_site_address(
    settings, org_admin, organisation, partner, partner_admin, mailoutbox
):
    settings.SITE_URL = "https://exchange.example.org"
    request_contact(partner, organisation, partner_admin)
    assert "https://exchange.example.org/contacts/" in mailoutbox[0].body
    assert "testserver" not in mailoutbox[0].body


@pytest.mark.parametrize("event", sorted(NOTICES))
@pytest.mark.parametrize("language", ["en", "tr", "de"])
def test_every_notice_is_a_whole_sentence_in_every_language(event, language):
    notice = NOTICES[event]
    assert notice.kind in KINDS
    with translation.override("en"):
        english = str(notice.subject) + str(notice.body)
    names = set(PLACEHOLDER.findall(english))
    params = {name: {"en": f"<{name}>", "tr": f"<{name}>", "de": f"<{name}>"} for name in names}
    fake = Notification(event=event, kind=notice.kind, params=params, link="/", language=language)
    subject, body = delivery.render(fake, language)
    for name in names:
        assert f"<{name}>" in subject + body  # every placeholder is used, none is missing
    if language != "en":
        assert subject + body != english.replace("%(", "<").replace(")s", ">")


def test_the_header_counts_unread_notices_and_opening_one_marks_it_read(
    login, org_admin, organisation, partner, partner_admin
):
    request_contact(partner, organisation, partner_admin)
    client = login(org_admin)
    page = client.get(reverse("notifications:list")).text
    assert 'class="badge">1' in page and partner.name in page
    notice = Notification.objects.get(recipient=org_admin)
    response = client.get(reverse("notifications:open", args=[notice.pk]))
    assert response.status_code == 302 and response.url == reverse("contacts:inbox")
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert 'class="badge"' not in client.get(reverse("notifications:list")).text


def test_preferences_are_saved_per_kind(login, org_admin):
    client = login(org_admin)
    choices = {kind: Channel.EMAIL for kind in KINDS} | {"messages": Channel.DAILY}
    response = client.post(reverse("notifications:preferences"), choices)
    assert response.status_code == 302
    assert services.preferences_of(org_admin)["messages"] == Channel.DAILY
    bad = client.post(reverse("notifications:preferences"), {"messages": "carrier-pigeon"})
    assert bad.status_code == 400


def test_the_sign_up_emails_name_the_platform_and_use_the_site_address(
    db, client, settings, mailoutbox
):
    settings.SITE_URL = "https://exchange.example.org"
    client.post(
        reverse("account_signup"),
        {
            "email": "new@example.org",
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
            "display_name": "New Person",
            "timezone": "Europe/Berlin",
            "consent": "on",
        },
        HTTP_HOST="127.0.0.1",
    )
    assert mailoutbox, "a confirmation e-mail is sent"
    body = mailoutbox[-1].body
    assert "https://exchange.example.org/accounts/" in body
    assert "127.0.0.1" not in body
    assert "Civil Society Exchange" in mailoutbox[-1].subject + body
