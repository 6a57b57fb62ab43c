from django.test import TestCase
from django.urls import reverse

from exchange.contacts import services
from exchange.contacts.models import Block, ContactRequest, Conversation, Message, Report
from tests.organisations.factories import OrganisationFactory, add_member


def send(client, target, sender, message="Merhaba! Gönüllü yönetimi üzerine birlikte çalışalım."):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse("contacts:request-create", args=[target.slug]),
            {"sender": sender.pk, "message": message},
        )


def test_the_whole_contact_journey(
    login, client, org_admin, organisation, partner, partner_admin, mailoutbox
):
    # Before: the partner's contact details are hidden from the Turkish organisation.
    partner.contact_email = "info@koeln.example"
    partner.save()
    assert "info@koeln.example" not in login(org_admin).get(partner.get_absolute_url()).text

    assert send(login(org_admin), partner, organisation).status_code == 302
    request = ContactRequest.objects.get()
    assert (
        mailoutbox[-1].to == [partner_admin.email] and organisation.name in mailoutbox[-1].subject
    )
    assert "Merhaba" not in mailoutbox[-1].body  # e-mails carry a link, not the content

    client = login(partner_admin)
    assert "Merhaba!" in client.get(reverse("contacts:inbox")).text
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("contacts:request-accept", args=[request.pk]))
    conversation = Conversation.objects.get()
    assert response.url == reverse("contacts:conversation", args=[conversation.pk])
    assert mailoutbox[-1].to == [org_admin.email]

    # After: both see each other's contact details.
    assert "info@koeln.example" in login(org_admin).get(partner.get_absolute_url()).text
    assert "secret@izmir.example" in login(partner_admin).get(organisation.get_absolute_url()).text

    # Both write in the conversation; links become clickable, markup stays text.
    url = reverse("contacts:conversation", args=[conversation.pk])
    login(partner_admin).post(url, {"body": "Hallo! Siehe https://example.org/plan <b>fett</b>"})
    page = login(org_admin).get(url).text
    assert '<a href="https://example.org/plan" rel="nofollow">https://example.org/plan</a>' in page
    assert "&lt;b&gt;fett&lt;/b&gt;" in page
    login(org_admin).post(url, {"body": "Teşekkürler!"}, headers={"HX-Request": "true"})
    assert Message.objects.count() == 2


def test_members_of_the_other_organisation_take_part(
    login, org_admin, organisation, partner, partner_admin
):
    send(login(org_admin), partner, organisation)
    conversation = services.accept_request(request=ContactRequest.objects.get(), by=partner_admin)
    colleague = add_member(partner)
    assert (
        login(colleague).get(reverse("contacts:conversation", args=[conversation.pk])).status_code
        == 200
    )


def test_only_admins_accept_or_decline(login, org_admin, organisation, partner):
    send(login(org_admin), partner, organisation)
    request = ContactRequest.objects.get()
    member = add_member(partner)
    assert (
        login(member).post(reverse("contacts:request-accept", args=[request.pk])).status_code == 403
    )
    assert (
        login(org_admin).post(reverse("contacts:request-accept", args=[request.pk])).status_code
        == 403
    )
    request.refresh_from_db()
    assert request.status == "pending"


def test_nobody_else_reads_a_request_or_a_conversation(
    login, org_admin, organisation, partner, partner_admin, outsider
):
    send(login(org_admin), partner, organisation)
    request = ContactRequest.objects.get()
    conversation = services.accept_request(request=request, by=partner_admin)
    client = login(outsider)
    assert client.get(reverse("contacts:conversation", args=[conversation.pk])).status_code == 404
    assert (
        client.post(
            reverse("contacts:conversation", args=[conversation.pk]), {"body": "spam"}
        ).status_code
        == 404
    )
    assert client.post(reverse("contacts:request-decline", args=[request.pk])).status_code == 404
    assert "Merhaba" not in client.get(reverse("contacts:inbox")).text
    assert Message.objects.count() == 0


def test_decline_is_one_click_and_a_second_request_waits(
    login, org_admin, organisation, partner, partner_admin
):
    send(login(org_admin), partner, organisation)
    response = send(login(org_admin), partner, organisation)
    assert response.status_code == 400 and "already waiting" in response.text
    login(partner_admin).post(
        reverse("contacts:request-decline", args=[ContactRequest.objects.get().pk])
    )
    assert ContactRequest.objects.get().status == "declined"


def test_at_most_ten_requests_a_day(login, org_admin, organisation):
    targets = [
        OrganisationFactory(name=f"Target {i}", country="DE", languages=["en"]) for i in range(11)
    ]
    for target in targets[:10]:
        assert send(login(org_admin), target, organisation).status_code == 302
    response = send(login(org_admin), targets[10], organisation)
    assert response.status_code == 400 and "daily limit" in response.text
    assert ContactRequest.objects.count() == 10


def test_blocked_organisations_cannot_write(login, org_admin, organisation, partner, partner_admin):
    report = reverse("contacts:report", args=[organisation.slug])
    login(partner_admin).post(
        report, {"reporter": partner.pk, "reason": "Unsolicited advertising", "block": "on"}
    )
    assert Report.objects.get().reason == "Unsolicited advertising" and Block.objects.exists()
    response = send(login(org_admin), partner, organisation)
    assert response.status_code == 400 and "cannot contact" in response.text


def test_a_person_cannot_write_in_the_name_of_an_organisation_they_do_not_belong_to(
    login, outsider, organisation, partner
):
    response = send(login(outsider), partner, organisation)
    assert response.status_code == 400  # not among the form's choices
    assert not ContactRequest.objects.exists()


def test_new_message_emails_at_most_once_per_hour_per_thread(
    login, org_admin, organisation, partner, partner_admin, mailoutbox
):
    send(login(org_admin), partner, organisation)
    conversation = services.accept_request(request=ContactRequest.objects.get(), by=partner_admin)
    mailoutbox.clear()
    url = reverse("contacts:conversation", args=[conversation.pk])
    for text in ["one", "two", "three"]:
        with TestCase.captureOnCommitCallbacks(execute=True):
            login(org_admin).post(url, {"body": text})
    assert [m.to for m in mailoutbox] == [[partner_admin.email]]


def test_an_empty_message_is_refused_and_nothing_is_lost(
    login, org_admin, organisation, partner, partner_admin
):
    send(login(org_admin), partner, organisation)
    conversation = services.accept_request(request=ContactRequest.objects.get(), by=partner_admin)
    response = login(org_admin).post(
        reverse("contacts:conversation", args=[conversation.pk]), {"body": "   "}
    )
    assert response.status_code == 400 and not Message.objects.exists()


def test_staff_see_reports_in_their_queue(login, staff, organisation, partner, partner_admin):
    services.report_organisation(
        reporter=partner, reported=organisation, by=partner_admin, reason="Spam"
    )
    page = login(staff).get(reverse("admin:contacts_report_changelist"))
    assert page.status_code == 200 and organisation.name in page.text


def test_each_recipient_reads_the_email_in_their_own_language(
    login, org_admin, organisation, partner, partner_admin, mailoutbox
):
    org_admin.language = "tr"
    org_admin.save()
    partner_admin.language = "de"
    partner_admin.save()
    send(login(org_admin), partner, organisation)
    # Written by a Turkish-speaking person, received by a German-speaking one: in German.
    assert mailoutbox[-1].to == [partner_admin.email]
    assert mailoutbox[-1].subject == f"{organisation.name} möchte Kontakt aufnehmen"
