import datetime

from django.db import migrations

LIFETIME = datetime.timedelta(days=14)


def forward(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Generic = apps.get_model("core", "StatusChange")
    Invitation = apps.get_model("organisations", "Invitation")
    kind, _ = ContentType.objects.get_or_create(app_label="organisations", model="invitation")
    for invitation in Invitation.objects.all():
        invitation.expires_at = invitation.created_at + LIFETIME
        for status, at in (("accepted", invitation.accepted_at), ("cancelled", invitation.revoked_at)):
            if at:
                invitation.status = status
                change = Generic.objects.create(
                    content_type=kind, object_id=invitation.pk,
                    workflow="organisations.invitation", from_status="pending", to_status=status,
                    by_id=invitation.accepted_by_id if status == "accepted" else None,
                )
                Generic.objects.filter(pk=change.pk).update(at=at)
                break
        invitation.save(update_fields=["status", "expires_at"])
    # One pending invitation per address: keep the newest.
    seen = set()
    for invitation in Invitation.objects.filter(status="pending").order_by("-created_at"):
        if (invitation.organisation_id, invitation.email) in seen:
            Invitation.objects.filter(pk=invitation.pk).update(status="cancelled")
        seen.add((invitation.organisation_id, invitation.email))


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0004_invitation_states"),
        ("core", "0001_status_changes"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
