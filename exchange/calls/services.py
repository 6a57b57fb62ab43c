"""Calls: local moments in a call's own time zone, the call's calendar, and its form."""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from exchange.core.links import absolute_url
from exchange.core.permissions import Refused, require

from . import permissions, questions
from .models import Call, Criterion, FormPurpose, FormQuestion, FormSection, FormVersion, Programme

APPLICATION = FormPurpose.APPLICATION


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


def schema_of(call: Call, purpose: str = APPLICATION) -> questions.Schema:
    """The form as it stands in the editing rows."""
    return schema_from(
        FormSection.objects.filter(call=call, purpose=purpose).order_by("position", "pk"),
        FormQuestion.objects.filter(call=call, section__purpose=purpose).order_by("position", "pk"),
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


def latest_form_version(call: Call, purpose: str = APPLICATION) -> FormVersion | None:
    return call.form_versions.filter(purpose=purpose).defer("schema").order_by("-number").first()


def is_form_frozen(call: Call, now=None) -> bool:
    """Open (or closed) with a published form: only compatible changes from now on."""
    return (
        call.status_at(now) != Call.Status.UPCOMING
        and call.form_versions.filter(purpose=APPLICATION).exists()
    )


def check_form_change(call: Call, schema: questions.Schema, now=None) -> list[str]:
    """Problems with replacing the call's form by `schema`: none before the call opens."""
    if not is_form_frozen(call, now):
        return []
    latest = latest_form_version(call)
    return questions.check_change(schema_of_version(latest), schema)


def published_form_version(call: Call, purpose: str = APPLICATION) -> FormVersion:
    """The version applicants answer: the latest one published (one query on the hot path).
    For writing answers only: a call whose form was never published gets its first version
    here. Reads use `form_schema`, which never writes."""
    return latest_form_version(call, purpose) or publish_form(call, purpose)


def form_schema(call: Call, purpose: str = APPLICATION) -> questions.Schema:
    """The form applicants see: the latest published version, or the call's rows as they
    stand when nothing is published yet. Reading a form never publishes it."""
    latest = latest_form_version(call, purpose)
    return schema_of_version(latest) if latest is not None else schema_of(call, purpose)


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
def publish_form(call: Call, purpose: str = APPLICATION) -> FormVersion:
    """Store the form's rows as the next version when they differ from the latest one. The
    admin calls this on every save of a call, and so does the default form."""
    Call.objects.select_for_update().filter(pk=call.pk).first()  # one number at a time
    schema = schema_of(call, purpose)
    digest = schema.digest()
    latest = latest_form_version(call, purpose)
    if latest is not None and latest.digest == digest:
        return latest
    return FormVersion.objects.create(
        call=call,
        purpose=purpose,
        number=(latest.number + 1) if latest else 1,
        digest=digest,
        schema=schema.to_json(),
    )


@transaction.atomic
def add_default_form(call: Call, purpose: str = APPLICATION, form=None) -> None:
    """The form modelled on the real programme, for a call that has none yet (`form` in
    the shape of DEFAULT_FORM: the reports' default forms use it too)."""
    if call.sections.filter(purpose=purpose).exists():
        return
    for position, (key, scope, title, items) in enumerate(DEFAULT_FORM if form is None else form):
        section = FormSection.objects.create(
            call=call,
            purpose=purpose,
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
    publish_form(call, purpose)


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


# The programme's own criteria: (key, weight, (title EN, TR, DE), (help EN, TR, DE),
# anchors for 1, 3 and 5 in EN, TR, DE).
DEFAULT_RUBRIC = [
    (
        "relevance",
        25,
        (
            "Relevance of the common issue to both organisations",
            "Ortak konunun her iki örgüt için önemi",
            "Bedeutung des gemeinsamen Themas für beide Organisationen",
        ),
        (
            "Is the organisational issue real and pressing for each organisation, not only for one?",
            "Kurumsal konu, yalnızca birisi için değil, her iki örgüt için de gerçek ve acil mi?",
            "Ist das organisatorische Thema für jede der Organisationen echt und dringend, nicht nur für eine?",
        ),
        (
            (
                "Matters to one organisation at most",
                "En fazla bir örgüt için önemli",
                "Betrifft höchstens eine Organisation",
            ),
            (
                "Relevant to both, but vaguely described",
                "Her ikisi için önemli, ama belirsiz anlatılmış",
                "Für beide relevant, aber vage beschrieben",
            ),
            (
                "Central to both, with evidence from each",
                "Her ikisinin merkezinde, ikisinden de kanıtla",
                "Für beide zentral, mit Belegen von beiden",
            ),
        ),
    ),
    (
        "learning",
        25,
        (
            "Quality of the mutual-learning plan",
            "Karşılıklı öğrenme planının niteliği",
            "Qualität des Plans für gegenseitiges Lernen",
        ),
        (
            "Will both organisations learn from each other, and is it clear how?",
            "İki örgüt birbirinden öğrenecek mi ve nasıl öğreneceği açık mı?",
            "Lernen beide Organisationen voneinander, und ist klar, wie?",
        ),
        (
            (
                "Learning goes one way or is not planned",
                "Öğrenme tek yönlü ya da planlanmamış",
                "Lernen nur in eine Richtung oder ungeplant",
            ),
            (
                "Both learn, steps partly described",
                "İkisi de öğreniyor, adımlar kısmen anlatılmış",
                "Beide lernen, Schritte teilweise beschrieben",
            ),
            (
                "Both learn, with clear steps and a model to build",
                "İkisi de öğreniyor, açık adımlar ve kurulacak bir modelle",
                "Beide lernen, mit klaren Schritten und einem Modell",
            ),
        ),
    ),
    (
        "feasibility",
        20,
        (
            "Feasibility of the visits",
            "Ziyaretlerin uygulanabilirliği",
            "Durchführbarkeit der Besuche",
        ),
        (
            "Can the visits happen within six months and the grant, visas included?",
            "Ziyaretler vizeler dahil altı ay ve hibe içinde gerçekleşebilir mi?",
            "Sind die Besuche in sechs Monaten und mit dem Zuschuss machbar, Visa eingeschlossen?",
        ),
        (
            (
                "Visits unplanned or beyond the grant",
                "Ziyaretler planlanmamış ya da hibeyi aşıyor",
                "Besuche ungeplant oder über dem Zuschuss",
            ),
            (
                "Visits planned, some risks open",
                "Ziyaretler planlı, bazı riskler açık",
                "Besuche geplant, einige Risiken offen",
            ),
            (
                "Dates, budget and visas realistic",
                "Tarihler, bütçe ve vizeler gerçekçi",
                "Termine, Budget und Visa realistisch",
            ),
        ),
    ),
    (
        "multiplying",
        15,
        (
            "Potential to multiply",
            "Yaygınlaştırma potansiyeli",
            "Potenzial zur Verbreitung",
        ),
        (
            "Will other organisations be able to adopt the model?",
            "Başka örgütler modeli benimseyebilecek mi?",
            "Werden andere Organisationen das Modell übernehmen können?",
        ),
        (
            (
                "Useful to these two only",
                "Yalnızca bu ikisi için yararlı",
                "Nur für diese beiden nützlich",
            ),
            (
                "Could be shared, not yet planned",
                "Paylaşılabilir, henüz planlanmamış",
                "Teilbar, noch nicht geplant",
            ),
            (
                "Sharing planned with named audiences",
                "Paylaşım belirli hedef kitlelerle planlanmış",
                "Weitergabe an benannte Zielgruppen geplant",
            ),
        ),
    ),
    (
        "diversity",
        15,
        (
            "Contribution to a diverse cohort",
            "Çeşitli bir döneme katkı",
            "Beitrag zu einem vielfältigen Jahrgang",
        ),
        (
            "Does the partnership bring regions, sizes, fields or first-time organisations the cohort lacks?",
            "Ortaklık döneme eksik olan bölgeleri, büyüklükleri, alanları ya da ilk kez katılan örgütleri getiriyor mu?",
            "Bringt die Partnerschaft Regionen, Größen, Felder oder Erstteilnehmende, die dem Jahrgang fehlen?",
        ),
        (
            (
                "Much like many others",
                "Diğer birçoğuna çok benziyor",
                "Vielen anderen sehr ähnlich",
            ),
            (
                "Adds one missing perspective",
                "Eksik bir bakış açısı ekliyor",
                "Ergänzt eine fehlende Perspektive",
            ),
            (
                "Adds several missing perspectives",
                "Eksik birkaç bakış açısı ekliyor",
                "Ergänzt mehrere fehlende Perspektiven",
            ),
        ),
    ),
]


def add_default_rubric(call: Call) -> None:
    """The programme's five criteria on a 1–5 scale, in three languages (a new call's rubric,
    which staff then edit)."""
    if call.criteria.exists():
        return
    for position, (key, weight, titles, helps, anchors) in enumerate(DEFAULT_RUBRIC):
        lines = {
            language: "\n".join(
                f"{score} | {texts[i]}" for score, texts in zip((1, 3, 5), anchors, strict=True)
            )
            for i, language in enumerate(("en", "tr", "de"))
        }
        Criterion.objects.create(
            call=call,
            key=key,
            position=position,
            weight=weight,
            title_en=titles[0],
            title_tr=titles[1],
            title_de=titles[2],
            help_en=helps[0],
            help_tr=helps[1],
            help_de=helps[2],
            anchors_en=lines["en"],
            anchors_tr=lines["tr"],
            anchors_de=lines["de"],
        )


def is_rubric_frozen(call: Call) -> bool:
    """Once reviews are submitted, criteria are neither added nor removed and their scales
    and weights stay: a score means what it meant when it was given."""
    return call.reviews_started_at is not None


def mark_reviews_started(call: Call) -> None:
    if call.reviews_started_at is None:
        Call.objects.filter(pk=call.pk, reviews_started_at__isnull=True).update(
            reviews_started_at=timezone.now()
        )
        call.reviews_started_at = timezone.now()


# --- Staff editing: calls, forms and rubrics ----------------------------------------------
# The staff pages (calls.staff) and the admin both change calls through these functions, so
# the rules on what an open call's form and a reviewed call's rubric accept live here once.


class ChangeRefused(Refused):
    """A change refused because it would invalidate answers already given or scores already
    submitted. `problems` lists every reason, each a whole sentence."""

    def __init__(self, problems):
        self.problems = [str(p) for p in problems]
        super().__init__(" ".join(self.problems), code="state")


def _assign(obj, data: dict) -> None:
    for name, value in data.items():
        setattr(obj, name, value)


@transaction.atomic
def create_call(*, programme: Programme, by, data: dict) -> Call:
    """A new call of `programme`, with the programme's default form and rubric to adapt."""
    require(permissions.can_run_programme(by, programme))
    call = Call(programme=programme)
    _assign(call, data)
    call.full_clean()
    call.save()
    add_default_form(call)
    add_default_rubric(call)
    return call


@transaction.atomic
def update_call(*, call: Call, by, data: dict) -> Call:
    require(permissions.can_manage_call(by, call))
    data = {k: v for k, v in data.items() if k not in ("programme", "programme_id")}
    _assign(call, data)
    call.full_clean()
    call.save()
    return call


def _form_rows(call: Call):
    """The application form's rows (the staff's form editor edits that one)."""
    return list(FormSection.objects.filter(call=call, purpose=APPLICATION)), list(
        FormQuestion.objects.filter(call=call, section__purpose=APPLICATION).select_related(
            "section"
        )
    )


def _refuse_unless_compatible(call: Call, sections, rows) -> None:
    problems = check_form_change(call, schema_from(sections, rows))
    if problems:
        raise ChangeRefused(problems)


def check_section_change(call: Call, section: FormSection, *, scope=None, deleting=False):
    """Why a section of an open call cannot change who answers it or be removed (answers
    to its questions exist in that scope)."""
    if section.pk is None or section.purpose != APPLICATION or not is_form_frozen(call):
        return []
    if deleting and section.questions.exists():
        return [_("A section with questions cannot be removed: the call is open.")]
    if scope is not None and scope != FormSection.objects.get(pk=section.pk).scope:
        return [_("A section cannot change who answers it: the call is open.")]
    return []


@transaction.atomic
def save_section(*, call: Call, by, data: dict, section: FormSection | None = None):
    require(permissions.can_manage_call(by, call))
    Call.objects.select_for_update().filter(pk=call.pk).first()
    if section is None:
        last = (
            FormSection.objects.filter(call=call, purpose=APPLICATION).order_by("-position").first()
        )
        section = FormSection(call=call, position=(last.position + 1) if last else 0)
    elif section.call_id != call.pk:
        raise ValidationError(_("Choose a section of this call."))
    problems = check_section_change(call, section, scope=data.get("scope"))
    if problems:
        raise ChangeRefused(problems)
    _assign(section, data)
    sections, rows = _form_rows(call)
    sections = [s for s in sections if s.pk != section.pk] + [section]
    _refuse_unless_compatible(call, sections, rows)
    section.full_clean()
    section.save()
    publish_form(call)
    return section


@transaction.atomic
def save_question(*, call: Call, by, data: dict, question: FormQuestion | None = None):
    """Add or change a question. On an open call with a published form the change must
    keep every answer valid (calls.questions.check_change), or nothing is saved."""
    require(permissions.can_manage_call(by, call))
    Call.objects.select_for_update().filter(pk=call.pk).first()
    sections, rows = _form_rows(call)
    section = data.get("section") or (question.section if question else None)
    if section is None or section.call_id != call.pk:
        raise ValidationError({"section": _("Choose a section of this call.")})
    if question is None:
        question = FormQuestion(call=call, section=section)
        rows.append(question)
    else:
        question = next(r for r in rows if r.pk == question.pk)
    if question.pk is None or question.section_id != section.pk:
        # A new question, or one moved to another section, goes to the end of its section.
        question.position = 1 + max(
            (r.position for r in rows if r.section_id == section.pk and r is not question),
            default=-1,
        )
    _assign(question, data)
    question.call = call
    _refuse_unless_compatible(call, sections, rows)
    question.full_clean()
    question.save()
    publish_form(call)
    return question


@transaction.atomic
def delete_question(*, call: Call, by, question: FormQuestion) -> None:
    require(permissions.can_manage_call(by, call))
    Call.objects.select_for_update().filter(pk=call.pk).first()
    sections, rows = _form_rows(call)
    _refuse_unless_compatible(call, sections, [r for r in rows if r.pk != question.pk])
    question.delete()
    publish_form(call)


def _swap(siblings: list, item, direction: str) -> bool:
    """Move `item` one place up or down among `siblings` and renumber them; False when it
    is already first or last."""
    index = next(i for i, s in enumerate(siblings) if s.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(siblings):
        return False
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings):
        if sibling.position != position:
            type(sibling).objects.filter(pk=sibling.pk).update(position=position)
            sibling.position = position
    return True


@transaction.atomic
def move_question(*, call: Call, by, question: FormQuestion, direction: str) -> bool:
    """Reordering keeps every answer valid, so it is allowed on an open call too (the check
    still runs: the rule is questions.check_change, not this function)."""
    require(permissions.can_manage_call(by, call))
    Call.objects.select_for_update().filter(pk=call.pk).first()
    siblings = list(FormQuestion.objects.filter(section_id=question.section_id))
    moved = _swap(siblings, question, direction)
    if moved:
        sections, rows = _form_rows(call)
        _refuse_unless_compatible(call, sections, rows)
        publish_form(call)
    return moved


@transaction.atomic
def move_section(*, call: Call, by, section: FormSection, direction: str) -> bool:
    require(permissions.can_manage_call(by, call))
    Call.objects.select_for_update().filter(pk=call.pk).first()
    moved = _swap(
        list(FormSection.objects.filter(call=call, purpose=section.purpose)), section, direction
    )
    if moved:
        sections, rows = _form_rows(call)
        _refuse_unless_compatible(call, sections, rows)
        publish_form(call)
    return moved


# --- The rubric ---------------------------------------------------------------------------

FROZEN_CRITERION_FIELDS = ("scale_min", "scale_max", "weight")


def check_rubric_change(call: Call, criterion=None, data=None, *, deleting=False) -> list[str]:
    """Why a change of the rubric is refused once reviews have started (is_rubric_frozen):
    no criterion added or removed, no scale or weight changed; texts may be reworded."""
    if not is_rubric_frozen(call):
        return []
    if criterion is None or criterion.pk is None:
        return [_("No criterion can be added: reviews have started.")]
    name = criterion.title_en
    if deleting:
        return [_("“%(c)s” cannot be removed: reviews have started.") % {"c": name}]
    data = data or {}
    saved = Criterion.objects.get(pk=criterion.pk)
    problems = []
    if any(
        name_ in data and data[name_] != getattr(saved, name_)
        for name_ in ("scale_min", "scale_max")
    ):
        problems.append(
            _("The scale of “%(c)s” cannot change: reviews have started.") % {"c": name}
        )
    if "weight" in data and data["weight"] != saved.weight:
        problems.append(
            _("The weight of “%(c)s” cannot change: reviews have started.") % {"c": name}
        )
    return problems


def anchor_problems(text: str, scale_min: int, scale_max: int) -> list[str]:
    """Anchors are lines "score | meaning" with a score on the criterion's scale."""
    problems = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        score, sep, meaning = line.partition("|")
        if not sep or not score.strip().isdigit() or not meaning.strip():
            problems.append(
                _(
                    "Line %(line)s: write a score, a bar and its meaning, for example “5 | Excellent”."
                )
                % {"line": number}
            )
        elif not scale_min <= int(score) <= scale_max:
            problems.append(
                _("Line %(line)s: the score %(score)s is not between %(min)s and %(max)s.")
                % {"line": number, "score": int(score), "min": scale_min, "max": scale_max}
            )
    return problems


def _check_anchors(criterion: Criterion) -> None:
    errors = {}
    for language in ("en", "tr", "de"):
        name = f"anchors_{language}"
        problems = anchor_problems(
            getattr(criterion, name), criterion.scale_min, criterion.scale_max
        )
        if problems:
            errors[name] = problems
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_criterion(*, call: Call, by, data: dict, criterion: Criterion | None = None):
    require(permissions.can_manage_call(by, call))
    Call.objects.select_for_update().filter(pk=call.pk).first()
    if criterion is None:
        last = call.criteria.order_by("-position").first()
        criterion = Criterion(call=call, position=(last.position + 1) if last else 0)
    elif criterion.call_id != call.pk:
        raise ValidationError(_("Choose a criterion of this call."))
    problems = check_rubric_change(call, criterion, data)
    if problems:
        raise ChangeRefused(problems)
    _assign(criterion, data)
    criterion.full_clean()
    _check_anchors(criterion)
    criterion.save()
    return criterion


@transaction.atomic
def delete_criterion(*, call: Call, by, criterion: Criterion) -> None:
    require(permissions.can_manage_call(by, call))
    problems = check_rubric_change(call, criterion, deleting=True)
    if problems:
        raise ChangeRefused(problems)
    criterion.delete()


@transaction.atomic
def move_criterion(*, call: Call, by, criterion: Criterion, direction: str) -> bool:
    """The order of criteria changes no score: allowed after reviews started too."""
    require(permissions.can_manage_call(by, call))
    return _swap(list(call.criteria.all()), criterion, direction)
