"""The staff pages of calls: programme staff set up a call (dates in the call's zone, the
zone from a list), edit its form under the open-call rule, and its rubric under the
reviews-started rule. `call` (tests/applications/fixtures.py) is open, with the default
form published; `upcoming` has not opened yet."""

import datetime
import re

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse
from django.utils import timezone

from exchange.calls import services
from exchange.calls.models import Call, Criterion, FormQuestion, FormSection, Programme
from tests.accounts.factories import UserFactory

UTC = datetime.UTC


def staff_of(programme):
    user = UserFactory(is_staff=True)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    programme.staff.add(user)
    return user


@pytest.fixture
def officer(programme):
    return staff_of(programme)


@pytest.fixture
def staff_client(client, officer):
    client.force_login(officer)
    return client


def make_call(programme, slug, *, opens_in_days=10, **kwargs):
    now = timezone.now()
    call = Call.objects.create(
        programme=programme,
        slug=slug,
        cohort_en="Cohort 2028",
        title_en=f"Call {slug}",
        text_en="Apply together.",
        time_zone="Europe/Berlin",
        opens_at=now + datetime.timedelta(days=opens_in_days),
        closes_at=now + datetime.timedelta(days=opens_in_days + 30),
        turkey_countries=["TR"],
        europe_countries=["DE"],
        **kwargs,
    )
    services.add_default_form(call)
    services.add_default_rubric(call)
    return call


@pytest.fixture
def upcoming(programme):
    return make_call(programme, "cohort-2028")


def url(name, *args):
    return reverse(f"calls:{name}", args=args)


CALL_DATA = {
    "slug": "cohort-2029",
    "title_en": "Call 2029",
    "cohort_en": "Cohort 2029",
    "text_en": "Apply together.",
    "time_zone": "Europe/Istanbul",
    "opens_local": "2029-09-01T09:00",
    "closes_local": "2029-10-12 23:59",
    "turkey_countries": ["TR"],
    "europe_countries": ["DE", "AT"],
    "organisations_per_partnership": 2,
    "participants_per_organisation": 2,
    "single_applicants_allowed": "on",
    "grant_amount": "3500",
    "grant_currency": "EUR",
    "partnerships_to_select": 8,
    "reviewers_per_application": 3,
    "blind_review": "on",
}


# --- Home and workspace -------------------------------------------------------------------


def test_staff_home_lists_their_programmes_calls_with_status_and_a_new_call_link(
    staff_client, call, upcoming
):
    theirs = make_call(Programme.objects.create(name="Multiplier", slug="multiplier"), "theirs")
    page = staff_client.get(url("staff-home")).text
    assert url("staff-call", call.slug) in page and url("staff-call", upcoming.slug) in page
    assert theirs.title_en not in page
    assert "Open" in page and "Upcoming" in page
    assert url("staff-call-create") + "?programme=cse" in page


def test_people_who_run_no_programme_get_404(client, call, org_admin):
    client.force_login(org_admin)
    assert client.get(url("staff-home")).status_code == 404
    assert client.get(url("staff-call", call.slug)).status_code == 404


def test_another_programmes_staff_get_404_on_this_programmes_call(client, call):
    client.force_login(staff_of(Programme.objects.create(name="Multiplier", slug="multiplier")))
    for name in ("staff-call", "staff-call-edit", "staff-form", "staff-rubric"):
        assert client.get(url(name, call.slug)).status_code == 404, name
    assert client.get(url("staff-call-create") + "?programme=cse").status_code == 404


def test_the_overview_shows_dates_in_the_calls_zone_missing_languages_and_tabs(
    staff_client, programme
):
    call = make_call(programme, "zoned")
    call.closes_at = services.aware(datetime.datetime(2030, 10, 12, 23, 59), "Europe/Berlin")
    call.save()
    page = staff_client.get(url("staff-call", call.slug)).text
    assert "Oct. 12, 2030, 11:59 p.m. in Europe/Berlin" in page
    assert "Oct. 13, 2030, 12:59 a.m." in page  # the officer lives in Istanbul
    assert "not written in Turkish, German yet" in page
    assert f'href="{url("staff-call", call.slug)}" aria-current="page"' in page
    assert url("staff-form", call.slug) in page and url("staff-rubric", call.slug) in page


