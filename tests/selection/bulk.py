"""Many applications at once, for query counts (through the demo builder)."""

from exchange.applications.models import Application
from exchange.selection.demo import bulk_submitted

_seed = [100]


def add_submitted(call, n, status=Application.Status.UNDER_REVIEW):
    _seed[0] += 1
    return bulk_submitted(call, n, seed=_seed[0], status=status)
