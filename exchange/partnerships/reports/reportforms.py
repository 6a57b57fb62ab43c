"""The questions of a report: the call's report form of that kind, edited, versioned and
validated by the same machinery as its application form (calls.questions, calls.services
with the purpose "midterm" or "final"). A call without a report form of its own gets the
default one below, written into its form rows the first time a report is saved, so that
staff can adapt it in the admin like any other form.

File questions are not offered in reports (attachments belong to the expenses' receipts);
every section is answered once by the partnership."""

from __future__ import annotations

from django.utils.translation import gettext as _

from exchange.calls import questions
from exchange.calls import services as call_services
from exchange.calls.models import FormQuestion, FormSection, FormVersion

P = FormSection.Scope.PARTNERSHIP
K = FormQuestion.Kind


def _long(key, required, label, words):
    return (key, K.LONG_TEXT, required, label, {"word_limit": words})


def _choice(key, required, label, choices):
    return (key, K.SINGLE_CHOICE, required, label, {"choices": choices})


# In the shape of calls.services.DEFAULT_FORM. Keys are unique across all the forms of a
# call, hence their prefix. The final report's model_* answers feed the model's draft in
# the library (selectors.final_report_content).
DEFAULT_FORMS = {
    "midterm": [
        (
            "midterm",
            P,
            ("Mid-term report", "Ara rapor", "Zwischenbericht"),
            [
                _long(
                    "midterm_progress",
                    True,
                    (
                        "What have you done so far towards your common goals?",
                        "Ortak hedeflerinize yönelik şimdiye kadar neler yaptınız?",
                        "Was haben Sie bisher für Ihre gemeinsamen Ziele getan?",
                    ),
                    400,
                ),
                _long(
                    "midterm_visits",
                    True,
                    (
                        "Which visits and online meetings took place, and what did you learn from them?",
                        "Hangi ziyaretler ve çevrim içi toplantılar yapıldı, bunlardan ne öğrendiniz?",
                        "Welche Besuche und Online-Treffen fanden statt, und was haben Sie daraus gelernt?",
                    ),
                    300,
                ),
                _long(
                    "midterm_difficulties",
                    False,
                    (
                        "What difficulties did you meet, and how are you dealing with them?",
                        "Hangi zorluklarla karşılaştınız ve bunlarla nasıl başa çıkıyorsunuz?",
                        "Auf welche Schwierigkeiten sind Sie gestoßen, und wie gehen Sie damit um?",
                    ),
                    300,
                ),
                _choice(
                    "midterm_on_track",
                    True,
                    (
                        "Is the partnership on track to reach its goals?",
                        "Ortaklık hedeflerine ulaşma yolunda mı?",
                        "Ist die Partnerschaft auf dem Weg zu ihren Zielen?",
                    ),
                    "yes | Yes, as planned | Evet, planlandığı gibi | Ja, wie geplant\n"
                    "partly | Partly, we changed the plan | Kısmen, planı değiştirdik | "
                    "Teilweise, wir haben den Plan geändert\n"
                    "no | Not yet, we need support | Henüz değil, desteğe ihtiyacımız var | "
                    "Noch nicht, wir brauchen Unterstützung",
                ),
                _long(
                    "midterm_plan",
                    True,
                    (
                        "What do you plan for the second half?",
                        "İkinci yarı için neler planlıyorsunuz?",
                        "Was planen Sie für die zweite Hälfte?",
                    ),
                    300,
                ),
                _long(
                    "midterm_support",
                    False,
                    (
                        "What support would you like from the programme?",
                        "Programdan nasıl bir destek almak istersiniz?",
                        "Welche Unterstützung wünschen Sie sich vom Programm?",
                    ),
                    200,
                ),
            ],
        )
    ],
    "final": [
        (
            "final",
            P,
            ("Final report", "Final raporu", "Abschlussbericht"),
            [
                _long(
                    "final_summary",
                    True,
                    (
                        "What did the partnership do in these six months?",
                        "Ortaklık bu altı ayda neler yaptı?",
                        "Was hat die Partnerschaft in diesen sechs Monaten getan?",
                    ),
                    300,
                ),
                _long(
                    "final_model_problem",
                    True,
                    (
                        "The problem: which organisational issue did you work on, and why?",
                        "Sorun: hangi örgütsel konu üzerinde çalıştınız ve neden?",
                        "Das Problem: An welchem organisatorischen Thema haben Sie gearbeitet, und warum?",
                    ),
                    300,
                ),
                _long(
                    "final_model_approach",
                    True,
                    (
                        "The approach: what model did you develop, and how does it work?",
                        "Yaklaşım: hangi modeli geliştirdiniz ve nasıl işliyor?",
                        "Der Ansatz: Welches Modell haben Sie entwickelt, und wie funktioniert es?",
                    ),
                    400,
                ),
                _long(
                    "final_model_steps",
                    True,
                    (
                        "The steps: how can another organisation put it into practice?",
                        "Adımlar: başka bir kuruluş bunu nasıl uygulayabilir?",
                        "Die Schritte: Wie kann eine andere Organisation es umsetzen?",
                    ),
                    400,
                ),
                _long(
                    "final_model_resources",
                    False,
                    (
                        "Resources: what time, people, money and tools does it need?",
                        "Kaynaklar: ne kadar zaman, insan, para ve hangi araçlar gerekiyor?",
                        "Ressourcen: Welche Zeit, Menschen, Mittel und Werkzeuge braucht es?",
                    ),
                    300,
                ),
                _long(
                    "final_model_lessons",
                    True,
                    (
                        "Lessons: what worked, what did not, and what would you do differently?",
                        "Dersler: ne işe yaradı, ne yaramadı, neyi farklı yapardınız?",
                        "Erfahrungen: Was hat funktioniert, was nicht, und was würden Sie anders machen?",
                    ),
                    300,
                ),
                _long(
                    "final_model_results",
                    True,
                    (
                        "Results: what changed in your organisations?",
                        "Sonuçlar: kuruluşlarınızda ne değişti?",
                        "Ergebnisse: Was hat sich in Ihren Organisationen verändert?",
                    ),
                    300,
                ),
                _choice(
                    "final_continue",
                    False,
                    (
                        "Will you continue working together?",
                        "Birlikte çalışmaya devam edecek misiniz?",
                        "Werden Sie weiter zusammenarbeiten?",
                    ),
                    "yes | Yes | Evet | Ja\n"
                    "maybe | Perhaps | Belki | Vielleicht\n"
                    "no | No | Hayır | Nein",
                ),
            ],
        )
    ],
}