# --- Setting up a call --------------------------------------------------------------------


def test_a_new_call_has_the_zone_list_and_the_eu_as_european_side(staff_client, programme):
    page = staff_client.get(url("staff-call-create") + "?programme=cse").text
    assert '<select name="time_zone"' in page and '<option value="Europe/Istanbul">' in page
    assert '<input type="text" name="time_zone"' not in page
    assert re.search(r'name="europe_countries" value="FR"[^>]*checked', page)
    assert re.search(r'name="europe_countries" value="NO"(?![^>]*checked)', page)
    assert re.search(r'name="turkey_countries" value="TR"[^>]*checked', page)
    assert "localtime" not in page


def test_dates_typed_in_istanbul_are_stored_in_utc_with_the_default_form_and_rubric(
    staff_client, programme
):
    response = staff_client.post(url("staff-call-create") + "?programme=cse", CALL_DATA)
    assert response.status_code == 302, response.text[:3000]
    call = Call.objects.get(slug="cohort-2029")
    assert call.programme == programme and call.time_zone == "Europe/Istanbul"
    assert call.opens_at == datetime.datetime(2029, 9, 1, 6, 0, tzinfo=UTC)
    assert call.closes_at == datetime.datetime(2029, 10, 12, 20, 59, tzinfo=UTC)  # UTC+3
    assert (call.turkey_countries, call.europe_countries) == (["TR"], ["DE", "AT"])
    assert call.blind_review and call.reviewers_per_application == 3
    assert call.questions.filter(key="common_issue").exists()
    assert call.criteria.count() == len(services.DEFAULT_RUBRIC)
    assert call.form_versions.count() == 1
    # Opened again, the page shows the same wall-clock times in the call's zone.
    page = staff_client.get(url("staff-call-edit", call.slug)).text
    assert 'value="2029-10-12T23:59"' in page and 'value="Europe/Istanbul" selected' in page


def test_a_zone_not_on_the_list_is_refused_and_nothing_typed_is_lost(staff_client, programme):
    response = staff_client.post(
        url("staff-call-create") + "?programme=cse",
        {**CALL_DATA, "time_zone": "Mars/Olympus", "title_de": "Ausschreibung 2029"},
    )
    assert response.status_code == 400
    page = response.text
    assert "Select a valid choice" in page and "Mars/Olympus" in page
    assert 'value="Ausschreibung 2029"' in page and 'value="2029-10-12 23:59"' in page
    assert not Call.objects.filter(slug="cohort-2029").exists()


def test_a_deadline_before_the_opening_is_refused_next_to_the_field(staff_client, upcoming):
    data = {**CALL_DATA, "slug": upcoming.slug, "closes_local": "2029-08-01 10:00"}
    response = staff_client.post(url("staff-call-edit", upcoming.slug), data)
    assert response.status_code == 400
    assert "The deadline must come after the opening." in response.text
    upcoming.refresh_from_db()
    assert upcoming.title_en == "Call cohort-2028"  # nothing saved


def test_editing_a_call_saves_it(staff_client, upcoming):
    data = {**CALL_DATA, "slug": upcoming.slug, "title_tr": "Çağrı 2029", "time_zone": "UTC"}
    response = staff_client.post(url("staff-call-edit", upcoming.slug), data)
    assert response.status_code == 302
    upcoming.refresh_from_db()
    assert upcoming.title_tr == "Çağrı 2029"
    assert upcoming.closes_at == datetime.datetime(2029, 10, 12, 23, 59, tzinfo=UTC)
    assert upcoming.programme.slug == "cse"


def test_creating_a_call_needs_a_programme_one_runs(staff_client, programme):
    Programme.objects.create(name="Multiplier", slug="multiplier")
    assert staff_client.get(url("staff-call-create") + "?programme=multiplier").status_code == 404
    assert staff_client.get(url("staff-call-create") + "?programme=nope").status_code == 404
    # Someone who runs one programme needs not name it.
    assert staff_client.get(url("staff-call-create")).status_code == 200


