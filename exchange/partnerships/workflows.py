"""The life of a partnership and of its work plan's activities, as tables (core.workflow)."""

from exchange.core.workflow import SYSTEM, Transition, Workflow, or_system

from . import permissions
from .models import Activity, Partnership

P = Partnership.Status
A = Activity.Status

PARTNERSHIP = Workflow(
    "partnerships.partnership",
    Partnership,
    P,
    [
        # Staff close a partnership once its six months and its final report are done.
        Transition(P.ACTIVE, P.COMPLETED, rule=permissions.can_close,
                   event="partnerships.completed"),
        Transition(P.COMPLETED, P.ACTIVE, rule=permissions.can_close),
        # Its application was withdrawn after selection, or selected again.
        Transition(P.ACTIVE, P.WITHDRAWN, rule=SYSTEM, event="partnerships.withdrawn"),
        Transition(P.WITHDRAWN, P.ACTIVE, rule=or_system(permissions.can_close)),
    ],
)  # fmt: skip

ACTIVITY = Workflow(
    "partnerships.activity",
    Activity,
    A,
    [
        Transition(A.PLANNED, A.UNDER_WAY, rule=permissions.can_change_activity),
        Transition(A.PLANNED, A.DONE, rule=permissions.can_change_activity),
        Transition(A.UNDER_WAY, A.DONE, rule=permissions.can_change_activity),
        Transition(A.PLANNED, A.DROPPED, rule=permissions.can_change_activity),
        Transition(A.UNDER_WAY, A.DROPPED, rule=permissions.can_change_activity),
        Transition(A.DONE, A.UNDER_WAY, rule=permissions.can_change_activity),
        Transition(A.DROPPED, A.PLANNED, rule=permissions.can_change_activity),
    ],
)
