"""Rows of the workspace's visits (see tests/partnerships/authz.py).

The visits of the rows are hosted BY the personas' Turkish organisation, so `org_admin` is
a host admin (confirms, issues letters) and `member` is not; the travellers come from the
German partner."""

import datetime

from django.urls import reverse
from django.utils import timezone

from exchange.organisations.models import Membership
from exchange.partnerships.visits import services
from exchange.partnerships.visits.models import Visit

from .expect import API_READ, WS_FORM, WS_READ, WS_WRITE, everyone

# Letters: the host's admins and the programme's staff; the host's other people are refused.
LETTERS = {**everyone(404), "anonymous": 302, "member": 403, "org_admin": 200, "staff": 200}
LETTERS_API = {**LETTERS, "anonymous": 401}
# A form POSTed without its fields: the form again (400) for those who may use it.
FORM_POST = {**WS_WRITE, "member": 400, "org_admin": 400}
API_WRITE = {**everyone(404), "anonymous": 401, "member": 200, "org_admin": 200, "staff": 403}
API_CREATE = {**API_WRITE, "member": 201, "org_admin": 201}


def build(ws):
    admin = ws.organisation.memberships.get(role=Membership.Role.ADMIN).user
    partnership = ws.partnership
    today = timezone.localdate()
    visit = services.plan_visit(
        partnership=partnership,
        by=ws.partner_admin,
        host=ws.organisation,
        from_city="Berlin",
        from_country="DE",
        starts_on=today + datetime.timedelta(days=20),
        ends_on=today + datetime.timedelta(days=24),
        purpose="Study visit: volunteer management in Ankara",
        programme="Day 1: meeting the volunteers.",
        mode=Visit.Mode.PHYSICAL,
    )
    traveller = services.add_traveller(
        visit=visit, by=ws.partner_admin, name="Olena Kovalenko", organisation=ws.partner,
        needs_visa=True, nationality="UA", passport_number="FX1234567",
        costs_covered="Travel and accommodation from the grant.",
    )  # fmt: skip
    services.add_traveller(
        visit=visit, by=ws.partner_admin, name="Jonas Weber", organisation=ws.partner
    )
    services.move_visit(visit=visit, to=Visit.Status.CONFIRMED, by=admin)
    letter = services.issue_letter(
        visit=visit, traveller=traveller, by=admin, language="tr",
        host_address="Atatürk Bulvarı 1, Çankaya", signatory_name="Ayşe Yılmaz",
        signatory_role="Başkan", costs_covered="Travel and accommodation from the grant.",
    )  # fmt: skip
    planned = services.plan_visit(
        partnership=partnership,
        by=ws.partner_admin,
        host=ws.organisation,
        starts_on=today + datetime.timedelta(days=60),
        ends_on=today + datetime.timedelta(days=62),
        purpose="Second visit",
    )
    spare = services.add_traveller(
        visit=planned, by=ws.partner_admin, name="Lena Schmidt", organisation=ws.partner
    )
    ws.extra.update(
        visit_id=visit.pk,
        visa_traveller_id=traveller.pk,
        letter_id=letter.pk,
        letter_token=services.verification_token(letter),
        planned_visit_id=planned.pk,
        traveller_id=spare.pk,
    )


def _url(name, *parts):
    return lambda w: reverse(
        f"visits:{name}",
        args=[w.workspace.partnership_id, *[getattr(w.workspace, p) for p in parts]],
    )


def _api(name, *parts):
    return lambda w: reverse(
        f"api:{name}",
        args=[w.workspace.partnership_id, *[getattr(w.workspace, p) for p in parts]],
    )


