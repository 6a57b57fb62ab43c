import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Invitations get a state and an expiry; a file answer references its attachment."""

    dependencies = [("applications", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="partnerinvitation",
            name="status",
            field=models.CharField(
                choices=[("pending", "Waiting for an answer"), ("accepted", "Accepted"), ("declined", "Declined"), ("cancelled", "Cancelled"), ("expired", "Expired")],
                db_index=True, default="pending", max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="partnerinvitation",
            name="expires_at",
            field=models.DateTimeField(db_index=True, null=True, verbose_name="expires"),
        ),
        migrations.AddField(
            model_name="answer",
            name="attachment",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="applications.attachment"),
        ),
    ]
