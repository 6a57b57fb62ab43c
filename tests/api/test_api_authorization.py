"""The API's authorization table: every endpoint x persona, each with a personal token
(read-write; staff have two factors), against the same world as the pages' table
(tests/test_authorization.py). A test fails when an endpoint has no entry.

Reads run every persona on one world. A write runs on a fresh world per row, refused
personas first and those allowed last, so that a refusal is never hidden by an earlier
success; where two personas may do it, the second's outcome is the one written here."""

import datetime

import pytest
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone

from exchange.organisations.models import Membership
from tests.organisations.factories import OrganisationFactory
from tests.partnerships import authz as workspace_authz
from tests.test_authorization import PERSONAS, persona_user, shared_world, world  # noqa: F401

from .helpers import call, client_for

ORDER = ("anonymous", "other", "other_staff", "staff", "member", "org_admin")


def everyone(status):
    return dict.fromkeys(PERSONAS, status)


SIGNED = {**everyone(200), "anonymous": 401}
ORG_PEOPLE = {**everyone(403), "anonymous": 401, "member": 200, "org_admin": 200}
ORG_ADMINS = {**everyone(403), "anonymous": 401, "org_admin": 200}
APP_PEOPLE = {**everyone(404), "anonymous": 401, "member": 200, "org_admin": 200, "staff": 200}
STAFF_ONLY = {**everyone(404), "anonymous": 401, "staff": 200}


def own(me):
    """The slug of the persona's (first) organisation."""
    membership = Membership.objects.filter(user=me).select_related("organisation").first()
    return membership.organisation.slug if membership else "none"


def later(days=7):
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def fresh_org(name="Fresh Partner", country="NL"):
    return OrganisationFactory(name=name, country=country, city="Utrecht", languages=["en"]).slug


def application_url(name, *extra):
    return lambda w: reverse(f"api:{name}", args=[w.application_id, *extra])


