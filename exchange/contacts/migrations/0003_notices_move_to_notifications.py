from django.db import migrations


class Migration(migrations.Migration):
    """The once-an-hour e-mail rule of conversations is kept by the notifications app."""

    dependencies = [("contacts", "0002_partner_search_board")]

    operations = [migrations.DeleteModel(name="Notice")]
