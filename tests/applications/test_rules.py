"""Truth table of applications' and calls' rules: every rule x every persona, on a draft
of `organisation` (Turkey) with `partner` (Germany) to a call of one programme."""

import pytest

from exchange.applications import permissions as rules
from exchange.applications.models import Application
from exchange.calls import permissions as call_rules
from tests.rules import PERSONAS, persona, rows

APPLICANTS = {"member", "org_admin", "partner_admin"}
ADMINS = {"org_admin", "partner_admin"}
STAFF = {"staff", "superuser"}

TABLE = {
    "can_view": APPLICANTS | STAFF,
    "can_edit": APPLICANTS,
    "can_manage": ADMINS,
    "can_invite": set(),  # the partnership is complete
    "can_submit": ADMINS,
    "can_withdraw": ADMINS,
    "can_decide": STAFF,
    "can_confirm": {"org_admin"},  # for `organisation`
    "can_start": {"org_admin"},  # for `organisation`
    "can_run_programme": STAFF,
    "can_manage_call": STAFF,
}


@pytest.mark.parametrize(("rule", "allowed_personas"), rows(TABLE), ids=list(TABLE))
def test_rule(
    request, subtests, application, organisation, programme, call, rule, allowed_personas
):
    for who in PERSONAS:
        with subtests.test(persona=who):
            check(
                request,
                application,
                organisation,
                programme,
                call,
                rule,
                who,
                who in allowed_personas,
            )


def check(request, application, organisation, programme, call, rule, who, allowed):
    user = persona(request, who, programme)
    fresh = Application.objects.select_related("call__programme").get(pk=application.pk)
    if rule == "can_confirm":
        decision = rules.can_confirm(user, fresh, organisation)
    elif rule == "can_start":
        decision = rules.can_start(user, organisation)
    elif rule == "can_run_programme":
        decision = call_rules.can_run_programme(user, programme)
    elif rule == "can_manage_call":
        decision = call_rules.can_manage_call(user, call)
    else:
        decision = getattr(rules, rule)(user, fresh)
    assert bool(decision) is allowed, f"{who}: {decision.reason}"
    if not allowed:
        assert decision.reason and decision.code
