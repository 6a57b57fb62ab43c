"""The state machines: every ordered pair of states, each allowed change by the right person
and refused to everyone else, every other pair refused with the code "transition"."""

import datetime
import itertools

import pytest
from django.utils import timezone

from exchange.applications import selectors, services, workflows
from exchange.applications.models import Application, PartnerInvitation
from exchange.core.events import emit
from exchange.core.permissions import Refused
from exchange.notifications.models import Notification

from .conftest import confirm_all

S = Application.Status
I = PartnerInvitation.Status  # noqa: E741
PAIRS = [(a, b) for a, b in itertools.product(S.values, S.values) if a != b]
INVITATION_PAIRS = [(a, b) for a, b in itertools.product(I.values, I.values) if a != b]


def put(application, status):
    Application.objects.filter(pk=application.pk).update(
        status=status, submitted_at=application.created_at
    )
    application.refresh_from_db()
    application.__dict__.pop("_memo", None)


@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_application_table(complete, org_admin, org_member, staff, source, target):
    confirm_all(complete)
    put(complete, source)
    step = workflows.APPLICATION.find(source, target)
    if step is None:
        for user in (org_admin, staff):
            with pytest.raises(Refused, match="cannot go from") as refused:
                workflows.APPLICATION.transition(complete, target, by=user)
            assert refused.value.code == "transition"
        assert not complete.status_changes.exists()
        return
    if step.rule is workflows.SYSTEM:  # only the platform (the pairing's merge): no person
        allowed = None
    else:
        allowed = staff if step.rule is workflows.staff else org_admin
    for other in {staff, org_admin, org_member} - {allowed}:
        with pytest.raises(Refused) as refused:
            workflows.APPLICATION.transition(complete, target, by=other)
        assert refused.value.code == "forbidden"
    workflows.APPLICATION.transition(complete, target, by=allowed, reason="because")
    complete.refresh_from_db()
    assert complete.status == target
    change = complete.status_changes.get()  # one row in the one history
    assert (change.from_status, change.to_status, change.reason) == (source, target, "because")
    assert any(
        line.kind == "status" and line.note == "because" for line in selectors.history_of(complete)
    )


def test_the_deadline_is_one_guard_with_one_code(complete, org_admin, clock, call):
    confirm_all(complete)
    clock.set(call.closes_at + datetime.timedelta(seconds=1))
    decision = workflows.APPLICATION.check(complete, S.SUBMITTED, by=org_admin)
    assert not decision and decision.code == "deadline"
    with pytest.raises(Refused) as refused:
        services.save_answers(
            application=complete,
            organisation=None,
            by=org_admin,
            values={"budget": "x"},
            versions={},
        )
    assert refused.value.code == "deadline" and str(refused.value) == str(decision.reason)


def test_staff_decisions_are_announced_to_the_applicants(
    application, staff, org_admin, partner_admin, mailoutbox, django_capture_on_commit_callbacks
):
    put(application, S.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(application=application, to=S.UNDER_REVIEW, by=staff)
    assert {m.to[0] for m in mailoutbox} >= {org_admin.email, partner_admin.email}


def test_an_event_emitted_twice_tells_each_person_once(
    application, staff, org_admin, partner_admin, mailoutbox, django_capture_on_commit_callbacks
):
    put(application, S.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        change = workflows.APPLICATION.transition(application, S.UNDER_REVIEW, by=staff)
        key = f"applications.screened:{change.record.pk}"
        emit("applications.screened", key=key, target=application, actor=staff)
    assert Notification.objects.filter(key=key, recipient=org_admin).count() == 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted([org_admin.email, partner_admin.email])


# --- Invitations to apply together ---------------------------------------------------------


@pytest.fixture
def pending(application, call, org_admin, outsider):
    call.organisations_per_partnership = 3
    call.save()
    return services.invite_partner(application=application, by=org_admin, email=outsider.email)


def put_invitation(invitation, status):
    PartnerInvitation.objects.filter(pk=invitation.pk).update(status=status)
    invitation.refresh_from_db()


@pytest.mark.parametrize(("source", "target"), INVITATION_PAIRS)
def test_invitation_table(pending, org_admin, org_member, outsider, source, target):
    put_invitation(pending, source)
    step = workflows.INVITATION.find(source, target)
    if target == I.EXPIRED and step is not None:
        PartnerInvitation.objects.filter(pk=pending.pk).update(
            expires_at=timezone.now() - datetime.timedelta(seconds=1)
        )
        pending.refresh_from_db()
    if step is None:
        with pytest.raises(Refused) as refused:
            workflows.INVITATION.transition(pending, target, by=org_admin)
        assert refused.value.code == "transition"
        return
    if step.rule is workflows.SYSTEM:
        allowed, others = None, [org_admin, outsider]
    elif step.rule is workflows.answer:
        allowed, others = outsider, [org_admin, org_member]
        pending.organisation = outsider.memberships.get().organisation
    else:
        allowed, others = org_admin, [org_member, outsider]
    for other in others:
        with pytest.raises(Refused):
            workflows.INVITATION.transition(pending, target, by=other)
    workflows.INVITATION.transition(pending, target, by=allowed)
    pending.refresh_from_db()
    assert pending.status == target
    assert pending.status_changes.get().to_status == target
