from django.core.management.base import BaseCommand

from exchange.organisations.models import Organisation
from exchange.organisations.services import write_search_document


class Command(BaseCommand):
    help = (
        "Write every profile's search keys again (after a change of EXCHANGE_TURKEY or "
        "EXCHANGE_EUROPE, which decide each country's side)."
    )

    def handle(self, *args, **options):
        count = 0
        for organisation in Organisation.objects.prefetch_related(
            "languages", "fields", "statements"
        ).iterator(chunk_size=500):
            write_search_document(organisation)
            count += 1
        self.stdout.write(f"{count} profile(s) reindexed")
