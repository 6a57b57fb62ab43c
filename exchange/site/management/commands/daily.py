from django.core.management.base import BaseCommand

from exchange.applications import services as application_services
from exchange.contacts import board
from exchange.notifications import delivery
from exchange.organisations import services as organisation_services
from exchange.partnerships.reports import services as report_services
from exchange.partnerships.visits import services as visit_services


class Command(BaseCommand):
    help = (
        "The daily jobs (run once a day from cron): expire invitations, send the daily "
        "digests of notices and the weekly board digests, delete passport numbers after "
        "visits. Safe to run more than once."
    )

    def handle(self, *args, **options):
        expired = application_services.expire_invitations()
        expired += organisation_services.expire_invitations()
        boards = board.send_digests()
        reminders = report_services.send_due_reminders()  # first: into today's digests
        digests = delivery.send_daily_digests()
        passports = visit_services.purge_passport_numbers()
        self.stdout.write(
            f"{expired} invitation(s) expired, {boards} board digest(s), "
            f"{reminders} report reminder(s), {digests} daily digest(s) sent, "
            f"{passports} passport number(s) deleted"
        )
