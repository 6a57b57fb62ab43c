"""Calls: local moments in a call's own time zone, the call's calendar, and its form."""

import datetime
import zoneinfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from exchange.core.links import absolute_url

from . import questions
from .models import Call, FormQuestion, FormSection, FormVersion


def aware(local: datetime.datetime, zone_name: str) -> datetime.datetime:
    """A wall-clock time in `zone_name` as an aware datetime (stored as UTC)."""
    return timezone.make_aware(local.replace(tzinfo=None), zoneinfo.ZoneInfo(zone_name))


def local(moment: datetime.datetime, zone_name: str) -> datetime.datetime:
    return timezone.localtime(moment, zoneinfo.ZoneInfo(zone_name)).replace(tzinfo=None)


def calendar(call: Call) -> bytes:
    """An iCalendar file with the call's deadline and meetings, in the active language. The
    deadline is an hour that ends at the deadline (a calendar hides an event of no length),
    with a reminder the day before."""
    cal = Calendar()
    cal.add("prodid", "-//Civil Society Exchange//calls//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", call.title)
    url = absolute_url(call.get_absolute_url())

    def event(uid, summary, start, end):
        item = Event()
        item.add("uid", f"{uid}-{call.pk}@civil-society-exchange")
        item.add("summary", summary)
        item.add("dtstart", start)
        item.add("dtend", end)
        item.add("dtstamp", timezone.now())
        item.add("url", url)
        item.add("description", url)
        cal.add_component(item)
        return item

    title = call.title
    deadline = event(
        "deadline",
        _("Deadline: %(call)s") % {"call": title},
        call.closes_at - datetime.timedelta(hours=1),
        call.closes_at,
    )
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", _("Deadline tomorrow: %(call)s") % {"call": title})
    alarm.add("trigger", datetime.timedelta(days=-1))
    deadline.add_component(alarm)
    day = datetime.timedelta(days=1)
    if call.opening_meeting:
        event(
            "opening",
            _("Opening meeting: %(call)s") % {"call": title},
            call.opening_meeting,
            call.opening_meeting + day,
        )
    if call.closing_meeting:
        event(
            "closing",
            _("Closing meeting: %(call)s") % {"call": title},
            call.closing_meeting,
            call.closing_meeting + day,
        )
    if call.exchange_starts and call.exchange_ends:
        event(
            "exchange",
            _("Exchange period: %(call)s") % {"call": title},
            call.exchange_starts,
            call.exchange_ends + day,
        )
    return cal.to_ical()


# --- The application form ----------------------------------------------------------------


def schema_of(call: Call) -> questions.Schema:
    """The form as it stands in the editing rows."""
    return schema_from(
        FormSection.objects.filter(call=call).order_by("position", "pk"),
        FormQuestion.objects.filter(call=call).order_by("position", "pk"),
    )


def schema_from(sections, rows) -> questions.Schema:
    """A schema from section rows and question rows (saved or about to be saved)."""
    by_section = {}
    for q in sorted(rows, key=lambda q: (q.position, q.pk or 0)):
        by_section.setdefault(q.section_id, []).append(
            questions.Question(
                key=q.key,
                kind=q.kind,
                label=_labels(q, "label"),
                required=q.required,
                help=_labels(q, "help"),
                choices=questions.parse_choices(q.choices),
                word_limit=q.word_limit if q.kind == questions.LONG_TEXT else None,
                min_value=q.min_value if q.kind == questions.NUMBER else None,
                max_value=q.max_value if q.kind == questions.NUMBER else None,
                file_types=tuple(
                    t.strip(" .").lower() for t in q.file_types.split(",") if t.strip(" .")
                )
                if q.kind == questions.FILE
                else (),
                max_size_mb=q.max_size_mb,
            )
        )
    return questions.Schema(
        tuple(
            questions.Section(s.key, s.scope, _labels(s, "title"), tuple(by_section.get(s.pk, ())))
            for s in sorted(sections, key=lambda s: (s.position, s.pk or 0))
        )
    )


