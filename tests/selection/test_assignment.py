"""Reviewer assignment over random pools: every application gets its reviewers, nobody
reviews with a conflict, loads are even whenever conflicts allow it, and an impossible pool
is explained instead of half-assigned."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from exchange.selection.assignment import Pool, assign


@st.composite
def pools(draw, feasible_only=False):
    n_apps = draw(st.integers(1, 14))
    n_reviewers = draw(st.integers(1, 7))
    per = draw(st.integers(1, 3))
    sides = draw(
        st.lists(
            st.sampled_from(["turkey", "europe", ""]), min_size=n_reviewers, max_size=n_reviewers
        )
    )
    reviewers = {100 + i: side for i, side in enumerate(sides)}
    apps = list(range(1, n_apps + 1))
    density = draw(st.floats(0, 0.6))
    flags = draw(
        st.lists(st.floats(0, 1), min_size=n_apps * n_reviewers, max_size=n_apps * n_reviewers)
    )
    conflicts = {
        (a, r)
        for k, (a, r) in enumerate((a, r) for a in apps for r in reviewers)
        if flags[k] < density
    }
    return Pool(apps, reviewers, frozenset(conflicts), per)


def balanced_exists(pool: Pool) -> bool:
    """An independent oracle: an integer program for an assignment whose loads are all
    floor(T/R) or ceil(T/R)."""
    pairs = [
        (a, r) for a in pool.applications for r in pool.reviewers if (a, r) not in pool.conflicts
    ]
    total = len(pool.applications) * pool.per_application
    low, high = total // len(pool.reviewers), -(-total // len(pool.reviewers))
    rows, lo, hi = [], [], []
    for a in pool.applications:
        rows.append([1 if p[0] == a else 0 for p in pairs])
        lo.append(pool.per_application)
        hi.append(pool.per_application)
    for r in pool.reviewers:
        rows.append([1 if p[1] == r else 0 for p in pairs])
        lo.append(low)
        hi.append(high)
    if not pairs:
        return False
    result = milp(
        np.zeros(len(pairs)),
        constraints=LinearConstraint(np.array(rows), lo, hi),
        integrality=np.ones(len(pairs)),
        bounds=Bounds(0, 1),
    )
    return result.status == 0


def possible(pool, a):
    return [r for r in pool.reviewers if (a, r) not in pool.conflicts]


@settings(max_examples=150, deadline=None)
@given(pools())
def test_every_application_gets_its_reviewers_without_conflicts_and_even_loads(pool):
    plan = assign(pool)
    impossible = [a for a in pool.applications if len(possible(pool, a)) < pool.per_application]
    if impossible:
        assert not plan.feasible
        assert plan.assignments == {}  # never a silent partial result
        assert [b.application for b in plan.blockers] == impossible
        for b in plan.blockers:
            assert b.available == len(possible(pool, b.application)) < b.needed
        return
    assert plan.feasible
    for a in pool.applications:
        chosen = plan.assignments[a]
        assert len(chosen) == len(set(chosen)) == pool.per_application
        assert not any((a, r) in pool.conflicts for r in chosen)
    loads = plan.loads(pool.reviewers)
    if balanced_exists(pool):
        assert max(loads.values()) - min(loads.values()) <= 1, loads


def test_reviewers_from_both_sides_are_mixed_where_possible():
    reviewers = {1: "turkey", 2: "turkey", 3: "europe", 4: "europe"}
    plan = assign(Pool(list(range(1, 41)), reviewers, frozenset(), 2))
    for chosen in plan.assignments.values():
        assert {reviewers[r] for r in chosen} == {"turkey", "europe"}
    assert set(plan.loads(reviewers).values()) == {20}


def test_mixing_gives_way_to_a_conflict():
    reviewers = {1: "turkey", 2: "europe", 3: "europe"}
    plan = assign(Pool([7], reviewers, frozenset({(7, 1)}), 2))
    assert plan.assignments == {7: [2, 3]}


def test_kept_assignments_stay_and_count_in_the_loads():
    reviewers = {1: "turkey", 2: "europe", 3: "europe"}
    plan = assign(
        Pool([1, 2, 3], reviewers, frozenset(), 1, kept={1: frozenset({3}), 2: frozenset({3})})
    )
    assert plan.assignments[1] == [3] and plan.assignments[2] == [3]
    assert plan.assignments[3] != [3]


def test_an_impossible_pool_names_what_blocks_it():
    reviewers = {1: "turkey", 2: "europe"}
    plan = assign(Pool([5, 6], reviewers, frozenset({(6, 1)}), 2))
    assert not plan.feasible and plan.assignments == {}
    assert [(b.application, b.available, b.needed) for b in plan.blockers] == [(6, 1, 2)]
