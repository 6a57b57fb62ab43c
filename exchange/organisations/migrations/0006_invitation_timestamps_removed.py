from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("organisations", "0005_invitation_states_from_timestamps")]

    operations = [
        migrations.RemoveField(model_name="invitation", name="accepted_at"),
        migrations.RemoveField(model_name="invitation", name="revoked_at"),
        migrations.AlterField(
            model_name="invitation",
            name="expires_at",
            field=models.DateTimeField(db_index=True, verbose_name="expires"),
        ),
        migrations.AddConstraint(
            model_name="invitation",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "pending")),
                fields=("organisation", "email"),
                name="one_pending_invitation_per_address",
            ),
        ),
    ]