def _labels(obj, name: str) -> dict:
    return {
        lang: getattr(obj, f"{name}_{lang}")
        for lang in ("en", "tr", "de")
        if getattr(obj, f"{name}_{lang}")
    }


def latest_form_version(call: Call) -> FormVersion | None:
    return call.form_versions.defer("schema").order_by("-number").first()


def is_form_frozen(call: Call, now=None) -> bool:
    """Open (or closed) with a published form: only compatible changes from now on."""
    return call.status_at(now) != Call.Status.UPCOMING and call.form_versions.exists()


def check_form_change(call: Call, schema: questions.Schema, now=None) -> list[str]:
    """Problems with replacing the call's form by `schema`: none before the call opens."""
    if not is_form_frozen(call, now):
        return []
    latest = latest_form_version(call)
    return questions.check_change(schema_of_version(latest), schema)


def published_form_version(call: Call) -> FormVersion:
    """The version applicants answer: the latest one published (one query on the hot path).
    For writing answers only: a call whose form was never published gets its first version
    here. Reads use `form_schema`, which never writes."""
    return latest_form_version(call) or publish_form(call)


def form_schema(call: Call) -> questions.Schema:
    """The form applicants see: the latest published version, or the call's rows as they
    stand when nothing is published yet. Reading a form never publishes it."""
    latest = latest_form_version(call)
    return schema_of_version(latest) if latest is not None else schema_of(call)


# A FormVersion never changes once stored, so its parsed schema is kept per process; the
# hot path then reads the version's id only, not its JSON.
_SCHEMAS: dict[int, questions.Schema] = {}


def schema_of_version(version: FormVersion) -> questions.Schema:
    schema = _SCHEMAS.get(version.pk)
    if schema is None:
        if len(_SCHEMAS) > 500:
            _SCHEMAS.clear()
        schema = _SCHEMAS[version.pk] = questions.Schema.from_json(version.schema)
    return schema


@transaction.atomic
def publish_form(call: Call) -> FormVersion:
    """Store the form's rows as the next version when they differ from the latest one. The
    admin calls this on every save of a call, and so does the default form."""
    Call.objects.select_for_update().filter(pk=call.pk).first()  # one number at a time
    schema = schema_of(call)
    digest = schema.digest()
    latest = latest_form_version(call)
    if latest is not None and latest.digest == digest:
        return latest
    return FormVersion.objects.create(
        call=call,
        number=(latest.number + 1) if latest else 1,
        digest=digest,
        schema=schema.to_json(),
    )


@transaction.atomic
def add_default_form(call: Call) -> None:
    """The form modelled on the real programme, for a call that has none yet."""
    if call.sections.exists():
        return
    for position, (key, scope, title, items) in enumerate(DEFAULT_FORM):
        section = FormSection.objects.create(
            call=call,
            key=key,
            scope=scope,
            position=position,
            title_en=title[0],
            title_tr=title[1],
            title_de=title[2],
        )
        for q_position, item in enumerate(items):
            qkey, kind, required, label, extra = item
            FormQuestion.objects.create(
                call=call,
                section=section,
                key=qkey,
                kind=kind,
                required=required,
                position=q_position,
                label_en=label[0],
                label_tr=label[1],
                label_de=label[2],
                **extra,
            )
    publish_form(call)