PAGES = {
    "visits:list": ("get", _url("list"), WS_READ),
    "visits:add": ("get", _url("add"), WS_FORM),
    "visits:add (saving)": ("post", _url("add"), FORM_POST),
    "visits:detail": ("get", _url("detail", "visit_id"), WS_READ),
    "visits:edit": ("get", _url("edit", "planned_visit_id"), WS_FORM),
    "visits:edit (saving)": ("post", _url("edit", "planned_visit_id"), FORM_POST),
    # Without a status to move to: sent back to the visit with a message.
    "visits:move": ("post", _url("move", "planned_visit_id"), WS_WRITE),
    "visits:traveller-add": ("get", _url("traveller-add", "planned_visit_id"), WS_FORM),
    "visits:traveller-add (saving)": ("post", _url("traveller-add", "planned_visit_id"), FORM_POST),
    "visits:traveller": ("get", _url("traveller", "planned_visit_id", "traveller_id"), WS_FORM),
    "visits:traveller-delete": (
        "post",
        _url("traveller-delete", "planned_visit_id", "traveller_id"),
        WS_WRITE,
    ),
    "visits:letter-add": ("get", _url("letter-add", "visit_id"), LETTERS),
    "visits:letter-add (issuing)": (
        "post",
        _url("letter-add", "visit_id"),
        {**LETTERS, "org_admin": 400, "staff": 400},
    ),
    "visits:letter-pdf": ("get", _url("letter-pdf", "visit_id", "letter_id"), LETTERS),
    # Without a reason: sent back to the visit with a message; the letter stays valid.
    "visits:letter-revoke": (
        "post",
        _url("letter-revoke", "visit_id", "letter_id"),
        {**LETTERS, "org_admin": 302, "staff": 302},
    ),
    "visits:verify": (
        "get",
        lambda w: reverse("visits:verify", args=[w.workspace.letter_token]),
        everyone(200),
    ),
    "visits:cohort-calendar": (
        "get",
        lambda w: reverse("visits:cohort-calendar", args=[w.workspace.cohort_id]),
        {**everyone(404), "anonymous": 302, "staff": 200},
    ),
}


def _new_visit(w, me):
    today = timezone.localdate()
    return {
        "host": w.workspace.partner.slug,
        "starts_on": (today + datetime.timedelta(days=90)).isoformat(),
        "ends_on": (today + datetime.timedelta(days=93)).isoformat(),
        "purpose": "Visit to Berlin",
    }


def _letter(w, me):
    return {
        "traveller": w.workspace.visa_traveller_id,
        "language": "en",
        "host_address": "Atatürk Bulvarı 1, Çankaya",
        "signatory_name": "Ayşe Yılmaz",
        "signatory_role": "President",
        "costs_covered": "Travel from the grant.",
    }


API = {
    "api:visits": ("get", _api("visits"), API_READ, None),
    "api:visits (planning)": ("post", _api("visits"), API_CREATE, _new_visit),
    "api:visit": ("get", _api("visit", "visit_id"), API_READ, None),
    "api:visit (changing)": (
        "patch",
        _api("visit", "planned_visit_id"),
        API_WRITE,
        lambda w, me: {"purpose": "Second visit, longer"},
    ),
    # Only the host's admin confirms; staff follow and do not move visits.
    "api:visit-status": (
        "post",
        _api("visit-status", "planned_visit_id"),
        {**API_WRITE, "member": 403},
        lambda w, me: {"to": "confirmed"},
    ),
    "api:visit-travellers": ("get", _api("visit-travellers", "visit_id"), API_READ, None),
    "api:visit-travellers (adding)": (
        "post",
        _api("visit-travellers", "planned_visit_id"),
        API_CREATE,
        lambda w, me: {"name": "Max Mustermann", "organisation": w.workspace.partner.slug},
    ),
    "api:visit-traveller": (
        "get",
        _api("visit-traveller", "planned_visit_id", "traveller_id"),
        API_READ,
        None,
    ),
    "api:visit-traveller (changing)": (
        "patch",
        _api("visit-traveller", "planned_visit_id", "traveller_id"),
        API_WRITE,
        lambda w, me: {"other_needs": "Vegetarian"},
    ),
    "api:visit-letters": ("get", _api("visit-letters", "visit_id"), LETTERS_API, None),
    "api:visit-letters (issuing)": (
        "post",
        _api("visit-letters", "visit_id"),
        {**LETTERS_API, "org_admin": 201, "staff": 201},
        _letter,
    ),
    "api:visit-letter-pdf": (
        "get",
        _api("visit-letter-pdf", "visit_id", "letter_id"),
        LETTERS_API,
        None,
    ),
    # The host's admin revokes it; staff then find it revoked already (409).
    "api:visit-letter-revoke": (
        "post",
        _api("visit-letter-revoke", "visit_id", "letter_id"),
        {**LETTERS_API, "staff": 409},
        lambda w, me: {"reason": "The visit moved."},
    ),
}
