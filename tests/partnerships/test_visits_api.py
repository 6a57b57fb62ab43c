"""Visits through the API as a program uses it (a personal token), and the demo data."""

import datetime

from django.urls import reverse
from django.utils import timezone

from exchange.partnerships.models import Partnership
from exchange.partnerships.visits import demo, pdf
from exchange.partnerships.visits.models import InvitationLetter, Traveller, Visit
from tests.api.helpers import call, client_for
from tests.organisations.factories import OrganisationFactory
from tests.partnerships.visits_fixtures import trip  # noqa: F401
from tests.partnerships.world import make_partnership


def _url(name, *args):
    return reverse(f"api:{name}", args=args)


def test_plan_a_visit_add_a_traveller_confirm_and_issue_a_letter(trip):  # noqa: F811
    p = trip["partnership"]
    me = client_for(trip["admin"])
    start = timezone.localdate() + datetime.timedelta(days=70)
    bad = call(me, "post", _url("visits", p.pk), {
        "host": trip["german"].slug, "starts_on": start.isoformat(),
        "ends_on": (start - datetime.timedelta(days=1)).isoformat(), "purpose": "x",
    })  # fmt: skip
    assert bad.status_code == 422 and "ends_on" in bad.json()["errors"]
    stranger = OrganisationFactory(name="Elsewhere", country="NL")
    bad = call(me, "post", _url("visits", p.pk), {
        "host": stranger.slug, "starts_on": start.isoformat(), "ends_on": start.isoformat(),
        "purpose": "x",
    })  # fmt: skip
    assert bad.status_code == 422 and "host" in bad.json()["errors"]
    made = call(me, "post", _url("visits", p.pk), {
        "host": trip["german"].slug, "starts_on": start.isoformat(),
        "ends_on": (start + datetime.timedelta(days=2)).isoformat(), "purpose": "Lernen",
        "from_country": "tr",
    })  # fmt: skip
    assert made.status_code == 201, made.content
    visit = made.json()
    assert visit["status"] == "planned" and visit["from_country"] == "TR"
    assert visit["permitted"] == ["cancelled"]  # not the host: no confirming
    added = call(me, "post", _url("visit-travellers", p.pk, visit["id"]), {
        "name": "Elif Kaya", "organisation": trip["turkish"].slug, "needs_visa": True,
        "nationality": "TR", "passport_number": "U 1122 3344",
    })  # fmt: skip
    assert added.status_code == 201
    body = added.json()
    assert body["has_passport_number"] is True and "passport_number" not in body
    assert Traveller.objects.get(pk=body["id"]).passport_number == "U11223344"
    listed = call(me, "get", _url("visit-travellers", p.pk, visit["id"])).content.decode()
    assert "U11223344" not in listed and "3344" not in listed
    assert (
        call(me, "post", _url("visit-status", p.pk, visit["id"]), {"to": "confirmed"}).status_code
        == 403
    )
    host = client_for(trip["host_admin"])
    moved = call(host, "post", _url("visit-status", p.pk, visit["id"]), {"to": "confirmed"})
    assert moved.status_code == 200 and moved.json()["status"] == "confirmed"
    again = call(host, "post", _url("visit-status", p.pk, visit["id"]), {"to": "confirmed"})
    assert again.status_code == 409 and again.json()["code"] == "transition"
    letter = call(host, "post", _url("visit-letters", p.pk, visit["id"]), {
        "traveller": body["id"], "language": "de", "host_address": "Domstraße 1, Köln",
        "signatory_name": "Jürgen Weiß", "signatory_role": "Vorsitzender",
        "costs_covered": "Der Zuschuss",
    })  # fmt: skip
    assert letter.status_code == 201, letter.content
    out = letter.json()
    assert out["number"].startswith("CSE-") and out["status"] == "issued"
    assert out["verification_url"].startswith("http://testserver/letters/verify/")
    assert "U11223344" not in letter.content.decode()
    assert call(me, "get", _url("visit-letters", p.pk, visit["id"])).status_code == 403
    document = call(host, "get", _url("visit-letter-pdf", p.pk, visit["id"], out["id"]))
    if pdf.is_available():
        assert document.status_code == 200 and document.content.startswith(b"%PDF")
    revoked = call(
        host, "post", _url("visit-letter-revoke", p.pk, visit["id"], out["id"]), {"reason": "x"}
    )
    assert revoked.status_code == 200 and revoked.json()["status"] == "revoked"
    assert InvitationLetter.objects.get(pk=out["id"]).status == "revoked"


def test_changing_a_visit_and_a_traveller(trip):  # noqa: F811
    p, visit, traveller = trip["partnership"], trip["visit"], trip["traveller"]
    me = client_for(trip["member"])
    changed = call(me, "patch", _url("visit", p.pk, visit.pk), {"purpose": "Neu"})
    assert changed.status_code == 200 and changed.json()["purpose"] == "Neu"
    bad = call(me, "patch", _url("visit", p.pk, visit.pk), {
        "ends_on": (visit.starts_on - datetime.timedelta(days=1)).isoformat(),
    })  # fmt: skip
    assert bad.status_code == 422
    url = _url("visit-traveller", p.pk, visit.pk, traveller.pk)
    assert call(me, "patch", url, {"other_needs": "Halal"}).json()["other_needs"] == "Halal"
    assert Traveller.objects.get(pk=traveller.pk).passport_number == "U12345678"
    assert call(me, "patch", url, {"forget_passport": True}).json()["has_passport_number"] is False
    staff = client_for(trip["staff"])
    assert call(staff, "get", url).status_code == 200
    assert call(staff, "patch", url, {"other_needs": "x"}).status_code == 403


def test_demo_visits_at_each_stage_and_the_bulk_for_the_benchmark(trip):  # noqa: F811
    call_ = trip["partnership"].cohort.call
    made = {}
    for n, stage in enumerate(("starting", "midway", "late", "finished")):
        turkish = OrganisationFactory(name=f"Demo TR {n}", country="TR", city="İzmir")
        german = OrganisationFactory(name=f"Demo DE {n}", country="DE", city="Leipzig")
        partnership = make_partnership(call_, turkish, german, seed=200 + n)
        made[stage] = demo.load_demo_visits(partnership, stage=stage)
    assert [v.status for v in made["starting"]] == ["planned"]
    assert [v.status for v in made["midway"]] == ["done", "confirmed"]
    assert made["midway"][1].letters.get().status == "issued"
    assert [v.status for v in made["late"]] == ["cancelled"]
    assert [v.status for v in made["finished"]] == ["done", "done"]
    before = Visit.objects.count()
    count = demo.bulk_visits(Partnership.objects.all(), seed=1)
    assert count == Visit.objects.count() - before == 12 * Partnership.objects.count()
