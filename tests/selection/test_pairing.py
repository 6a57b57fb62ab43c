"""Pairing single applicants: staff run the optimal pairing, propose a pair, and the pair
becomes one joint application when both organisations accept."""

import pytest
from django.urls import reverse

from exchange.applications import services as application_services
from exchange.applications.models import Application
from exchange.core.permissions import Refused
from exchange.notifications.models import Notification
from exchange.selection import services as selection_services
from exchange.selection.models import AuditEntry, Standing
from exchange.selection.pairing import services
from exchange.selection.pairing.models import PairProposal
from tests.accounts.factories import UserFactory
from tests.applications.fixtures import confirm_all, fill_in
from tests.organisations.factories import OrganisationFactory
from tests.selection.fixtures import admin, close, submit_pair

S = Application.Status
P = PairProposal.Status


def apply_alone(call, organisation) -> Application:
    by = admin(organisation)
    application = application_services.start_application(
        call=call, organisation=organisation, by=by, seeking_partner=True
    )
    fill_in(application, (organisation, by))
    confirm_all(application)
    return application_services.submit_application(application=application, by=by)


@pytest.fixture
def singles(call, programme_staff):
    """Two Turkish and two European organisations applying alone (screened eligible),
    and one joint application, which the pairing leaves alone."""
    orgs = [
        OrganisationFactory(
            name="Ankara Gençlik Derneği",
            country="TR",
            city="Ankara",
            languages=["tr", "en"],
            needs=["volunteer-management"],
        ),
        OrganisationFactory(
            name="Van Kadın Derneği",
            country="TR",
            city="Van",
            languages=["tr", "de"],
            needs=["individual-giving"],
        ),
        OrganisationFactory(
            name="Freiwillige Wien",
            country="AT",
            city="Wien",
            languages=["de", "en"],
            offers=["volunteer-management"],
        ),
        OrganisationFactory(
            name="Spenden Köln",
            country="DE",
            city="Köln",
            languages=["de"],
            offers=["individual-giving"],
        ),
    ]
    applications = [apply_alone(call, o) for o in orgs]
    joint = submit_pair(call, 9)
    close(call)
    for application in [*applications, joint]:
        selection_services.screen(
            application=application, eligible=True, reason="", by=programme_staff
        )
    return dict(zip(("ankara", "van", "wien", "koeln"), applications, strict=True)) | {
        "orgs": dict(zip(("ankara", "van", "wien", "koeln"), orgs, strict=True)),
        "joint": joint,
    }


def staff_url(name, call):
    return reverse(f"selection:{name}", args=[call.slug])


def propose(client, call, first, second):
    return client.post(staff_url("pair-propose", call), {"first": first.pk, "second": second.pk})


def test_staff_see_the_suggested_pairs_with_their_reasons(client, call, singles, programme_staff):
    client.force_login(programme_staff)
    page = client.get(staff_url("pairing", call))
    assert page.status_code == 200 and "No pair proposed yet." in page.text
    run = client.post(staff_url("pairing", call))
    assert run.status_code == 200
    text = run.text
    assert "Ankara Gençlik Derneği with Freiwillige Wien" in text
    assert "Van Kadın Derneği with Spenden Köln" in text
    assert (
        "Freiwillige Wien has experience in volunteer management, which Ankara Gençlik "
        "Derneği wants to strengthen." in text
    )
    assert "Spenden Köln has experience in individual giving" in text
    assert text.count('name="first"') == 2  # a Propose button per pair
    assert f"#{singles['joint'].pk}" not in text  # a joint application is not paired
    assert not PairProposal.objects.exists()  # running the pairing is a read


def test_only_staff_run_the_pairing(call, singles, org_admin):
    with pytest.raises(Refused):
        services.suggest_pairs(call=call, by=org_admin)


def test_a_proposed_pair_accepted_by_both_becomes_one_application(
    client, call, singles, programme_staff
):
    ankara, wien = singles["ankara"], singles["wien"]
    orgs = singles["orgs"]
    client.force_login(programme_staff)
    response = propose(client, call, ankara, wien)
    assert response.status_code == 302
    proposal = PairProposal.objects.get()
    assert (proposal.first, proposal.second, proposal.status) == (ankara, wien, P.PROPOSED)
    assert proposal.score > 0 and proposal.reasons
    assert AuditEntry.objects.filter(action="pair_proposed").count() == 2
    told = Notification.objects.filter(event="selection.pair_proposed")
    assert {n.recipient for n in told} == {admin(orgs["ankara"]), admin(orgs["wien"])}
    assert all(n.link.endswith(f"/pairs/{proposal.pk}/") for n in told)
    # The same application cannot be proposed twice.
    again = propose(client, call, ankara, singles["koeln"])
    assert again.status_code == 302 and PairProposal.objects.count() == 1
    # Nor is it suggested again.
    rerun = client.post(staff_url("pairing", call)).text
    assert rerun.count('name="first"') == 1 and f'value="{wien.pk}"' not in rerun

    url = reverse("selection:pair", args=[proposal.pk])
    client.force_login(admin(orgs["ankara"]))
    page = client.get(url)
    assert page.status_code == 200
    assert "Apply together with Freiwillige Wien?" in page.text
    assert orgs["wien"].get_absolute_url() in page.text
    assert (
        "Freiwillige Wien has experience in volunteer management, which you want to "
        "strengthen." in page.text
    )
    client.post(url, {"answer": "accept"})
    proposal.refresh_from_db()
    assert proposal.status == P.PROPOSED and proposal.first_accepted_at
    assert (
        Application.objects.filter(pk__in=(ankara.pk, wien.pk), status=S.UNDER_REVIEW).count() == 2
    )

    client.force_login(admin(orgs["wien"]))
    page = client.get(url)
    assert "You have experience in volunteer management, which Ankara Gençlik Derneği" in page.text
    assert "Ankara Gençlik Derneği has accepted." in page.text
    client.post(url, {"answer": "accept"})
    proposal.refresh_from_db()
    ankara.refresh_from_db()
    wien.refresh_from_db()
    assert proposal.status == P.ACCEPTED and proposal.second_accepted_by == admin(orgs["wien"])
    # Its change of state is in the one history, like every workflow's.
    from exchange.core.models import StatusChange

    assert StatusChange.objects.filter(
        workflow="selection.pair", object_id=proposal.pk, to_status=P.ACCEPTED
    ).exists()
    assert not ankara.seeking_partner and ankara.status == S.UNDER_REVIEW
    assert set(
        ankara.partners.filter(is_active=True).values_list("organisation__name", flat=True)
    ) == {"Ankara Gençlik Derneği", "Freiwillige Wien"}
    assert wien.status == S.WITHDRAWN and not wien.partners.filter(is_active=True).exists()
    standing = Standing.objects.get(application=ankara)
    assert standing.organisations == 2 and "Freiwillige Wien" in standing.names
    assert standing.checklist_ok, standing.checklist_problems  # participants came along
    assert Standing.objects.get(application=wien).status == S.WITHDRAWN
    assert AuditEntry.objects.filter(action="paired").count() == 2
    assert Notification.objects.filter(event="selection.pair_accepted").exists()
    assert "Both organisations accepted" in client.get(url).text


