"""The matching engine: plain data in, ranked candidates with reasons out.

An organisation is a `Profile`: side, working languages, and three vectors over the
programme's vocabularies (needed areas, offered areas, thematic fields) whose entries are
between 0 and 1 (1 = chosen by the organisation, less = inferred from its words with that
confidence). The `Index` holds every profile as NumPy arrays, so scoring one organisation
against 100,000 is a handful of matrix-vector products.

Hard constraints, never broken: the candidate is on the other side, shares a working
language, is not the organisation itself and has not opted out of matching.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from exchange.organisations.taxonomy import AREA_KEYS, FIELD_KEYS

from . import weights

AREAS = tuple(sorted(AREA_KEYS))
FIELDS = tuple(sorted(FIELD_KEYS))
AREA_INDEX = {key: i for i, key in enumerate(AREAS)}
FIELD_INDEX = {key: i for i, key in enumerate(FIELDS)}


@dataclass
class Profile:
    id: int
    side: str  # "tr" or "eu"
    languages: frozenset[str]
    needs: np.ndarray  # (len(AREAS),) in [0, 1]
    offers: np.ndarray  # (len(AREAS),) in [0, 1]
    fields: np.ndarray  # (len(FIELDS),) in {0, 1}
    hosts_visits: bool = False
    opted_out: bool = False
    ref: str = ""


@dataclass
class Reason:
    """One part of a score: `kind` names the sentence (see reasons.py), `key` the area,
    field or language it is about, `points` its share of the score."""

    kind: str
    key: str
    points: float
    inferred: bool = False  # an area read from someone's words rather than chosen


@dataclass
class Candidate:
    id: int
    score: float
    reasons: list[Reason] = field(default_factory=list)


def vector(keys, index, weights_by_key=None) -> np.ndarray:
    out = np.zeros(len(index), dtype=np.float32)
    for key in keys:
        if key in index:
            out[index[key]] = max(out[index[key]], (weights_by_key or {}).get(key, 1.0))
    return out


DECODING_ROUNDS = 3
# A reading of words never counts as much as a choice: capped here, so that a profile's
# value 1 always means "chosen" (and a reason can say which of its areas were only read).
MAX_READING = 0.99


def organisation_areas(statements) -> tuple[np.ndarray, np.ndarray]:
    """One organisation's needs and offers vectors from its statements, each a tuple
    (kind "need"/"offer", chosen area key or None, reading probabilities or None).

    Chosen areas count fully. Readings are decoded together, because an organisation names
    each area once and never as both a need and an offer (the profile's rule): an area that
    another statement of the same organisation claims, or that it chose, becomes less likely
    for this one (a few rounds of mean-field updates)."""
    needs = np.zeros(len(AREAS), dtype=np.float32)
    offers = np.zeros(len(AREAS), dtype=np.float32)
    chosen = np.zeros(len(AREAS), dtype=np.float32)
    readings = []
    for kind, area, probabilities in statements:
        if area:
            target = needs if kind == "need" else offers
            target[AREA_INDEX[area]] = 1.0
            chosen[AREA_INDEX[area]] = 1.0
        elif probabilities is not None:
            readings.append((kind, np.asarray(probabilities, dtype=np.float32)))
    current = decode_readings([p for _kind, p in readings], chosen)
    for (kind, _p), p in zip(readings, current, strict=True):
        target = needs if kind == "need" else offers
        np.maximum(target, np.minimum(p, MAX_READING), out=target)
    return needs, offers


def decode_readings(readings: list[np.ndarray], chosen: np.ndarray | None = None):
    """The statements' area probabilities of one organisation, decoded together: each
    area at most once, and not an area it chose."""
    allowed = 1.0 - chosen if chosen is not None else 1.0
    priors = [np.asarray(p, dtype=np.float32) * allowed for p in readings]
    current = [p / p.sum() if p.sum() > 0 else p for p in priors]
    for _round in range(DECODING_ROUNDS if len(readings) > 1 else 0):
        updated = []
        for i, prior in enumerate(priors):
            others = np.ones(len(AREAS), dtype=np.float32)
            for j, q in enumerate(current):
                if j != i:
                    others *= 1.0 - q
            p = prior * others
            updated.append(p / p.sum() if p.sum() > 1e-9 else current[i])
        current = updated
    return current


class LanguageCodes:
    """Working languages as bits of a 64-bit mask, so 'shares a language' is one AND."""

    def __init__(self):
        self.bits: dict[str, int] = {}

    def mask(self, languages) -> int:
        mask = 0
        for code in languages:
            if code not in self.bits:
                if len(self.bits) == 63:
                    continue  # more than 63 distinct languages: the rest cannot match
                self.bits[code] = len(self.bits)
            mask |= 1 << self.bits[code]
        return mask


class Index:
    """All profiles as arrays. Rows can be replaced one at a time (`update`)."""

    def __init__(self, profiles: list[Profile] | None = None):
        self.codes = LanguageCodes()
        self.position: dict[int, int] = {}
        self.ids = np.zeros(0, dtype=np.int64)
        self.is_turkey = np.zeros(0, dtype=bool)
        self.languages = np.zeros(0, dtype=np.int64)
        self.needs = np.zeros((0, len(AREAS)), dtype=np.float32)
        self.offers = np.zeros((0, len(AREAS)), dtype=np.float32)
        self.fields = np.zeros((0, len(FIELDS)), dtype=np.float32)
        self.hosts = np.zeros(0, dtype=np.float32)
        self.active = np.zeros(0, dtype=bool)
        self.refs: list[str] = []
        if profiles:
            self.extend(profiles)

    def __len__(self):
        return len(self.ids)

    def extend(self, profiles: list[Profile]) -> None:
        start = len(self.ids)
        self.ids = np.concatenate([self.ids, np.array([p.id for p in profiles], dtype=np.int64)])
        self.is_turkey = np.concatenate(
            [self.is_turkey, np.array([p.side == "tr" for p in profiles], dtype=bool)]
        )
        self.languages = np.concatenate(
            [
                self.languages,
                np.array([self.codes.mask(p.languages) for p in profiles], dtype=np.int64),
            ]
        )
        self.needs = np.vstack(
            [
                self.needs,
                np.array([p.needs for p in profiles], dtype=np.float32).reshape(-1, len(AREAS)),
            ]
        )
        self.offers = np.vstack(
            [
                self.offers,
                np.array([p.offers for p in profiles], dtype=np.float32).reshape(-1, len(AREAS)),
            ]
        )
        self.fields = np.vstack(
            [
                self.fields,
                np.array([p.fields for p in profiles], dtype=np.float32).reshape(-1, len(FIELDS)),
            ]
        )
        self.hosts = np.concatenate(
            [self.hosts, np.array([p.hosts_visits for p in profiles], dtype=np.float32)]
        )
        self.active = np.concatenate(
            [self.active, np.array([not p.opted_out for p in profiles], dtype=bool)]
        )
        self.refs.extend(p.ref for p in profiles)
        for offset, p in enumerate(profiles):
            self.position[p.id] = start + offset

    def update(self, profile: Profile) -> None:
        """Replace (or add) one profile: an edit re-scores nothing else."""
        row = self.position.get(profile.id)
        if row is None:
            self.extend([profile])
            return
        self.is_turkey[row] = profile.side == "tr"
        self.languages[row] = self.codes.mask(profile.languages)
        self.needs[row] = profile.needs
        self.offers[row] = profile.offers
        self.fields[row] = profile.fields
        self.hosts[row] = profile.hosts_visits
        self.active[row] = not profile.opted_out
        self.refs[row] = profile.ref

    def remove(self, profile_id: int) -> None:
        row = self.position.get(profile_id)
        if row is not None:
            self.active[row] = False

    # --- scoring --------------------------------------------------------------------------

    def allowed(self, rows: np.ndarray) -> np.ndarray:
        """(len(rows), len(self)) boolean: the hard constraints for each query row."""
        other_side = self.is_turkey[rows][:, None] != self.is_turkey[None, :]
        shared_language = (self.languages[rows][:, None] & self.languages[None, :]) != 0
        allowed = other_side & shared_language & self.active[None, :] & self.active[rows][:, None]
        allowed[np.arange(len(rows)), rows] = False
        return allowed

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """(len(rows), len(self)) pair scores, before constraints."""
        n, o, f = self.needs, self.offers, self.fields
        return (
            weights.COMMON_NEED * (n[rows] @ n.T)
            + weights.COMPLEMENT * (n[rows] @ o.T)
            + weights.COMPLEMENT * (o[rows] @ n.T)
            + weights.SHARED_FIELD * (f[rows] @ f.T)
            + weights.HOSTS_VISITS * self.hosts[None, :]
        )

    def top(self, rows: np.ndarray, limit: int, *, min_score: float = 0.0, exclude=None):
        """For each query row, up to `limit` (candidate row, score) pairs, best first.
        `exclude` maps a query row to candidate rows never to return (dismissed ones)."""
        scores = self.scores(rows)
        scores[~self.allowed(rows)] = -np.inf
        if exclude:
            for i, row in enumerate(rows):
                if row in exclude and exclude[row]:
                    scores[i, list(exclude[row])] = -np.inf
        results = []
        k = min(limit, scores.shape[1])
        for i in range(len(rows)):
            row_scores = scores[i]
            if k <= 0:
                results.append([])
                continue
            best = (
                np.argpartition(-row_scores, k - 1)[:k]
                if k < len(row_scores)
                else np.arange(len(row_scores))
            )
            # Ties break on the candidate's id, so results do not change between runs.
            best = sorted(best, key=lambda j: (-row_scores[j], self.ids[j]))
            results.append(
                [
                    (j, float(row_scores[j]))
                    for j in best
                    if np.isfinite(row_scores[j]) and row_scores[j] > min_score
                ]
            )
        return results

    def recommend(
        self, profile_id: int, limit: int = 10, *, min_score: float = 0.0, exclude_ids=()
    ) -> list[Candidate]:
        row = self.position[profile_id]
        exclude = {row: [self.position[i] for i in exclude_ids if i in self.position]}
        found = self.top(np.array([row]), limit, min_score=min_score, exclude=exclude)[0]
        return [
            Candidate(int(self.ids[j]), round(score, 4), self.reasons(row, j)) for j, score in found
        ]

    def reasons(self, row: int, candidate: int, language_names=None) -> list[Reason]:
        """The parts of a pair's score, largest first."""
        out = []
        n, o, f = self.needs, self.offers, self.fields
        for i, area in enumerate(AREAS):
            for kind, weight, mine, theirs in (
                ("common_need", weights.COMMON_NEED, n[row, i], n[candidate, i]),
                ("they_offer", weights.COMPLEMENT, n[row, i], o[candidate, i]),
                ("you_offer", weights.COMPLEMENT, o[row, i], n[candidate, i]),
            ):
                points = weight * mine * theirs
                if points > 0.01:
                    inferred = bool(min(mine, theirs) < 1.0)
                    out.append(Reason(kind, area, float(points), inferred))
        for i, key in enumerate(FIELDS):
            if f[row, i] and f[candidate, i]:
                out.append(Reason("shared_field", key, weights.SHARED_FIELD))
        if self.hosts[candidate]:
            out.append(Reason("hosts_visits", "", weights.HOSTS_VISITS))
        shared = self.languages[row] & self.languages[candidate]
        for code, bit in self.codes.bits.items():
            if shared & (1 << bit):
                out.append(Reason("shared_language", code, 0.0))
        out.sort(key=lambda r: -r.points)
        return out
