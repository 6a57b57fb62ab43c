"""A call's application form as plain data: typed questions in sections, a versioned schema,
the validation of one answer, and the rule for changing the form of an open call.

No database here. The form is edited as rows (FormSection, FormQuestion); each distinct
content becomes a stored FormVersion whose schema is what answers are validated against.
"""

import datetime
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from exchange.core import limits
from exchange.core.text import clean as clean_text
from exchange.core.uploads import FILE_SIGNATURES
from exchange.organisations.taxonomy import AREA_KEYS, area, area_choices

SCOPE_PARTNERSHIP = "partnership"
SCOPE_ORGANISATION = "organisation"

SHORT_TEXT = "short_text"
LONG_TEXT = "long_text"
SINGLE_CHOICE = "single_choice"
MULTIPLE_CHOICE = "multiple_choice"
CAPACITY_AREA = "capacity_area"
NUMBER = "number"
DATE = "date"
FILE = "file"
YES_NO = "yes_no"
KINDS = (
    SHORT_TEXT,
    LONG_TEXT,
    SINGLE_CHOICE,
    MULTIPLE_CHOICE,
    CAPACITY_AREA,
    NUMBER,
    DATE,
    FILE,
    YES_NO,
)

SHORT_TEXT_MAX = limits.SHORT_ANSWER
MAX_NUMBER_DIGITS = 15
LONG_TEXT_MAX = limits.LONG_ANSWER  # characters; the word limit is the rule applicants see

WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def word_count(text: str) -> int:
    return len(WORD.findall(text or ""))


def pick(labels: dict, language: str | None = None) -> str:
    """The label in the current language, falling back to English."""
    language = (language or get_language() or "en")[:2]
    return labels.get(language) or labels.get("en") or ""


@dataclass(frozen=True)
class Choice:
    key: str
    label: dict


@dataclass(frozen=True)
class Question:
    key: str
    kind: str
    label: dict
    required: bool = False
    help: dict = field(default_factory=dict)
    choices: tuple = ()
    word_limit: int | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    file_types: tuple = ()
    max_size_mb: int = 5

    @property
    def text(self) -> str:
        return pick(self.label)

    @property
    def help_text(self) -> str:
        return pick(self.help)

    def choice_label(self, key: str) -> str:
        if self.kind == CAPACITY_AREA:
            return str(area(key).label) if key in AREA_KEYS else key
        for choice in self.choices:
            if choice.key == key:
                return pick(choice.label)
        return key

    def options(self) -> list[tuple[str, str]]:
        if self.kind == CAPACITY_AREA:
            return [(key, str(label)) for key, label in area_choices()]
        return [(c.key, pick(c.label)) for c in self.choices]


@dataclass(frozen=True)
class Section:
    key: str
    scope: str
    title: dict
    questions: tuple = ()

    @property
    def text(self) -> str:
        return pick(self.title)

    @property
    def is_per_organisation(self) -> bool:
        return self.scope == SCOPE_ORGANISATION


@dataclass(frozen=True)
class Schema:
    sections: tuple = ()

    def questions(self, scope: str | None = None):
        for section in self.sections:
            if scope is None or section.scope == scope:
                yield from section.questions

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions() if q.key == key), None)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def scope_of(self, key: str) -> str | None:
        for section in self.sections:
            if any(q.key == key for q in section.questions):
                return section.scope
        return None

    def to_json(self) -> dict:
        def encode(value):
            if isinstance(value, Decimal):
                return str(value)
            raise TypeError(value)

        return json.loads(json.dumps(asdict(self), default=encode))

    def digest(self) -> str:
        return hashlib.sha256(json.dumps(self.to_json(), sort_keys=True).encode()).hexdigest()

    @classmethod
    def from_json(cls, data: dict) -> "Schema":
        sections = []
        for s in data.get("sections", []):
            questions = []
            for q in s.get("questions", []):
                questions.append(
                    Question(
                        key=q["key"],
                        kind=q["kind"],
                        label=q["label"],
                        required=q.get("required", False),
                        help=q.get("help", {}),
                        choices=tuple(Choice(c["key"], c["label"]) for c in q.get("choices", [])),
                        word_limit=q.get("word_limit"),
                        min_value=_decimal(q.get("min_value")),
                        max_value=_decimal(q.get("max_value")),
                        file_types=tuple(q.get("file_types", ())),
                        max_size_mb=q.get("max_size_mb", 5),
                    )
                )
            sections.append(Section(s["key"], s["scope"], s["title"], tuple(questions)))
        return cls(tuple(sections))


def _decimal(value):
    return None if value is None else Decimal(str(value))


def parse_choices(text: str) -> tuple[Choice, ...]:
    """Choices typed one per line as `key | English | Türkçe | Deutsch`."""
    choices = []
    for line in (text or "").splitlines():
        parts = [p.strip() for p in line.split("|")]
        if not parts[0]:
            continue
        key = parts[0]
        labels = dict(zip(("en", "tr", "de"), parts[1:4] or [key], strict=False))
        labels = {k: v for k, v in labels.items() if v} or {"en": key}
        choices.append(Choice(key, labels))
    return tuple(choices)


class AnswerError(ValueError):
    pass


