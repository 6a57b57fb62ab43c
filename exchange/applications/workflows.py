"""The life of an application as a table: every allowed change of status, who may make it,
and what it records. `services.transition` is the only code that changes a status."""

from dataclasses import dataclass

from .models import Application

S = Application.Status

APPLICANT = "applicant"  # an administrator of one of the application's organisations
STAFF = "staff"  # staff of the call's programme


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    who: str
    records: str
    before_deadline: bool = False  # applicants act only until the (extended) deadline


TRANSITIONS = (
    Transition(S.DRAFT, S.SUBMITTED, APPLICANT, "submitted_at, submitted revision", True),
    Transition(S.DRAFT, S.WITHDRAWN, APPLICANT, "organisations freed for another application"),
    Transition(S.SUBMITTED, S.WITHDRAWN, APPLICANT, "organisations freed", True),
    Transition(S.SUBMITTED, S.UNDER_REVIEW, STAFF, "status change"),
    Transition(S.SUBMITTED, S.REJECTED, STAFF, "status change with the reason (screening)"),
    Transition(S.UNDER_REVIEW, S.SELECTED, STAFF, "status change"),
    Transition(S.UNDER_REVIEW, S.WAITING_LIST, STAFF, "status change"),
    Transition(S.UNDER_REVIEW, S.REJECTED, STAFF, "status change with the reason"),
    Transition(S.WAITING_LIST, S.SELECTED, STAFF, "status change"),
    Transition(S.WAITING_LIST, S.REJECTED, STAFF, "status change with the reason"),
)

_BY_PAIR = {(t.source, t.target): t for t in TRANSITIONS}


def find(source: str, target: str) -> Transition | None:
    return _BY_PAIR.get((source, target))


def targets(source: str, who: str) -> list[str]:
    return [t.target for t in TRANSITIONS if t.source == source and t.who == who]
