from django.core.management.base import BaseCommand

from exchange.contacts.tasks import send_board_digests


class Command(BaseCommand):
    help = "Queue the weekly e-mail of new partner-search posts (run it daily; each person gets one a week)."

    def handle(self, *args, **options):
        result = send_board_digests.enqueue()
        self.stdout.write(f"queued ({result.status})")
