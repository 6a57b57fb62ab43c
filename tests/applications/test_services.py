"""Joint applications through their services: inviting, writing without lost updates,
confirming, submitting at the deadline, withdrawing, extensions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from exchange.applications import selectors, services
from exchange.applications.models import Application, HistoryEntry, Partner
from exchange.core.permissions import Refused
from exchange.organisations.models import Membership
from tests.accounts.factories import UserFactory
from tests.organisations.factories import OrganisationFactory, admin_of

from .conftest import confirm_all

S = Application.Status


def test_starting_and_inviting(
    call,
    organisation,
    org_admin,
    partner,
    partner_admin,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    application = services.start_application(call=call, organisation=organisation, by=org_admin)
    assert application.status == S.DRAFT
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_partner(application=application, by=org_admin, organisation=partner)
    assert [m.to for m in mailoutbox] == [[partner_admin.email]]
    assert "/applications/invitations/" in mailoutbox[0].body
    invitation = application.invitations.get()
    services.accept_invitation(invitation=invitation, organisation=partner, by=partner_admin)
    assert [p.organisation for p in application.partners.all()] == [organisation, partner]
    kinds = list(application.history.values_list("kind", flat=True))
    assert {HistoryEntry.Kind.CREATED, HistoryEntry.Kind.INVITED} <= set(kinds)
    # The partner's joining is the invitation's change of state, in the same history.
    lines = [line.text for line in selectors.history_of(application)]
    assert f"the invitation of {partner.name}: Accepted" in lines


def test_an_unregistered_partner_is_invited_by_email(
    application, org_admin, mailoutbox, call, django_capture_on_commit_callbacks
):
    call.organisations_per_partnership = 3
    call.save()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite_partner(
            application=application, by=org_admin, email="Info@Wien.example"
        )
    assert mailoutbox[-1].to == ["info@wien.example"]
    token = services.invitation_token(invitation)
    assert token in mailoutbox[-1].body
    # They register with the invited address and create their profile; then the link lands
    # them in the application. Another account with the link is refused.
    wien = OrganisationFactory(name="Wien Hilft", country="AT", city="Wien")
    someone_else = admin_of(wien)
    with pytest.raises(Refused, match="sent to info@wien.example") as refused:
        services.accept_invitation(
            invitation=services.invitation_from_token(token), organisation=wien, by=someone_else
        )
    assert refused.value.code == "mismatch"
    invited = UserFactory(email="info@wien.example")
    Membership.objects.create(organisation=wien, user=invited, role=Membership.Role.ADMIN)
    services.accept_invitation(
        invitation=services.invitation_from_token(token), organisation=wien, by=invited
    )
    assert application.partners.filter(organisation=wien, is_active=True).exists()
    assert services.invitation_from_token(token) is None  # used


def test_an_organisation_is_in_at_most_one_application_per_call(
    application, call, partner, partner_admin
):
    with pytest.raises(ValidationError, match="already in another application"):
        services.start_application(call=call, organisation=partner, by=partner_admin)
    # The database refuses it too, whatever the code above does.
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Partner.objects.create(
            application=Application.objects.create(call=call), call=call, organisation=partner
        )


def test_ineligible_countries_and_closed_calls_are_refused(call, org_admin, clock):
    paris = OrganisationFactory(name="Paris Solidaire", country="FR", city="Paris")
    with pytest.raises(ValidationError, match="not eligible"):
        services.start_application(call=call, organisation=paris, by=admin_of(paris))
    clock.set(call.closes_at + datetime.timedelta(seconds=1))
    with pytest.raises(ValidationError, match="not open"):
        services.start_application(
            call=call, organisation=org_admin.memberships.get().organisation, by=org_admin
        )


def test_only_an_admin_starts(call, organisation, org_member):
    with pytest.raises(PermissionDenied):
        services.start_application(call=call, organisation=organisation, by=org_member)


def test_a_second_save_of_the_same_answer_is_a_conflict_with_both_versions(
    application, org_admin, partner_admin
):
    first = services.save_answers(
        application=application,
        organisation=None,
        by=org_admin,
        values={"common_issue": "Ayşe's text"},
        versions={"common_issue": 0},
    )
    assert first.saved == ["common_issue"]
    # Anna started from version 0 too, and saves after Ayşe.
    second = services.save_answers(
        application=application,
        organisation=None,
        by=partner_admin,
        values={"common_issue": "Anna's text", "sharing": "A webinar"},
        versions={"common_issue": 0, "sharing": 0},
    )
    assert second.saved == ["sharing"]  # the rest of her work is saved
    conflict = second.conflicts["common_issue"]
    assert (conflict.theirs, conflict.by, conflict.version) == ("Ayşe's text", org_admin, 1)
    answer = application.answers.get(question_key="common_issue")
    assert answer.value == "Ayşe's text"
    # Having seen both, she saves again from the current version: now hers replaces it.
    third = services.save_answers(
        application=application,
        organisation=None,
        by=partner_admin,
        values={"common_issue": "Both texts"},
        versions={"common_issue": 1},
    )
    assert third.saved == ["common_issue"] and not third.conflicts
    history = application.history.filter(kind=HistoryEntry.Kind.ANSWER, question_key="common_issue")
    assert [(h.by, h.old, h.new) for h in history.order_by("at", "pk")] == [
        (org_admin, None, "Ayşe's text"),
        (partner_admin, "Ayşe's text", "Both texts"),
    ]


def test_saving_the_same_text_again_is_not_a_conflict(application, org_admin, partner_admin):
    services.save_answers(
        application=application,
        organisation=None,
        by=org_admin,
        values={"budget": "X"},
        versions={"budget": 0},
    )
    result = services.save_answers(
        application=application,
        organisation=None,
        by=partner_admin,
        values={"budget": "X"},
        versions={"budget": 0},
    )
    assert not result.conflicts and not result.saved


def test_invalid_answers_are_reported_and_the_others_saved(application, org_admin):
    result = services.save_answers(
        application=application,
        organisation=None,
        by=org_admin,
        values={"budget_total": "lots", "budget": "Travel"},
        versions={},
    )
    assert "budget_total" in result.errors and result.saved == ["budget"]


def test_each_organisation_answers_its_own_questions(
    application, organisation, partner, partner_admin
):
    with pytest.raises(PermissionDenied):
        services.save_answers(
            application=application,
            organisation=organisation,
            by=partner_admin,
            values={"motivation": "Not mine"},
            versions={},
        )
    services.save_answers(
        application=application,
        organisation=partner,
        by=partner_admin,
        values={"motivation": "Ours"},
        versions={},
    )
    assert application.answers.get(organisation=partner).value == "Ours"


def test_files_are_checked_and_kept(application, org_admin):
    bad = services.save_answers(
        application=application,
        organisation=None,
        by=org_admin,
        values={},
        versions={},
        files={"attachment": SimpleUploadedFile("plan.pdf", b"not a pdf")},
    )
    assert "attachment" in bad.errors
    good = services.save_answers(
        application=application,
        organisation=None,
        by=org_admin,
        values={},
        versions={},
        files={"attachment": SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan")},
    )
    assert good.saved == ["attachment"]
    assert application.attachments.get().file.read() == b"%PDF-1.4 plan"


def test_a_change_after_a_confirmation_withdraws_the_confirmations(
    complete, organisation, org_admin, partner, partner_admin
):
    services.confirm_application(application=complete, organisation=organisation, by=org_admin)
    assert services.unconfirmed(complete) == [partner]
    services.save_answers(
        application=complete,
        organisation=partner,
        by=partner_admin,
        values={"learn": "Something else"},
        versions={},
    )
    assert services.unconfirmed(complete) == [organisation, partner]
    assert complete.history.filter(kind=HistoryEntry.Kind.CONFIRMATIONS_WITHDRAWN).exists()


def test_submission_needs_every_confirmation_then_is_read_only(
    complete,
    organisation,
    org_admin,
    partner,
    partner_admin,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    services.confirm_application(application=complete, organisation=organisation, by=org_admin)
    with pytest.raises(Refused, match="Waiting for the confirmation of: Ehrenamt Köln"):
        services.submit_application(application=complete, by=org_admin)
    services.confirm_application(application=complete, organisation=partner, by=partner_admin)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_application(application=complete, by=partner_admin)
    complete.refresh_from_db()
    assert complete.status == S.SUBMITTED and complete.submitted_at
    assert complete.status_changes.get().to_status == S.SUBMITTED
    # Both organisations' people get a receipt that links to the application (and its PDF
    # there): the e-mail carries no document, no participant, no answer.
    receipts = [m for m in mailoutbox if "submitted" in m.subject.lower()]
    assert sorted(m.to[0] for m in receipts) == sorted([org_admin.email, partner_admin.email])
    assert all(not m.attachments for m in receipts)
    assert f"http://testserver/applications/{complete.pk}/" in receipts[0].body
    assert "d@" not in receipts[0].body and "Deniz" not in receipts[0].body
    with pytest.raises(PermissionDenied, match="no longer a draft"):
        services.save_answers(
            application=complete,
            organisation=None,
            by=org_admin,
            values={"budget": "More"},
            versions={},
        )
    # A second click returns the same submission.
    again = services.submit_application(application=complete, by=org_admin)
    assert again.submitted_at == complete.submitted_at
    assert complete.status_changes.count() == 1


def test_an_incomplete_application_is_refused_with_every_reason(
    application, organisation, org_admin, partner, partner_admin
):
    confirm_all(application)
    with pytest.raises(Refused) as refused:
        services.submit_application(application=application, by=org_admin)
    assert refused.value.code == "incomplete"
    text = str(refused.value)
    assert "is not answered" in text and "participants; the call asks for 2" in text


def test_a_submission_that_completes_after_the_deadline_is_refused(
    complete, organisation, org_admin, partner, partner_admin, clock, call
):
    confirm_all(complete)
    before = call.closes_at - datetime.timedelta(milliseconds=500)
    after = call.closes_at + datetime.timedelta(microseconds=1)
    clock.sequence([before, before, after])  # started in time, completed too late
    with pytest.raises(Refused, match="What counts is the moment an application is submitted"):
        services.submit_application(application=complete, by=org_admin)
    complete.refresh_from_db()
    assert complete.status == S.DRAFT and complete.submitted_at is None
    assert not complete.status_changes.exists()


def test_the_deadline_instant_itself_is_in_time_and_one_second_later_is_not(
    complete, organisation, org_admin, partner, partner_admin, clock, call
):
    confirm_all(complete)
    clock.set(call.closes_at + datetime.timedelta(seconds=1))
    with pytest.raises(PermissionDenied, match="deadline has passed"):
        services.submit_application(application=complete, by=org_admin)
    clock.set(call.closes_at)
    services.submit_application(application=complete, by=org_admin)
    assert Application.objects.get(pk=complete.pk).status == S.SUBMITTED


def test_a_save_racing_the_deadline_is_refused_whole(application, org_admin, clock, call):
    before, after = call.closes_at, call.closes_at + datetime.timedelta(milliseconds=1)
    clock.sequence([before, after])  # checked on entry, completed a millisecond late
    with pytest.raises(Refused, match="too late"):
        services.save_answers(
            application=application,
            organisation=None,
            by=org_admin,
            values={"budget": "Late"},
            versions={},
        )
    assert not application.answers.exists()


def test_staff_grant_an_individual_extension(
    complete,
    staff,
    org_admin,
    partner_admin,
    organisation,
    partner,
    clock,
    call,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    late = call.closes_at + datetime.timedelta(hours=2)
    with pytest.raises(ValidationError):
        services.grant_extension(application=complete, until=late, reason="  ", by=staff)
    with pytest.raises(PermissionDenied):
        services.grant_extension(application=complete, until=late, reason="Flood", by=org_admin)
    with django_capture_on_commit_callbacks(execute=True):
        services.grant_extension(
            application=complete, until=late, reason="Power cut in Izmir", by=staff
        )
    extension = complete.extensions.get()
    assert (extension.reason, extension.granted_by) == ("Power cut in Izmir", staff)
    assert mailoutbox
    clock.set(call.closes_at + datetime.timedelta(hours=1))
    confirm_all(complete)
    services.submit_application(application=complete, by=org_admin)
    assert Application.objects.get(pk=complete.pk).status == S.SUBMITTED


def test_programme_staff_rights_are_per_programme(complete, call):
    from exchange.calls.models import Programme
    from tests.accounts.factories import UserFactory

    other_staff = UserFactory(is_staff=True)
    Programme.objects.create(name="Multiplier programme", slug="multi").staff.add(other_staff)
    with pytest.raises(PermissionDenied):
        services.grant_extension(
            application=complete,
            until=call.closes_at + datetime.timedelta(days=1),
            reason="x",
            by=other_staff,
        )
    call.programme.staff.add(other_staff)
    services.grant_extension(
        application=Application.objects.get(pk=complete.pk),  # as the next request reads it
        until=call.closes_at + datetime.timedelta(days=1),
        reason="x",
        by=other_staff,
    )


def test_withdrawing_frees_the_organisations(application, call, organisation, org_admin):
    services.withdraw_application(application=application, by=org_admin, reason="We split up")
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN
    assert application.status_changes.get().reason == "We split up"
    again = services.start_application(call=call, organisation=organisation, by=org_admin)
    assert again.pk != application.pk


def test_a_single_organisation_applies_to_be_matched(call, organisation, org_admin):
    alone = services.start_application(
        call=call, organisation=organisation, by=org_admin, seeking_partner=True
    )
    assert alone.seeking_partner
    call.single_applicants_allowed = False
    call.save()
    other = OrganisationFactory(name="Yalnız", country="TR", city="Van")
    with pytest.raises(ValidationError, match="alone"):
        services.start_application(
            call=call, organisation=other, by=admin_of(other), seeking_partner=True
        )


def test_submitted_answers_keep_their_form_version(complete, call):
    from exchange.calls.models import FormQuestion

    version = complete.answers.first().form_version
    question = FormQuestion.objects.get(call=call, key="budget")
    question.label_en = "Budget, roughly"
    question.save()
    from exchange.calls import services as call_services

    newer = call_services.publish_form(call)
    assert newer.number == version.number + 1
    assert complete.answers.first().form_version == version
    assert call_services.check_form_change(call, call_services.schema_of(call)) == []