PARTNERSHIP, EACH = FormSection.Scope.PARTNERSHIP, FormSection.Scope.ORGANISATION
K = FormQuestion.Kind
# (section key, scope, (title EN, TR, DE), [(question key, kind, required, (label EN, TR, DE), options)])
DEFAULT_FORM = [
    (
        "issue",
        PARTNERSHIP,
        (
            "The common organisational issue",
            "Ortak kurumsal konu",
            "Das gemeinsame organisatorische Thema",
        ),
        [
            (
                "common_issue",
                K.LONG_TEXT,
                True,
                (
                    "What is the common organisational issue you will work on, and why does it matter to both organisations?",
                    "Birlikte üzerinde çalışacağınız ortak kurumsal konu nedir ve neden her iki örgüt için de önemlidir?",
                    "An welchem gemeinsamen organisatorischen Thema werden Sie arbeiten, und warum ist es für beide Organisationen wichtig?",
                ),
                {"word_limit": 300},
            ),
            (
                "capacity_area",
                K.CAPACITY_AREA,
                True,
                (
                    "Which capacity area does the issue belong to?",
                    "Konu hangi kapasite alanına giriyor?",
                    "Zu welchem Kapazitätsbereich gehört das Thema?",
                ),
                {},
            ),
        ],
    ),
    (
        "plan",
        PARTNERSHIP,
        ("The plan", "Plan", "Der Plan"),
        [
            (
                "planned_model",
                K.LONG_TEXT,
                True,
                (
                    "Which capacity-building model do you plan to develop together?",
                    "Birlikte hangi kapasite geliştirme modelini oluşturmayı planlıyorsunuz?",
                    "Welches Modell zur Stärkung Ihrer Kapazitäten wollen Sie gemeinsam entwickeln?",
                ),
                {"word_limit": 400},
            ),
            (
                "visits_plan",
                K.LONG_TEXT,
                True,
                (
                    "Plan of visits and online meetings",
                    "Ziyaretler ve çevrim içi toplantılar planı",
                    "Plan der Besuche und Online-Treffen",
                ),
                {"word_limit": 300},
            ),
            (
                "expected_results",
                K.LONG_TEXT,
                True,
                ("Expected results", "Beklenen sonuçlar", "Erwartete Ergebnisse"),
                {"word_limit": 250},
            ),
            (
                "sharing",
                K.LONG_TEXT,
                True,
                (
                    "How will the organisations share what they learned?",
                    "Örgütler öğrendiklerini nasıl paylaşacak?",
                    "Wie werden die Organisationen teilen, was sie gelernt haben?",
                ),
                {"word_limit": 200},
            ),
            (
                "budget",
                K.LONG_TEXT,
                True,
                (
                    "A rough budget: travel, accommodation, meetings, other costs",
                    "Yaklaşık bütçe: yolculuk, konaklama, toplantılar, diğer giderler",
                    "Ein grobes Budget: Reisen, Unterkunft, Treffen, sonstige Kosten",
                ),
                {"word_limit": 200},
            ),
            (
                "budget_total",
                K.NUMBER,
                False,
                ("Total of the budget", "Bütçe toplamı", "Gesamtbetrag des Budgets"),
                {"min_value": 0},
            ),
            (
                "attachment",
                K.FILE,
                False,
                (
                    "A supporting document (optional)",
                    "Destekleyici bir belge (isteğe bağlı)",
                    "Ein unterstützendes Dokument (optional)",
                ),
                {"file_types": "pdf, docx, xlsx", "max_size_mb": 5},
            ),
        ],
    ),
    (
        "organisation",
        EACH,
        ("Each organisation", "Her örgüt", "Jede Organisation"),
        [
            (
                "motivation",
                K.LONG_TEXT,
                True,
                (
                    "Why does your organisation take part in the exchange?",
                    "Örgütünüz değişime neden katılıyor?",
                    "Warum nimmt Ihre Organisation am Austausch teil?",
                ),
                {"word_limit": 250},
            ),
            (
                "brings",
                K.LONG_TEXT,
                True,
                (
                    "What does your organisation bring to the partnership?",
                    "Örgütünüz ortaklığa ne katıyor?",
                    "Was bringt Ihre Organisation in die Partnerschaft ein?",
                ),
                {"word_limit": 200},
            ),
            (
                "learn",
                K.LONG_TEXT,
                True,
                (
                    "What does your organisation want to learn?",
                    "Örgütünüz ne öğrenmek istiyor?",
                    "Was möchte Ihre Organisation lernen?",
                ),
                {"word_limit": 200},
            ),
            (
                "european_project",
                K.YES_NO,
                False,
                (
                    "Has your organisation taken part in a European project before?",
                    "Örgütünüz daha önce bir Avrupa projesine katıldı mı?",
                    "Hat Ihre Organisation schon an einem europäischen Projekt teilgenommen?",
                ),
                {},
            ),
        ],
    ),
]