def is_empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def clean_answer(question: Question, value):
    """The answer as it is stored (JSON), or AnswerError with a message for the applicant.
    Word limits are not enforced here: an over-long draft is kept and flagged, and only
    submission is refused, so nothing typed is ever lost."""
    if is_empty(value):
        return None
    kind = question.kind
    if kind == SHORT_TEXT:
        value = clean_text(str(value)).strip()
        if len(value) > SHORT_TEXT_MAX:
            raise AnswerError(_("Keep this under %(max)s characters.") % {"max": SHORT_TEXT_MAX})
        return value or None
    if kind == LONG_TEXT:
        value = clean_text(str(value).replace("\r\n", "\n")).strip()
        if len(value) > LONG_TEXT_MAX:
            raise AnswerError(_("This text is too long to be kept."))
        return value or None
    if kind in (SINGLE_CHOICE, CAPACITY_AREA):
        keys = {key for key, _label in question.options()}
        if str(value) not in keys:
            raise AnswerError(_("Choose one of the options."))
        return str(value)
    if kind == MULTIPLE_CHOICE:
        values = [value] if isinstance(value, str) else list(value)
        keys = [key for key, _label in question.options()]
        if any(str(v) not in keys for v in values):
            raise AnswerError(_("Choose among the options."))
        return [k for k in keys if k in {str(v) for v in values}] or None
    if kind == NUMBER:
        try:
            number = Decimal(str(value).strip().replace(" ", "").replace(",", "."))
        except InvalidOperation:
            raise AnswerError(_("Enter a number, for example 1200 or 1200.50.")) from None
        # "1e999999999" is a valid Decimal whose digits would fill the memory: bound it.
        if not number.is_finite() or abs(number.adjusted()) > MAX_NUMBER_DIGITS:
            raise AnswerError(_("Enter a number, for example 1200 or 1200.50."))
        if question.min_value is not None and number < question.min_value:
            raise AnswerError(_("Enter %(min)s or more.") % {"min": question.min_value})
        if question.max_value is not None and number > question.max_value:
            raise AnswerError(_("Enter %(max)s or less.") % {"max": question.max_value})
        return (
            format(number.to_integral_value(), "f")
            if number == number.to_integral()
            else str(number)
        )
    if kind == DATE:
        if isinstance(value, datetime.date):
            return value.isoformat()
        try:
            return datetime.date.fromisoformat(str(value).strip()).isoformat()
        except ValueError:
            raise AnswerError(_("Enter a date as YYYY-MM-DD.")) from None
    if kind == YES_NO:
        if value in (True, "yes", "true", "on", "1"):
            return True
        if value in (False, "no", "false", "0"):
            return False
        raise AnswerError(_("Answer yes or no."))
    if kind == FILE:
        # A file answer is an upload (check_file), stored as an attachment: never a value.
        raise AnswerError(_("Upload the file."))
    raise AnswerError(_("This question cannot be answered."))


def check_file(question: Question, name: str, size: int, head: bytes) -> None:
    """Type (by extension *and* by the first bytes) and size of an uploaded file."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = question.file_types or ("pdf",)
    if extension == "jpeg":
        extension = "jpg"
    if extension not in allowed:
        raise AnswerError(
            _("Upload a file of one of these types: %(types)s.")
            % {"types": ", ".join(t.upper() for t in allowed)}
        )
    if not any(head.startswith(sig) for sig in FILE_SIGNATURES.get(extension, ())):
        raise AnswerError(_("This file is not a real %(type)s file.") % {"type": extension.upper()})
    if size > question.max_size_mb * 1024 * 1024:
        raise AnswerError(
            _("The file is larger than %(size)s MB.") % {"size": question.max_size_mb}
        )


def over_word_limit(question: Question, value) -> int | None:
    """The number of words when a long text is over its limit, else None."""
    if question.kind != LONG_TEXT or not question.word_limit or not isinstance(value, str):
        return None
    words = word_count(value)
    return words if words > question.word_limit else None


def display(question: Question, value) -> str:
    if is_empty(value):
        return ""
    if question.kind in (SINGLE_CHOICE, CAPACITY_AREA):
        return question.choice_label(value)
    if question.kind == MULTIPLE_CHOICE:
        return ", ".join(question.choice_label(v) for v in value)
    if question.kind == YES_NO:
        return _("Yes") if value else _("No")
    return str(value)


def check_change(old: Schema, new: Schema) -> list[str]:
    """Why `new` may not replace `old` on an open call, where answers already exist: only
    optional questions may be added (and wording changed); nothing removed, moved to another
    scope, retyped, made required, or stripped of a choice."""
    problems = []
    for section in old.sections:
        for question in section.questions:
            now = new.question(question.key)
            name = pick(question.label)
            if now is None:
                problems.append(_("“%(q)s” cannot be removed: the call is open.") % {"q": name})
                continue
            if now.kind != question.kind:
                problems.append(
                    _("“%(q)s” cannot change its type: the call is open.") % {"q": name}
                )
            if new.scope_of(question.key) != section.scope:
                problems.append(
                    _("“%(q)s” cannot move between a partnership and an organisation section.")
                    % {"q": name}
                )
            if now.required and not question.required:
                problems.append(
                    _("“%(q)s” cannot become required: the call is open.") % {"q": name}
                )
            if {c.key for c in question.choices} - {c.key for c in now.choices}:
                problems.append(
                    _("Choices of “%(q)s” cannot be removed: the call is open.") % {"q": name}
                )
            if question.word_limit and (not now.word_limit or now.word_limit < question.word_limit):
                problems.append(
                    _("The word limit of “%(q)s” cannot be lowered: the call is open.")
                    % {"q": name}
                )
            if question.kind == NUMBER and (
                (
                    now.min_value is not None
                    and (question.min_value is None or now.min_value > question.min_value)
                )
                or (
                    now.max_value is not None
                    and (question.max_value is None or now.max_value < question.max_value)
                )
            ):
                problems.append(
                    _("The range of “%(q)s” cannot be narrowed: the call is open.") % {"q": name}
                )
    old_keys = {q.key for q in old.questions()}
    for question in new.questions():
        if question.key not in old_keys and question.required:
            problems.append(
                _("“%(q)s” can only be added as an optional question: the call is open.")
                % {"q": pick(question.label)}
            )
    return problems
