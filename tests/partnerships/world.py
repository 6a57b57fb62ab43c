"""A partnership for the authorization tables and the workspace's tests.

`make_workspace(organisation, staff_programme)` makes an active partnership of the call
cohort-2026 between `organisation` (Turkey, lead; the tables' member and org_admin belong
to it) and a German host organisation with an admin of its own; an activity; a story.
Each part of the workspace adds what its rows need in `build(ws)` of its own module
(tests/partnerships/authz_<part>.py), called in PARTS order."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from exchange.applications.models import Application, Partner
from exchange.calls.models import Call
from exchange.organisations.models import Membership
from exchange.partnerships import services
from exchange.partnerships.models import Activity, Member, Partnership, Update
from tests.organisations.factories import OrganisationFactory


@dataclass
class WorkspaceWorld:
    partnership_id: int
    cohort_id: int
    activity_id: int
    update_id: int
    organisation: object  # the Turkish organisation (the personas' own)
    partner: object  # the German organisation
    partner_admin: object
    extra: dict = field(default_factory=dict)

    def __getattr__(self, name):  # ids the parts added: ws.visit_id, ws.expense_id, ...
        try:
            return self.__dict__["extra"][name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def partnership(self) -> Partnership:
        return Partnership.objects.get(pk=self.partnership_id)


def make_partnership(call: Call, organisation, partner, *, seed: int = 90) -> Partnership:
    """A selected application of `call` (the two may have no other in it) turned into an active partnership of the two."""
    from exchange.selection.demo import bulk_submitted

    (application_id,) = bulk_submitted(call, 1, status="selected", seed=seed)
    application = Application.objects.get(pk=application_id)
    # The application's partners are the two organisations (as if they had applied).
    Partner.objects.filter(application=application, is_lead=True).update(organisation=organisation)
    Partner.objects.filter(application=application, is_lead=False).update(organisation=partner)
    cohort = services.create_cohort_only(call=call)
    partnership = Partnership.objects.create(
        cohort=cohort,
        application=application,
        common_issue="Volunteers leave after a few months.",
        goals="Keep volunteers for a year.",
        capacity_area="volunteers",
        grant_amount=call.grant_amount or 3500,
        grant_currency=call.grant_currency or "EUR",
    )
    Member.objects.create(partnership=partnership, organisation=organisation, is_lead=True)
    Member.objects.create(partnership=partnership, organisation=partner, is_lead=False)
    return partnership


def make_workspace(organisation, call_slug="cohort-2026") -> WorkspaceWorld:
    call = Call.objects.get(slug=call_slug)
    partner = OrganisationFactory(
        name="Berliner Ehrenamt e.V.", country="DE", city="Berlin", languages=["de", "en"]
    )
    partner_admin = partner.memberships.get(role=Membership.Role.ADMIN).user
    partnership = make_partnership(call, organisation, partner)
    today = timezone.localdate()
    activity = Activity.objects.create(
        partnership=partnership,
        title="Volunteer survey",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=30),
        owner=organisation,
    )
    update = Update.objects.create(
        partnership=partnership, title="First visit", body="We met in Berlin.", is_story=True
    )
    ws = WorkspaceWorld(
        partnership.pk, partnership.cohort_id, activity.pk, update.pk, organisation, partner,
        partner_admin,
    )  # fmt: skip
    from . import authz

    for part in authz.PARTS:
        part.build(ws)
    return ws
