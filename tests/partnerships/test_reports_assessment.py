"""The capacity self-assessment: its questionnaire, who fills it, the chart of change (a
pure SVG module, readable without colour), the cohort's aggregate, the API and the demo."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from exchange.core.permissions import Refused
from exchange.organisations.models import CapacityStatement
from exchange.organisations.taxonomy import CAPACITY_AREAS
from exchange.partnerships.reports import capacity, chart, demo, selectors, services
from exchange.partnerships.reports.models import Assessment, Kind, Report
from tests.api.helpers import client_for
from tests.partnerships.test_reports import pair  # noqa: F401

SVG = "{http://www.w3.org/2000/svg}"
WORDS = chart.Words(
    title="Self-assessment per area",
    start="At the start",
    end="At the end",
    missing="not rated",
    summary="%(area)s: %(start)s at the start, %(end)s at the end.",
)


# --- The questionnaire (plain data) ---------------------------------------------------------


def test_every_area_has_three_or_four_statements_with_anchors_for_1_and_5():
    for term in CAPACITY_AREAS:
        statements = capacity.statements(term.key)
        assert 3 <= len(statements) <= 4
        for s in statements:
            assert s.key.startswith(term.key + ":")
            assert str(s.text) and str(s.low) and str(s.high) and str(s.low) != str(s.high)
    assert "volunteer" in str(capacity.statements("volunteer-management")[0].text)
    # An area without its own statements gets the general ones, with its name in them.
    assert "Legal compliance" in str(capacity.statements("legal-compliance")[0].text)


def test_the_areas_are_the_partnership_s_own_then_what_both_need():
    assert capacity.choose_areas("governance", [["advocacy", "fundraising?"], ["advocacy"]]) == [
        "governance",
        "advocacy",
    ]
    assert capacity.choose_areas("", []) == list(capacity.FALLBACK_AREAS)
    many = [[t.key for t in CAPACITY_AREAS]]
    assert len(capacity.choose_areas("governance", many)) == capacity.MAX_AREAS


def test_scores_outside_the_scale_are_refused_one_by_one():
    areas = ["governance"]
    scores, errors = capacity.clean_scores(
        areas, {"governance:1": "4", "governance:2": "9", "governance:3": "", "x:1": "3"}
    )
    assert scores == {"governance:1": 4}
    assert list(errors) == ["governance:2"]
    assert capacity.area_means(areas, {"governance:1": 4, "governance:2": 1}) == {"governance": 2.5}


# --- The chart -------------------------------------------------------------------------------


def _rows():
    return [
        chart.Row("Volunteer management", 2.3, 4.0),
        chart.Row("Governance & <boards>", 3.0, None),
    ]


def test_the_chart_is_valid_svg_with_a_title_and_a_description():
    svg = chart.change_chart(_rows(), WORDS)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == "Self-assessment per area"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert desc.text == (
        "Volunteer management: 2.3 at the start, 4.0 at the end. "
        "Governance & <boards>: 3.0 at the start, not rated at the end."
    )
    assert "viewBox" in root.attrib and root.get("width") == "100%"


def test_the_chart_shows_every_value_as_text():
    root = ET.fromstring(chart.change_chart(_rows(), WORDS))
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    for expected in ("At the start: 2.3", "At the end: 4.0", "At the start: 3.0",
                     "At the end: not rated", "Volunteer management", "Governance & <boards>"):  # fmt: skip
        assert expected in texts


def test_the_chart_does_not_rely_on_colour():
    """The two series differ by pattern (hatched / solid), and each bar has its stage
    written next to it; the legend shows both patterns with words."""
    root = ET.fromstring(chart.change_chart(_rows(), WORDS))
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("data-value")]
    fills = {r.get("data-series"): r.get("fill") for r in bars}
    assert fills["start"].startswith("url(#") and not fills["end"].startswith("url(")
    assert root.find(f".//{SVG}pattern") is not None
    labels = [t for t in root.iter(f"{SVG}text") if t.get("data-series")]
    assert len(labels) == 2 * len(_rows())  # a text for every bar, drawn or not
    legend = root.find(f".//{SVG}g[@class='legend']")
    assert [t.text for t in legend.iter(f"{SVG}text")] == ["At the start", "At the end"]
    assert {r.get("data-value") for r in bars} == {"2.3", "4.0", "3.0"}


def test_an_empty_chart_is_still_valid():
    root = ET.fromstring(chart.change_chart([], WORDS))
    assert root.find(f"{SVG}desc") is not None


# --- Filling it -------------------------------------------------------------------------------


def _full(areas, score):
    return {key: score for key in capacity.keys_of(areas)}


def test_each_organisation_rates_itself_and_only_itself(pair):  # noqa: F811
    p = pair["partnership"]
    CapacityStatement.objects.create(organisation=pair["german"], kind="need", area="advocacy")
    areas = selectors.areas_for(p)
    assert areas == ["advocacy"]  # the world's own area is not a taxonomy key
    with pytest.raises(Refused):
        services.save_assessment(
            partnership=p, organisation=pair["german"], stage="start", by=pair["admin"], scores={}
        )
    with pytest.raises(Refused):
        services.save_assessment(
            partnership=p, organisation=pair["turkish"], stage="start", by=pair["staff"], scores={}
        )
    assessment, errors = services.save_assessment(
        partnership=p, organisation=pair["turkish"], stage="start", by=pair["member"],
        scores={"advocacy:1": "2"}, submit=True,
    )  # fmt: skip
    assert not errors and assessment.status == "draft"  # not every statement rated
    assessment, _ = services.save_assessment(
        partnership=p, organisation=pair["turkish"], stage="start", by=pair["member"],
        scores=_full(areas, "2"), submit=True,
    )  # fmt: skip
    assert assessment.status == "submitted" and assessment.submitted_at
    with pytest.raises(Refused):  # submitted: kept as it was
        services.save_assessment(
            partnership=p, organisation=pair["turkish"], stage="start", by=pair["member"],
            scores=_full(areas, "5"),
        )  # fmt: skip
    # The end opens a month before the six months end.
    with pytest.raises(Refused):
        services.save_assessment(
            partnership=p, organisation=pair["turkish"], stage="end", by=pair["member"],
            scores=_full(areas, "4"),
        )  # fmt: skip


def _finish(world_pair):
    p = world_pair["partnership"]
    cohort = p.cohort
    cohort.ends_on = timezone.localdate() + datetime.timedelta(days=10)
    cohort.save()
    p.cohort = cohort
    areas = selectors.areas_for(p)
    for org, user, start, end in (
        (world_pair["turkish"], world_pair["admin"], "2", "4"),
        (world_pair["german"], world_pair["partner_admin"], "3", "4"),
    ):
        for stage, score in (("start", start), ("end", end)):
            services.save_assessment(
                partnership=p, organisation=org, stage=stage, by=user,
                scores=_full(areas, score), submit=True,
            )  # fmt: skip
    return areas


def test_the_workspace_shows_the_change_as_a_chart_and_a_table(pair, client):  # noqa: F811
    areas = _finish(pair)
    client.force_login(pair["member"])
    page = client.get(reverse("reports:assessment", args=[pair["partnership"].pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "<title" in html and "<desc" in html
    # The reader's language writes the decimals (Turkish: 2,5).
    assert "<table" in html and "2,5" in html and "4,0" in html and "+1,5" in html
    results = selectors.partnership_results(pair["partnership"])["areas"]
    assert [(r.key, r.start, r.end) for r in results] == [(a, 2.5, 4.0) for a in areas]


def test_the_fill_page_has_radio_groups_in_fieldsets_and_keeps_what_was_chosen(
    pair,  # noqa: F811
    client,
):
    client.force_login(pair["member"])
    url = reverse("reports:assessment-fill", args=[pair["partnership"].pk, "start"])
    page = client.get(url)
    html = page.content.decode()
    assert html.count("<fieldset") >= 4 and "<legend>" in html and 'type="radio"' in html
    first = capacity.keys_of(selectors.areas_for(pair["partnership"]))[0]
    response = client.post(url, {first: "4", "action": "submit"})
    assert response.status_code == 409  # not all rated: said on the page
    kept = response.content.decode().replace('checked=""', "checked")
    assert re.search(rf'name="{re.escape(first)}" value="4" id="[^"]*" checked', kept)
    assert Assessment.objects.get().answers == {first: 4}  # and what was chosen is kept
    client.force_login(pair["staff"])
    assert client.get(url).status_code == 403
    assert client.get(url.replace("start", "middle")).status_code == 404


def test_the_cohort_view_aggregates_means_and_n(pair, client):  # noqa: F811
    _finish(pair)
    results = selectors.cohort_results(pair["cohort"])
    assert results[0].start == 2.5 and results[0].end == 4.0
    assert (results[0].n_start, results[0].n_end) == (2, 2)
    client.force_login(pair["staff"])
    page = client.get(reverse("reports:cohort-assessment", args=[pair["cohort"].pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "2 / 2" in html and "<svg" in html
    figures = selectors.figures([pair["partnership"].pk])[pair["partnership"].pk]
    assert figures["assessments_done"] == 4 and figures["assessments_needed"] == 4


# --- API ------------------------------------------------------------------------------------


def test_the_api_writes_a_report_and_an_assessment(pair):  # noqa: F811
    p = pair["partnership"]
    api = client_for(pair["admin"])
    reports = api.get(reverse("api:reports", args=[p.pk])).json()
    midterm = next(r for r in reports if r["kind"] == "midterm")
    url = reverse("api:partnership-report", args=[p.pk, midterm["id"]])
    detail = api.get(url).json()
    assert any(q["key"] == "midterm_on_track" and q["options"] for q in detail["questions"])
    response = api.patch(
        url, {"answers": {"midterm_on_track": "perhaps"}}, content_type="application/json"
    )
    assert response.status_code == 422 and "midterm_on_track" in response.json()["errors"]
    response = api.patch(
        url,
        {"answers": {"midterm_plan": "A visit to Köln"}, "versions": {"midterm_plan": 0}},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["versions"]["midterm_plan"] == 1
    stale = api.patch(
        url,
        {"answers": {"midterm_plan": "Another"}, "versions": {"midterm_plan": 0}},
        content_type="application/json",
    )
    assert stale.status_code == 409 and stale.json()["conflicts"][0]["theirs"] == "A visit to Köln"
    submit = api.post(reverse("api:report-submit", args=[p.pk, midterm["id"]]))
    assert submit.status_code == 409 and submit.json()["code"] == "incomplete"

    questionnaire = api.get(reverse("api:assessment", args=[p.pk])).json()
    keys = [s["key"] for a in questionnaire["areas"] for s in a["statements"]]
    assert (
        questionnaire["scale"][0]["score"] == 1
        and questionnaire["areas"][0]["statements"][0]["low"]
    )
    answers_url = reverse("api:assessment-answers", args=[p.pk, "start", pair["turkish"].pk])
    bad = api.put(answers_url, {"scores": {keys[0]: 7}}, content_type="application/json")
    assert bad.status_code == 422
    done = api.put(
        answers_url,
        {"scores": dict.fromkeys(keys, 3), "submit": True},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["status"] == "submitted"
    results = api.get(reverse("api:assessment-results", args=[p.pk])).json()
    assert results["areas"][0]["start"] == 3.0 and results["areas"][0]["end"] is None
    partner_side = reverse("api:assessment-answers", args=[p.pk, "start", pair["german"].pk])
    assert api.put(partner_side, {"scores": {}}, content_type="application/json").status_code == 403


# --- Demo -------------------------------------------------------------------------------------


@pytest.mark.parametrize("stage", ["starting", "midway", "late", "finished"])
def test_demo_stages(pair, stage):  # noqa: F811
    p = pair["partnership"]
    demo.load_demo_reports(p, stage=stage)
    demo.load_demo_reports(p, stage=stage)  # twice: no error, nothing doubled
    reports = {r.kind: r for r in Report.objects.filter(partnership=p)}
    submitted = Assessment.objects.filter(partnership=p, status="submitted")
    if stage == "starting":
        assert submitted.count() == 1
    elif stage == "midway":
        assert reports[Kind.MIDTERM].status == "submitted"
    elif stage == "late":
        assert selectors.is_late(reports[Kind.MIDTERM])
        assert "late_report" in selectors.figures([p.pk])[p.pk]["risks"]
    else:
        assert {r.status for r in reports.values()} == {"accepted"}
        assert submitted.count() == 4


def test_bulk_reports_for_the_benchmark(pair):  # noqa: F811
    demo.bulk_reports([pair["partnership"]], seed=3)
    assert Report.objects.filter(partnership=pair["partnership"]).count() == 2
    assert Assessment.objects.filter(stage="start").count() == 2
