from django.db import migrations, models


class Migration(migrations.Migration):
    """A cohort's name is written in English, Turkish and German like the call's title."""

    dependencies = [("calls", "0003_form_versions_may_repeat_a_content")]

    operations = [
        migrations.RenameField(model_name="call", old_name="cohort", new_name="cohort_en"),
        migrations.AlterField(
            model_name="call",
            name="cohort_en",
            field=models.CharField(
                help_text="For example: Cohort 2027", max_length=100, verbose_name="cohort (English)"
            ),
        ),
        migrations.AddField(
            model_name="call",
            name="cohort_tr",
            field=models.CharField(
                blank=True,
                help_text="For example: 2027 Dönemi",
                max_length=100,
                verbose_name="cohort (Turkish)",
            ),
        ),
        migrations.AddField(
            model_name="call",
            name="cohort_de",
            field=models.CharField(
                blank=True,
                help_text="For example: Jahrgang 2027",
                max_length=100,
                verbose_name="cohort (German)",
            ),
        ),
    ]
