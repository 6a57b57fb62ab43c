"""The capacity self-assessment's questionnaire, as data: for each capacity area of the
taxonomy a few statements an organisation rates itself on, from 1 to 5, with behavioural
anchors saying what a 1 and a 5 look like in practice. Areas without statements of their
own get the general ones, written around the area's name.

Plain Python, no database: the keys ("volunteer-management:1") are stored with the
answers and must stay stable; the texts are translated in the catalogues."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from exchange.organisations.taxonomy import AREA_KEYS, CAPACITY_AREAS, area

SCALE = range(1, 6)
SCALE_LABELS = {
    1: _("1 – not yet"),
    2: _("2 – beginning"),
    3: _("3 – partly"),
    4: _("4 – mostly"),
    5: _("5 – fully, and we keep improving it"),
}
MAX_AREAS = 4
# When a partnership named no area (older data), the questionnaire still asks something
# every organisation can answer.
FALLBACK_AREAS = ("strategic-planning", "monitoring-evaluation")


@dataclass(frozen=True)
class Statement:
    key: str
    text: Promise | str
    low: Promise | str  # what a 1 looks like
    high: Promise | str  # what a 5 looks like


def _s(area_key, n, text, low, high):
    return Statement(f"{area_key}:{n}", text, low, high)


STATEMENTS: dict[str, tuple[Statement, ...]] = {
    "volunteer-management": (
        _s(
            "volunteer-management",
            1,
            _("We know why we need volunteers and what each of them can do with us."),
            _("Volunteers come when they happen to; nobody has described their tasks."),
            _("Every volunteer role has a written description, and we recruit for it."),
        ),
        _s(
            "volunteer-management",
            2,
            _("New volunteers are welcomed, trained and have a contact person."),
            _("New volunteers are left to find their own way."),
            _("Each new volunteer has an introduction, training and a named contact person."),
        ),
        _s(
            "volunteer-management",
            3,
            _("Volunteers stay with us, and we know why some of them leave."),
            _("Most volunteers leave within a few months, and nobody asks them why."),
            _("We thank volunteers regularly, ask those who leave why, and act on it."),
        ),
    ),
    "individual-giving": (
        _s(
            "individual-giving",
            1,
            _("Individual donors are a planned part of our income."),
            _("Donations arrive by chance; we have no plan or target for them."),
            _("We have a yearly plan and target for individual donations and track it."),
        ),
        _s(
            "individual-giving",
            2,
            _("We know our donors and stay in touch with them."),
            _("We do not know who gave to us, or only by name."),
            _("Donors are in a database with their consent; we thank each one within days."),
        ),
        _s(
            "individual-giving",
            3,
            _("Giving to us is easy, and we ask in ways people respond to."),
            _("There is no simple way to give to us."),
            _("People can give online or in person, once or every month, and we test our appeals."),
        ),
    ),
    "governance": (
        _s(
            "governance",
            1,
            _("Our board (or assembly) meets regularly and takes the main decisions."),
            _("The board exists on paper; one or two people decide everything."),
            _("The board meets as planned, decides on strategy and budget, and minutes are kept."),
        ),
        _s(
            "governance",
            2,
            _("Roles of the board, staff and volunteers are clear and written down."),
            _("Nobody could say who is responsible for what."),
            _("Roles are written down, known to all, and reviewed when the organisation changes."),
        ),
        _s(
            "governance",
            3,
            _("We account for what we do to our members, donors and the public."),
            _("We publish nothing about our work or our money."),
            _("We publish a yearly report with our finances and discuss it with our members."),
        ),
    ),
    "advocacy": (
        _s(
            "advocacy",
            1,
            _("We know which policy or law we want to change, and who decides on it."),
            _("We talk about problems in general, without a clear demand."),
            _("We have a written advocacy goal, a list of decision-makers and a timeline."),
        ),
        _s(
            "advocacy",
            2,
            _("Our demands rest on evidence we collected or can cite."),
            _("We speak from opinion only."),
            _("Each demand rests on data, cases or research that we can show."),
        ),
        _s(
            "advocacy",
            3,
            _("We work with allies and reach decision-makers directly."),
            _("We act alone and have never met a decision-maker."),
            _("We work in a coalition and meet decision-makers regularly."),
        ),
    ),
    "strategic-planning": (
        _s(
            "strategic-planning",
            1,
            _("We have written goals for the next years that the team knows."),
            _("We plan from one project to the next."),
            _("A strategy for several years exists, the team took part in it and knows it."),
        ),
        _s(
            "strategic-planning",
            2,
            _("Our projects and activities follow from these goals."),
            _("We take whatever funding is offered, whatever the goal."),
            _("We say no to work that does not fit our goals."),
        ),
        _s(
            "strategic-planning",
            3,
            _("We look at our plan regularly and adjust it."),
            _("Once written, the plan is never looked at again."),
            _("We review the plan at least once a year and change it when needed."),
        ),
    ),
    "communication": (
        _s(
            "communication",
            1,
            _("We know whom we want to reach and what we want to tell them."),
            _("We post when we remember, for nobody in particular."),
            _("A simple communication plan names our audiences, messages and channels."),
        ),
        _s(
            "communication",
            2,
            _("We tell our story regularly, with results and the voices of people we work with."),
            _("Our website and channels are out of date."),
            _("We publish regularly, show results and, with consent, the people behind them."),
        ),
        _s(
            "communication",
            3,
            _("We know what works in our communication."),
            _("We never look at who reads or reacts."),
            _("We follow a few figures and the reactions, and change what does not work."),
        ),
    ),
    "financial-management": (
        _s(
            "financial-management",
            1,
            _("We make a yearly budget and follow it during the year."),
            _("We have no budget; we see at the end of the year what was spent."),
            _("A yearly budget is approved and compared with the spending every month."),
        ),
        _s(
            "financial-management",
            2,
            _("Our bookkeeping is complete and up to date."),
            _("Receipts are missing and the books are months behind."),
            _("Every expense has a receipt, and the books are up to date every month."),
        ),
        _s(
            "financial-management",
            3,
            _("Spending follows agreed rules, with more than one person involved."),
            _("One person decides and pays alone."),
            _("Written rules say who approves what; two people sign larger payments."),
        ),
    ),
    "monitoring-evaluation": (
        _s(
            "monitoring-evaluation",
            1,
            _("We decide in advance what change we want to see and how we will notice it."),
            _("We count activities, not what changed."),
            _("Each project has a few indicators of change, agreed before it starts."),
        ),
        _s(
            "monitoring-evaluation",
            2,
            _("We collect information about our results during the work."),
            _("We collect nothing until a funder asks for a report."),
            _("We collect data and feedback as we go, with simple tools everyone uses."),
        ),
        _s(
            "monitoring-evaluation",
            3,
            _("We use what we learn to change how we work."),
            _("Reports are written for funders and then filed away."),
            _("We discuss results as a team and change our work because of them."),
        ),
    ),
}

GENERAL = (
    (
        _("In %(area)s, we know what we want to achieve and have a plan for it."),
        _("We have no goal or plan for %(area)s."),
        _("We have written goals for %(area)s and a plan the team follows."),
    ),
    (
        _("In %(area)s, the people responsible have the skills and the time it needs."),
        _("Nobody is responsible for %(area)s, or nobody has time for it."),
        _("Named people are responsible for %(area)s, trained, with time set aside."),
    ),
    (
        _("In %(area)s, we check how we are doing and improve."),
        _("We never look at how we are doing in %(area)s."),
        _("We review our work in %(area)s regularly and change what does not work."),
    ),
)


def statements(area_key: str) -> tuple[Statement, ...]:
    if area_key in STATEMENTS:
        return STATEMENTS[area_key]
    label = area(area_key).label
    return tuple(
        Statement(
            f"{area_key}:{n}",
            _Lazy(text, label),
            _Lazy(low, label),
            _Lazy(high, label),
        )
        for n, (text, low, high) in enumerate(GENERAL, start=1)
    )


class _Lazy:
    """`text % {"area": label}`, evaluated in the language active when it is shown."""

    def __init__(self, text, label):
        self.text, self.label = text, label

    def __str__(self):
        return str(self.text) % {"area": str(self.label)}

    def __eq__(self, other):
        return str(self) == str(other)

    def __hash__(self):
        return hash(str(self))


def keys_of(areas) -> list[str]:
    return [s.key for a in areas for s in statements(a)]


def area_of(statement_key: str) -> str:
    return statement_key.split(":", 1)[0]


def choose_areas(main: str, needs: list[list[str]]) -> list[str]:
    """The areas one partnership assesses: its own capacity area first, then the areas its
    organisations need, those both need before those one needs (at most MAX_AREAS)."""
    chosen = []
    if main in AREA_KEYS:
        chosen.append(main)
    order = {t.key: i for i, t in enumerate(CAPACITY_AREAS)}
    counts: dict[str, int] = {}
    for organisation_needs in needs:
        for key in set(organisation_needs):
            if key in AREA_KEYS:
                counts[key] = counts.get(key, 0) + 1
    for key in sorted(counts, key=lambda k: (-counts[k], order[k])):
        if key not in chosen:
            chosen.append(key)
    if not chosen:
        chosen = list(FALLBACK_AREAS)
    return chosen[:MAX_AREAS]


def clean_scores(areas, raw: dict) -> tuple[dict[str, int], dict[str, str]]:
    """Scores from typed input ({statement key: "1".."5"}); unknown keys are ignored,
    a value out of the scale is an error for that statement."""
    scores, errors = {}, {}
    for key in keys_of(areas):
        value = raw.get(key)
        if value in (None, ""):
            continue
        try:
            number = int(str(value).strip())
        except ValueError:
            number = 0
        if number not in SCALE:
            errors[key] = str(_("Choose a score from 1 to 5."))
            continue
        scores[key] = number
    return scores, errors


def area_means(areas, scores: dict[str, int]) -> dict[str, float | None]:
    """The mean score per area (None where nothing was rated), one decimal."""
    result = {}
    for a in areas:
        values = [scores[s.key] for s in statements(a) if s.key in scores]
        result[a] = round(sum(values) / len(values), 1) if values else None
    return result
