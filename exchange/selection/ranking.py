"""Ranking as plain Python: weighted means, reviewers' strictness, disagreements.

A review's total is the weighted mean of its criteria, each scaled to 0–100 (so criteria on
different scales weigh as their weights say). Grant systems rank by the raw mean of these
totals, so an application that drew a strict reviewer sinks. Here each reviewer's totals are
also standardised — expressed as distances from that reviewer's own mean in units of their
own spread — and put back on the 0–100 scale of all reviews: the *adjusted* score. A
reviewer's *strictness* is how far their mean lies below (negative) or above the mean of all
reviews. Reviewers with fewer than `MIN_REVIEWS` reviews are not corrected: too few scores
say nothing about a habit.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

MIN_REVIEWS = 3
DISAGREEMENT = 25.0  # points on 0–100 between the highest and lowest total of an application


@dataclass(frozen=True)
class Criterion:
    key: str
    weight: float
    low: int
    high: int


def review_total(scores: dict[str, int], criteria: list[Criterion]) -> float:
    """The weighted mean of a review's scores on 0–100."""
    weight = sum(c.weight for c in criteria)
    total = sum(c.weight * (scores[c.key] - c.low) / (c.high - c.low) for c in criteria)
    return round(100 * total / weight, 2)


@dataclass(frozen=True)
class Reviewed:
    application: int
    reviewer: int
    total: float  # 0–100


@dataclass(frozen=True)
class Habit:
    reviewer: int
    reviews: int
    mean: float
    strictness: float  # mean − mean of all reviews; negative is strict
    corrected: bool


@dataclass(frozen=True)
class Standing:
    application: int
    reviews: int
    raw: float | None
    adjusted: float | None
    spread: float | None
    disagreement: bool


def _mean(values):
    return sum(values) / len(values)


def _sd(values, mean):
    return math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))


def rank(reviewed: list[Reviewed]) -> tuple[list[Standing], list[Habit]]:
    """Standings best first (by adjusted score, then raw) and each reviewer's habit."""
    if not reviewed:
        return [], []
    everything = [r.total for r in reviewed]
    mean = _mean(everything)
    sd = _sd(everything, mean) or 1.0
    by_reviewer = defaultdict(list)
    for r in reviewed:
        by_reviewer[r.reviewer].append(r.total)
    habits = {}
    for reviewer, totals in by_reviewer.items():
        own_mean = _mean(totals)
        own_sd = _sd(totals, own_mean)
        corrected = len(totals) >= MIN_REVIEWS and own_sd > 0
        habits[reviewer] = (
            Habit(reviewer, len(totals), round(own_mean, 2), round(own_mean - mean, 2), corrected),
            own_sd,
        )
    by_application = defaultdict(list)
    for r in reviewed:
        habit, own_sd = habits[r.reviewer]
        if habit.corrected:
            adjusted = mean + sd * (r.total - habit.mean) / own_sd
        else:
            adjusted = r.total
        by_application[r.application].append((r.total, min(100.0, max(0.0, adjusted))))
    standings = []
    for application, pairs in by_application.items():
        raws = [p[0] for p in pairs]
        spread = max(raws) - min(raws) if len(raws) > 1 else 0.0
        standings.append(
            Standing(
                application,
                len(pairs),
                round(_mean(raws), 2),
                round(_mean([p[1] for p in pairs]), 2),
                round(spread, 2),
                spread >= DISAGREEMENT,
            )
        )
    standings.sort(key=lambda s: (-s.adjusted, -s.raw, s.application))
    return standings, sorted((h for h, _ in habits.values()), key=lambda h: h.strictness)
