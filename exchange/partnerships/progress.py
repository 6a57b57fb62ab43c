"""The figures of the staff's progress view, from every part of the workspace.

Each part registers `figures(partnership_ids) -> {partnership_id: {name: value}}` here in
its AppConfig.ready(), answering for all the cohort's partnerships in a query or two (never
one per partnership). The names each part gives:

* plan (partnerships): activities, activities_done
* visits: visits_planned, visits_done
* money: grant, spent, remaining, over_budget (bool)
* reports: reports_due, reports_submitted, reports_late, assessments_done, assessments_needed

and `risks`: a list of stable codes ("late_report", "no_visit", "over_budget") a part adds
when a partnership is at risk on its account.
"""

from __future__ import annotations

from collections.abc import Callable

Figures = Callable[[list[int]], dict[int, dict]]
PROVIDERS: list[Figures] = []


def register(provider: Figures) -> None:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)


def figures_for(ids: list[int]) -> dict[int, dict]:
    result: dict[int, dict] = {pk: {"risks": []} for pk in ids}
    for provider in PROVIDERS:
        for pk, values in provider(ids).items():
            row = result.setdefault(pk, {"risks": []})
            risks = values.pop("risks", [])
            row.update(values)
            row["risks"] = row["risks"] + list(risks)
    return result


def risk_labels() -> dict:
    from django.utils.translation import gettext_lazy as _

    return {
        "late_report": _("A report is late"),
        "no_visit": _("No visit planned by mid-term"),
        "over_budget": _("Over budget"),
    }
