import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="StatusChange",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("object_id", models.PositiveBigIntegerField()),
                ("workflow", models.CharField(max_length=60)),
                ("from_status", models.CharField(max_length=30, verbose_name="from")),
                ("to_status", models.CharField(max_length=30, verbose_name="to")),
                ("at", models.DateTimeField(auto_now_add=True, db_index=True)),
                ("reason", models.TextField(blank=True, verbose_name="reason")),
                ("by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("content_type", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="contenttypes.contenttype")),
            ],
            options={
                "verbose_name": "change of status",
                "verbose_name_plural": "changes of status",
                "ordering": ["-at", "-pk"],
                "indexes": [models.Index(fields=["content_type", "object_id"], name="status_change_object")],
            },
        ),
    ]
