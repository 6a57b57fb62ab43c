"""Review and selection through the API, as a program would drive it: staff screen and
assign, reviewers score, staff read the standings, suggest a cohort, decide and publish."""

from django.urls import reverse

from exchange.applications.models import Application
from exchange.selection.models import Review

from .helpers import call as request
from .helpers import client_for

S = Application.Status


def test_the_selection_through_the_api(selection, call):
    staff = client_for(selection.staff)
    slug = call.slug
    blocked = request(staff, "post", reverse("api:assignment", args=[slug]), {"per_application": 5})
    assert blocked.status_code == 409
    assert {b["needed"] for b in blocked.json()["blockers"]} == {5}
    done = request(staff, "post", reverse("api:assignment", args=[slug]), {})
    assert done.status_code == 200 and len(done.json()["assignments"]) == 6

    for review in Review.objects.select_related("reviewer__user"):
        reviewer = client_for(review.reviewer.user, language="tr")
        url = reverse("api:review", args=[review.pk])
        read = request(reviewer, "get", url).json()
        assert read["others"] is None  # not before mine is submitted
        scores = {c["key"]: {"score": 3 + review.pk % 3} for c in read["criteria"]}
        saved = request(reviewer, "put", url, {"scores": scores, "submit": True})
        assert saved.status_code == 200, saved.content
        assert saved.json()["status"] == "submitted"
        assert isinstance(saved.json()["others"], list)
    last = request(reviewer, "get", url).json()
    assert last["others"] and {"total", "scores"} <= set(last["others"][0])

    standings = request(staff, "get", reverse("api:standings", args=[slug])).json()
    assert standings["count"] == 6
    first = standings["results"][0]
    assert first["rank"] == 1 and first["reviews_submitted"] == 2
    only_de = request(staff, "get", reverse("api:standings", args=[slug]) + "?country=DE")
    assert all("DE" in s["countries"] for s in only_de.json()["results"])
    bad = request(staff, "get", reverse("api:standings", args=[slug]) + "?side=mars")
    assert bad.status_code == 400

    suggestion = request(
        staff, "post", reverse("api:suggestions", args=[slug]), {"size": 2, "areas": 2}
    ).json()
    assert len(suggestion["chosen"]) == 2 and "areas" in suggestion["costs"]
    for standing in standings["results"]:
        outcome = "selected" if standing["application"] in suggestion["chosen"] else "rejected"
        put = request(
            staff,
            "put",
            reverse("api:decision", args=[slug, standing["application"]]),
            {"outcome": outcome, "reason": "The committee's view."},
        )
        assert put.status_code == 200, put.content
    published = request(staff, "post", reverse("api:publish", args=[slug]))
    assert published.json() == {"selected": 2, "waiting_list": 0, "rejected": 4}
    assert Application.objects.filter(call=call, status=S.SELECTED).count() == 2
