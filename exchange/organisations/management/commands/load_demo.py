from django.core.management.base import BaseCommand

from exchange.organisations.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo organisations and demo people (safe to run again)."

    def handle(self, *args, **options):
        logins = load_demo()
        # Read the demo's texts and learn from its labelled needs, so that recommended
        # partners work at once (a background task in production).
        from exchange.matching.tasks import refresh_readings

        refresh_readings.enqueue()
        self.stdout.write(
            self.style.SUCCESS(
                "Demo data loaded. Sign in at http://127.0.0.1:8000/accounts/login/ with:"
            )
        )
        for email, password, role in logins:
            self.stdout.write(f"  {email:<24} {password:<20} {role}")
