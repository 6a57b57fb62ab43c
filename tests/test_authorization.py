"""The project's one authorization table.

Every URL pattern is listed with the HTTP status each persona gets. A test walks every
URL x persona against real objects, and another fails when a URL has no entry: a new view
cannot ship without saying who may use it. Later issues extend TABLE (and PERSONAS).

Personas: anonymous; member and org_admin of the Turkish organisation; other = the admin
of another organisation; staff = staff of the programme that runs the call (not a
superuser; two-factor set up); other_staff = staff of another programme (a multiplier's),
who must be refused everything of this programme.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from exchange.api import tokens
from exchange.applications.models import Application
from exchange.calls.models import Programme
from exchange.contacts import board
from exchange.contacts import services as contact_services
from exchange.notifications.models import Notification
from exchange.organisations import services
from exchange.organisations.models import Membership, Organisation
from exchange.selection.cohort import Rules
from tests.accounts.factories import UserFactory
from tests.organisations.factories import OrganisationFactory
from tests.organisations.test_profiles import image_bytes
from tests.partnerships import authz as workspace_authz
from tests.partnerships.world import make_workspace

PERSONAS = (
    "anonymous",
    "member",
    "org_admin",
    "other",
    "staff",
    "other_staff",
    "reviewer",
    "reviewer_unassigned",
    "reviewer_conflicted",
)


@dataclass
class World:
    organisation: Organisation
    private: Organisation
    spare: Membership
    invitation_token: str
    invitation_id: int
    contact_request_id: int
    conversation_id: int
    post_id: int
    reply_id: int
    call_slug: str
    application_id: int
    attachment_id: int
    application_token: str
    application_invitation_id: int
    notification_id: int
    api_token_id: int
    selection: object = None
    workspace: object = None


@dataclass(frozen=True)
class Row:
    method: str
    url: Callable[[World], str]
    expect: dict  # persona -> status

    def status(self, persona):
        if persona not in self.expect:
            # Another programme's staff and reviewers are, here, anyone else with an account.
            return self.expect["other"]
        return self.expect[persona]


def everyone(status):
    return dict.fromkeys(PERSONAS, status)


SIGNED_IN = {"anonymous": 302, "member": 200, "org_admin": 200, "other": 200, "staff": 200}
# An organisation's own pages are its people's: programme staff are not its members.
ORG_ADMINS = {"anonymous": 302, "member": 403, "org_admin": 200, "other": 403, "staff": 403}
ORG_PEOPLE = {"anonymous": 302, "member": 200, "org_admin": 200, "other": 403, "staff": 403}
STAFF_ONLY = {"anonymous": 302, "member": 404, "org_admin": 404, "other": 404, "staff": 200}
# Applications: their organisations' members and the programme's staff see them; others get 404.
APP_PEOPLE = {"anonymous": 302, "member": 200, "org_admin": 200, "other": 404, "staff": 200}
APP_ADMINS = {"anonymous": 302, "member": 403, "org_admin": 200, "other": 404, "staff": 403}
APP_STAFF = {"anonymous": 302, "member": 403, "org_admin": 403, "other": 404, "staff": 200}
ADMIN_POST = {"anonymous": 302, "member": 403, "org_admin": 302, "other": 403, "staff": 403}

TABLE = {
    "site:landing": Row("get", lambda w: reverse("site:landing"), everyone(200)),
    "site:home": Row("get", lambda w: reverse("site:home"), SIGNED_IN),
    "accounts:profile": Row("get", lambda w: reverse("accounts:profile"), SIGNED_IN),
    "accounts:set-language": Row("post", lambda w: reverse("accounts:set-language"), everyone(302)),
    "accounts:data": Row("get", lambda w: reverse("accounts:data"), SIGNED_IN),
    # Without a recent sign-in, both ask for the password first (allauth re-authentication).
    "accounts:data-download": Row(
        "post", lambda w: reverse("accounts:data-download"), everyone(302)
    ),
    "accounts:delete": Row("get", lambda w: reverse("accounts:delete"), SIGNED_IN),
    "accounts:privacy": Row("get", lambda w: reverse("accounts:privacy"), everyone(200)),
    "organisations:list": Row("get", lambda w: reverse("organisations:list"), everyone(200)),
    "organisations:create": Row("get", lambda w: reverse("organisations:create"), SIGNED_IN),
    "organisations:detail": Row("get", lambda w: w.organisation.get_absolute_url(), everyone(200)),
    "organisations:detail (members-only profile)": Row(
        "get", lambda w: w.private.get_absolute_url(), {**everyone(200), "anonymous": 404}
    ),
    "organisations:edit": Row(
        "get", lambda w: reverse("organisations:edit", args=[w.organisation.slug]), ORG_ADMINS
    ),
    "organisations:logo": Row(
        "get", lambda w: reverse("organisations:logo", args=[w.organisation.slug]), everyone(200)
    ),
    "organisations:members": Row(
        "get", lambda w: reverse("organisations:members", args=[w.organisation.slug]), ORG_PEOPLE
    ),
    "organisations:member-role": Row(
        "post",
        lambda w: reverse("organisations:member-role", args=[w.organisation.slug, w.spare.pk]),
        ADMIN_POST,
    ),
    "organisations:member-remove": Row(
        "post",
        lambda w: reverse("organisations:member-remove", args=[w.organisation.slug, w.spare.pk]),
        ADMIN_POST,
    ),
    "organisations:invitation-revoke": Row(
        "post",
        lambda w: reverse(
            "organisations:invitation-revoke", args=[w.organisation.slug, w.invitation_id]
        ),
        ADMIN_POST,
    ),
    "organisations:leave": Row(
        "post",
        lambda w: reverse("organisations:leave", args=[w.organisation.slug]),
        {"anonymous": 302, "member": 302, "org_admin": 302, "other": 403, "staff": 403},
    ),
    "matching:partners": Row(
        "get", lambda w: reverse("matching:partners", args=[w.organisation.slug]), ORG_PEOPLE
    ),
    "matching:mark": Row(
        "post",
        lambda w: reverse("matching:mark", args=[w.organisation.slug, w.private.slug]),
        {"anonymous": 302, "member": 302, "org_admin": 302, "other": 403, "staff": 403},
    ),
    "calls:list": Row("get", lambda w: reverse("calls:list"), everyone(200)),
    "calls:detail": Row(
        "get", lambda w: reverse("calls:detail", args=[w.call_slug]), everyone(200)
    ),
    "calls:calendar": Row(
        "get", lambda w: reverse("calls:calendar", args=[w.call_slug]), everyone(200)
    ),
    "contacts:inbox": Row("get", lambda w: reverse("contacts:inbox"), SIGNED_IN),
    "contacts:request-create": Row(
        "get",
        lambda w: reverse("contacts:request-create", args=[w.private.slug]),
        {**SIGNED_IN, "anonymous": 302},
    ),
    "contacts:report": Row(
        "get", lambda w: reverse("contacts:report", args=[w.private.slug]), SIGNED_IN
    ),
    "contacts:request-accept": Row(
        "post",
        lambda w: reverse("contacts:request-accept", args=[w.contact_request_id]),
        {"anonymous": 302, "member": 403, "org_admin": 302, "other": 404, "staff": 404},
    ),
    "contacts:request-decline": Row(
        "post",
        lambda w: reverse("contacts:request-decline", args=[w.contact_request_id]),
        {"anonymous": 302, "member": 403, "org_admin": 302, "other": 404, "staff": 404},
    ),
    "contacts:conversation": Row(
        "get",
        lambda w: reverse("contacts:conversation", args=[w.conversation_id]),
        {"anonymous": 302, "member": 200, "org_admin": 200, "other": 404, "staff": 404},
    ),
    "contacts:board": Row("get", lambda w: reverse("contacts:board"), everyone(200)),
    "contacts:board-post-create": Row(
        "get", lambda w: reverse("contacts:board-post-create"), SIGNED_IN
    ),
    "contacts:board-digest": Row(
        "post", lambda w: reverse("contacts:board-digest"), {**everyone(302)}
    ),
    "contacts:board-post": Row(
        "get", lambda w: reverse("contacts:board-post", args=[w.post_id]), everyone(200)
    ),
    "contacts:board-post-close": Row(
        "post",
        lambda w: reverse("contacts:board-post-close", args=[w.post_id]),
        {"anonymous": 302, "member": 302, "org_admin": 302, "other": 403, "staff": 403},
    ),
    "contacts:board-reply-shortlist": Row(
        "post",
        lambda w: reverse("contacts:board-reply-shortlist", args=[w.reply_id]),
        {"anonymous": 302, "member": 302, "org_admin": 302, "other": 404, "staff": 404},
    ),
    "contacts:board-reply-decline": Row(
        "post",
        lambda w: reverse("contacts:board-reply-decline", args=[w.reply_id]),
        {"anonymous": 302, "member": 302, "org_admin": 302, "other": 404, "staff": 404},
    ),
    "applications:start": Row(
        "get", lambda w: reverse("applications:start", args=[w.call_slug]), SIGNED_IN
    ),
    "applications:call-applications": Row(
        "get", lambda w: reverse("applications:call-applications", args=[w.call_slug]), STAFF_ONLY
    ),
    "applications:list": Row("get", lambda w: reverse("applications:list"), SIGNED_IN),
    "applications:invitation": Row(
        "get",
        lambda w: reverse("applications:invitation", args=[w.application_token]),
        everyone(200),
    ),
    "applications:detail": Row(
        "get", lambda w: reverse("applications:detail", args=[w.application_id]), APP_PEOPLE
    ),
    "applications:section": Row(
        "get",
        lambda w: reverse("applications:section", args=[w.application_id, "issue"]),
        APP_PEOPLE,
    ),
    "applications:org-section": Row(
        "get",
        lambda w: reverse(
            "applications:org-section", args=[w.application_id, w.organisation.pk, "organisation"]
        ),
        APP_PEOPLE,
    ),
    "applications:org-section (saving)": Row(
        "post",
        lambda w: reverse(
            "applications:org-section", args=[w.application_id, w.organisation.pk, "organisation"]
        ),
        {"anonymous": 302, "member": 302, "org_admin": 302, "other": 404, "staff": 403},
    ),
    "applications:participants": Row(
        "get",
        lambda w: reverse("applications:participants", args=[w.application_id, w.organisation.pk]),
        APP_PEOPLE,
    ),
    "applications:confirm": Row(
        "post",
        lambda w: reverse("applications:confirm", args=[w.application_id, w.organisation.pk]),
        {"anonymous": 302, "member": 403, "org_admin": 302, "other": 404, "staff": 403},
    ),
    "applications:invite": Row(
        "get", lambda w: reverse("applications:invite", args=[w.application_id]), APP_ADMINS
    ),
    "applications:submit": Row(
        "post",
        lambda w: reverse("applications:submit", args=[w.application_id]),
        {"anonymous": 302, "member": 403, "org_admin": 302, "other": 404, "staff": 403},
    ),
    "applications:withdraw": Row(
        "get", lambda w: reverse("applications:withdraw", args=[w.application_id]), APP_ADMINS
    ),
    "applications:history": Row(
        "get", lambda w: reverse("applications:history", args=[w.application_id]), APP_PEOPLE
    ),
    "applications:pdf": Row(
        "get", lambda w: reverse("applications:pdf", args=[w.application_id]), APP_PEOPLE
    ),
    "applications:attachment": Row(
        "get",
        lambda w: reverse("applications:attachment", args=[w.application_id, w.attachment_id]),
        APP_PEOPLE,
    ),
    "applications:extension": Row(
        "get", lambda w: reverse("applications:extension", args=[w.application_id]), APP_STAFF
    ),
    "applications:status": Row(
        "get", lambda w: reverse("applications:status", args=[w.application_id]), APP_STAFF
    ),
    "applications:invitation-cancel": Row(
        "post",
        lambda w: reverse(
            "applications:invitation-cancel", args=[w.application_id, w.application_invitation_id]
        ),
        {"anonymous": 302, "member": 403, "org_admin": 302, "other": 404, "staff": 403},
    ),
    "notifications:list": Row("get", lambda w: reverse("notifications:list"), SIGNED_IN),
    "notifications:preferences": Row(
        "get", lambda w: reverse("notifications:preferences"), SIGNED_IN
    ),
    "tokens:list": Row("get", lambda w: reverse("tokens:list"), SIGNED_IN),
    # Creating a credential needs a recent sign-in (allauth re-authentication).
    "tokens:create": Row("get", lambda w: reverse("tokens:create"), SIGNED_IN),
    # Another person's token is a 404; revoking needs a token of one's own (tests/api).
    "tokens:revoke": Row(
        "post",
        lambda w: reverse("tokens:revoke", args=[w.api_token_id]),
        {**everyone(404), "anonymous": 302},
    ),
    "notifications:read-all": Row(
        "post", lambda w: reverse("notifications:read-all"), everyone(302)
    ),
    "notifications:open": Row(
        "get",
        lambda w: reverse("notifications:open", args=[w.notification_id]),
        {"anonymous": 302, "member": 404, "org_admin": 302, "other": 404, "staff": 404},
    ),
    "organisations:invitation-accept": Row(
        "get",
        lambda w: reverse("organisations:invitation-accept", args=[w.invitation_token]),
        everyone(200),
    ),
}

# Staff pages of calls (issue 12)
# Every page of a call is its programme's staff's alone: anyone else, the staff of another
# programme included, gets 404. Moves without a direction are bad requests (400); deleting a
# question of the demo call (open, answered) is refused by the open-form rule (403); its
# rubric has no reviews yet, so a criterion is deleted (302).
STAFF_POST = {"anonymous": 302, "member": 404, "org_admin": 404, "other": 404}


def _call_part(w, kind):
    from exchange.calls.models import Criterion, FormQuestion, FormSection

    model = {"section": FormSection, "question": FormQuestion, "criterion": Criterion}[kind]
    return model.objects.filter(call__slug=w.call_slug).order_by("pk").last().pk


def _staff_url(name, part=None):
    return lambda w: reverse(
        f"calls:{name}", args=[w.call_slug, *([_call_part(w, part)] if part else [])]
    )


TABLE.update(
    {
        # Someone who runs another programme sees their own calls here.
        "calls:staff-home": Row(
            "get", lambda w: reverse("calls:staff-home"), {**STAFF_ONLY, "other_staff": 200}
        ),
        "calls:staff-call-create": Row(
            "get",
            lambda w: reverse("calls:staff-call-create") + "?programme=civil-society-exchange",
            STAFF_ONLY,
        ),
        "calls:staff-call": Row("get", _staff_url("staff-call"), STAFF_ONLY),
        "calls:staff-call-edit": Row("get", _staff_url("staff-call-edit"), STAFF_ONLY),
        "calls:staff-call-edit (saving)": Row(
            "post", _staff_url("staff-call-edit"), {**STAFF_POST, "staff": 400}
        ),
        "calls:staff-form": Row("get", _staff_url("staff-form"), STAFF_ONLY),
        "calls:staff-form-preview": Row("get", _staff_url("staff-form-preview"), STAFF_ONLY),
        "calls:staff-section-create": Row("get", _staff_url("staff-section-create"), STAFF_ONLY),
        "calls:staff-section-edit": Row(
            "get", _staff_url("staff-section-edit", "section"), STAFF_ONLY
        ),
        "calls:staff-section-move": Row(
            "post", _staff_url("staff-section-move", "section"), {**STAFF_POST, "staff": 400}
        ),
        "calls:staff-question-create": Row("get", _staff_url("staff-question-create"), STAFF_ONLY),
        "calls:staff-question-create (saving)": Row(
            "post", _staff_url("staff-question-create"), {**STAFF_POST, "staff": 400}
        ),
        "calls:staff-question-edit": Row(
            "get", _staff_url("staff-question-edit", "question"), STAFF_ONLY
        ),
        "calls:staff-question-move": Row(
            "post", _staff_url("staff-question-move", "question"), {**STAFF_POST, "staff": 400}
        ),
        "calls:staff-question-delete": Row(
            "post", _staff_url("staff-question-delete", "question"), {**STAFF_POST, "staff": 403}
        ),
        "calls:staff-rubric": Row("get", _staff_url("staff-rubric"), STAFF_ONLY),
        "calls:staff-criterion-create": Row(
            "get", _staff_url("staff-criterion-create"), STAFF_ONLY
        ),
        "calls:staff-criterion-edit": Row(
            "get", _staff_url("staff-criterion-edit", "criterion"), STAFF_ONLY
        ),
        "calls:staff-criterion-move": Row(
            "post", _staff_url("staff-criterion-move", "criterion"), {**STAFF_POST, "staff": 400}
        ),
        "calls:staff-criterion-delete": Row(
            "post",
            _staff_url("staff-criterion-delete", "criterion"),
            {**STAFF_POST, "staff": 302},
        ),
    }
)

# Selection (issue 12)
# The staff's pages of a call's selection are its programme's staff's alone (404 for anyone
# else). Reviewers: `reviewer` has a review of the world's application under review,
# `reviewer_unassigned` is an active reviewer of the call without one, and
# `reviewer_conflicted` declared a conflict with that application (their review was
# released). Elsewhere a reviewer is anyone with an account (`other`); POSTs outside this
# block are not repeated for the three reviewer personas.
REVIEWERS = ("reviewer", "reviewer_unassigned", "reviewer_conflicted")
NONE_OF_THEM = dict.fromkeys(REVIEWERS, 404)


def _sel(name, *parts):
    return lambda w: reverse(
        f"selection:{name}", args=[w.call_slug, *[getattr(w.selection, p) for p in parts]]
    )


SEL_POST = {**STAFF_POST, **NONE_OF_THEM, "staff": 302}
SEL_GET = {**STAFF_ONLY, **NONE_OF_THEM}
OWN_REVIEW = {
    **everyone(404),
    "anonymous": 302,
    "reviewer": 200,
    "reviewer_unassigned": 404,
    "reviewer_conflicted": 404,
}

TABLE.update(
    {
        "selection:screening": Row("get", _sel("screening"), SEL_GET),
        "selection:refresh": Row("post", _sel("refresh"), SEL_POST),
        "selection:screen": Row("post", _sel("screen", "application_id"), SEL_POST),
        "selection:application": Row("get", _sel("application", "application_id"), SEL_GET),
        "selection:assign-by-hand": Row("post", _sel("assign-by-hand", "application_id"), SEL_POST),
        "selection:decide": Row("get", _sel("decide", "application_id"), SEL_GET),
        "selection:decide (saving)": Row(
            "post", _sel("decide", "application_id"), {**SEL_POST, "staff": 400}
        ),
        "selection:offer": Row("post", _sel("offer", "application_id"), SEL_POST),
        "selection:reviewers": Row("get", _sel("reviewers"), SEL_GET),
        "selection:reviewer-remove": Row(
            "post", _sel("reviewer-remove", "spare_reviewer_id"), SEL_POST
        ),
        "selection:assignment": Row("get", _sel("assignment"), SEL_GET),
        "selection:assignment (run)": Row("post", _sel("assignment"), SEL_POST),
        "selection:review-release": Row("post", _sel("review-release", "review_id"), SEL_POST),
        "selection:review-reopen": Row("post", _sel("review-reopen", "review_id"), SEL_POST),
        "selection:ranking": Row("get", _sel("ranking"), SEL_GET),
        "selection:cohort": Row("get", _sel("cohort"), SEL_GET),
        "selection:cohort (suggest)": Row("post", _sel("cohort"), {**SEL_POST, "staff": 400}),
        "selection:suggestion-take": Row(
            "post", _sel("suggestion-take", "suggestion_id"), SEL_POST
        ),
        "selection:decisions": Row("get", _sel("decisions"), SEL_GET),
        "selection:messages": Row("post", _sel("messages"), SEL_POST),
        "selection:publish": Row("post", _sel("publish"), SEL_POST),
        "selection:my-reviews": Row(
            "get",
            lambda w: reverse("selection:my-reviews"),
            {**everyone(404), "anonymous": 302, **dict.fromkeys(REVIEWERS, 200)},
        ),
        "selection:review": Row(
            "get",
            lambda w: reverse("selection:review", args=[w.selection.review_id]),
            {**OWN_REVIEW, "staff": 200},
        ),
        "selection:review (saving)": Row(
            "post",
            lambda w: reverse("selection:review", args=[w.selection.review_id]),
            {**OWN_REVIEW, "reviewer": 302},
        ),
        "selection:review-conflict": Row(
            "post",
            lambda w: reverse("selection:review-conflict", args=[w.selection.review_id]),
            {**OWN_REVIEW, "reviewer": 302},
        ),
        "selection:conflicts": Row(
            "get",
            lambda w: reverse("selection:conflicts", args=[w.selection.reviewer_id]),
            OWN_REVIEW,
        ),
        "selection:conflicts (saving)": Row(
            "post",
            lambda w: reverse("selection:conflicts", args=[w.selection.reviewer_id]),
            {**OWN_REVIEW, "reviewer": 400},
        ),
        # The invitation was sent to someone else's address: signed in, everyone is refused.
        "selection:invitation": Row(
            "get",
            lambda w: reverse("selection:invitation", args=[w.selection.invitation_token]),
            {**everyone(403), "anonymous": 302},
        ),
        "selection:invitation (answering)": Row(
            "post",
            lambda w: reverse("selection:invitation", args=[w.selection.invitation_token]),
            {**everyone(403), "anonymous": 302},
        ),
    }
)

# Pairing single applicants (selection.pairing)
# Staff run the pairing (a POST that only reads: 200) and propose pairs; a proposal's page
# is for the administrators of its two organisations alone (`org_admin` administers the
# first): 404 for everyone else, staff included. A POST without an answer is a 400.
PAIR_ADMINS = {**everyone(404), "anonymous": 302, "org_admin": 200}

TABLE.update(
    {
        "selection:pairing": Row("get", _sel("pairing"), SEL_GET),
        "selection:pairing (run)": Row("post", _sel("pairing"), {**SEL_POST, "staff": 200}),
        "selection:pair-propose": Row("post", _sel("pair-propose"), SEL_POST),
        "selection:pair": Row(
            "get", lambda w: reverse("selection:pair", args=[w.selection.pair_id]), PAIR_ADMINS
        ),
        "selection:pair (answering)": Row(
            "post",
            lambda w: reverse("selection:pair", args=[w.selection.pair_id]),
            {**PAIR_ADMINS, "org_admin": 400},
        ),
    }
)

# The partnership's six months (issue 13): each part of the workspace lists its rows in
# tests/partnerships/authz_<part>.py.
TABLE.update({name: Row(*row) for name, row in workspace_authz.pages().items()})

# URL groups owned by well-tested libraries: one representative entry each, walked like
# the rest. A pattern of theirs is covered by its group.
THIRD_PARTY = {
    "account_": Row("get", lambda w: reverse("account_email"), SIGNED_IN),
    "mfa_": Row("get", lambda w: reverse("mfa_index"), SIGNED_IN),
    "admin:": Row(
        "get",
        lambda w: reverse("admin:index"),
        {
            "anonymous": 302,
            "member": 302,
            "org_admin": 302,
            "other": 302,
            "staff": 200,
            "other_staff": 200,  # the admin opens, with no calls: those are superusers' there
        },
    ),
}


def all_url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from all_url_names(entry, ns)
        elif isinstance(entry, URLPattern):
            yield (
                f"{namespace}{entry.name}"
                if entry.name
                else f"{namespace}<unnamed {entry.pattern}>"
            )


def covered(name: str) -> bool:
    """The API's endpoints have their own table (tests/api/test_api_authorization.py),
    which fails on an endpoint without an entry."""
    base_names = {key.split(" (")[0] for key in TABLE}
    if name.startswith("api:"):
        return True
    return name in base_names or any(name.startswith(prefix) for prefix in THIRD_PARTY)


def test_every_url_pattern_has_an_entry():
    missing = sorted(
        {n for n in all_url_names() if not covered(n) and not n.startswith("admin:<unnamed")}
    )
    assert missing == [], f"Add these URL patterns to the authorization table: {missing}"


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, built once per module (and xdist worker) inside a transaction that is
    rolled back at the end: each test's `db` runs in a savepoint of it, so a write sees
    the world as built and leaves it so. Building it per test took most of the suite."""
    from django.db import transaction
    from django.test import override_settings

    media = tmp_path_factory.mktemp("world") / "media"
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(
            MEDIA_ROOT=media,
            SITE_URL="http://testserver",
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ):
            built = build_world()
        built.media_root = media
        try:
            yield built
        finally:
            transaction.set_rollback(True)


