"""A whole journey through the API alone, as another program would drive it, in each
language: find a partner, contact it, apply together, answer (and meet a conflict), name
participants, confirm, submit."""

import pytest

from tests.organisations.factories import OrganisationFactory

from .helpers import call, client_for

pytestmark = pytest.mark.django_db


def answer_for(question):
    """A valid answer for a question of the call's form, read from the form's schema."""
    kind = question["kind"]
    if kind in ("single_choice", "capacity_area"):
        return question["choices"][0]["key"]
    if kind == "multiple_choice":
        return [question["choices"][0]["key"]]
    if kind == "number":
        return question["min_value"] or "1200"
    if kind == "date":
        return "2027-03-01"
    if kind == "yes_no":
        return True
    return "We both lose volunteers within a year and want to keep them."


@pytest.fixture
def open_call(request):
    return request.getfixturevalue("call")


@pytest.mark.parametrize("language", ["en", "tr", "de"])
def test_find_contact_apply_confirm_submit(open_call, language):
    izmir = OrganisationFactory(
        name="İzmir Gönüllüleri", country="TR", city="İzmir", needs=["volunteer-management"]
    )
    berlin = OrganisationFactory(
        name="Ehrenamt Berlin", country="DE", city="Berlin", offers=["volunteer-management"]
    )
    ayse = client_for(izmir.memberships.get().user, language=language)
    anna = client_for(berlin.memberships.get().user, language=language)

    # Find a partner: the directory's search and filters, then the profile.
    found = call(ayse, "get", "/api/v1/organisations/?offer=volunteer-management&side=eu")
    assert [o["slug"] for o in found.json()["results"]] == [berlin.slug]
    assert (
        call(ayse, "get", f"/api/v1/organisations/{berlin.slug}/").json()["contact_email"] is None
    )

    # Contact it; Berlin accepts; a conversation opens.
    sent = call(
        ayse,
        "post",
        "/api/v1/contact-requests/",
        {"sender": izmir.slug, "recipient": berlin.slug, "message": "Merhaba!"},
    )
    assert sent.status_code == 201
    waiting = call(anna, "get", "/api/v1/contact-requests/").json()["received"]
    assert [r["sender"] for r in waiting] == [izmir.slug]
    conversation = call(anna, "post", f"/api/v1/contact-requests/{waiting[0]['id']}/accept/")
    assert conversation.status_code == 200
    talk = conversation.json()["id"]
    assert (
        call(
            ayse, "post", f"/api/v1/conversations/{talk}/messages/", {"body": "Apply?"}
        ).status_code
        == 201
    )

    # Apply together: İzmir starts, invites Berlin (now a contact), Berlin accepts.
    calls = call(ayse, "get", "/api/v1/calls/?status=open").json()["results"]
    assert open_call.slug in [c["slug"] for c in calls]
    started = call(
        ayse, "post", "/api/v1/applications/", {"call": open_call.slug, "organisation": izmir.slug}
    )
    assert started.status_code == 201, started.content
    application = started.json()["id"]
    invited = call(
        ayse,
        "post",
        f"/api/v1/applications/{application}/invitations/",
        {"organisation": berlin.slug},
    )
    assert invited.status_code == 201, invited.content
    mine = call(anna, "get", "/api/v1/me/application-invitations/").json()
    assert [i["application"] for i in mine] == [application]
    joined = call(anna, "post", f"/api/v1/me/application-invitations/{mine[0]['id']}/accept/", {})
    assert joined.status_code == 200
    assert {p["organisation"] for p in joined.json()["partners"]} == {izmir.slug, berlin.slug}

    # Answer every section from the form's schema, each organisation its own.
    form = call(ayse, "get", f"/api/v1/calls/{open_call.slug}/form/").json()
    for section in form["sections"]:
        owners = [izmir, berlin] if section["scope"] == "organisation" else [None]
        for owner in owners:
            client = anna if owner == berlin else ayse
            query = f"?organisation={owner.slug}" if owner else ""
            url = f"/api/v1/applications/{application}/answers/{section['key']}/{query}"
            current = call(client, "get", url).json()
            answers = {q["key"]: answer_for(q) for q in section["questions"] if q["kind"] != "file"}
            versions = {a["key"]: a["version"] for a in current["answers"]}
            saved = call(client, "put", url, {"answers": answers, "versions": versions})
            assert saved.status_code == 200, saved.content
            assert set(saved.json()["saved"]) == set(answers)

    # A save based on an older version: 409 with both versions, nothing overwritten.
    partnership = next(s for s in form["sections"] if s["scope"] == "partnership")
    key = next(q["key"] for q in partnership["questions"] if q["kind"] == "long_text")
    url = f"/api/v1/applications/{application}/answers/{partnership['key']}/"
    stale = call(anna, "put", url, {"answers": {key: "Berlin's text"}, "versions": {key: 0}})
    assert stale.status_code == 409
    conflict = stale.json()["conflicts"][0]
    assert conflict["key"] == key and conflict["yours"] == "Berlin's text"
    assert conflict["theirs"] == answer_for({"kind": "long_text"}) and conflict["version"] == 1
    assert stale.headers["Content-Language"] == language

    # Participants, then each administrator confirms this version; then submit.
    for client, organisation in ((ayse, izmir), (anna, berlin)):
        people = [
            {"name": f"Person {i}", "role": "Coordinator", "email": f"p{i}@{organisation.slug}.org"}
            for i in range(open_call.participants_per_organisation)
        ]
        url = f"/api/v1/applications/{application}/participants/{organisation.slug}/"
        assert call(client, "put", url, people).status_code == 200
    early = call(ayse, "post", f"/api/v1/applications/{application}/submit/")
    assert early.status_code == 409 and early.json()["code"] == "incomplete"
    for client, organisation in ((ayse, izmir), (anna, berlin)):
        confirmed = call(
            client,
            "post",
            f"/api/v1/applications/{application}/confirm/",
            {"organisation": organisation.slug},
        )
        assert confirmed.status_code == 200, confirmed.content
    overview = confirmed.json()
    assert overview["eligible"] and overview["waiting_for"] == []
    assert overview["actions"]["submit"]["allowed"]
    submitted = call(ayse, "post", f"/api/v1/applications/{application}/submit/")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    again = call(ayse, "post", f"/api/v1/applications/{application}/submit/")
    assert again.status_code == 200  # a retry returns the submitted application
    late = call(anna, "put", url.replace("participants", "answers"), {"answers": {}})
    assert late.status_code in (400, 403, 404)
