from django.core.management.base import BaseCommand

from exchange.applications import services as application_services
from exchange.contacts import board
from exchange.notifications import delivery
from exchange.organisations import services as organisation_services


class Command(BaseCommand):
    help = (
        "The daily jobs (run once a day from cron): expire invitations, send the daily "
        "digests of notices and the weekly board digests. Safe to run more than once."
    )

    def handle(self, *args, **options):
        expired = application_services.expire_invitations()
        expired += organisation_services.expire_invitations()
        boards = board.send_digests()
        digests = delivery.send_daily_digests()
        self.stdout.write(
            f"{expired} invitation(s) expired, {boards} board digest(s), "
            f"{digests} daily digest(s) sent"
        )