@pytest.fixture
def world(shared_world, db, settings):
    settings.MEDIA_ROOT = shared_world.media_root  # the world's logo and attachments
    return shared_world


def build_world():
    organisation = OrganisationFactory(name="Ankara Eşitlik Derneği", city="Ankara")
    admin = organisation.memberships.get().user
    services.attach_logo(
        organisation=organisation, content=ContentFile(image_bytes(), name="l.png"), by=admin
    )
    private = OrganisationFactory(
        name="Closed Circle",
        country="DE",
        city="Berlin",
        visibility=Organisation.Visibility.MEMBERS,
    )
    spare = Membership.objects.create(organisation=organisation, user=UserFactory())
    invitation = services.invite_member(
        organisation=organisation, by=admin, email="new@example.org"
    )
    # A request waiting for `organisation`'s answer, and a conversation it already has.
    pending = contact_services.send_contact_request(
        sender=private, recipient=organisation, by=private.memberships.get().user, message="Hello"
    )
    talk = OrganisationFactory(name="Talk Partner", country="AT", city="Graz", languages=["en"])
    accepted = contact_services.send_contact_request(
        sender=talk, recipient=organisation, by=talk.memberships.get().user, message="Hi"
    )
    conversation = contact_services.accept_request(request=accepted, by=admin)
    post = board.create_post(
        organisation=organisation,
        by=admin,
        area="governance",
        description="Board",
        reply_deadline=timezone.localdate() + datetime.timedelta(days=7),
    )
    reply = board.reply_to_post(
        post=post,
        organisation=talk,
        by=talk.memberships.get().user,
        brings="advocacy",
        message="Hi",
    )
    call_slug = make_demo_call()
    application, attachment, token = make_application(call_slug, organisation, talk, private)
    notice = Notification.objects.filter(recipient=admin).first()
    world = World(
        organisation,
        private,
        spare,
        services.invitation_token(invitation),
        invitation.pk,
        pending.pk,
        conversation.pk,
        post.pk,
        reply.pk,
        call_slug,
        application.pk,
        attachment.pk,
        token,
        application.invitations.get(organisation=private).pk,
        notice.pk,
        tokens.create_token(user=UserFactory(), name="Someone else's", scope="write")[0].pk,
    )
    world.selection = make_selection(call_slug, pair_admin=admin)
    world.workspace = make_workspace(organisation)
    return world


