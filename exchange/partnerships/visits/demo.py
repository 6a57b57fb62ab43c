"""Demo visits and letters. `load_demo_visits` makes them through the services and the
workflow (so the history and the audit trail have them too), as the people of a partnership
at `stage` would have: call it while the partnership is active. `bulk_visits` writes a year
of visits with bulk_create, for the benchmark."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from exchange.partnerships import selectors as partnership_selectors

from . import services
from .models import Traveller, Visit

V = Visit.Status

STAGE_WEEKS = {"starting": 3, "midway": 13, "late": 16, "finished": 26}
NAMES = {
    "TR": ["Elif Yıldız", "Mehmet Çelik", "Zeynep Şahin", "Emre Güneş"],
    "DE": ["Jana Müller", "Lukas Schröder", "Sophie Weiß", "Tobias Groß"],
    "": ["Anna Novak", "Marco Rossi", "Eva Horvath", "Jan de Vries"],
}


def _names(organisation) -> list[str]:
    return NAMES.get(str(organisation.country.code), NAMES[""])


def _admin(partnership, organisation):
    return partnership_selectors.people_of(
        partnership, organisation=organisation, admins_only=True
    ).first()


def _visit(partnership, *, host, guest, by, starts_on, days, purpose, visa=False, mode=None):
    visit = services.plan_visit(
        partnership=partnership, by=by, host=host, from_city=guest.city,
        from_country=guest.country, starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=days - 1), purpose=purpose,
        programme="Day 1: welcome and introductions.\nDay 2: visits to projects and volunteers.\n"
        "Day 3: working session on the common model.",
        mode=mode or Visit.Mode.PHYSICAL,
    )  # fmt: skip
    first, second = _names(guest)[:2]
    traveller = services.add_traveller(
        visit=visit, by=by, name=first, organisation=guest, needs_visa=visa,
        nationality=guest.country if visa else "",
        passport_number=f"U{visit.pk:08d}" if visa else "",
        accessibility_needs="" if visa else "Step-free access to the meeting rooms.",
        costs_covered="Travel and accommodation from the grant.",
    )  # fmt: skip
    services.add_traveller(
        visit=visit, by=by, name=second, organisation=guest, other_needs="Vegetarian meals."
    )
    return visit, traveller


def load_demo_visits(partnership, *, stage: str) -> list[Visit]:
    """ "starting": a first visit planned; "midway": one done, the return visit confirmed
    with a visa invitation letter; "late": only a cancelled one (nothing planned);
    "finished": both visits done."""
    if partnership.visits.exists():
        return list(partnership.visits.all())
    members = list(partnership.members_organisations())
    if len(members) < 2:
        return []
    # The European side usually hosts first; a Turkish traveller then needs a visa.
    turkish = next((o for o in members if str(o.country.code) == "TR"), members[0])
    european = next(o for o in members if o.pk != turkish.pk)
    tr_admin, eu_admin = _admin(partnership, turkish), _admin(partnership, european)
    if tr_admin is None or eu_admin is None:
        return []
    today = timezone.localdate()
    start = today - datetime.timedelta(weeks=STAGE_WEEKS.get(stage, 13))
    made = []
    if stage == "starting":
        visit, _t = _visit(
            partnership, host=european, guest=turkish, by=tr_admin, visa=True,
            starts_on=today + datetime.timedelta(days=45), days=4,
            purpose="Study visit: how the host keeps its volunteers",
        )  # fmt: skip
        made.append(visit)
    elif stage == "late":
        visit, _t = _visit(
            partnership, host=european, guest=turkish, by=tr_admin,
            starts_on=start + datetime.timedelta(weeks=6), days=3, purpose="First study visit",
        )  # fmt: skip
        services.move_visit(visit=visit, to=V.CANCELLED, by=tr_admin, reason="Visa delays")
        made.append(visit)
    else:
        first, _t = _visit(
            partnership, host=european, guest=turkish, by=tr_admin,
            starts_on=start + datetime.timedelta(weeks=5), days=4,
            purpose="Study visit: how the host keeps its volunteers",
        )  # fmt: skip
        services.move_visit(visit=first, to=V.CONFIRMED, by=eu_admin)
        services.move_visit(visit=first, to=V.DONE, by=tr_admin)
        made.append(first)
        back_starts = (
            start + datetime.timedelta(weeks=16)
            if stage == "finished"
            else today + datetime.timedelta(days=30)
        )
        back, traveller = _visit(
            partnership, host=turkish, guest=european, by=eu_admin, visa=stage != "finished",
            starts_on=back_starts, days=3, purpose="Return visit: trying the model together",
        )  # fmt: skip
        services.move_visit(visit=back, to=V.CONFIRMED, by=tr_admin)
        if stage == "finished":
            services.move_visit(visit=back, to=V.DONE, by=eu_admin)
        else:
            services.issue_letter(
                visit=back, traveller=traveller, by=tr_admin, language="tr",
                host_address=f"Cumhuriyet Caddesi 10\n{turkish.city}",
                signatory_name=tr_admin.name or "—", signatory_role="Başkan",
                costs_covered="Travel and accommodation from the programme's grant; meals by the host.",
            )  # fmt: skip
        made.append(back)
    return made


def bulk_visits(partnerships, *, seed: int = 0) -> int:
    """A year of visits for each partnership (about one a month, both ways, two travellers
    each), done in the past and planned or confirmed ahead. Returns the number of visits."""
    rng = random.Random(seed)
    today = timezone.localdate()
    visits = []
    for partnership in partnerships:
        members = [m.organisation for m in partnership.members.all()]
        if len(members) < 2:
            continue
        for month in range(12):
            host, guest = (members[0], members[1]) if month % 2 else (members[1], members[0])
            starts = today - datetime.timedelta(days=330 - 30 * month + rng.randint(0, 10))
            past = starts < today
            status = V.DONE if past else rng.choice([V.PLANNED, V.CONFIRMED])
            if past and rng.random() < 0.1:
                status = V.CANCELLED
            visits.append(
                Visit(
                    partnership=partnership,
                    host=host,
                    from_city=guest.city,
                    from_country=guest.country,
                    starts_on=starts,
                    ends_on=starts + datetime.timedelta(days=rng.randint(1, 4)),
                    purpose=f"Visit {month + 1}",
                    mode=rng.choice(list(Visit.Mode.values)),
                    status=status,
                )  # fmt: skip
            )
    Visit.objects.bulk_create(visits, batch_size=500)
    travellers = []
    for visit in visits:
        guest = next(
            (
                m.organisation
                for m in visit.partnership.members.all()
                if m.organisation_id != visit.host_id
            ),
            visit.host,
        )
        names = _names(guest)
        travellers += [
            Traveller(visit=visit, name=names[i], organisation=guest, needs_visa=False)
            for i in range(2)
        ]
    Traveller.objects.bulk_create(travellers, batch_size=1000)
    return len(visits)
