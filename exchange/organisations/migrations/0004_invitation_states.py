from django.db import migrations, models


class Migration(migrations.Migration):
    """Invitations to join an organisation get a state and an expiry."""

    dependencies = [("organisations", "0003_matching_opt_out")]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="status",
            field=models.CharField(
                choices=[("pending", "Waiting for an answer"), ("accepted", "Accepted"), ("declined", "Declined"), ("cancelled", "Withdrawn"), ("expired", "Expired")],
                db_index=True, default="pending", max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="invitation",
            name="expires_at",
            field=models.DateTimeField(db_index=True, null=True, verbose_name="expires"),
        ),
    ]
