import datetime

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from exchange.contacts import board
from exchange.contacts.models import BoardPost, BoardReply, DigestSubscription
from tests.organisations.factories import OrganisationFactory, add_member


def in_days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def post(organisation, org_admin):
    return board.create_post(
        organisation=organisation,
        by=org_admin,
        area="volunteer-management",
        description="Gönüllü programımızı birlikte yeniden kurmak istiyoruz.",
        offers="Savunuculuk deneyimi",
        preferred_countries=["DE", "AT"],
        period_start=in_days(30),
        period_end=in_days(210),
        reply_deadline=in_days(14),
        max_replies=2,
    )


def test_a_member_posts_a_search_and_it_is_on_the_board(login, client, org_admin, organisation):
    response = login(org_admin).post(
        reverse("contacts:board-post-create"),
        {
            "organisation": organisation.pk,
            "area": "individual-giving",
            "description": "Bağışçı programı kurmak",
            "preferred_countries": ["DE"],
            "reply_deadline": in_days(10).isoformat(),
            "max_replies": "5",
        },
    )
    post = BoardPost.objects.get()
    assert (
        response.status_code == 302 and post.max_replies == 5 and post.preferred_countries == ["DE"]
    )
    page = client.get(reverse("contacts:board"))
    assert (
        "Looking for a partner to work on Individual giving" in page.text
        and organisation.name in page.text
    )


def test_a_deadline_in_the_past_is_refused_and_nothing_typed_is_lost(
    login, org_admin, organisation
):
    response = login(org_admin).post(
        reverse("contacts:board-post-create"),
        {
            "organisation": organisation.pk,
            "area": "governance",
            "description": "Yönetim kurulumuz için",
            "reply_deadline": in_days(-1).isoformat(),
        },
    )
    assert response.status_code == 400 and "cannot be in the past" in response.text
    assert "Yönetim kurulumuz için" in response.text and not BoardPost.objects.exists()


def test_filters_and_expiry(client, post, partner, partner_admin):
    other = board.create_post(
        organisation=partner,
        by=partner_admin,
        area="governance",
        description="Vorstand",
        reply_deadline=in_days(3),
    )
    assert (
        post.organisation.name
        in client.get(reverse("contacts:board"), {"area": "volunteer-management"}).text
    )
    page = client.get(reverse("contacts:board"), {"side": "eu"}).text
    assert partner.name in page and post.organisation.name not in page
    BoardPost.objects.filter(pk=other.pk).update(
        reply_deadline=in_days(-1)
    )  # expired posts leave by themselves
    assert partner.name not in client.get(reverse("contacts:board")).text


def test_reply_shortlist_decline_and_cap(
    login, post, partner, partner_admin, org_admin, mailoutbox
):
    url = reverse("contacts:board-post", args=[post.pk])
    with TestCase.captureOnCommitCallbacks(execute=True):
        login(partner_admin).post(
            url,
            {
                "organisation": partner.pk,
                "brings": "volunteer-management",
                "message": "Wir haben ein Ehrenamtsprogramm.",
            },
        )
    reply = BoardReply.objects.get()
    assert mailoutbox[-1].to == [org_admin.email]
    # The poster sees replies; others do not.
    assert "Wir haben ein Ehrenamtsprogramm." in login(org_admin).get(url).text
    assert "Wir haben ein Ehrenamtsprogramm." not in login(add_member(partner)).get(url).text
    login(org_admin).post(reverse("contacts:board-reply-shortlist", args=[reply.pk]))
    assert BoardReply.objects.get().status == "shortlisted"
    # A second organisation replies; the cap of two replies is then reached.
    third = OrganisationFactory(name="Third", country="NL", city="Delft", languages=["en"])
    third_admin = third.memberships.get().user
    with TestCase.captureOnCommitCallbacks(execute=True):
        login(third_admin).post(
            url, {"organisation": third.pk, "brings": "advocacy", "message": "Hello"}
        )
        login(org_admin).post(
            reverse(
                "contacts:board-reply-decline", args=[BoardReply.objects.get(organisation=third).pk]
            )
        )
    assert mailoutbox[-1].to == [third_admin.email] and "Thank you" in mailoutbox[-1].body
    fourth = OrganisationFactory(name="Fourth", country="BE", city="Gent", languages=["en"])
    response = login(fourth.memberships.get().user).post(
        url, {"organisation": fourth.pk, "brings": "advocacy", "message": "Hi"}, follow=True
    )
    assert "received all the replies it wanted" in response.text and BoardReply.objects.count() == 2


def test_one_reply_per_organisation_and_not_to_oneself(
    login, post, partner, partner_admin, org_admin
):
    url = reverse("contacts:board-post", args=[post.pk])
    login(partner_admin).post(
        url, {"organisation": partner.pk, "brings": "advocacy", "message": "Hi"}
    )
    response = login(partner_admin).post(
        url, {"organisation": partner.pk, "brings": "advocacy", "message": "Again"}
    )
    assert response.status_code == 400 and "already replied" in response.text
    login(org_admin).post(
        url, {"organisation": post.organisation.pk, "brings": "advocacy", "message": "Me"}
    )
    assert BoardReply.objects.count() == 1


def test_only_the_poster_answers_replies_and_closes(login, post, partner, partner_admin, outsider):
    board.reply_to_post(
        post=post, organisation=partner, by=partner_admin, brings="advocacy", message="Hi"
    )
    reply = BoardReply.objects.get()
    assert (
        login(outsider).post(reverse("contacts:board-reply-decline", args=[reply.pk])).status_code
        == 404
    )
    assert (
        login(outsider).post(reverse("contacts:board-post-close", args=[post.pk])).status_code
        == 403
    )
    assert BoardReply.objects.get().status == "new" and BoardPost.objects.get().status == "open"


def test_closing_takes_the_post_off_the_board(login, client, post, org_admin):
    login(org_admin).post(reverse("contacts:board-post-close", args=[post.pk]))
    assert post.organisation.name not in client.get(reverse("contacts:board")).text


def test_weekly_digest_sends_matching_posts_to_those_who_opted_in(login, post, mailoutbox):
    reader_org = OrganisationFactory(
        name="Leser e.V.", country="DE", languages=["de"], needs=["volunteer-management"]
    )
    other_org = OrganisationFactory(
        name="Anders e.V.", country="DE", languages=["de"], needs=["governance"]
    )
    reader, other = reader_org.memberships.get().user, other_org.memberships.get().user
    for person in (reader, other):
        login(person).post(reverse("contacts:board-digest"), {"enabled": "1"})
    assert DigestSubscription.objects.count() == 2
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert board.send_digests() == 1  # only the reader needs volunteer management too
        assert board.send_digests() == 0  # once a week
    assert [m.to for m in mailoutbox] == [[reader.email]]
    assert post.organisation.name in mailoutbox[0].body


def test_a_members_only_organisation_stays_off_the_public_board(
    client, login, organisation, org_admin, partner_admin
):
    import datetime as _dt

    from django.utils import timezone as _tz

    from exchange.contacts import board as _board
    from exchange.organisations.models import Organisation

    organisation.visibility = Organisation.Visibility.MEMBERS
    organisation.save()
    post = _board.create_post(
        organisation=organisation,
        by=org_admin,
        area="governance",
        description="Our confidential plan for a new board",
        reply_deadline=_tz.localdate() + _dt.timedelta(days=7),
    )
    page = client.get(reverse("contacts:board")).text
    assert organisation.name not in page and "confidential plan" not in page
    assert client.get(reverse("contacts:board-post", args=[post.pk])).status_code == 404
    assert organisation.name in login(partner_admin).get(reverse("contacts:board")).text
