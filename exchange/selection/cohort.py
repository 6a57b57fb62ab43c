"""A suggested cohort: the set of partnerships with the highest total score that meets the
balance rules staff set, found exactly by an integer program (SciPy's `milp`, HiGHS).

Rules: the number of partnerships; at most `per_country` partnerships with an organisation
from any one European country (every partnership has a Turkish organisation, so the rule
is about the other side: `Candidate.countries` are its European countries); at least `areas` different capacity areas; at least `first_time` (a
share, 0–1) of the selected organisations taking part for the first time. Candidates are the
applications found eligible at screening, so both sides of every partnership are eligible.

For each rule the suggestion says what it cost: the best total without that rule minus the
best total with every rule. Rules that cannot hold together are named, with the reason;
nothing is suggested then. Staff decide; the suggestion is advice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array


@dataclass(frozen=True)
class Candidate:
    application: int
    score: float
    countries: frozenset[str]
    areas: frozenset[str]
    organisations: int = 2
    first_time: int = 0  # organisations taking part for the first time


@dataclass(frozen=True)
class Rules:
    size: int
    per_country: int | None = None
    areas: int | None = None
    first_time: float | None = None  # share of the organisations, 0–1

    def active(self) -> list[str]:
        return [name for name in ("per_country", "areas", "first_time") if getattr(self, name)]

    def without(self, name: str) -> Rules:
        return Rules(**{**self.__dict__, name: None})


@dataclass
class Suggestion:
    chosen: list[int]  # applications, best first
    total: float
    costs: dict[str, float] = field(default_factory=dict)  # rule -> score given up
    problems: list[str] = field(default_factory=list)  # why nothing could be suggested

    @property
    def feasible(self) -> bool:
        return not self.problems


def _solve(candidates: list[Candidate], rules: Rules) -> tuple[list[int], float] | None:
    n = len(candidates)
    if rules.size > n:
        return None
    area_names = sorted({a for c in candidates for a in c.areas}) if rules.areas else []
    width = n + len(area_names)
    rows, cols, vals, lo, hi = [], [], [], [], []
    row = 0

    def add(entries, low, high):
        nonlocal row
        for col, value in entries:
            rows.append(row)
            cols.append(col)
            vals.append(value)
        lo.append(low)
        hi.append(high)
        row += 1

    add([(i, 1.0) for i in range(n)], rules.size, rules.size)
    if rules.per_country:
        countries = sorted({c for cand in candidates for c in cand.countries})
        for country in countries:
            entries = [(i, 1.0) for i, c in enumerate(candidates) if country in c.countries]
            if len(entries) > rules.per_country:
                add(entries, -np.inf, rules.per_country)
    if rules.areas:
        for k, area in enumerate(area_names):
            # An area counts only when a chosen partnership works on it: y_area <= sum x.
            entries = [(i, -1.0) for i, c in enumerate(candidates) if area in c.areas]
            add([*entries, (n + k, 1.0)], -np.inf, 0)
        add([(n + k, 1.0) for k in range(len(area_names))], rules.areas, np.inf)
    if rules.first_time:
        share = rules.first_time
        add(
            [(i, c.first_time - share * c.organisations) for i, c in enumerate(candidates)],
            -1e-9,
            np.inf,
        )
    objective = np.zeros(width)
    objective[:n] = [-c.score for c in candidates]
    matrix = coo_array((vals, (rows, cols)), shape=(row, width)).tocsr()
    result = milp(
        objective,
        constraints=LinearConstraint(matrix, lo, hi),
        integrality=np.ones(width),
        bounds=Bounds(0, 1),
        options={"time_limit": 20},
    )
    if result.status != 0 or result.x is None:
        return None
    chosen = [i for i in range(n) if result.x[i] > 0.5]
    return chosen, sum(candidates[i].score for i in chosen)


def suggest(candidates: list[Candidate], rules: Rules) -> Suggestion:
    candidates = sorted(candidates, key=lambda c: (-c.score, c.application))
    best = _solve(candidates, rules)
    if best is None:
        return Suggestion([], 0.0, problems=explain(candidates, rules))
    chosen, total = best
    costs = {}
    for name in rules.active():
        loose = _solve(candidates, rules.without(name))
        costs[name] = round(loose[1] - total, 2) if loose else 0.0
    return Suggestion(
        [candidates[i].application for i in chosen],
        round(total, 2),
        costs,
    )


def explain(candidates: list[Candidate], rules: Rules) -> list[str]:
    """Why no cohort meets the rules: each rule that fails on its own, or else the smallest
    set of rules that fail together."""
    n = len(candidates)
    if rules.size > n:
        return [
            ngettext(
                "Only %(n)s application is eligible; the cohort needs %(size)s partnerships.",
                "Only %(n)s applications are eligible; the cohort needs %(size)s partnerships.",
                n,
            )
            % {"n": n, "size": rules.size}
        ]
    alone = []
    for name in rules.active():
        single = Rules(rules.size, **{name: getattr(rules, name)})
        if _solve(candidates, single) is None:
            alone.append(_why(name, candidates, rules))
    if alone:
        return alone
    # Together: drop rules one by one while the rest still fail (a deletion filter).
    failing = rules.active()
    for name in list(failing):
        rest = [r for r in failing if r != name]
        trial = Rules(rules.size, **{r: getattr(rules, r) for r in rest})
        if _solve(candidates, trial) is None:
            failing = rest
    names = ", ".join(str(LABELS[r]) for r in failing)
    return [
        _("These rules cannot all hold in one cohort: %(rules)s. Relax one of them.")
        % {"rules": names}
    ]


def _why(name: str, candidates: list[Candidate], rules: Rules) -> str:
    if name == "per_country":
        return _(
            "With at most %(k)s partnerships per country, these applications cannot make a "
            "cohort of %(size)s: too many of them share a few countries."
        ) % {"k": rules.per_country, "size": rules.size}
    if name == "areas":
        covered = len({a for c in candidates for a in c.areas})
        return _(
            "At least %(m)s capacity areas were asked for; the eligible applications cover "
            "%(covered)s and a cohort of %(size)s can cover at most that many."
        ) % {"m": rules.areas, "covered": covered, "size": rules.size}
    first = sum(c.first_time for c in candidates)
    return _(
        "At least %(share)s%% first-time organisations were asked for; the eligible "
        "applications have %(first)s first-time organisations, too few for a cohort of "
        "%(size)s."
    ) % {"share": round(100 * rules.first_time), "first": first, "size": rules.size}


LABELS = {
    "per_country": gettext_lazy("at most so many partnerships per country"),
    "areas": gettext_lazy("at least so many capacity areas"),
    "first_time": gettext_lazy("a share of first-time organisations"),
}
