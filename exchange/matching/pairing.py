"""Cohort pairing: single applicants paired so that the total score is as high as it can
be, never breaking a hard constraint (an optimal assignment, not a greedy loop)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from .engine import Index, Reason

FORBIDDEN = 1e9


@dataclass
class Pair:
    turkey: int  # organisation ids
    europe: int
    score: float
    reasons: list[Reason]


def pair_pool(index: Index, ids: list[int] | None = None) -> list[Pair]:
    """Pairs Turkish and European organisations of the pool (all of `index`, or `ids`)
    to maximise the sum of pair scores. Organisations that cannot be paired under the
    constraints (or have no positive score with anyone left) stay single."""
    rows = np.arange(len(index)) if ids is None else np.array([index.position[i] for i in ids])
    rows = rows[index.active[rows]]
    turkey = rows[index.is_turkey[rows]]
    europe = rows[~index.is_turkey[rows]]
    if len(turkey) == 0 or len(europe) == 0:
        return []
    scores = index.scores(turkey)[:, europe]
    allowed = index.allowed(turkey)[:, europe] & (scores > 0)
    cost = np.where(allowed, -scores, FORBIDDEN)
    left, right = linear_sum_assignment(cost)
    pairs = []
    for i, j in zip(left, right, strict=True):
        if allowed[i, j]:
            a, b = turkey[i], europe[j]
            pairs.append(
                Pair(
                    int(index.ids[a]),
                    int(index.ids[b]),
                    round(float(scores[i, j]), 4),
                    index.reasons(a, b),
                )
            )
    pairs.sort(key=lambda p: -p.score)
    return pairs
