"""Set up the rush: an open call closing in ten minutes, and per applicant a Turkish and a
German organisation (one person administers both), everything filled in except the answers
typed during the rush, and a signed-in session."""

import datetime
import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exchange.settings")
django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.utils import timezone  # noqa: E402

from exchange.accounts.models import User  # noqa: E402
from exchange.applications import services  # noqa: E402
from exchange.calls import services as call_services  # noqa: E402
from exchange.calls.models import Call, Programme  # noqa: E402
from exchange.organisations.models import Membership, Organisation  # noqa: E402


def main(count, path):
    now = timezone.now()
    programme = Programme.objects.create(name="Rush", slug="rush")
    call = Call.objects.create(
        programme=programme,
        slug="rush",
        cohort_en="Rush",
        title_en="Rush",
        text_en="Rush",
        opens_at=now - datetime.timedelta(days=30),
        closes_at=now + datetime.timedelta(minutes=10),
        turkey_countries=["TR"],
        europe_countries=["DE"],
    )
    call_services.add_default_form(call)
    plan = []
    for i in range(count):
        user = User.objects.create_user(f"rush{i}@bench.example", None, display_name=f"Rush {i}")
        tr = Organisation.objects.create(
            name=f"Rush TR {i}", slug=f"rush-tr-{i}", country="TR", city="Ankara"
        )
        de = Organisation.objects.create(
            name=f"Rush DE {i}", slug=f"rush-de-{i}", country="DE", city="Köln"
        )
        for org in (tr, de):
            Membership.objects.create(organisation=org, user=user, role=Membership.Role.ADMIN)
        application = services.start_application(call=call, organisation=tr, by=user)
        invitation = services.invite_partner(application=application, by=user, organisation=de)
        services.accept_invitation(invitation=invitation, organisation=de, by=user)
        for org in (tr, de):
            services.save_participants(
                application=application,
                organisation=org,
                by=user,
                rows=[
                    {"name": "A", "role": "Director", "email": f"a{i}@{org.slug}.example"},
                    {"name": "B", "role": "Coordinator", "email": f"b{i}@{org.slug}.example"},
                ],
            )
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        plan.append(
            {"application": application.pk, "orgs": [tr.pk, de.pk], "session": session.session_key}
        )
    with open(path, "w") as f:
        json.dump(plan, f)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
