"""Truth table of contacts' rules: every rule x every persona."""

import datetime

import pytest
from django.utils import timezone

from exchange.contacts import board, services
from exchange.contacts import permissions as rules
from tests.rules import PERSONAS, persona, rows

TABLE = {
    # the request is sent by partner to organisation
    "can_send_from": {"member", "org_admin"},  # in the name of `organisation`
    "can_decide": {"org_admin"},
    "can_read_request": {"member", "org_admin", "partner_admin"},
    "can_take_part": {"member", "org_admin", "partner_admin"},
    "can_block_or_report": {"org_admin"},
    "can_manage_post": {"member", "org_admin"},  # the post is organisation's
    "can_answer_reply": {"member", "org_admin"},
}


@pytest.fixture
def objects(organisation, partner, partner_admin, org_admin):
    pending = services.send_contact_request(
        sender=partner, recipient=organisation, by=partner_admin, message="Hello"
    )
    post = board.create_post(
        organisation=organisation,
        by=org_admin,
        area="governance",
        description="A board that works",
        reply_deadline=timezone.localdate() + datetime.timedelta(days=7),
    )
    reply = board.reply_to_post(
        post=post, organisation=partner, by=partner_admin, brings="advocacy", message="Hi"
    )
    return {"request": pending, "post": post, "reply": reply}


@pytest.mark.parametrize(("rule", "allowed_personas"), rows(TABLE), ids=list(TABLE))
def test_rule(request, subtests, objects, organisation, org_admin, rule, allowed_personas):
    for who in PERSONAS:
        with subtests.test(persona=who):
            check(request, objects, organisation, org_admin, rule, who, who in allowed_personas)


def check(request, objects, organisation, org_admin, rule, who, allowed):
    user = persona(request, who)
    target = {
        "can_send_from": organisation,
        "can_block_or_report": organisation,
        "can_decide": objects["request"],
        "can_read_request": objects["request"],
        "can_manage_post": objects["post"],
        "can_answer_reply": objects["reply"],
    }.get(rule)
    if rule == "can_take_part":
        if "conversation" not in objects:
            objects["conversation"] = services.accept_request(
                request=objects["request"], by=org_admin
            )
        target = objects["conversation"]
        request.getfixturevalue("org_member")
    decision = getattr(rules, rule)(user, target)
    assert bool(decision) is allowed, f"{who}: {decision.reason}"
