from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from exchange.organisations.models import SearchDocument


@receiver(post_save, sender=SearchDocument)
def read_profile_texts(sender, instance, **kwargs):
    # SearchDocument is written last whenever a profile's texts change (services.update_
    # organisation / create_organisation); bulk imports call read_organisations themselves.
    from .tasks import read_organisation

    organisation_id = instance.organisation_id
    transaction.on_commit(lambda: read_organisation.enqueue(organisation_id))
