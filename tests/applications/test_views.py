"""Applications in the browser's terms (HTTP): writing with autosave and conflicts, the
checklist, confirming and submitting, the PDF, the history."""

import datetime

from django.test import TestCase
from django.urls import reverse

from exchange.applications import services
from exchange.applications.models import Application

from .conftest import COMPLETE


def test_start_from_the_call_page(login, call, organisation, org_admin):
    client = login(org_admin)
    page = client.get(call.get_absolute_url()).text
    assert reverse("applications:start", args=[call.slug]) in page
    assert "What is the common organisational issue" in page  # the form preview
    response = client.post(
        reverse("applications:start", args=[call.slug]), {"organisation": organisation.pk}
    )
    application = Application.objects.get()
    assert response.url == application.get_absolute_url()
    page = client.get(response.url).text
    assert "Invite your partner organisation: a partnership needs two." in page


def test_a_section_saves_and_a_conflict_shows_both_versions(
    login, application, org_admin, partner_admin
):
    url = reverse("applications:section", args=[application.pk, "issue"])
    ayse = login(org_admin)
    form = ayse.get(url).text
    assert 'name="v_common_issue" value="0"' in form
    response = ayse.post(url, {"common_issue": "Ayşe's version", "v_common_issue": 0})
    assert response.status_code == 302
    # Anna opened the page before Ayşe saved: her save is a conflict, her text is kept.
    anna = login(partner_admin)
    response = anna.post(url, {"common_issue": "Anna's version", "v_common_issue": 0})
    assert response.status_code == 409
    page = response.text
    assert "Anna&#x27;s version" in page and "Ayşe&#x27;s version" in page
    assert 'name="v_common_issue" value="1"' in page  # saving again replaces theirs
    assert anna.post(url, {"common_issue": "Both", "v_common_issue": 1}).status_code == 302
    assert application.answers.get(question_key="common_issue").value == "Both"


