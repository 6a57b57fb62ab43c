from django.core.management.base import BaseCommand

from exchange.notifications.tasks import send_daily_digests


class Command(BaseCommand):
    help = "E-mail each person their daily digest of notices (run once a day from cron)."

    def handle(self, *args, **options):
        result = send_daily_digests.enqueue()
        self.stdout.write(f"digests queued ({result.id})")
