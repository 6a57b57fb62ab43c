"""The workspace's rows of the two authorization tables, gathered from each part's module.

A part's module (authz_<part>.py) has `build(ws)` (adds the ids its rows need to the
WorkspaceWorld: `ws.extra["visit_id"] = ...`), `PAGES` {url name: (method, url(world),
{persona: status})} and `API` {url name: (method, url(world), {persona: status},
body(world, me) or None)}; `world.workspace` is the WorkspaceWorld. Personas not listed
get the status of "other"."""

from tests.library import authz as authz_library

from . import authz_core, authz_meetings, authz_money, authz_reports, authz_visits

PARTS = (authz_core, authz_visits, authz_money, authz_reports, authz_meetings, authz_library)


def pages() -> dict:
    rows = {}
    for part in PARTS:
        rows.update(part.PAGES)
    return rows


def api() -> dict:
    rows = {}
    for part in PARTS:
        rows.update(part.API)
    return rows
