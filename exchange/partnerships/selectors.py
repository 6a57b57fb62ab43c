"""Reading partnerships: a person's own, one workspace, a cohort's, and the plan's figures."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q
from django.http import Http404

from exchange.core.permissions import memo, require
from exchange.organisations.models import Membership

from . import permissions, progress
from .models import Activity, Cohort, Member, Partnership, Update

A = Activity.Status

MEMBERS = Prefetch("members", queryset=Member.objects.select_related("organisation"))


def _base():
    return Partnership.objects.select_related("cohort__call__programme").prefetch_related(MEMBERS)


def partnerships_of(user):
    """The partnerships of the person's organisations, newest cohort first."""
    if user is None or not user.is_authenticated:
        return Partnership.objects.none()
    organisations = Membership.objects.filter(user=user).values("organisation_id")
    return (
        _base()
        .filter(members__organisation_id__in=organisations)
        .distinct()
        .order_by("-cohort__call__closes_at", "pk")
    )


def get_partnership(user, pk: int) -> Partnership:
    """The partnership, if the person may see its workspace (else 404, as if none)."""
    partnership = _base().filter(pk=pk).first()
    if partnership is None:
        raise Http404
    require(permissions.can_view(user, partnership))
    return partnership


def get_cohort(user, pk: int, *, staff: bool = False) -> Cohort:
    cohort = Cohort.objects.select_related("call__programme").filter(pk=pk).first()
    if cohort is None:
        raise Http404
    require((permissions.can_run_cohort if staff else permissions.can_view_cohort)(user, cohort))
    return cohort


def plan_figures(ids: list[int]) -> dict[int, dict]:
    rows = (
        Activity.objects.filter(partnership_id__in=ids)
        .values("partnership_id")
        .annotate(
            activities=Count("pk", filter=~Q(status=A.DROPPED)),
            activities_done=Count("pk", filter=Q(status=A.DONE)),
        )
    )
    return {
        r["partnership_id"]: {
            "activities": r["activities"],
            "activities_done": r["activities_done"],
        }
        for r in rows
    }


def plan_progress(partnership: Partnership) -> dict:
    figures = plan_figures([partnership.pk]).get(
        partnership.pk, {"activities": 0, "activities_done": 0}
    )
    total = figures["activities"]
    figures["percent"] = round(100 * figures["activities_done"] / total) if total else 0
    return figures


def activities_of(partnership: Partnership):
    return partnership.activities.select_related("owner")


def cohort_partnerships(cohort: Cohort):
    return _base().filter(cohort=cohort).exclude(status=Partnership.Status.WITHDRAWN)


def cohort_updates(cohort: Cohort, *, limit: int = 50):
    return (
        Update.objects.filter(partnership__cohort=cohort)
        .select_related("author", "partnership")
        .prefetch_related(
            Prefetch("partnership__members", queryset=Member.objects.select_related("organisation"))
        )[:limit]
    )


def published_stories(*, limit: int = 6):
    return (
        Update.objects.filter(published_at__isnull=False)
        .select_related("partnership__cohort__call")
        .prefetch_related(
            Prefetch("partnership__members", queryset=Member.objects.select_related("organisation"))
        )
        .order_by("-published_at")[:limit]
    )


def people_of(partnership: Partnership, *, organisation=None, admins_only: bool = False):
    """The people of the partnership's organisations (or of one of them), for notices."""
    from django.contrib.auth import get_user_model

    memberships = Membership.objects.filter(
        organisation__partnership_memberships__partnership=partnership
    )
    if organisation is not None:
        memberships = memberships.filter(organisation=organisation)
    if admins_only:
        memberships = memberships.filter(role=Membership.Role.ADMIN)
    return (
        get_user_model()
        .objects.filter(pk__in=memberships.values("user_id"), is_active=True)
        .order_by("pk")
    )


def staff_of(partnership: Partnership):
    return partnership.cohort.call.programme.staff.filter(is_active=True).order_by("pk")


