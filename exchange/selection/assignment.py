"""Reviewer assignment as plain Python over plain data.

Every application gets `per_application` different reviewers, none of them conflicted; the
reviewers' loads are as even as the conflicts allow (they differ by at most one whenever
an assignment with that property exists); and each application gets reviewers from both
sides of the programme where that does not cost balance.

The method: a greedy start (most constrained applications first, least loaded reviewers
first), then moves along *cost-reducing paths* — a chain of moves that takes one review
from a reviewer with load L to one with load ≤ L − 2 through reviewers whose loads stay the
same. When no such path is left, the sum of squared loads is minimal (the optimality
condition of convex-cost flows), so the loads lie within one of each other whenever any
assignment allows that. Last, side mixing improves by moves and swaps that keep every load.

Nothing here touches the database: `selection.services` reads the pool, calls `assign`
and writes the result; staff then adjust by hand.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Pool:
    applications: list[int]
    reviewers: dict[int, str]  # reviewer id -> side ("turkey", "europe" or "")
    conflicts: frozenset[tuple[int, int]] = frozenset()  # (application, reviewer)
    per_application: int = 2
    # Assignments that stay (reviews begun, placed by hand): kept, and counted in the loads.
    kept: dict[int, frozenset[int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Blocker:
    """Why an application cannot get its reviewers: `available` reviewers without a
    conflict, `needed` in all."""

    application: int
    available: int
    needed: int


@dataclass
class Plan:
    assignments: dict[int, list[int]]  # application -> reviewers (empty when infeasible)
    blockers: list[Blocker]

    @property
    def feasible(self) -> bool:
        return not self.blockers

    def loads(self, reviewers) -> dict[int, int]:
        loads = dict.fromkeys(reviewers, 0)
        for chosen in self.assignments.values():
            for r in chosen:
                loads[r] += 1
        return loads


def assign(pool: Pool) -> Plan:
    n = pool.per_application
    eligible = {
        a: [r for r in sorted(pool.reviewers) if (a, r) not in pool.conflicts]
        for a in pool.applications
    }
    blockers = [Blocker(a, len(eligible[a]), n) for a in pool.applications if len(eligible[a]) < n]
    for a, kept in pool.kept.items():
        if a in eligible and any((a, r) in pool.conflicts for r in kept):
            blockers.append(Blocker(a, len(eligible[a]), n))
    if blockers:
        return Plan({}, sorted(set(blockers), key=lambda b: b.application))

    chosen: dict[int, list[int]] = {a: list(pool.kept.get(a, ()))[:n] for a in pool.applications}
    load = dict.fromkeys(pool.reviewers, 0)
    for reviewers in chosen.values():
        for r in reviewers:
            load[r] += 1
    movable = {(a, r) for a in pool.applications for r in chosen[a]}
    movable = {pair for pair in movable if pair[1] not in pool.kept.get(pair[0], ())}

    # Greedy: the applications with the fewest possible reviewers first.
    for a in sorted(pool.applications, key=lambda a: (len(eligible[a]), a)):
        while len(chosen[a]) < n:
            sides = {pool.reviewers[r] for r in chosen[a]}
            r = min(
                (r for r in eligible[a] if r not in chosen[a]),
                key=lambda r: (load[r] + (pool.reviewers[r] in sides), load[r], r),
            )
            chosen[a].append(r)
            load[r] += 1
            movable.add((a, r))

    _balance(chosen, load, eligible, movable)
    _mix(chosen, load, eligible, movable, pool.reviewers)
    return Plan({a: sorted(rs) for a, rs in chosen.items()}, [])


def _balance(chosen, load, eligible, movable) -> None:
    """Moves along cost-reducing paths until none is left."""
    held: dict[int, set[int]] = {r: set() for r in load}  # reviewer -> movable applications
    for a, r in movable:
        held[r].add(a)
    stuck: set[int] = set()
    while True:
        candidates = [r for r in load if r not in stuck]
        if not candidates:
            return
        top = max(candidates, key=lambda r: (load[r], -r))
        if load[top] - min(load.values()) < 2:
            return
        path = _path_from(top, chosen, load, eligible, held)
        if path is None:
            stuck.add(top)
            continue
        for a, giver, taker in path:
            chosen[a][chosen[a].index(giver)] = taker
            held[giver].discard(a)
            held[taker].add(a)
            movable.discard((a, giver))
            movable.add((a, taker))
        load[path[0][1]] -= 1
        load[path[-1][2]] += 1
        stuck.clear()  # a move can open paths that were closed


def _path_from(source, chosen, load, eligible, held):
    """Breadth-first search for moves source → … → a reviewer with load ≤ load(source) − 2."""
    limit = load[source] - 2
    came: dict[int, tuple[int, int] | None] = {source: None}  # reviewer -> (application, giver)
    queue = deque([source])
    while queue:
        giver = queue.popleft()
        for a in sorted(held[giver]):
            for taker in eligible[a]:
                if taker in came or taker in chosen[a]:
                    continue
                came[taker] = (a, giver)
                if load[taker] <= limit:
                    steps = []
                    node = taker
                    while came[node] is not None:
                        application, previous = came[node]
                        steps.append((application, previous, node))
                        node = previous
                    return steps[::-1]
                queue.append(taker)
    return None


def _mix(chosen, load, eligible, movable, sides, tries: int = 6) -> None:
    """Reviewers from both sides where possible, keeping every load as it is (or moving a
    review to a reviewer one below, which keeps the set of loads)."""
    held: dict[int, set[int]] = {r: set() for r in load}
    for a, r in movable:
        held[r].add(a)
    possible = {a: set(rs) for a, rs in eligible.items()}

    def is_mixed(reviewers) -> bool:
        present = {sides[r] for r in reviewers}
        return {"turkey", "europe"} <= present

    for a in sorted(chosen):
        if len(chosen[a]) < 2 or is_mixed(chosen[a]):
            continue
        present = {sides[r] for r in chosen[a]}
        wanted = ({"turkey", "europe"} - present).pop() if len(present) == 1 else None
        if wanted is None:
            continue
        givers = [r for r in chosen[a] if r in held and a in held[r]]
        others = sorted(
            (r for r in eligible[a] if sides[r] == wanted and r not in chosen[a]),
            key=lambda r: load[r],
        )[:tries]
        done = False
        for taker in others:
            for giver in givers:
                rest = [r for r in chosen[a] if r != giver] + [taker]
                if not is_mixed(rest):
                    continue
                if load[taker] <= load[giver] - 1:  # a move keeps the multiset of loads
                    _move(a, giver, taker, chosen, load, held, movable)
                    done = True
                    break
                for b in sorted(held[taker])[: tries * 4]:  # a swap keeps every load
                    if giver in chosen[b] or giver not in possible[b]:
                        continue
                    after = [r for r in chosen[b] if r != taker] + [giver]
                    if is_mixed(chosen[b]) and not is_mixed(after):
                        continue
                    _move(a, giver, taker, chosen, load, held, movable)
                    _move(b, taker, giver, chosen, load, held, movable)
                    done = True
                    break
                if done:
                    break
            if done:
                break


def _move(a, giver, taker, chosen, load, held, movable) -> None:
    chosen[a][chosen[a].index(giver)] = taker
    load[giver] -= 1
    load[taker] += 1
    held[giver].discard(a)
    held[taker].add(a)
    movable.discard((a, giver))
    movable.add((a, taker))