# The final report's answers that become the parts of the model in the library.
MODEL_PARTS = {
    "problem": "final_model_problem",
    "approach": "final_model_approach",
    "steps": "final_model_steps",
    "resources": "final_model_resources",
    "lessons": "final_model_lessons",
    "results": "final_model_results",
}


def _without_files(schema: questions.Schema) -> questions.Schema:
    return questions.Schema(
        tuple(
            questions.Section(
                s.key,
                questions.SCOPE_PARTNERSHIP,
                s.title,
                tuple(q for q in s.questions if q.kind != questions.FILE),
            )
            for s in schema.sections
        )
    )


def _default_schema(kind: str) -> questions.Schema:
    sections = []
    for key, _scope, title, items in DEFAULT_FORMS[kind]:
        rows = []
        for qkey, qkind, required, label, extra in items:
            rows.append(
                questions.Question(
                    key=qkey,
                    kind=qkind,
                    label=dict(zip(("en", "tr", "de"), label, strict=True)),
                    required=required,
                    choices=questions.parse_choices(extra.get("choices", "")),
                    word_limit=extra.get("word_limit"),
                )
            )
        sections.append(
            questions.Section(
                key,
                questions.SCOPE_PARTNERSHIP,
                dict(zip(("en", "tr", "de"), title, strict=True)),
                tuple(rows),
            )
        )
    return questions.Schema(tuple(sections))


# Parsed versions, by id *and* digest: a version never changes, and the digest keeps a
# reused id (a test database rolled back) from ever returning another form.
_PARSED: dict[tuple[int, str], questions.Schema] = {}


def _parse(version: FormVersion) -> questions.Schema:
    key = (version.pk, version.digest)
    schema = _PARSED.get(key)
    if schema is None:
        if len(_PARSED) > 500:
            _PARSED.clear()
        schema = _PARSED[key] = _without_files(
            questions.Schema.from_json(FormVersion.objects.get(pk=version.pk).schema)
        )
    return schema


def schema_for(report) -> questions.Schema:
    """The questions a report is read and written with: a submitted report keeps the
    version it was submitted with; an open one shows the call's current report form (or
    the default one). Reading never writes."""
    if report.form_version_id and not report.is_open:
        return _parse(report.form_version)
    call = report.partnership.cohort.call
    latest = call_services.latest_form_version(call, report.kind)
    if latest is not None:
        return _parse(latest)
    schema = call_services.schema_of(call, report.kind)
    return _without_files(schema) if schema.sections else _default_schema(report.kind)


def version_for_writing(report) -> FormVersion:
    """The version answers are validated against when saved: the call's latest report
    form of this kind, its default rows written first if it has none."""
    call = report.partnership.cohort.call
    if call_services.latest_form_version(call, report.kind) is None:
        call_services.add_default_form(call, report.kind, form=DEFAULT_FORMS[report.kind])
    return call_services.published_form_version(call, report.kind)


def missing(report, schema: questions.Schema | None = None) -> list[str]:
    """What keeps the report from being submitted: unanswered required questions and
    answers over their word limit, as sentences for the people writing it."""
    schema = schema or schema_for(report)
    problems = []
    for question in schema.questions():
        value = report.answers.get(question.key)
        if question.required and questions.is_empty(value):
            problems.append(_("“%(q)s” is not answered yet.") % {"q": question.text})
        words = questions.over_word_limit(question, value)
        if words:
            problems.append(
                _("“%(q)s” has %(words)s words; the limit is %(limit)s.")
                % {"q": question.text, "words": words, "limit": question.word_limit}
            )
    return problems
