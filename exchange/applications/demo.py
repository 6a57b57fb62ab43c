"""Demo applications (idempotent): drafts in progress on the open call, and submitted
applications on the closed call, replayed at a moment before its deadline."""

import datetime
from unittest import mock

from django.db import transaction

from exchange.calls import services as call_services
from exchange.calls.models import Call
from exchange.organisations.demo import demo_admin as _admin
from exchange.organisations.models import Organisation

from . import deadline, services
from .models import Application

ANSWERS = {
    "common_issue": (
        "Both organisations depend on volunteers but lose most of them within a year. We want "
        "to build a volunteer management cycle: recruiting, onboarding, recognition, and keeping "
        "people involved between projects."
    ),
    "capacity_area": "volunteer-management",
    "planned_model": (
        "A shared volunteer journey with a handbook, a short onboarding course and a simple "
        "recognition scheme, tested in both organisations and written up for others."
    ),
    "visits_plan": (
        "Month 2: visit to İstanbul (three days). Month 4: visit to Berlin (three days). "
        "Monthly online meetings of the four participants."
    ),
    "expected_results": "Fewer volunteers leaving; a handbook in Turkish, German and English.",
    "sharing": "An open webinar, the handbook in the model library, and a blog series.",
    "budget": "Travel 1,600 EUR; accommodation 1,200 EUR; meetings and translation 700 EUR.",
    "budget_total": "3500",
}
ORG_ANSWERS = {
    "motivation": "We want to learn how others keep volunteers motivated over years.",
    "brings": "Ten years of youth work with volunteers, and a trainers' network.",
    "learn": "Structured onboarding and recognition of volunteers.",
    "european_project": "yes",
}


def _participants(organisation):
    slug = organisation.slug[:20]
    return [
        {
            "name": "Deniz Kaya",
            "role": "Volunteer coordinator",
            "email": f"deniz@{slug}.example",
            "needs_visa": organisation.country.code == "TR",
        },
        {
            "name": "Ali Şahin",
            "role": "Director",
            "email": f"ali@{slug}.example",
            "needs_visa": organisation.country.code == "TR",
        },
    ]


def _partnership(call, lead, partner, *, answers=True, participants=True, submit=False):
    lead_admin, partner_admin = _admin(lead), _admin(partner)
    application = services.start_application(call=call, organisation=lead, by=lead_admin)
    invitation = services.invite_partner(
        application=application, by=lead_admin, organisation=partner
    )
    services.accept_invitation(invitation=invitation, organisation=partner, by=partner_admin)
    if answers:
        services.save_answers(
            application=application, organisation=None, by=lead_admin, values=ANSWERS, versions={}
        )
        for organisation, person in ((lead, lead_admin), (partner, partner_admin)):
            services.save_answers(
                application=application,
                organisation=organisation,
                by=person,
                values=ORG_ANSWERS,
                versions={},
            )
    if participants:
        for organisation, person in ((lead, lead_admin), (partner, partner_admin)):
            services.save_participants(
                application=application,
                organisation=organisation,
                by=person,
                rows=_participants(organisation),
            )
    if submit:
        services.confirm_application(application=application, organisation=lead, by=lead_admin)
        services.confirm_application(
            application=application, organisation=partner, by=partner_admin
        )
        services.submit_application(application=application, by=lead_admin)
    return application


@transaction.atomic
def load_demo_applications() -> None:
    orgs = {o.ref: o for o in Organisation.objects.filter(ref__startswith="demo-")}
    open_call = Call.objects.filter(slug="cohort-2027").first()
    closed_call = Call.objects.filter(slug="cohort-2026").first()
    if not open_call or not closed_call or Application.objects.exists():
        return
    for call in (open_call, closed_call):
        call_services.add_default_form(call)

    # The closed call, replayed the day before its deadline.
    the_day_before = closed_call.closes_at - datetime.timedelta(days=1)
    with mock.patch.object(deadline, "now", return_value=the_day_before):
        submitted = []
        for tr, eu in (
            ("demo-tr-02", "demo-de-17"),
            ("demo-tr-03", "demo-fr-25"),
            ("demo-tr-04", "demo-it-32"),
        ):
            if tr in orgs and eu in orgs:
                submitted.append(_partnership(closed_call, orgs[tr], orgs[eu], submit=True))
        if submitted:
            staff = closed_call.programme.staff.first()
            if staff:
                services.change_status(
                    application=submitted[0], to=Application.Status.UNDER_REVIEW, by=staff
                )

    # The open call: Ayşe (İstanbul) and Anna (Berlin) are writing; one organisation applies alone.
    if "demo-tr-01" in orgs and "demo-de-16" in orgs:
        _partnership(open_call, orgs["demo-tr-01"], orgs["demo-de-16"], participants=False)
    if "demo-at-21" in orgs and open_call.single_applicants_allowed:
        services.start_application(
            call=open_call,
            organisation=orgs["demo-at-21"],
            by=_admin(orgs["demo-at-21"]),
            seeking_partner=True,
        )
