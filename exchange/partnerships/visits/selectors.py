"""Reading visits: a workspace's, one visit (permission-checked), a cohort's, the staff's
progress figures and the person's calendar items."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from exchange.core.permissions import require
from exchange.organisations.models import Membership
from exchange.partnerships.calendar_items import Item
from exchange.partnerships.models import Member, Partnership

from . import permissions
from .models import InvitationLetter, Traveller, Visit

V = Visit.Status
ACTIVE = (V.PLANNED, V.CONFIRMED)


def visits_of(partnership: Partnership):
    return (
        partnership.visits.select_related("host")
        .annotate(traveller_count=Count("travellers"))
        .order_by("starts_on", "pk")
    )


def get_visit(user, partnership: Partnership, pk: int) -> Visit:
    """A visit of a partnership whose workspace the person may see (else 404)."""
    require(permissions.can_view(user, partnership))
    visit = (
        Visit.objects.select_related("host", "created_by")
        .filter(partnership=partnership, pk=pk)
        .first()
    )
    if visit is None:
        raise Http404
    visit.partnership = partnership  # already loaded with its cohort and programme
    return visit


def travellers_of(visit: Visit):
    return visit.travellers.select_related("organisation").order_by("pk")


def get_traveller(visit: Visit, pk: int) -> Traveller:
    traveller = visit.travellers.select_related("organisation").filter(pk=pk).first()
    if traveller is None:
        raise Http404
    traveller.visit = visit
    return traveller


def letters_of(visit: Visit):
    return (
        visit.letters.exclude(status=InvitationLetter.Status.DRAFT)
        .select_related("traveller", "issued_by")
        .order_by("-pk")
    )


def get_letter(user, visit: Visit, pk: int) -> InvitationLetter:
    require(permissions.can_handle_letters(user, visit))
    letter = letters_of(visit).filter(pk=pk).first()
    if letter is None:
        raise Http404
    letter.visit = visit
    return letter


def travelling_side(visit: Visit, *, admins_only: bool = False):
    """The people of the partnership's organisations other than the host (for notices)."""
    memberships = Membership.objects.filter(
        organisation__partnership_memberships__partnership_id=visit.partnership_id
    ).exclude(organisation_id=visit.host_id)
    if admins_only:
        memberships = memberships.filter(role=Membership.Role.ADMIN)
    return (
        get_user_model()
        .objects.filter(pk__in=memberships.values("user_id"), is_active=True)
        .order_by("pk")
    )


# --- The cohort's calendar --------------------------------------------------------------


def cohort_visits(cohort):
    """Every visit of a cohort (cancelled ones too: staff see them as such), by date, with
    their partnership's organisations: three queries whatever the number."""
    return (
        Visit.objects.filter(partnership__cohort=cohort)
        .exclude(partnership__status=Partnership.Status.WITHDRAWN)
        .select_related("host", "partnership")
        .prefetch_related(
            Prefetch("partnership__members", queryset=Member.objects.select_related("organisation"))
        )
        .annotate(traveller_count=Count("travellers"))
        .order_by("starts_on", "pk")
    )


def by_month(visits) -> list[tuple[datetime.date, list[Visit]]]:
    """[(first day of a month, its visits)], a visit listed in every month it touches."""
    months: dict[datetime.date, list[Visit]] = defaultdict(list)
    for visit in visits:
        month = visit.starts_on.replace(day=1)
        last = visit.ends_on.replace(day=1)
        while month <= last:
            months[month].append(visit)
            month = (month + datetime.timedelta(days=32)).replace(day=1)
    return sorted(months.items())


# --- Registered with the workspace -------------------------------------------------------


def figures(ids: list[int]) -> dict[int, dict]:
    """visits_planned (planned or confirmed), visits_done, and the risk "no_visit": nothing
    planned, confirmed or done once the cohort is past its mid-point. Two queries."""
    counts = {
        row["partnership_id"]: row
        for row in Visit.objects.filter(partnership_id__in=ids)
        .values("partnership_id")
        .annotate(
            planned=Count("pk", filter=Q(status__in=ACTIVE)),
            done=Count("pk", filter=Q(status=V.DONE)),
        )
    }
    today = timezone.localdate()
    result = {}
    for pk, starts, ends in Partnership.objects.filter(pk__in=ids).values_list(
        "pk", "cohort__starts_on", "cohort__ends_on"
    ):
        row = counts.get(pk, {})
        planned, done = row.get("planned", 0), row.get("done", 0)
        risks = []
        if starts and ends and not (planned or done) and today > starts + (ends - starts) / 2:
            risks.append("no_visit")
        result[pk] = {"visits_planned": planned, "visits_done": done, "risks": risks}
    return result


def calendar_items(user) -> list[Item]:
    """The visits (not cancelled) of the person's partnerships, as all-day items."""
    if user is None or not user.is_authenticated:
        return []
    visits = (
        Visit.objects.filter(
            partnership__members__organisation__memberships__user=user,
        )
        .exclude(status=V.CANCELLED)
        .exclude(partnership__status=Partnership.Status.WITHDRAWN)
        .select_related("host")
        .distinct()
        .order_by("starts_on", "pk")
    )
    items = []
    for visit in visits:
        title = (
            _("Online visit with %(host)s")
            if visit.mode == Visit.Mode.ONLINE
            else _("Visit to %(host)s")
        ) % {"host": visit.host.name}
        items.append(
            Item(
                uid=f"visit-{visit.pk}@civil-society-exchange",
                title=title,
                start=visit.starts_on,
                end=visit.ends_on + datetime.timedelta(days=1),
                location=""
                if visit.mode == Visit.Mode.ONLINE
                else f"{visit.host.city}, {visit.host.country.name}",
                url=reverse("visits:detail", args=[visit.partnership_id, visit.pk]),
                description=f"{visit.purpose} ({visit.get_status_display()})",
                kind="visit",
            )
        )
    return items
