from exchange.applications import eligibility as e

RULES = e.Rules(turkey_countries=frozenset({"TR"}), europe_countries=frozenset({"DE", "AT"}))


def org(name, country, participants=2, other=False):
    return e.OrganisationFacts(name, country, participants, other)


def problems(facts):
    return {item.label: item.problems for item in e.checklist(facts) if not item.ok}


def test_a_complete_partnership_is_eligible():
    facts = e.Facts(RULES, (org("İzmir", "TR"), org("Köln", "DE")))
    assert e.is_eligible(e.checklist(facts))


def test_each_rule_says_what_is_wrong():
    facts = e.Facts(
        RULES,
        (org("İzmir", "TR", participants=1, other=True), org("Paris", "FR")),
        missing=(("", "Common issue"), ("İzmir", "Motivation")),
        over_limit=(("", "Plan", 420, 400),),
    )
    found = problems(facts)
    assert found["Sides and countries"] == (
        "Paris is based in a country that is not eligible for this call.",
        "The partnership needs an organisation from a European country.",
    )
    assert found["Participants"] == ("İzmir names 1 participant; the call asks for 2.",)
    assert found["Required answers"] == (
        "“Common issue” is not answered.",
        "İzmir: “Motivation” is not answered.",
    )
    assert found["Word limits"] == ("“Plan” has 420 words; the limit is 400.",)
    assert found["One application per organisation"] == (
        "İzmir is already in another application to this call.",
    )


def test_two_organisations_from_one_side_are_not_a_partnership():
    found = problems(e.Facts(RULES, (org("Köln", "DE"), org("Wien", "AT"))))
    assert found["Sides and countries"] == ("The partnership needs an organisation from Turkey.",)


def test_partnership_size():
    assert "Number of organisations" in problems(e.Facts(RULES, (org("İzmir", "TR"),)))
    three = (org("İzmir", "TR"), org("Köln", "DE"), org("Wien", "AT"))
    assert "Number of organisations" in problems(e.Facts(RULES, three))
    roomy = e.Rules(RULES.turkey_countries, RULES.europe_countries, organisations_per_partnership=3)
    assert e.is_eligible(e.checklist(e.Facts(roomy, three)))


def test_a_single_organisation_may_apply_to_be_matched_when_the_call_allows():
    alone = e.Facts(RULES, (org("İzmir", "TR"),), seeking_partner=True)
    assert e.is_eligible(e.checklist(alone))
    strict = e.Rules(
        RULES.turkey_countries, RULES.europe_countries, single_applicants_allowed=False
    )
    assert "Number of organisations" in problems(
        e.Facts(strict, alone.organisations, seeking_partner=True)
    )


def test_messages_are_in_the_users_language():
    from django.utils.translation import override

    with override("tr"):
        items = e.checklist(e.Facts(RULES, (org("İzmir", "TR"),)))
    assert items[1].label != "Number of organisations"
