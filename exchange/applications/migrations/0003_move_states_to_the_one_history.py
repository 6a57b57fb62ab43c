"""Data: invitations' timestamps become states with an expiry; status changes move to the
one history (core.StatusChange) and stop being repeated as history entries; file answers
point at their attachment and hold its name."""

import datetime

from django.db import migrations

LIFETIME = datetime.timedelta(days=14)


def forward(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Generic = apps.get_model("core", "StatusChange")
    Invitation = apps.get_model("applications", "PartnerInvitation")
    Old = apps.get_model("applications", "StatusChange")
    History = apps.get_model("applications", "HistoryEntry")
    Answer = apps.get_model("applications", "Answer")
    Attachment = apps.get_model("applications", "Attachment")
    application_type, _ = ContentType.objects.get_or_create(app_label="applications", model="application")
    invitation_type, _ = ContentType.objects.get_or_create(app_label="applications", model="partnerinvitation")
    for invitation in Invitation.objects.all():
        invitation.expires_at = invitation.created_at + LIFETIME
        for status, at in (("accepted", invitation.accepted_at), ("declined", invitation.declined_at), ("cancelled", invitation.cancelled_at)):
            if at:
                invitation.status = status
                change = Generic.objects.create(
                    content_type=invitation_type, object_id=invitation.pk,
                    workflow="applications.invitation", from_status="pending", to_status=status,
                )
                Generic.objects.filter(pk=change.pk).update(at=at)
                break
        invitation.save(update_fields=["status", "expires_at"])
    for old in Old.objects.all():
        change = Generic.objects.create(
            content_type=application_type, object_id=old.application_id,
            workflow="applications.application", from_status=old.from_status,
            to_status=old.to_status, by_id=old.by_id, reason=old.reason,
        )
        Generic.objects.filter(pk=change.pk).update(at=old.at)
    History.objects.filter(kind__in=["status", "joined", "declined"]).delete()
    for answer in Answer.objects.exclude(value=None):
        if isinstance(answer.value, int):
            attachment = Attachment.objects.filter(pk=answer.value, application_id=answer.application_id).first()
            answer.attachment = attachment
            answer.value = attachment.name if attachment else None
            answer.save(update_fields=["attachment", "value"])


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0002_invitation_states_and_file_answers"),
        ("core", "0001_status_changes"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
