"""Reads never write; an uploaded file is stored only when its answer is saved, and a
replaced file is gone."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exchange.applications import services
from exchange.applications.models import Attachment
from exchange.calls.models import FormVersion
from exchange.core.permissions import Refused


def pdf(name="plan.pdf", body=b"%PDF-1.4 plan"):
    return SimpleUploadedFile(name, body)


def files_on_disk(settings):
    root = settings.MEDIA_ROOT
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_showing_a_call_and_an_application_writes_nothing(
    login, client, application, org_admin, call
):
    FormVersion.objects.filter(call=call).delete()  # a call whose form was never published
    pages = [
        reverse("calls:detail", args=[call.slug]),
        application.get_absolute_url(),
        reverse("applications:section", args=[application.pk, "issue"]),
        reverse("applications:history", args=[application.pk]),
    ]
    client = login(org_admin)
    with CaptureQueriesContext(connection) as queries:
        for url in pages:
            assert client.get(url).status_code == 200
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        or "FOR UPDATE" in q["sql"].upper()
    ]
    writes = [w for w in writes if "django_session" not in w]
    assert writes == [] and not FormVersion.objects.filter(call=call).exists()


def test_a_file_in_conflict_is_not_stored(application, org_admin, settings):
    services.save_answers(
        application=application,
        organisation=None,
        by=org_admin,
        values={},
        versions={},
        files={"attachment": pdf()},
    )
    before = files_on_disk(settings)
    result = services.save_answers(
        application=application,
        organisation=None,
        by=org_admin,
        values={},
        versions={"attachment": 0},  # written against a version someone replaced
        files={"attachment": pdf("other.pdf")},
    )
    assert "attachment" in result.conflicts
    assert Attachment.objects.count() == 1 and files_on_disk(settings) == before


def test_a_file_that_arrives_too_late_leaves_nothing(application, org_admin, settings, clock, call):
    before, after = call.closes_at, call.closes_at + datetime.timedelta(milliseconds=1)
    clock.sequence([before, after])  # checked in time, completed too late
    with pytest.raises(Refused):
        services.save_answers(
            application=application,
            organisation=None,
            by=org_admin,
            values={},
            versions={},
            files={"attachment": pdf()},
        )
    assert not Attachment.objects.exists() and files_on_disk(settings) == []


def test_a_replaced_file_is_gone(
    login, application, org_admin, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.save_answers(
            application=application,
            organisation=None,
            by=org_admin,
            values={},
            versions={},
            files={"attachment": pdf()},
        )
    first = Attachment.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.save_answers(
            application=application,
            organisation=None,
            by=org_admin,
            values={},
            versions={},
            files={"attachment": pdf("plan-v2.pdf", b"%PDF-1.4 second")},
        )
    answer = application.answers.get(question_key="attachment")
    assert answer.attachment.name == "plan-v2.pdf" and answer.value == "plan-v2.pdf"
    assert not Attachment.objects.filter(pk=first.pk).exists()
    assert len(files_on_disk(settings)) == 1
    client = login(org_admin)
    old = client.get(reverse("applications:attachment", args=[application.pk, first.pk]))
    assert old.status_code == 404
    new = client.get(
        reverse("applications:attachment", args=[application.pk, answer.attachment_id])
    )
    assert new.status_code == 200 and "no-store" in new["Cache-Control"]
    assert "private" in new["Cache-Control"]


def test_nul_bytes_and_direction_overrides_are_removed(application, org_admin, organisation):
    services.save_answers(
        application=application,
        organisation=None,
        by=org_admin,
        values={"common_issue": "Volun\x00teers"},
        versions={},
    )
    assert application.answers.get(question_key="common_issue").value == "Volunteers"
    services.save_participants(
        application=application,
        organisation=organisation,
        by=org_admin,
        rows=[{"name": "Ali \u202eredliub", "role": "Director", "email": "a@x.example"}],
    )
    assert application.partners.get(organisation=organisation).participants.get().name == (
        "Ali redliub"
    )
