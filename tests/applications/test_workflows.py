"""The state machine: every allowed transition by the right person, every other one refused."""

import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from exchange.applications import services, workflows
from exchange.applications.models import Application

S = Application.Status
ALL = [s.value for s in S]
PAIRS = [(a, b) for a, b in itertools.product(ALL, ALL) if a != b]


def put(application, status):
    Application.objects.filter(pk=application.pk).update(
        status=status, submitted_at=application.created_at
    )
    application.refresh_from_db()


@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_transition_table(application, org_admin, org_member, staff, source, target):
    put(application, source)
    step = workflows.find(source, target)
    allowed_by = {workflows.APPLICANT: org_admin, workflows.STAFF: staff}
    if step is None:
        for user in (org_admin, staff):
            with pytest.raises(ValidationError, match="cannot go from"):
                services.transition(application, target, by=user)
        return
    other = staff if step.who == workflows.APPLICANT else org_admin
    with pytest.raises(PermissionDenied):
        services.transition(application, target, by=other)
    with pytest.raises(PermissionDenied):
        services.transition(application, target, by=org_member)
    services.transition(application, target, by=allowed_by[step.who], reason="because")
    application.refresh_from_db()
    assert application.status == target
    change = application.status_changes.get()
    assert (change.from_status, change.to_status, change.reason) == (source, target, "because")
    assert application.history.filter(kind="status", old=source, new=target).exists()


def test_staff_decisions_are_announced_to_the_applicants(
    application, staff, org_admin, partner_admin, mailoutbox, django_capture_on_commit_callbacks
):
    put(application, S.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(application=application, to=S.UNDER_REVIEW, by=staff)
    assert {m.to[0] for m in mailoutbox} >= {org_admin.email, partner_admin.email}