@dataclass
class SelectionWorld:
    application_id: int
    review_id: int
    reviewer_id: int
    spare_reviewer_id: int
    suggestion_id: int
    invitation_token: str
    users: dict
    pair_id: int = 0


def make_selection(call_slug, pair_admin=None):
    """An application under review with an assigned reviewer, an unassigned one and a
    conflicted one; a pending invitation to someone else; a recorded suggestion; a pair
    of single applicants proposed, `pair_admin` administering the first of them."""
    from exchange.calls.models import Call
    from exchange.calls.services import add_default_rubric
    from exchange.selection import services as selection
    from exchange.selection.demo import bulk_submitted
    from exchange.selection.models import Review
    from tests.selection.fixtures import make_reviewer

    call = Call.objects.get(slug=call_slug)
    add_default_rubric(call)
    staff = staff_of(call.programme)
    (application_id,) = bulk_submitted(call, 1, status="under_review", seed=77)
    application = Application.objects.get(pk=application_id)
    assigned = make_reviewer(call.programme, "Assigned", "TR", call=call, by=staff)
    unassigned = make_reviewer(call.programme, "Unassigned", "DE", call=call, by=staff)
    conflicted = make_reviewer(call.programme, "Conflicted", "AT", call=call, by=staff)
    spare = make_reviewer(call.programme, "Spare", "NL", call=call, by=staff)
    review = selection.assign_by_hand(application=application, reviewer=assigned, by=staff)
    theirs = selection.assign_by_hand(application=application, reviewer=conflicted, by=staff)
    selection.declare_conflict(
        reviewer=conflicted, by=conflicted.user, kind="application", application=application
    )
    assert Review.objects.get(pk=theirs.pk).status == "released"
    invited = selection.invite_reviewer(
        programme=call.programme, call=call, by=staff, email="invitee@example.org", name="I"
    )
    suggestion = selection.suggest_cohort(call=call, by=staff, rules=Rules(1))
    pair = make_pair(call, staff, pair_admin)
    return SelectionWorld(
        application_id,
        review.pk,
        assigned.pk,
        spare.pk,
        suggestion.pk,
        selection.reviewer_token(invited),
        {
            "reviewer": assigned.user,
            "reviewer_unassigned": unassigned.user,
            "reviewer_conflicted": conflicted.user,
        },
        pair.pk,
    )


