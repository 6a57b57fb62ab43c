"""Truth table of organisations' rules: every rule x every persona."""

import pytest

from exchange.organisations import permissions as rules
from exchange.organisations.models import Organisation
from tests.rules import PERSONAS, persona, rows

MEMBERS = {"member", "org_admin"}
SIGNED_IN = {
    "member",
    "org_admin",
    "partner_admin",
    "outsider",
    "staff",
    "other_staff",
    "superuser",
}

TABLE = {
    "can_view (public)": SIGNED_IN | {"anonymous"},
    "can_view (members only)": SIGNED_IN,
    "can_view_private": MEMBERS | {"superuser"},
    "can_edit": {"org_admin", "superuser"},
    "can_manage_members": {"org_admin", "superuser"},
    "can_leave": {"member"},  # the only admin must hand over first
    "can_create_organisation": SIGNED_IN,
    "can_view_contact_details": MEMBERS | {"superuser", "partner_admin"},  # partner: accepted
    "can_request_contact": {"outsider", "staff", "other_staff"},
}


@pytest.mark.parametrize(("rule", "allowed_personas"), rows(TABLE), ids=list(TABLE))
def test_rule(
    request, subtests, organisation, partner, partner_admin, org_admin, rule, allowed_personas
):
    from exchange.contacts import services as contacts

    accepted = contacts.send_contact_request(
        sender=partner, recipient=organisation, by=partner_admin, message="Hello"
    )
    contacts.accept_request(request=accepted, by=org_admin)
    for who in PERSONAS:
        with subtests.test(persona=who):
            check(request, organisation, rule, who, who in allowed_personas)


def check(request, organisation, rule, who, allowed):
    user = persona(request, who)
    name, _, variant = rule.partition(" (")
    if variant.startswith("members"):
        organisation.visibility = Organisation.Visibility.MEMBERS
        organisation.save()
    rule_of = getattr(rules, name)
    fresh = Organisation.objects.get(pk=organisation.pk)
    decision = rule_of(user) if name == "can_create_organisation" else rule_of(user, fresh)
    assert bool(decision) is allowed, f"{who}: {decision.reason}"
    if not allowed:
        assert decision.reason and decision.code
