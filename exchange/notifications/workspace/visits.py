"""Notices of the workspace's visits (kind "workspace"; see notifications/notices.py).

No traveller, passport number or letter content goes into a notice: the host's name, the
dates, the letter's number and a link to the visit's page, which checks who may see what."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from exchange.partnerships import selectors as partnership_selectors
from exchange.partnerships.visits import selectors as visit_selectors
from exchange.partnerships.visits.models import InvitationLetter

from ..notices import Notice, each_language


def _visit(event):
    target = event.target
    return target.visit if isinstance(target, InvitationLetter) else target


def _link(event) -> str:
    visit = _visit(event)
    return reverse("visits:detail", args=[visit.partnership_id, visit.pk])


def _params(event) -> dict:
    visit = _visit(event)
    params = {
        "host": visit.host.name,
        "partnership": str(visit.partnership),
        "starts": each_language(lambda: date_format(visit.starts_on, "DATE_FORMAT")),
        "ends": each_language(lambda: date_format(visit.ends_on, "DATE_FORMAT")),
    }
    if visit is not event.target:
        params["number"] = event.target.number or ""
    return params


def _host_admins(event):
    visit = _visit(event)
    return partnership_selectors.people_of(
        visit.partnership, organisation=visit.host, admins_only=True
    )


def _letter_audience(event):
    visit = _visit(event)
    return [*_host_admins(event), *visit_selectors.travelling_side(visit, admins_only=True)]


NOTICES = {
    "visits.planned": Notice(
        "workspace",
        _("A visit to %(host)s is planned"),
        _(
            "A visit of the partnership %(partnership)s to %(host)s is planned from %(starts)s "
            "to %(ends)s. An admin of %(host)s confirms it on the visit's page."
        ),
        audience=_host_admins,
        link=_link,
        params=_params,
    ),
    "visits.confirmed": Notice(
        "workspace",
        _("%(host)s confirmed your visit"),
        _("%(host)s confirmed the visit from %(starts)s to %(ends)s."),
        audience=lambda event: visit_selectors.travelling_side(event.target),
        link=_link,
        params=_params,
    ),
    "visits.letter_issued": Notice(
        "workspace",
        _("Invitation letter %(number)s issued"),
        _(
            "%(host)s issued the visa invitation letter %(number)s for the visit from "
            "%(starts)s to %(ends)s. The host's admins can download it on the visit's page."
        ),
        audience=_letter_audience,
        link=_link,
        params=_params,
        include_actor=True,
    ),
    "visits.letter_revoked": Notice(
        "workspace",
        _("Invitation letter %(number)s revoked"),
        _(
            "%(host)s revoked the visa invitation letter %(number)s for the visit from "
            "%(starts)s to %(ends)s. Its verification page now says it is no longer valid."
        ),
        audience=_letter_audience,
        link=_link,
        params=_params,
    ),
}