def make_pair(call, staff, pair_admin):
    """Two applications under review made single (one organisation each), proposed as a
    pair (directly: the bulk organisations share no working language to be scored by)."""
    from exchange.applications.models import Partner
    from exchange.selection.demo import bulk_submitted
    from exchange.selection.pairing.models import PairProposal

    ids = bulk_submitted(call, 2, status="under_review", seed=78)
    Application.objects.filter(pk__in=ids).update(seeking_partner=True)
    first = Partner.objects.get(application_id=ids[0], is_lead=True)
    second = Partner.objects.get(application_id=ids[1], is_lead=False)
    Partner.objects.filter(application_id__in=ids).exclude(pk__in=(first.pk, second.pk)).update(
        is_active=False
    )
    if pair_admin is not None:
        Membership.objects.create(
            organisation=first.organisation, user=pair_admin, role=Membership.Role.ADMIN
        )
    return PairProposal.objects.create(
        call=call,
        first_id=ids[0],
        second_id=ids[1],
        first_organisation=first.organisation,
        second_organisation=second.organisation,
        score=1.0,
        reasons=[{"kind": "common_need", "key": "governance", "points": 1.0, "inferred": False}],
        proposed_by=staff,
    )


def make_demo_call():
    from exchange.calls.demo import load_demo_calls

    load_demo_calls()
    return "cohort-2027"