# name -> (method, url(world), expected {persona: status}, body(world, me) or None)
TABLE = {
    "api:schema": ("get", lambda w: reverse("api:schema"), everyone(200), None),
    "api:docs": ("get", lambda w: reverse("api:docs"), everyone(200), None),
    "api:not-found": ("get", lambda w: "/api/v1/no-such-thing/", everyone(404), None),
    "api:calls": ("get", lambda w: reverse("api:calls"), everyone(200), None),
    "api:call": ("get", lambda w: reverse("api:call", args=[w.call_slug]), everyone(200), None),
    "api:call-form": (
        "get",
        lambda w: reverse("api:call-form", args=[w.call_slug]),
        everyone(200),
        None,
    ),
    "api:taxonomy": ("get", lambda w: reverse("api:taxonomy"), everyone(200), None),
    "api:organisations": ("get", lambda w: reverse("api:organisations"), everyone(200), None),
    "api:organisation": (
        "get",
        lambda w: reverse("api:organisation", args=[w.organisation.slug]),
        everyone(200),
        None,
    ),
    "api:organisation (members-only profile)": (
        "get",
        lambda w: reverse("api:organisation", args=[w.private.slug]),
        {**everyone(200), "anonymous": 404},
        None,
    ),
    "api:me": ("get", lambda w: reverse("api:me"), SIGNED, None),
    "api:me (change)": (
        "patch",
        lambda w: reverse("api:me"),
        SIGNED,
        lambda w, me: {"display_name": "Renamed", "timezone": "Europe/Berlin"},
    ),
    "api:my-organisations": ("get", lambda w: reverse("api:my-organisations"), SIGNED, None),
    "api:notification-preferences": (
        "get",
        lambda w: reverse("api:notification-preferences"),
        SIGNED,
        None,
    ),
    "api:notification-preferences (change)": (
        "put",
        lambda w: reverse("api:notification-preferences"),
        SIGNED,
        lambda w, me: [{"kind": "board", "channel": "daily"}],
    ),
    "api:organisation-profile": (
        "patch",
        lambda w: reverse("api:organisation-profile", args=[w.organisation.slug]),
        ORG_ADMINS,
        lambda w, me: {"city": "İzmir", "hosts_visits": True},
    ),
    "api:members": (
        "get",
        lambda w: reverse("api:members", args=[w.organisation.slug]),
        ORG_PEOPLE,
        None,
    ),
    "api:member": (
        "patch",
        lambda w: reverse("api:member", args=[w.organisation.slug, w.spare.pk]),
        ORG_ADMINS,
        lambda w, me: {"role": "admin"},
    ),
    "api:member (remove)": (
        "delete",
        lambda w: reverse("api:member", args=[w.organisation.slug, w.spare.pk]),
        {**ORG_ADMINS, "org_admin": 204},
        None,
    ),
    "api:member-invitations": (
        "get",
        lambda w: reverse("api:member-invitations", args=[w.organisation.slug]),
        ORG_ADMINS,
        None,
    ),
    "api:member-invitations (invite)": (
        "post",
        lambda w: reverse("api:member-invitations", args=[w.organisation.slug]),
        {**ORG_ADMINS, "org_admin": 201},
        lambda w, me: {"email": "colleague@example.org"},
    ),
    "api:member-invitation": (
        "delete",
        lambda w: reverse("api:member-invitation", args=[w.organisation.slug, w.invitation_id]),
        {**ORG_ADMINS, "org_admin": 204},
        None,
    ),
    "api:recommendations": (
        "get",
        lambda w: reverse("api:recommendations", args=[w.organisation.slug]),
        ORG_PEOPLE,
        None,
    ),
    "api:recommendation-mark": (
        "put",
        lambda w: reverse("api:recommendation-mark", args=[w.organisation.slug, w.private.slug]),
        ORG_PEOPLE,
        lambda w, me: {"kind": "saved"},
    ),
    "api:recommendation-mark (clear)": (
        "delete",
        lambda w: reverse("api:recommendation-mark", args=[w.organisation.slug, w.private.slug]),
        {**ORG_PEOPLE, "member": 204, "org_admin": 204},
        None,
    ),
    # Reporting in an organisation's name: its administrators; others name an organisation
    # that is not theirs.
    "api:report": (
        "post",
        lambda w: reverse("api:report", args=[w.private.slug]),
        {**everyone(403), "anonymous": 401, "org_admin": 204},
        lambda w, me: {"reporter": w.organisation.slug, "reason": "Spam", "block": True},
    ),
    "api:contact-requests": ("get", lambda w: reverse("api:contact-requests"), SIGNED, None),
    # Any member writes in their organisation's name; a persona without one names ours.
    "api:contact-requests (send)": (
        "post",
        lambda w: reverse("api:contact-requests"),
        {**everyone(403), "anonymous": 401, "member": 201, "org_admin": 201, "other": 201},
        lambda w, me: {
            "sender": own(me) if own(me) != "none" else w.organisation.slug,
            "recipient": fresh_org(),
            "message": "Shall we talk?",
        },
    ),
    "api:contact-request-accept": (
        "post",
        lambda w: reverse("api:contact-request-accept", args=[w.contact_request_id]),
        {**everyone(404), "anonymous": 401, "member": 403, "org_admin": 200},
        None,
    ),
    "api:contact-request-decline": (
        "post",
        lambda w: reverse("api:contact-request-decline", args=[w.contact_request_id]),
        {**everyone(404), "anonymous": 401, "member": 403, "org_admin": 204},
        None,
    ),
    "api:conversations": ("get", lambda w: reverse("api:conversations"), SIGNED, None),
    "api:messages": (
        "get",
        lambda w: reverse("api:messages", args=[w.conversation_id]),
        {**everyone(404), "anonymous": 401, "member": 200, "org_admin": 200},
        None,
    ),
    "api:messages (write)": (
        "post",
        lambda w: reverse("api:messages", args=[w.conversation_id]),
        {**everyone(404), "anonymous": 401, "member": 201, "org_admin": 201},
        lambda w, me: {"body": "Hello again"},
    ),
    "api:board-posts": ("get", lambda w: reverse("api:board-posts"), everyone(200), None),
    "api:board-posts (post)": (
        "post",
        lambda w: reverse("api:board-posts"),
        {**everyone(403), "anonymous": 401, "member": 201, "org_admin": 201},
        lambda w, me: {
            "organisation": w.organisation.slug,
            "area": "governance",
            "description": "We look for a partner.",
            "reply_deadline": later(),
        },
    ),
    "api:board-post": (
        "get",
        lambda w: reverse("api:board-post", args=[w.post_id]),
        everyone(200),
        None,
    ),
    # Replying as one's own organisation (staff name one that is not theirs): the posting
    # organisation cannot reply to itself.
    "api:board-replies": (
        "post",
        lambda w: reverse("api:board-replies", args=[w.post_id]),
        {**everyone(403), "anonymous": 401, "other": 201, "member": 422, "org_admin": 422},
        lambda w, me: {
            "organisation": own(me) if own(me) != "none" else w.private.slug,
            "brings": "advocacy",
            "message": "We can help",
        },
    ),
    "api:board-post-close": (
        "post",
        lambda w: reverse("api:board-post-close", args=[w.post_id]),
        {**everyone(403), "anonymous": 401, "member": 204, "org_admin": 204},
        None,
    ),
    "api:board-reply-status": (
        "post",
        lambda w: reverse("api:board-reply-status", args=[w.reply_id]),
        {**everyone(404), "anonymous": 401, "member": 200, "org_admin": 200},
        lambda w, me: {"status": "shortlisted"},
    ),
    "api:applications": ("get", lambda w: reverse("api:applications"), SIGNED, None),
    # Starting needs an administrator of the organisation; ours is already in an application.
    "api:applications (start)": (
        "post",
        lambda w: reverse("api:applications"),
        {**everyone(403), "anonymous": 401, "org_admin": 422},
        lambda w, me: {"call": w.call_slug, "organisation": w.organisation.slug},
    ),
    "api:application": ("get", application_url("application"), APP_PEOPLE, None),
    "api:application-invitations": (
        "post",
        application_url("application-invitations"),
        {**APP_PEOPLE, "member": 403, "staff": 403, "org_admin": 201},
        lambda w, me: {"email": "partner@example.org"},
    ),
    "api:application-invitation": (
        "delete",
        lambda w: reverse(
            "api:application-invitation", args=[w.application_id, w.application_invitation_id]
        ),
        {**APP_PEOPLE, "member": 403, "staff": 403, "org_admin": 204},
        None,
    ),
    "api:answers": ("get", application_url("answers", "issue"), APP_PEOPLE, None),
    "api:answers (save)": (
        "put",
        application_url("answers", "issue"),
        {**APP_PEOPLE, "staff": 403},
        lambda w, me: {"answers": {"common_issue": "Volunteers"}, "versions": {}},
    ),
    "api:participants": (
        "get",
        lambda w: reverse("api:participants", args=[w.application_id, w.organisation.slug]),
        APP_PEOPLE,
        None,
    ),
    "api:participants (save)": (
        "put",
        lambda w: reverse("api:participants", args=[w.application_id, w.organisation.slug]),
        {**APP_PEOPLE, "staff": 403},
        lambda w, me: [{"name": "Elif", "role": "Coordinator", "email": "elif@example.org"}],
    ),
    "api:confirm": (
        "post",
        application_url("confirm"),
        {**APP_PEOPLE, "member": 403, "staff": 403},
        lambda w, me: {"organisation": w.organisation.slug},
    ),
    # Submitting: an administrator, and then the checklist (participants, confirmations).
    "api:submit": (
        "post",
        application_url("submit"),
        {**APP_PEOPLE, "member": 403, "staff": 403, "org_admin": 409},
        None,
    ),
    "api:withdraw": (
        "post",
        application_url("withdraw"),
        {**APP_PEOPLE, "member": 403, "staff": 403},
        lambda w, me: {"reason": "We cannot take part this year."},
    ),
    "api:pdf": ("get", application_url("pdf"), APP_PEOPLE, None),
    "api:invitations-to-me": ("get", lambda w: reverse("api:invitations-to-me"), SIGNED, None),
    # The invitation is to `private`: only its administrator may answer it; to anyone else
    # it is not in their list.
    "api:invitation-accept": (
        "post",
        lambda w: reverse("api:invitation-accept", args=[w.application_invitation_id]),
        {**everyone(404), "anonymous": 401},
        lambda w, me: {},
    ),
    "api:invitation-decline": (
        "post",
        lambda w: reverse("api:invitation-decline", args=[w.application_invitation_id]),
        {**everyone(404), "anonymous": 401},
        lambda w, me: {},
    ),
    "api:call-applications": (
        "get",
        lambda w: reverse("api:call-applications", args=[w.call_slug]),
        STAFF_ONLY,
        None,
    ),
    "api:extensions": (
        "post",
        application_url("extensions"),
        {**APP_PEOPLE, "member": 403, "org_admin": 403, "staff": 201},
        lambda w, me: {
            "until": (timezone.now() + datetime.timedelta(days=60)).isoformat(),
            "reason": "Earthquake in the region",
        },
    ),
    # A draft has no move staff may make (the workflow's table): a 409, not a refusal.
    "api:status": (
        "post",
        application_url("status"),
        {**APP_PEOPLE, "member": 403, "org_admin": 403, "staff": 409},
        lambda w, me: {"to": "under_review"},
    ),
}