def test_a_declined_pair_ends_and_tells_the_other_side(client, call, singles, programme_staff):
    van, koeln = singles["van"], singles["koeln"]
    orgs = singles["orgs"]
    proposal = services.propose_pair(call=call, first=van, second=koeln, by=programme_staff)
    client.force_login(admin(orgs["koeln"]))
    url = reverse("selection:pair", args=[proposal.pk])
    assert client.post(url, {"answer": "maybe"}).status_code == 400
    assert client.post(url, {"answer": "decline"}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == P.DECLINED
    told = Notification.objects.filter(event="selection.pair_declined")
    assert [n.recipient for n in told] == [admin(orgs["van"])]
    assert AuditEntry.objects.filter(action="pair_declined").count() == 2
    van.refresh_from_db()
    koeln.refresh_from_db()
    assert van.seeking_partner and koeln.status == S.UNDER_REVIEW
    # An answered proposal takes no more answers; both may be proposed again.
    client.force_login(admin(orgs["van"]))
    client.post(url, {"answer": "accept"})
    proposal.refresh_from_db()
    assert proposal.status == P.DECLINED and proposal.first_accepted_at is None
    from exchange.core.models import StatusChange

    assert (
        StatusChange.objects.filter(
            workflow="selection.pair", object_id=proposal.pk, to_status=P.DECLINED
        ).count()
        == 1
    )
    again = services.propose_pair(call=call, first=van, second=koeln, by=programme_staff)
    assert again.status == P.PROPOSED


def test_only_the_two_organisations_see_a_proposal(
    client, call, singles, programme_staff, outsider
):
    orgs = singles["orgs"]
    proposal = services.propose_pair(
        call=call, first=singles["ankara"], second=singles["wien"], by=programme_staff
    )
    other = services.propose_pair(
        call=call, first=singles["van"], second=singles["koeln"], by=programme_staff
    )
    url = reverse("selection:pair", args=[proposal.pk])
    member = UserFactory()
    orgs["ankara"].memberships.create(user=member, role="member")
    for user in (outsider, admin(orgs["van"]), programme_staff, member):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"answer": "accept"}).status_code == 404
    client.force_login(admin(orgs["van"]))
    assert client.get(reverse("selection:pair", args=[other.pk])).status_code == 200
    assert client.get(reverse("selection:pair", args=[999999])).status_code == 404
    proposal.refresh_from_db()
    assert proposal.first_accepted_at is None


def test_only_staff_open_the_pairing_pages(client, call, singles, org_admin, outsider):
    for user in (org_admin, outsider, admin(singles["orgs"]["ankara"])):
        client.force_login(user)
        assert client.get(staff_url("pairing", call)).status_code == 404
        assert client.post(staff_url("pairing", call)).status_code == 404
        assert propose(client, call, singles["ankara"], singles["wien"]).status_code == 404
    assert not PairProposal.objects.exists()


def test_wrong_methods(client, call, singles, programme_staff):
    proposal = services.propose_pair(
        call=call, first=singles["ankara"], second=singles["wien"], by=programme_staff
    )
    client.force_login(programme_staff)
    assert client.put(staff_url("pairing", call)).status_code == 405
    assert client.get(staff_url("pair-propose", call)).status_code == 405
    client.force_login(admin(singles["orgs"]["ankara"]))
    assert client.delete(reverse("selection:pair", args=[proposal.pk])).status_code == 405


def test_a_joint_application_is_not_proposed(call, singles, programme_staff):
    with pytest.raises(Refused, match="no longer waiting to be matched"):
        services.propose_pair(
            call=call, first=singles["ankara"], second=singles["joint"], by=programme_staff
        )


def test_an_application_waiting_for_screening_is_screened_before_it_is_closed(
    call, singles, programme_staff
):
    ankara, wien = singles["ankara"], singles["wien"]
    Application.objects.filter(pk__in=(ankara.pk, wien.pk)).update(status=S.SUBMITTED)
    pair = next(
        p for p in services.suggest_pairs(call=call, by=programme_staff) if p.first == ankara
    )
    assert pair.second == wien and not pair.closable
    with pytest.raises(Refused, match="screen it first"):
        services.propose_pair(call=call, first=ankara, second=wien, by=programme_staff)
