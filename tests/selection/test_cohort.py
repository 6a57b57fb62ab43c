"""The suggested cohort: the best total under the balance rules, what each rule costs, and
an explanation when the rules cannot hold."""

import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from exchange.selection.cohort import Candidate, Rules, suggest


def candidate(app, score, countries, area="governance", first=0, orgs=2):
    return Candidate(app, score, frozenset(countries), frozenset({area}), orgs, first)


def brute_force(candidates, rules):
    best = None
    for combo in itertools.combinations(candidates, rules.size):
        if rules.per_country:
            counts = {}
            for c in combo:
                for country in c.countries:
                    counts[country] = counts.get(country, 0) + 1
            if any(v > rules.per_country for v in counts.values()):
                continue
        if rules.areas and len({a for c in combo for a in c.areas}) < rules.areas:
            continue
        if (
            rules.first_time
            and sum(c.first_time for c in combo)
            < rules.first_time * sum(c.organisations for c in combo) - 1e-9
        ):
            continue
        total = sum(c.score for c in combo)
        if best is None or total > best + 1e-9:
            best = total
    return best


@settings(max_examples=80, deadline=None)
@given(
    seed=st.integers(0, 100_000),
    n=st.integers(1, 9),
    size=st.integers(1, 4),
    per_country=st.sampled_from([None, 1, 2]),
    areas=st.sampled_from([None, 1, 2, 3]),
    first_time=st.sampled_from([None, 0.25, 0.5]),
)
def test_the_suggestion_is_the_best_cohort_that_meets_the_rules(
    seed, n, size, per_country, areas, first_time
):
    rng = random.Random(seed)
    pool = [
        candidate(
            a,
            round(rng.uniform(30, 90), 1),
            {"TR", rng.choice(["DE", "FR", "AT", "NL"])},
            rng.choice(["governance", "fundraising", "volunteers", "advocacy"]),
            first=rng.choice([0, 0, 1, 2]),
        )
        for a in range(n)
    ]
    rules = Rules(size, per_country, areas, first_time)
    result = suggest(pool, rules)
    best = brute_force(pool, rules)
    if best is None:
        assert not result.feasible and result.chosen == [] and result.problems
    else:
        assert result.feasible
        assert len(result.chosen) == size
        assert abs(result.total - best) < 0.01
        assert all(cost >= -0.01 for cost in result.costs.values())


def test_each_rule_says_what_it_cost():
    pool = [
        candidate(1, 90, {"TR", "DE"}),
        candidate(2, 85, {"TR", "DE"}),
        candidate(3, 60, {"TR", "FR"}, "advocacy", first=2),
    ]
    result = suggest(pool, Rules(2, per_country=None, areas=2))
    assert result.chosen == [1, 3]
    assert result.costs == {"areas": 25.0}


def test_rules_that_cannot_hold_are_explained():
    pool = [candidate(a, 50, {"TR", "DE"}) for a in range(5)]
    result = suggest(pool, Rules(3, per_country=2))
    assert not result.feasible and result.chosen == []
    assert "at most 2 partnerships per country" in result.problems[0]
    too_few = suggest(pool, Rules(8))
    assert "Only 5 applications are eligible" in too_few.problems[0]


def test_rules_that_fail_only_together_are_named_together():
    pool = [
        candidate(1, 90, {"TR", "DE"}, "governance", first=2),
        candidate(2, 80, {"TR", "FR"}, "governance", first=2),
        candidate(3, 70, {"TR", "AT"}, "advocacy", first=0),
    ]
    assert suggest(pool, Rules(2, first_time=0.75)).chosen == [1, 2]
    assert suggest(pool, Rules(2, areas=2)).chosen == [1, 3]
    result = suggest(pool, Rules(2, areas=2, first_time=0.75))
    assert not result.feasible
    assert result.problems == [
        "These rules cannot all hold in one cohort: at least so many capacity areas, "
        "a share of first-time organisations. Relax one of them."
    ]
