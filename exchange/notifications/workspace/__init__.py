"""The notices of a partnership's six months, one module per part of the workspace (same
shape as notices.NOTICES); notices.py merges them."""

from .core import NOTICES as CORE
from .meetings import NOTICES as MEETINGS
from .money import NOTICES as MONEY
from .reports import NOTICES as REPORTS
from .visits import NOTICES as VISITS

NOTICES = {**CORE, **VISITS, **MONEY, **REPORTS, **MEETINGS}
