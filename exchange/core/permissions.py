"""The shape every permission rule and every refusal in the project takes.

A rule is a function `can_<action>(user, obj) -> Decision` in its domain's `permissions.py`.
A refused Decision carries a translated reason for people and a stable `code` for programs
(the API, tests). `require(decision)` turns a refused Decision into a `Refused` exception;
`RefusalMiddleware` renders it inside the site's layout with its reason and the status
that its code stands for. Nothing else turns refusals into responses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise

# Stable refusal codes and the HTTP status each stands for. A code names *why* something
# was refused; new domains add theirs here so that pages and the API agree.
FORBIDDEN = "forbidden"  # this person may not do this (403)
STATUS_BY_CODE = {
    FORBIDDEN: 403,
    "not_found": 404,
    "deadline": 403,  # the (extended) deadline has passed
    "state": 403,  # the object is not in a state that allows this (no longer a draft, ...)
    "transition": 409,  # the workflow has no such change of state
    "incomplete": 409,  # a checklist is not met (eligibility, confirmations)
    "expired": 410,  # an invitation or a link that has expired
    "mismatch": 403,  # the link was meant for someone else
    "full": 409,  # no place is left (a partnership, a capped post)
    "two_factor": 403,  # the page needs an account with two factors (reviewers)
    "conflict": 409,  # a conflict of interest keeps this reviewer from this application
}


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str | Promise = ""
    code: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True)


def deny(reason: str | Promise, code: str = FORBIDDEN) -> Decision:
    return Decision(False, reason, code)


class Refused(PermissionDenied):
    """An action refused by a rule or a guard: one type for every refusal. A subclass of
    PermissionDenied, so that code which only knows Django's exception still refuses."""

    def __init__(self, message: str | Promise, code: str = FORBIDDEN):
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return str(self.message)

    @property
    def status(self) -> int:
        return STATUS_BY_CODE.get(self.code, 409)

    @classmethod
    def of(cls, decision: Decision) -> Refused:
        return cls(decision.reason, decision.code or FORBIDDEN)


def require(decision: Decision) -> None:
    """Raise `Refused` when the decision is a refusal."""
    if not decision:
        raise Refused.of(decision)


def first_refusal(*decisions: Callable[[], Decision]) -> Decision:
    """The first refused decision among lazily evaluated ones, else ALLOW."""
    for make in decisions:
        decision = make()
        if not decision:
            return decision
    return ALLOW


def memo(obj, name: str, key, compute: Callable):
    """Remember `compute()` on `obj` under (name, key) for as long as this Python object
    holds what it was read with. Objects are loaded afresh for every request, and services
    re-read theirs under lock with `reload_for_update`, which forgets what was remembered:
    a remembered role never outlives the state it was read from."""
    store = obj.__dict__.setdefault("_memo", {})
    slot = (name, key)
    if slot not in store:
        store[slot] = compute()
    return store[slot]


def reload_for_update(obj, **keep):
    """Re-read `obj` in place under a row lock (inside a transaction), forgetting what was
    remembered about it. `keep` names related objects to keep instead of re-reading them."""
    obj.refresh_from_db(from_queryset=type(obj).objects.select_for_update())
    obj.__dict__.pop("_memo", None)
    for name, value in keep.items():
        setattr(obj, name, value)
    return obj