# Review and selection (issue 12). The three reviewer personas (see tests/test_authorization.py)
# try these rows; elsewhere a reviewer is anyone with an account (`other`).
REVIEWERS = ("reviewer", "reviewer_unassigned", "reviewer_conflicted")
SEL_STAFF = {**STAFF_ONLY, **dict.fromkeys(REVIEWERS, 404)}
OWN_REVIEW = {**everyone(404), "anonymous": 401, "reviewer": 200}


def sel_url(name, *parts):
    return lambda w: reverse(
        f"api:{name}", args=[w.call_slug, *[getattr(w.selection, p) for p in parts]]
    )


def review_url(name):
    return lambda w: reverse(f"api:{name}", args=[w.selection.review_id])


SELECTION = {
    "api:standings": ("get", sel_url("standings"), SEL_STAFF, None),
    "api:screening": (
        "post",
        sel_url("screening", "application_id"),
        SEL_STAFF,
        lambda w, me: {"eligible": False, "reason": "Both organisations are in Turkey."},
    ),
    "api:decision": (
        "put",
        sel_url("decision", "application_id"),
        SEL_STAFF,
        lambda w, me: {"outcome": "rejected", "reason": "Weaker plan of visits."},
    ),
    "api:audit": ("get", sel_url("audit", "application_id"), SEL_STAFF, None),
    "api:reviewers": ("get", sel_url("reviewers"), SEL_STAFF, None),
    "api:reviewers (inviting)": (
        "post",
        sel_url("reviewers"),
        {**SEL_STAFF, "staff": 201},
        lambda w, me: {"name": "New Reviewer", "email": "new-reviewer@example.org"},
    ),
    "api:assignment": ("post", sel_url("assignment"), SEL_STAFF, lambda w, me: {}),
    "api:habits": ("get", sel_url("habits"), SEL_STAFF, None),
    "api:suggestions": (
        "post",
        sel_url("suggestions"),
        {**SEL_STAFF, "staff": 201},
        lambda w, me: {"size": 1},
    ),
    # The application under review has no decision yet: publishing is refused (409).
    "api:publish": ("post", sel_url("publish"), {**SEL_STAFF, "staff": 409}, None),
    # A reviewers' endpoint: it needs two factors (staff have them; an empty list).
    "api:reviews": (
        "get",
        lambda w: reverse("api:reviews"),
        {
            **everyone(403),
            "anonymous": 401,
            "staff": 200,
            "other_staff": 200,
            **dict.fromkeys(REVIEWERS, 200),
        },
        None,
    ),  # fmt: skip
    "api:review": ("get", review_url("review"), {**OWN_REVIEW, "staff": 200}, None),
    "api:review (saving)": (
        "put",
        review_url("review"),
        OWN_REVIEW,
        lambda w, me: {"scores": {"relevance": {"score": 4, "comment": "Clear."}}},
    ),
    "api:review-conflict": (
        "post",
        review_url("review-conflict"),
        {**OWN_REVIEW, "reviewer": 204},
        lambda w, me: {},
    ),
    "api:conflicts": (
        "get",
        lambda w: reverse("api:conflicts", args=[w.selection.reviewer_id]),
        OWN_REVIEW,
        None,
    ),
    "api:conflicts (declaring)": (
        "post",
        lambda w: reverse("api:conflicts", args=[w.selection.reviewer_id]),
        {**OWN_REVIEW, "reviewer": 201},
        lambda w, me: {"kind": "country", "country": "FR"},
    ),
}
TABLE.update(SELECTION)
# The partnership's six months (issue 13): tests/partnerships/authz_<part>.py, every persona
# listed, run in ORDER_SELECTION (staff last).
WORKSPACE = workspace_authz.api()
TABLE.update(WORKSPACE)
ORDER_SELECTION = (
    "anonymous",
    "other",
    "other_staff",
    "reviewer_unassigned",
    "reviewer_conflicted",
    "member",
    "org_admin",
    "reviewer",
    "staff",
)