# --- The staff's view of a cohort ----------------------------------------------------------

RISK_CODES = ("late_report", "no_visit", "over_budget")


def cohorts_run_by(user):
    """The cohorts of the programmes the person runs, newest first, with their sizes."""
    cohorts = Cohort.objects.select_related("call__programme").annotate(
        size=Count("partnerships", filter=~Q(partnerships__status=Partnership.Status.WITHDRAWN))
    )
    if not user.is_superuser:
        cohorts = cohorts.filter(call__programme__staff=user)
    return cohorts.order_by("-call__closes_at")


class ProgressRow:
    """One partnership's line in the progress view (figures from every part)."""

    def __init__(self, partnership, figures: dict):
        self.partnership = partnership
        self.figures = figures
        self.risks = sorted(set(figures.get("risks", [])))
        activities = figures.get("activities", 0)
        self.plan_percent = (
            round(100 * figures.get("activities_done", 0) / activities) if activities else 0
        )
        grant = figures.get("grant") or partnership.grant_amount
        spent = figures.get("spent")
        self.spent_percent = round(100 * spent / grant) if grant and spent is not None else None
        members = list(partnership.members.all())  # prefetched; read once, not per use
        self.name = " – ".join(m.organisation.name for m in members)
        self.country_names = {
            m.organisation.country.code: m.organisation.country.name for m in members
        }
        self.countries = sorted(self.country_names)

    @property
    def risk_labels(self) -> list:
        from .progress import risk_labels

        labels = risk_labels()
        return [labels.get(code, code) for code in self.risks]

    def get(self, name, default=0):
        return self.figures.get(name, default)


ORDERS = {
    "name": lambda r: r.name.casefold(),
    "risk": lambda r: (-len(r.risks), r.name.casefold()),
    "plan": lambda r: (r.plan_percent, r.name.casefold()),
    "budget": lambda r: (-(r.spent_percent or 0), r.name.casefold()),
    "late": lambda r: (-r.get("reports_late"), r.name.casefold()),
}


def all_progress_rows(cohort: Cohort) -> list[ProgressRow]:
    """Every partnership's row (figures from every part), remembered on the cohort."""

    def read():
        # Only what a row shows: the call's texts and the organisations' profiles are
        # heavy, and 50 of them were half of the page's time.
        members = Member.objects.select_related("organisation").only(
            "partnership_id", "is_lead", "organisation__name", "organisation__country"
        )
        partnerships = list(
            Partnership.objects.filter(cohort=cohort)
            .only("pk", "status", "grant_amount", "grant_currency", "cohort_id")
            .prefetch_related(Prefetch("members", queryset=members))
            .order_by("pk")
        )
        figures = progress.figures_for([p.pk for p in partnerships])
        return [ProgressRow(p, figures.get(p.pk, {"risks": []})) for p in partnerships]

    return memo(cohort, "progress_rows", None, read)


def cohort_countries(cohort: Cohort) -> list[tuple[str, str]]:
    """The countries of the cohort's organisations, for the filter (from the rows read)."""
    found = {}
    for row in all_progress_rows(cohort):
        found.update(row.country_names)
    return sorted(found.items(), key=lambda c: c[1])


def progress_rows(cohort: Cohort, *, risk: str = "", country: str = "", status: str = "",
                  order: str = "risk") -> list[ProgressRow]:  # fmt: skip

    rows = all_progress_rows(cohort)
    if status:
        rows = [r for r in rows if r.partnership.status == status]
    else:
        rows = [r for r in rows if r.partnership.status != Partnership.Status.WITHDRAWN]
    if risk == "any":
        rows = [r for r in rows if r.risks]
    elif risk:
        rows = [r for r in rows if risk in r.risks]
    if country:
        rows = [r for r in rows if country in r.countries]
    return sorted(rows, key=ORDERS.get(order, ORDERS["risk"]))