def test_autosave_answers_with_a_status_line_and_new_versions(login, application, org_admin):
    url = reverse("applications:section", args=[application.pk, "issue"])
    response = login(org_admin).post(
        url, {"common_issue": "Draft", "v_common_issue": 0}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "Saved at" in response.text
    assert 'name="v_common_issue" value="1"' in response.text and "hx-swap-oob" in response.text


def test_bad_input_keeps_what_was_typed(login, application, org_admin):
    url = reverse("applications:section", args=[application.pk, "plan"])
    response = login(org_admin).post(
        url,
        {
            "budget_total": "about 3000",
            "budget": "Travel 1,600 EUR",
            "v_budget_total": 0,
            "v_budget": 0,
        },
    )
    assert response.status_code == 400
    assert "Enter a number" in response.text and "about 3000" in response.text
    assert application.answers.get(question_key="budget").value == "Travel 1,600 EUR"


def test_after_the_deadline_the_page_says_why_nothing_can_change(
    login, application, org_admin, clock, call
):
    clock.set(call.closes_at + datetime.timedelta(seconds=1))
    client = login(org_admin)
    url = reverse("applications:section", args=[application.pk, "issue"])
    assert "The deadline has passed" in client.get(url).text
    assert client.post(url, {"common_issue": "Late"}).status_code == 403


def test_confirm_and_submit_through_the_pages(
    login, complete, organisation, org_admin, partner, partner_admin, mailoutbox
):
    for org, user in ((organisation, org_admin), (partner, partner_admin)):
        login(user).post(reverse("applications:confirm", args=[complete.pk, org.pk]))
    client = login(org_admin)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("applications:submit", args=[complete.pk]))
        client.post(reverse("applications:submit", args=[complete.pk]))  # a double click
    assert Application.objects.get(pk=complete.pk).status == "submitted"
    assert complete.status_changes.count() == 1
    page = client.get(response.url).text
    assert "Submitted" in page
    receipts = [m for m in mailoutbox if "submitted" in m.subject.lower()]
    assert len(receipts) == 2 and not any(m.attachments for m in receipts)
    pdf = client.get(reverse("applications:pdf", args=[complete.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_history_shows_who_changed_what(login, application, org_admin, partner_admin):
    services.save_answers(
        application=application,
        organisation=None,
        by=partner_admin,
        values={"budget": COMPLETE["budget"]},
        versions={},
    )
    page = login(org_admin).get(reverse("applications:history", args=[application.pk])).text
    assert partner_admin.name in page and "A rough budget" in page and COMPLETE["budget"] in page


def test_participants_form(login, application, organisation, org_admin):
    url = reverse("applications:participants", args=[application.pk, organisation.pk])
    data = {
        "p-TOTAL_FORMS": 2,
        "p-INITIAL_FORMS": 0,
        "p-0-name": "Deniz",
        "p-0-role": "Coordinator",
        "p-0-email": "d@x.example",
        "p-0-needs_visa": "on",
        "p-1-name": "Ali",
        "p-1-role": "Director",
        "p-1-email": "not-an-email",
    }
    client = login(org_admin)
    response = client.post(url, data)
    assert response.status_code == 400 and "Deniz" in response.text
    data["p-1-email"] = "a@x.example"
    assert client.post(url, data).status_code == 302
    assert [
        p.needs_visa for p in application.partners.get(organisation=organisation).participants.all()
    ] == [True, False]


def test_the_invitation_link_leads_a_newcomer_into_the_application(
    client, application, org_admin, call, django_capture_on_commit_callbacks
):
    from exchange.organisations.models import Membership
    from tests.accounts.factories import UserFactory
    from tests.organisations.factories import OrganisationFactory, admin_of

    call.organisations_per_partnership = 3
    call.save()
    invitation = services.invite_partner(
        application=application, by=org_admin, email="new@wien.example"
    )
    url = reverse("applications:invitation", args=[services.invitation_token(invitation)])
    assert "Sign up" in client.get(url).text
    wien = OrganisationFactory(name="Wien Hilft", country="AT", city="Wien")
    # Someone else who got hold of the link is told whose it is, and joins nothing.
    client.force_login(admin_of(wien))
    refused = client.post(url, {"organisation": wien.pk, "decision": "accept"})
    assert refused.status_code == 400 and "new@wien.example" in refused.text
    newcomer = UserFactory(email="new@wien.example")
    Membership.objects.create(organisation=wien, user=newcomer, role=Membership.Role.ADMIN)
    client.force_login(newcomer)
    response = client.post(url, {"organisation": wien.pk, "decision": "accept"})
    assert response.url == application.get_absolute_url()
    assert "Wien Hilft" in client.get(response.url).text


def test_staff_list_extend_and_decide(login, complete, staff, call):
    client = login(staff)
    assert (
        client.get(reverse("applications:call-applications", args=[call.slug])).status_code == 200
    )
    response = client.post(
        reverse("applications:extension", args=[complete.pk]),
        {"until": "2099-01-01T12:00", "reason": "Earthquake"},
    )
    assert response.status_code == 302
    assert complete.extensions.get().reason == "Earthquake"


def test_read_only_answers_show_labels_not_keys(login, complete, org_admin, clock, call):
    from exchange.applications.models import Answer

    Answer.objects.filter(question_key="capacity_area").update(value="volunteer-management")
    clock.set(call.closes_at + datetime.timedelta(seconds=1))  # nothing can change now
    page = login(org_admin).get(reverse("applications:section", args=[complete.pk, "issue"])).text
    assert "Volunteer management" in page and "volunteer-management</" not in page
    detail = login(org_admin).get(complete.get_absolute_url()).text
    assert "Read this part" in detail and ">Open<" not in detail


def test_a_refused_autosave_says_not_saved_where_the_person_types(
    login, application, org_admin, clock, call
):
    client = login(org_admin)
    url = reverse("applications:section", args=[application.pk, "issue"])
    page = client.get(url).text
    assert "saved automatically" in page and "data-swap-errors" in page
    assert "Press Save to keep your answers." in page  # what a page without JavaScript says
    clock.set(call.closes_at + datetime.timedelta(seconds=1))
    response = client.post(
        url, {"common_issue": "Late", "v_common_issue": 0}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 403
    assert "Not saved:" in response.text and "deadline has passed" in response.text
    # The Save button, without JavaScript: the page in the layout, with the text kept.
    page = client.post(url, {"common_issue": "My late words", "v_common_issue": 0})
    assert page.status_code == 403 and "My late words" in page.text and "<nav" in page.text


def test_a_withdrawn_application_shows_no_checklist_and_no_invitation(
    login, application, org_admin
):
    services.withdraw_application(application=application, by=org_admin)
    page = login(org_admin).get(application.get_absolute_url()).text
    assert "Eligibility checklist" not in page
    assert reverse("applications:invite", args=[application.pk]) not in page