def order_of(name):
    return ORDER_SELECTION if name in SELECTION or name in WORKSPACE else ORDER


def api_url_names():
    resolver = get_resolver()
    for entry in resolver.url_patterns:
        if getattr(entry, "namespace", None) == "api":
            for pattern in entry.url_patterns:
                if isinstance(pattern, URLPattern):
                    yield f"api:{pattern.name}"


def test_every_api_endpoint_has_an_entry():
    names = {key.split(" (")[0] for key in TABLE}
    missing = sorted(set(api_url_names()) - names)
    assert missing == [], f"Add these API endpoints to the authorization table: {missing}"


def attempt(world, request, name, persona):  # noqa: F811
    method, url, expect, body = TABLE[name]
    user = persona_user(persona, world, request)
    client = client_for(user)
    response = call(client, method, url(world), body(world, user) if body else None)
    assert response.status_code == expect[persona], (
        f"{persona} on {name}: {response.status_code} {response.content[:300]!r}"
    )


READS = [n for n, row in TABLE.items() if row[0] == "get"]
WRITES = [n for n, row in TABLE.items() if row[0] != "get"]


@pytest.mark.parametrize("name", READS)
def test_api_reads(world, request, subtests, name):  # noqa: F811
    for persona in order_of(name):
        with subtests.test(persona=persona):
            attempt(world, request, name, persona)


@pytest.mark.parametrize("name", WRITES)
def test_api_writes(world, request, subtests, name):  # noqa: F811
    for persona in order_of(name):
        with subtests.test(persona=persona):
            attempt(world, request, name, persona)
