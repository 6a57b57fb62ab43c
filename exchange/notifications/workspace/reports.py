"""Notices of the workspace's reports (kind "workspace"; see notifications/notices.py).

No answer of a report goes into a notice: the report's kind, the partnership's name, the
due date and a link to the report's page. The reminders' key names the report and the
stage ("reports.reminder:<report>:<stage>"), so each person hears of each stage once."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from exchange.partnerships import selectors as partnership_selectors

from ..notices import Notice, each_language


def _link(event) -> str:
    report = event.target
    return reverse("reports:report", args=[report.partnership_id, report.pk])


def _params(event) -> dict:
    report = event.target
    return {
        "partnership": str(report.partnership),
        "report": each_language(lambda: report.get_kind_display()),
        "due": each_language(lambda: date_format(report.due_on, "DATE_FORMAT")),
    }


def _people(event):
    return partnership_selectors.people_of(event.target.partnership)


def _staff(event):
    return partnership_selectors.staff_of(event.target.partnership)


# The report's name stands before a colon in every sentence, so that it reads in each
# language without an article or a case ending to agree with it.
NOTICES = {
    "reports.reminder_before": Notice(
        "workspace",
        _("%(report)s due on %(due)s"),
        _(
            "%(report)s of the partnership %(partnership)s: due in two weeks, on %(due)s. "
            "Both organisations can write it together on the report's page."
        ),
        audience=_people,
        link=_link,
        params=_params,
    ),
    "reports.reminder_due": Notice(
        "workspace",
        _("%(report)s due today"),
        _(
            "%(report)s of the partnership %(partnership)s: due today, %(due)s. "
            "Please submit it on the report's page."
        ),
        audience=_people,
        link=_link,
        params=_params,
    ),
    "reports.reminder_late": Notice(
        "workspace",
        _("%(report)s: a week late"),
        _(
            "%(report)s of the partnership %(partnership)s: it was due on %(due)s and is not "
            "submitted yet. Please submit it, or tell the programme's staff what keeps you."
        ),
        audience=_people,
        link=_link,
        params=_params,
    ),
    "reports.submitted": Notice(
        "workspace",
        _("%(report)s submitted: %(partnership)s"),
        _(
            "%(report)s of the partnership %(partnership)s: submitted. Read it, then accept it "
            "or return it with your feedback."
        ),
        audience=_staff,
        link=_link,
        params=_params,
    ),
    "reports.accepted": Notice(
        "workspace",
        _("%(report)s accepted"),
        _(
            "%(report)s of the partnership %(partnership)s: accepted by the programme's staff. "
            "Their feedback, if any, is on the report's page."
        ),
        audience=_people,
        link=_link,
        params=_params,
    ),
    "reports.returned": Notice(
        "workspace",
        _("%(report)s returned for changes"),
        _(
            "%(report)s of the partnership %(partnership)s: returned by the programme's staff "
            "with feedback. Read it on the report's page, change the report and submit it again."
        ),
        audience=_people,
        link=_link,
        params=_params,
    ),
}
