from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("applications", "0003_move_states_to_the_one_history")]

    operations = [
        migrations.RemoveField(model_name="partnerinvitation", name="accepted_at"),
        migrations.RemoveField(model_name="partnerinvitation", name="declined_at"),
        migrations.RemoveField(model_name="partnerinvitation", name="cancelled_at"),
        migrations.AlterField(
            model_name="partnerinvitation",
            name="expires_at",
            field=models.DateTimeField(db_index=True, verbose_name="expires"),
        ),
        migrations.DeleteModel(name="StatusChange"),
        migrations.AlterField(
            model_name="historyentry",
            name="kind",
            field=models.CharField(
                choices=[
                    ("created", "started the application"),
                    ("answer", "changed an answer"),
                    ("participants", "changed the participants"),
                    ("invited", "invited a partner organisation"),
                    ("confirmed", "confirmed the application"),
                    ("unconfirmed", "confirmations withdrawn by a change"),
                    ("extension", "granted an extension"),
                ],
                max_length=20,
            ),
        ),
    ]
