"""Rows of the workspace's reports and self-assessment (see tests/partnerships/authz.py).

The world: the mid-term report complete but not submitted (so submitting succeeds), the
final report submitted (so staff can review it)."""

from django.urls import reverse

from .expect import API_READ, WS_FORM, WS_READ, WS_STAFF_WRITE, WS_WRITE, everyone


def build(ws):
    from exchange.organisations.models import Membership
    from exchange.partnerships.reports import reportforms, services
    from exchange.partnerships.reports.models import Report

    partnership = ws.partnership
    services.ensure_reports([partnership])
    admin = ws.organisation.memberships.filter(role=Membership.Role.ADMIN).first().user
    for report in Report.objects.filter(partnership=partnership):
        report.partnership = partnership
        values = {
            q.key: (q.choices[0].key if q.choices else "Written together.")
            for q in reportforms.schema_for(report).questions()
        }
        services.save_report_answers(report=report, by=admin, values=values, versions={})
        if report.kind == "final":
            services.submit_report(report=report, by=admin)
            ws.extra["final_report_id"] = report.pk
        else:
            ws.extra["report_id"] = report.pk


def _ws(name, *parts):
    return lambda w: reverse(
        f"reports:{name}",
        args=[w.workspace.partnership_id, *[getattr(w.workspace, p) for p in parts]],
    )


def _cohort(name):
    return lambda w: reverse(f"reports:{name}", args=[w.workspace.cohort_id])


STAFF_READ = {**everyone(404), "anonymous": 302, "staff": 200}

PAGES = {
    "reports:list": ("get", _ws("list"), WS_READ),
    "reports:report": ("get", _ws("report", "report_id"), WS_READ),
    # The table's POST carries no answer: nothing changes, the page comes back (302).
    "reports:report (saving)": ("post", _ws("report", "report_id"), WS_WRITE),
    "reports:report-submit": ("post", _ws("report-submit", "report_id"), WS_WRITE),
    # Staff post no decision: the form comes back with its error (400).
    "reports:report-review": (
        "post", _ws("report-review", "final_report_id"), {**WS_STAFF_WRITE, "staff": 400}
    ),
    "reports:assessment": ("get", _ws("assessment"), WS_READ),
    "reports:assessment-fill": (
        "get",
        lambda w: reverse("reports:assessment-fill", args=[w.workspace.partnership_id, "start"]),
        WS_FORM,
    ),
    "reports:assessment-fill (saving)": (
        "post",
        lambda w: reverse("reports:assessment-fill", args=[w.workspace.partnership_id, "start"]),
        WS_WRITE,
    ),
    "reports:cohort": ("get", _cohort("cohort"), STAFF_READ),
    "reports:cohort-schedule": (
        "post", _cohort("cohort-schedule"), {**everyone(404), "anonymous": 302, "staff": 302}
    ),
    "reports:cohort-assessment": ("get", _cohort("cohort-assessment"), STAFF_READ),
}  # fmt: skip


def _api(name, *parts):
    return lambda w: reverse(
        f"api:{name}",
        args=[w.workspace.partnership_id, *[getattr(w.workspace, p) for p in parts]],
    )


API_WRITE = {**API_READ, "staff": 403}

API = {
    "api:reports": ("get", _api("reports"), API_READ, None),
    "api:partnership-report": ("get", _api("partnership-report", "report_id"), API_READ, None),
    "api:partnership-report (saving)": (
        "patch",
        _api("partnership-report", "report_id"),
        API_WRITE,
        lambda w, me: {"answers": {"midterm_plan": f"Our plan ({me.pk if me else 0})"}},
    ),
    # The member submits first; the report is then no longer open for anyone (403).
    "api:report-submit": (
        "post", _api("report-submit", "report_id"), {**API_WRITE, "org_admin": 403}, None
    ),
    "api:report-review": (
        "post",
        _api("report-review", "final_report_id"),
        {**API_READ, "member": 403, "org_admin": 403},
        lambda w, me: {"decision": "return", "feedback": "Please add the visits' dates."},
    ),
    "api:assessment": ("get", _api("assessment"), API_READ, None),
    "api:assessment-results": ("get", _api("assessment-results"), API_READ, None),
    "api:assessment-answers": (
        "put",
        lambda w: reverse(
            "api:assessment-answers",
            args=[w.workspace.partnership_id, "start", w.workspace.organisation.pk],
        ),
        API_WRITE,
        lambda w, me: {"scores": {}, "submit": False},
    ),
}  # fmt: skip