# --- The form editor ----------------------------------------------------------------------


def test_the_form_editor_adds_edits_moves_and_deletes(staff_client, upcoming):
    assert "common_issue" in staff_client.get(url("staff-form", upcoming.slug)).text
    response = staff_client.post(
        url("staff-section-create", upcoming.slug),
        {"key": "extra", "scope": "partnership", "title_en": "Extra"},
    )
    assert response.status_code == 302
    section = FormSection.objects.get(call=upcoming, key="extra")
    assert section.position == 3
    new = url("staff-question-create", upcoming.slug)
    assert 'name="word_limit"' in staff_client.get(new + "?kind=long_text").text
    assert 'name="word_limit"' not in staff_client.get(new + "?kind=number").text
    for key in ("first", "second"):
        response = staff_client.post(
            new,
            {
                "section": section.pk,
                "key": key,
                "kind": "long_text",
                "label_en": f"The {key} question",
                "word_limit": 100,
            },
        )
        assert response.status_code == 302, response.text[:3000]
    first, second = FormQuestion.objects.filter(section=section).order_by("position")
    assert (first.key, first.word_limit, second.position) == ("first", 100, 1)
    response = staff_client.post(
        url("staff-question-edit", upcoming.slug, first.pk),
        {
            "section": section.pk,
            "key": "first",
            "kind": "single_choice",
            "label_en": "Choose",
            "choices": "a | A\nb | B",
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.kind == "single_choice" and first.choices == "a | A\nb | B"
    # Reordering without JavaScript: a POST and a redirect back to the question.
    response = staff_client.post(
        url("staff-question-move", upcoming.slug, second.pk), {"direction": "up"}
    )
    assert response.status_code == 302 and response.url.endswith(f"#question-{second.pk}")
    second.refresh_from_db()
    assert second.position == 0
    # With htmx: the editor's list comes back to be swapped in.
    response = staff_client.post(
        url("staff-question-move", upcoming.slug, second.pk),
        {"direction": "down"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200 and response.text.startswith('<div id="form-editor"')
    assert list(section.questions.order_by("position").values_list("key", flat=True)) == [
        "first",
        "second",
    ]
    staff_client.post(url("staff-section-move", upcoming.slug, section.pk), {"direction": "up"})
    section.refresh_from_db()
    assert section.position == 2
    assert (
        staff_client.post(
            url("staff-question-move", upcoming.slug, second.pk), {"direction": "sideways"}
        ).status_code
        == 400
    )
    response = staff_client.post(url("staff-question-delete", upcoming.slug, second.pk))
    assert response.status_code == 302
    assert not FormQuestion.objects.filter(pk=second.pk).exists()
    # Each change is published: what applicants will answer.
    assert services.latest_form_version(upcoming).schema == services.schema_of(upcoming).to_json()


def test_a_choice_question_needs_choices(staff_client, upcoming):
    section = upcoming.sections.first()
    response = staff_client.post(
        url("staff-question-create", upcoming.slug),
        {"section": section.pk, "key": "pick", "kind": "single_choice", "label_en": "Pick"},
    )
    assert response.status_code == 400
    assert "Write at least two choices" in response.text


def test_a_change_the_open_form_rule_refuses_shows_why_and_keeps_what_was_typed(staff_client, call):
    assert services.is_form_frozen(call)
    question = call.questions.get(key="sharing")
    response = staff_client.post(
        url("staff-question-edit", call.slug, question.pk),
        {
            "section": question.section_id,
            "key": "sharing",
            "kind": "long_text",
            "required": "on",
            "label_en": "How will you share, newly worded?",
            "word_limit": 50,  # lower than 200
        },
    )
    assert response.status_code == 403
    page = response.text
    assert "cannot be lowered: the call is open" in page
    assert 'value="How will you share, newly worded?"' in page and 'value="50"' in page
    question.refresh_from_db()
    assert question.word_limit == 200 and question.label_en.startswith("How will")
    assert question.label_en != "How will you share, newly worded?"


def test_on_an_open_call_questions_are_not_deleted_but_optional_ones_are_added(staff_client, call):
    question = call.questions.get(key="sharing")
    response = staff_client.post(url("staff-question-delete", call.slug, question.pk))
    assert response.status_code == 403
    assert "cannot be removed: the call is open" in response.text
    assert FormQuestion.objects.filter(pk=question.pk).exists()
    section = call.sections.get(key="plan")
    added = {"section": section.pk, "key": "extra", "kind": "short_text", "label_en": "Extra?"}
    response = staff_client.post(
        url("staff-question-create", call.slug), {**added, "required": "on"}
    )
    assert response.status_code == 403 and "only be added as an optional question" in response.text
    assert staff_client.post(url("staff-question-create", call.slug), added).status_code == 302
    # A section of an open call keeps who answers it.
    response = staff_client.post(
        url("staff-section-edit", call.slug, section.pk),
        {"key": "plan", "scope": "organisation", "title_en": "The plan"},
    )
    assert response.status_code == 403 and "cannot change who answers it" in response.text


def test_the_preview_shows_the_questions_as_applicants_see_them(staff_client, call):
    page = staff_client.get(url("staff-form-preview", call.slug)).text
    assert "Which capacity-building model do you plan to develop together?" in page
    assert "At most 400 words." in page and "PDF, DOCX, XLSX" in page
    assert "<textarea" in page and "disabled" in page


# --- The rubric ---------------------------------------------------------------------------

CRITERION = {
    "key": "impact",
    "title_en": "Impact",
    "scale_min": 1,
    "scale_max": 5,
    "weight": 20,
    "anchors_en": "1 | None\n5 | Much",
}


def test_the_rubric_shows_weights_as_shares_and_anchors(staff_client, call):
    services.add_default_rubric(call)
    page = staff_client.get(url("staff-rubric", call.slug)).text
    assert "Weight 25, that is 25 % of the score" in page  # 25 of 100
    assert "Central to both, with evidence from each" in page


def test_the_rubric_editor_adds_edits_moves_and_deletes(staff_client, upcoming):
    response = staff_client.post(url("staff-criterion-create", upcoming.slug), CRITERION)
    assert response.status_code == 302, response.text[:3000]
    criterion = upcoming.criteria.get(key="impact")
    assert criterion.position == len(services.DEFAULT_RUBRIC)
    assert (
        "Weight 20, that is 17 % of the score"
        in staff_client.get(url("staff-rubric", upcoming.slug)).text
    )  # 20 of 120
    response = staff_client.post(
        url("staff-criterion-edit", upcoming.slug, criterion.pk), {**CRITERION, "weight": 40}
    )
    assert response.status_code == 302
    staff_client.post(url("staff-criterion-move", upcoming.slug, criterion.pk), {"direction": "up"})
    criterion.refresh_from_db()
    assert (criterion.weight, criterion.position) == (40, len(services.DEFAULT_RUBRIC) - 1)
    response = staff_client.post(url("staff-criterion-delete", upcoming.slug, criterion.pk))
    assert response.status_code == 302 and not Criterion.objects.filter(pk=criterion.pk).exists()


def test_anchors_must_be_scores_on_the_scale(staff_client, upcoming):
    response = staff_client.post(
        url("staff-criterion-create", upcoming.slug),
        {**CRITERION, "anchors_en": "7 | Beyond\nno bar here", "title_de": "Wirkung"},
    )
    assert response.status_code == 400
    page = response.text
    assert "Line 1: the score 7 is not between 1 and 5." in page
    assert "Line 2: write a score, a bar and its meaning" in page
    assert 'value="Wirkung"' in page
    assert not upcoming.criteria.filter(key="impact").exists()


def test_once_reviews_started_only_the_rubrics_texts_change(staff_client, upcoming):
    services.mark_reviews_started(upcoming)
    criterion = upcoming.criteria.get(key="relevance")
    data = {
        "key": "relevance",
        "title_en": "Relevance, reworded",
        "scale_min": 1,
        "scale_max": 5,
        "weight": criterion.weight,
        "anchors_en": criterion.anchors_en,
    }
    edit = url("staff-criterion-edit", upcoming.slug, criterion.pk)
    response = staff_client.post(edit, {**data, "weight": 50, "scale_max": 7})
    assert response.status_code == 403
    assert "The weight of" in response.text and "The scale of" in response.text
    assert 'value="Relevance, reworded"' in response.text
    assert staff_client.post(edit, data).status_code == 302
    criterion.refresh_from_db()
    assert criterion.title_en == "Relevance, reworded" and criterion.weight == 25
    response = staff_client.post(url("staff-criterion-delete", upcoming.slug, criterion.pk))
    assert (
        response.status_code == 403 and "cannot be removed: reviews have started" in response.text
    )
    response = staff_client.post(url("staff-criterion-create", upcoming.slug), CRITERION)
    assert response.status_code == 403 and "No criterion can be added" in response.text
    assert "Add a criterion" not in staff_client.get(url("staff-rubric", upcoming.slug)).text


@pytest.mark.parametrize(
    ("started", "change", "refused"),
    [
        (False, "add", False),
        (False, "delete", False),
        (False, "weight", False),
        (False, "scale", False),
        (True, "add", True),
        (True, "delete", True),
        (True, "weight", True),
        (True, "scale", True),
        (True, "texts", False),
        (True, "same weight", False),
    ],
)
def test_the_rubric_rule(upcoming, started, change, refused):
    if started:
        services.mark_reviews_started(upcoming)
    criterion = upcoming.criteria.first()
    data = {
        "add": {},
        "delete": {},
        "weight": {"weight": criterion.weight + 1},
        "scale": {"scale_max": 10},
        "texts": {"title_en": "New", "help_de": "Neu", "anchors_en": "1 | x"},
        "same weight": {"weight": criterion.weight},
    }[change]
    problems = services.check_rubric_change(
        upcoming,
        None if change == "add" else criterion,
        data,
        deleting=change == "delete",
    )
    assert bool(problems) is refused


# --- Query counts, the admin, the menu ----------------------------------------------------


@pytest.mark.parametrize("count", [10, 100])
def test_staff_home_queries_do_not_grow_with_calls(
    staff_client, programme, django_assert_max_num_queries, count
):
    now = timezone.now()
    Call.objects.bulk_create(
        Call(
            programme=programme,
            slug=f"call-{i}",
            cohort_en="C",
            title_en=f"Call {i}",
            text_en="t",
            opens_at=now,
            closes_at=now + datetime.timedelta(days=i + 1),
        )
        for i in range(count)
    )
    with django_assert_max_num_queries(8):
        page = staff_client.get(url("staff-home")).text
    assert page.count(url("staff-call", "call-0")[: -len("call-0/")]) >= count


@pytest.mark.parametrize("count", [10, 100])
def test_form_editor_queries_do_not_grow_with_questions(
    staff_client, upcoming, django_assert_max_num_queries, count
):
    section = upcoming.sections.first()
    FormQuestion.objects.bulk_create(
        FormQuestion(
            call=upcoming, section=section, key=f"q{i}", kind="short_text", label_en=f"Q{i}"
        )
        for i in range(count)
    )
    with django_assert_max_num_queries(10):
        page = staff_client.get(url("staff-form", upcoming.slug)).text
    assert "Q99" in page or count == 10


def test_programme_staff_no_longer_use_the_admin_for_calls(staff_client, call, staff):
    assert staff_client.get(reverse("admin:calls_call_changelist")).status_code == 403
    assert staff_client.get(reverse("admin:calls_call_add")).status_code == 403
    menu = staff_client.get(reverse("site:home")).text
    assert url("staff-home") in menu and reverse("admin:index") not in menu
    staff_client.force_login(staff)  # a superuser keeps the admin
    assert staff_client.get(reverse("admin:calls_call_changelist")).status_code == 200
    assert reverse("admin:index") in staff_client.get(reverse("site:home")).text


def test_the_public_page_of_a_call_links_its_staff_to_the_workspace(staff_client, call, client):
    assert url("staff-call", call.slug) in staff_client.get(call.get_absolute_url()).text
    client.logout()
    assert url("staff-call", call.slug) not in client.get(call.get_absolute_url()).text
