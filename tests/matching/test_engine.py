"""The engine on plain data: constraints, weights, reasons, pairing."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exchange.matching import weights
from exchange.matching.engine import (
    AREA_INDEX,
    AREAS,
    FIELD_INDEX,
    FIELDS,
    Index,
    Profile,
    organisation_areas,
    vector,
)
from exchange.matching.pairing import pair_pool


def profile(
    id, side="tr", languages=("en",), needs=(), offers=(), fields=(), hosts=False, opted_out=False
):
    return Profile(
        id=id,
        side=side,
        languages=frozenset(languages),
        needs=vector(needs, AREA_INDEX),
        offers=vector(offers, AREA_INDEX),
        fields=vector(fields, FIELD_INDEX),
        hosts_visits=hosts,
        opted_out=opted_out,
        ref=f"o{id}",
    )


def test_a_common_need_outranks_complementary_experience_and_shared_fields():
    index = Index(
        [
            profile(1, "tr", needs=["volunteer-management"], offers=["advocacy"], fields=["youth"]),
            profile(2, "eu", needs=["volunteer-management"]),  # common need: 2.0
            profile(3, "eu", offers=["volunteer-management"]),  # they offer what we need: 1.0
            profile(4, "eu", fields=["youth"]),  # shared field only: 0.5
            profile(5, "eu", needs=["advocacy"]),  # we offer what they need: 1.0
        ]
    )
    ranked = index.recommend(1, 10)
    assert [c.id for c in ranked][:1] == [2]
    assert {c.id for c in ranked[1:3]} == {3, 5}
    assert ranked[-1].id == 4
    assert ranked[0].score == weights.COMMON_NEED


def test_hard_constraints_are_never_broken():
    index = Index(
        [
            profile(1, "tr", languages=["tr", "en"], needs=["governance"]),
            profile(2, "tr", languages=["en"], needs=["governance"]),  # same side
            profile(3, "eu", languages=["de"], needs=["governance"]),  # no shared language
            profile(4, "eu", languages=["en"], needs=["governance"], opted_out=True),  # opted out
            profile(5, "eu", languages=["en"], needs=["communication"]),  # allowed, weak
        ]
    )
    assert [c.id for c in index.recommend(1, 10, min_score=-1)] == [5]


def test_reasons_add_up_to_the_score_and_name_the_shared_language():
    index = Index(
        [
            profile(
                1,
                "tr",
                languages=["tr", "en"],
                needs=["governance", "communication"],
                offers=["advocacy"],
                fields=["youth"],
            ),
            profile(
                2,
                "eu",
                languages=["en", "de"],
                needs=["governance"],
                offers=["communication"],
                fields=["youth"],
                hosts=True,
            ),
        ]
    )
    (candidate,) = index.recommend(1)
    kinds = [(r.kind, r.key) for r in candidate.reasons]
    assert kinds[0] == ("common_need", "governance")
    assert ("they_offer", "communication") in kinds and ("shared_field", "youth") in kinds
    assert ("hosts_visits", "") in kinds and ("shared_language", "en") in kinds
    assert abs(sum(r.points for r in candidate.reasons) - candidate.score) < 1e-4


def test_reasons_say_when_an_area_was_read_from_words():
    words = profile(2, "eu", needs=["governance"], offers=["communication"])
    words.needs = vector(["governance"], AREA_INDEX, {"governance": 0.7})  # read, not chosen
    index = Index([profile(1, "tr", needs=["governance", "communication"]), words])
    (candidate,) = index.recommend(1)
    by_kind = {(r.kind, r.key): r for r in candidate.reasons}
    assert by_kind["common_need", "governance"].inferred
    assert by_kind["common_need", "governance"].points == pytest.approx(2.0 * 0.7)
    assert not by_kind["they_offer", "communication"].inferred


def test_dismissed_candidates_do_not_come_back():
    index = Index(
        [
            profile(1, "tr", needs=["governance"]),
            profile(2, "eu", needs=["governance"]),
            profile(3, "eu", offers=["governance"]),
        ]
    )
    assert [c.id for c in index.recommend(1, exclude_ids=[2])] == [3]


def test_an_edit_updates_one_row():
    index = Index(
        [profile(1, "tr", needs=["governance"]), profile(2, "eu", needs=["communication"])]
    )
    assert index.recommend(1) == []  # nothing in common yet
    index.update(profile(2, "eu", needs=["governance"]))
    assert index.recommend(1)[0].id == 2 and index.recommend(1)[0].score == weights.COMMON_NEED


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.booleans(),
            st.sets(st.sampled_from(["tr", "en", "de"]), min_size=1),
            st.sets(st.sampled_from(AREAS[:5])),
            st.sets(st.sampled_from(AREAS[:5])),
            st.booleans(),
        ),
        min_size=2,
        max_size=25,
    )
)
def test_no_recommendation_or_pair_ever_breaks_a_constraint(rows):
    profiles = [
        profile(i, "tr" if tr else "eu", langs, needs, offers - needs, opted_out=out)
        for i, (tr, langs, needs, offers, out) in enumerate(rows)
    ]
    index = Index(profiles)
    by_id = {p.id: p for p in profiles}
    for p in profiles:
        if p.opted_out:
            continue
        for c in index.recommend(p.id, 10, min_score=-1):
            q = by_id[c.id]
            assert (
                q.side != p.side and q.languages & p.languages and not q.opted_out and q.id != p.id
            )
    for pair in pair_pool(index):
        a, b = by_id[pair.turkey], by_id[pair.europe]
        assert a.side == "tr" and b.side == "eu" and a.languages & b.languages
        assert not a.opted_out and not b.opted_out


def test_pairing_maximises_the_total_not_the_first_pick():
    # A greedy loop pairs 1 with 3 (score 3.0) and leaves 2 with nobody useful;
    # the optimum pairs 1-4 and 2-3 for a higher total.
    index = Index(
        [
            profile(1, "tr", needs=["governance", "communication"]),
            profile(2, "tr", needs=["governance"]),
            profile(3, "eu", needs=["governance"], offers=["communication"]),
            profile(4, "eu", needs=["communication"]),
        ]
    )
    pairs = {(p.turkey, p.europe) for p in pair_pool(index)}
    assert pairs == {(1, 4), (2, 3)}


def test_pairing_two_thousand_by_two_thousand_is_exact_and_complete():
    rng = np.random.default_rng(1)
    profiles = []
    for i in range(400):
        needs = list(rng.choice(AREAS, 2, replace=False))
        offers = [a for a in rng.choice(AREAS, 2, replace=False) if a not in needs]
        profiles.append(
            profile(i, "tr" if i % 2 else "eu", ["en"], needs, offers, list(rng.choice(FIELDS, 1)))
        )
    pairs = pair_pool(Index(profiles))
    assert len(pairs) == 200  # everyone shares English and has a positive score with someone
    assert len({p.turkey for p in pairs}) == len({p.europe for p in pairs}) == 200


def test_readings_of_one_organisation_are_decoded_together():
    def reading(**shares):
        p = np.full(len(AREAS), 0.001, dtype=np.float32)
        for key, share in shares.items():
            p[AREA_INDEX[key.replace("_", "-")]] = share
        return p / p.sum()

    unsure = reading(individual_giving=0.5, institutional_funding=0.5)
    sure = reading(individual_giving=0.95)
    needs, offers = organisation_areas([("need", None, unsure), ("offer", None, sure)])
    # The offer is surely individual giving, so the need is the other one: an organisation
    # never needs and offers the same area.
    assert needs[AREA_INDEX["institutional-funding"]] > 0.9
    assert offers[AREA_INDEX["individual-giving"]] > 0.9
    # An area the organisation chose is not read into another statement.
    needs, _ = organisation_areas([("need", "individual-giving", None), ("need", None, unsure)])
    assert needs[AREA_INDEX["individual-giving"]] == 1.0
    assert needs[AREA_INDEX["institutional-funding"]] > 0.9
    # Alone, a reading is kept as it is.
    needs, _ = organisation_areas([("need", None, unsure)])
    assert abs(needs[AREA_INDEX["institutional-funding"]] - unsure.max()) < 1e-6


def test_a_reading_never_counts_as_a_choice():
    certain = np.zeros(len(AREAS), dtype=np.float32)
    certain[AREA_INDEX["governance"]] = 1.0  # the reader is sure
    needs, _offers = organisation_areas([("need", None, certain), ("offer", "advocacy", None)])
    assert 0.9 < needs[AREA_INDEX["governance"]] < 1.0
    read = profile(2, "eu")
    read.needs = needs
    (candidate,) = Index([profile(1, "tr", needs=["governance"]), read]).recommend(1)
    assert candidate.reasons[0].kind == "common_need" and candidate.reasons[0].inferred