def make_application(call_slug, organisation, talk, private):
    """`organisation` (Turkey) applies with `talk` (Austria), has uploaded a file, and has
    invited `private` (Germany) as a third partner."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from exchange.applications import services as application_services
    from exchange.calls import services as call_services
    from exchange.calls.models import Call

    call = Call.objects.get(slug=call_slug)
    call.organisations_per_partnership = 4  # a place is left: the invite page opens
    call.save()
    call_services.add_default_form(call)
    admin = organisation.memberships.get(role=Membership.Role.ADMIN).user
    application = application_services.start_application(
        call=call, organisation=organisation, by=admin
    )
    invitation = application_services.invite_partner(
        application=application, by=admin, organisation=talk
    )
    application_services.accept_invitation(
        invitation=invitation, organisation=talk, by=talk.memberships.get().user
    )
    application_services.save_answers(
        application=application,
        organisation=None,
        by=admin,
        values={},
        versions={},
        files={"attachment": SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan")},
    )
    third = application_services.invite_partner(
        application=application, by=admin, organisation=private
    )
    return (
        application,
        application.attachments.get(),
        application_services.invitation_token(third),
    )


def persona_user(persona, world, request):
    if persona == "anonymous":
        return None
    if persona == "member":
        user = UserFactory()
        Membership.objects.create(organisation=world.organisation, user=user)
        return user
    if persona == "org_admin":
        return world.organisation.memberships.get(role=Membership.Role.ADMIN).user
    if persona == "other":
        return (
            OrganisationFactory(name="Elsewhere", country="NL", city="Utrecht", languages=["en"])
            .memberships.get()
            .user
        )
    if persona == "staff":
        return staff_of(Programme.objects.get(slug="civil-society-exchange"))
    if persona in REVIEWERS:
        return world.selection.users[persona]
    return staff_of(Programme.objects.get_or_create(name="Multiplier", slug="multiplier")[0])


def staff_of(programme):
    """Staff of one programme, with two factors, and no superuser."""
    user = UserFactory(is_staff=True)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    programme.staff.add(user)
    return user


ROWS = [(name, row) for name, row in {**TABLE, **THIRD_PARTY}.items()]
READS = [(name, row) for name, row in ROWS if row.method == "get"]
WRITES = [(name, row) for name, row in ROWS if row.method != "get"]


def visit(client, world, request, name, row, persona):
    client.logout()
    user = persona_user(persona, world, request)
    if user:
        client.force_login(user)
    data = (
        {"role": "member", "language": "tr", "next": "/", "action": "saved"}
        if row.method == "post"
        else None
    )
    response = getattr(client, row.method)(row.url(world), data)
    assert response.status_code == row.status(persona), f"{persona} on {name}"


@pytest.mark.parametrize(("name", "row"), READS, ids=[name for name, _ in READS])
def test_authorization_of_reads(client, world, request, subtests, name, row):
    """A read changes nothing, so every persona tries it on the same world."""
    for persona in PERSONAS:
        with subtests.test(persona=persona):
            visit(client, world, request, name, row, persona)


WRITE_CASES = [
    (name, row, persona)
    for name, row in WRITES
    for persona in PERSONAS
    if persona not in REVIEWERS or persona in row.expect
]


@pytest.mark.parametrize(
    ("name", "row", "persona"), WRITE_CASES, ids=[f"{n}-{p}" for n, _, p in WRITE_CASES]
)
def test_authorization_of_writes(client, world, request, name, row, persona):
    visit(client, world, request, name, row, persona)


def test_another_programmes_staff_see_none_of_its_calls(client, world, request):
    """Programme staff work on the staff pages; the calls' admin is for superusers only."""
    own = persona_user("staff", world, request)
    foreign = persona_user("other_staff", world, request)
    url = reverse("calls:staff-home")
    client.force_login(own)
    assert world.call_slug in client.get(url).text
    assert client.get(reverse("admin:calls_call_changelist")).status_code == 403
    client.force_login(foreign)
    page = client.get(url).text
    assert world.call_slug not in page and "Cohort 2027" not in page
    assert client.get(reverse("admin:calls_call_changelist")).status_code == 403
