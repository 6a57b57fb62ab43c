from django.core.management.base import BaseCommand

from exchange.organisations.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo organisations and demo people (safe to run again)."

    def handle(self, *args, **options):
        logins = load_demo()
        from django.test.utils import override_settings

        from exchange.contacts.demo import load_demo_contacts

        # The demo's own contact requests and messages send no e-mails.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            load_demo_contacts()
        from exchange.accounts.models import User
        from exchange.calls.demo import load_demo_calls

        load_demo_calls(User.objects.filter(email="staff@demo.exchange").first())
        from exchange.applications.demo import load_demo_applications

        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            load_demo_applications()
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
