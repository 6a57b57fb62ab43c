"""Rows of the partnership's core: goals, plan, history, cohort space, stories."""

from django.urls import reverse

from .expect import API_READ, API_STAFF, WS_FORM, WS_READ, WS_STAFF_WRITE, WS_WRITE, everyone


def build(ws):
    pass


def _ws(name, *parts):
    return lambda w: reverse(
        f"partnerships:{name}",
        args=[w.workspace.partnership_id, *[getattr(w.workspace, p) for p in parts]],
    )


SIGNED_IN = {**everyone(200), "anonymous": 302}

PAGES = {
    "partnerships:mine": ("get", lambda w: reverse("partnerships:mine"), SIGNED_IN),
    "partnerships:workspace": ("get", _ws("workspace"), WS_READ),
    "partnerships:plan": ("get", _ws("plan"), WS_FORM),
    # The tables' POST carries none of the form's fields: the form comes back with errors.
    "partnerships:plan (saving)": (
        "post",
        _ws("plan"),
        {**WS_WRITE, "member": 302, "org_admin": 302},
    ),
    "partnerships:activity-add": ("get", _ws("activity-add"), WS_FORM),
    "partnerships:activity": ("get", _ws("activity", "activity_id"), WS_FORM),
    "partnerships:activity-move": ("post", _ws("activity-move", "activity_id"), WS_WRITE),
    "partnerships:activity-delete": ("post", _ws("activity-delete", "activity_id"), WS_WRITE),
    "partnerships:history": ("get", _ws("history"), WS_READ),
    "partnerships:close": ("post", _ws("close"), WS_STAFF_WRITE),
    "partnerships:share": ("post", _ws("share"), {**WS_WRITE, "member": 400, "org_admin": 400}),
    "partnerships:cohort": (
        "get",
        lambda w: reverse("partnerships:cohort", args=[w.workspace.cohort_id]),
        WS_READ,
    ),
    "partnerships:agree": (
        "post",
        lambda w: reverse("partnerships:agree", args=[w.workspace.update_id]),
        WS_WRITE,
    ),
    "partnerships:publish": (
        "post",
        lambda w: reverse("partnerships:publish", args=[w.workspace.update_id]),
        {**WS_STAFF_WRITE, "staff": 409},
    ),
    "partnerships:stories": ("get", lambda w: reverse("partnerships:stories"), everyone(200)),
}


def _api(name, *parts):
    return lambda w: reverse(
        f"api:{name}",
        args=[w.workspace.partnership_id, *[getattr(w.workspace, p) for p in parts]],
    )


def _is_admin(w, me):
    return bool(me) and w.workspace.organisation.memberships.filter(user=me, role="admin").exists()


def _activity_body(w, me):
    return {
        "title": "Visit planning",
        "starts_on": "2027-01-10",
        "ends_on": "2027-01-20",
        "owner": w.workspace.organisation.slug,
    }


API_WRITE = {**API_READ, "staff": 403}

API = {
    "api:partnerships": (
        "get",
        lambda w: reverse("api:partnerships"),
        {**everyone(200), "anonymous": 401},
        None,
    ),
    "api:partnership": ("get", _api("partnership"), API_READ, None),
    "api:partnership (changing the goals)": (
        "put",
        _api("partnership"),
        API_WRITE,
        lambda w, me: {"common_issue": "Gönüllüler", "goals": "Ziele", "planned_model": "M"},
    ),
    "api:activities": ("get", _api("activities"), API_READ, None),
    "api:activities (adding)": (
        "post",
        _api("activities"),
        {**API_WRITE, "member": 201, "org_admin": 201},
        _activity_body,
    ),
    "api:activity": ("get", _api("activity", "activity_id"), API_READ, None),
    "api:activity (changing)": ("put", _api("activity", "activity_id"), API_WRITE, _activity_body),
    # The member deletes it first: for those after, it is gone.
    "api:activity (deleting)": (
        "delete",
        _api("activity", "activity_id"),
        {**API_READ, "member": 204, "org_admin": 404, "staff": 404},
        None,
    ),
    "api:activity-status": (
        "post",
        _api("activity-status", "activity_id"),
        API_WRITE,
        # The member starts it, then the admin (who comes next) finishes it.
        lambda w, me: {"to": "done" if _is_admin(w, me) else "under_way"},
    ),
    "api:partnership-history": ("get", _api("partnership-history"), API_READ, None),
    "api:share-update": (
        "post",
        _api("share-update"),
        {**API_WRITE, "member": 201, "org_admin": 201},
        lambda w, me: {"title": "Ziyaret", "body": "Berlin'de buluştuk.", "is_story": True},
    ),
    "api:cohort-updates": (
        "get",
        lambda w: reverse("api:cohort-updates", args=[w.workspace.cohort_id]),
        API_READ,
        None,
    ),
    "api:cohort-progress": (
        "get",
        lambda w: reverse("api:cohort-progress", args=[w.workspace.cohort_id]),
        API_STAFF,
        None,
    ),
}

STAFF_PAGE = {**everyone(404), "anonymous": 302, "staff": 200, "other_staff": 200}
PAGES.update(
    {
        # The list shows the cohorts of the programmes a person runs (none for other staff).
        "partnerships:staff-cohorts": (
            "get",
            lambda w: reverse("partnerships:staff-cohorts"),
            STAFF_PAGE,
        ),
        "partnerships:progress": (
            "get",
            lambda w: reverse("partnerships:progress", args=[w.workspace.cohort_id]),
            {**STAFF_PAGE, "other_staff": 404},
        ),
    }
)
