from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from exchange.accounts.models import User
from exchange.applications.demo import load_demo_applications
from exchange.calls.demo import load_demo_calls
from exchange.contacts.demo import load_demo_contacts
from exchange.library.demo import load_demo_library
from exchange.matching.tasks import refresh_readings
from exchange.organisations.demo import load_demo
from exchange.partnerships.demo import load_demo_partnerships
from exchange.selection.demo import load_demo_selection


class Command(BaseCommand):
    help = (
        "Load the demo organisations, people, contacts, calls, applications, partnerships and "
        "the model library (safe to run again)."
    )

    def handle(self, *args, **options):
        logins = load_demo()
        # The demo's own requests, messages and applications send no e-mails.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            load_demo_contacts()
            load_demo_calls(User.objects.filter(email="staff@demo.exchange").first())
            load_demo_applications()
            load_demo_selection()
            load_demo_partnerships()
            load_demo_library()
        # Read the demo's texts and learn from its labelled needs, so that recommended
        # partners work at once (a background task in production).
        refresh_readings.enqueue()
        self.stdout.write(
            self.style.SUCCESS(
                "Demo data loaded. Sign in at http://127.0.0.1:8000/accounts/login/ with:"
            )
        )
        for email, password, role in logins:
            self.stdout.write(f"  {email:<24} {password:<20} {role}")
