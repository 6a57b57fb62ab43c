"""The form as data: answers of every type, word limits, and which changes an open call's
form accepts."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exchange.calls import questions as q


def question(kind, **kwargs):
    return q.Question(key="k", kind=kind, label={"en": "Q"}, **kwargs)


CHOICES = q.parse_choices("a | Alpha | Alfa | Alpha-de\nb | Beta")


@pytest.mark.parametrize(
    ("kind", "raw", "stored"),
    [
        (q.SHORT_TEXT, "  Hello ", "Hello"),
        (q.LONG_TEXT, "Line\r\nnext", "Line\nnext"),
        (q.NUMBER, "1 200,50", "1200.50"),
        (q.NUMBER, "3500", "3500"),
        (q.DATE, "2027-10-12", "2027-10-12"),
        (q.YES_NO, "yes", True),
        (q.YES_NO, "no", False),
        (q.CAPACITY_AREA, "volunteer-management", "volunteer-management"),
        (q.SHORT_TEXT, "", None),
    ],
)
def test_answers_are_stored_cleanly(kind, raw, stored):
    assert q.clean_answer(question(kind), raw) == stored


@pytest.mark.parametrize(
    ("kind", "raw", "message"),
    [
        (q.NUMBER, "a lot", "Enter a number"),
        (q.NUMBER, "NaN", "Enter a number"),
        (q.NUMBER, "1e999999999", "Enter a number"),
        (q.DATE, "12.10.2027", "YYYY-MM-DD"),
        (q.CAPACITY_AREA, "nonsense", "Choose one"),
        (q.SHORT_TEXT, "x" * 301, "under 300"),
        (q.YES_NO, "maybe", "yes or no"),
    ],
)
def test_bad_answers_say_why(kind, raw, message):
    with pytest.raises(q.AnswerError, match=message):
        q.clean_answer(question(kind), raw)


def test_choices_and_ranges():
    single = question(q.SINGLE_CHOICE, choices=CHOICES)
    assert q.clean_answer(single, "b") == "b"
    with pytest.raises(q.AnswerError):
        q.clean_answer(single, "c")
    multiple = question(q.MULTIPLE_CHOICE, choices=CHOICES)
    assert q.clean_answer(multiple, ["b", "a"]) == ["a", "b"]  # in the form's order
    bounded = question(q.NUMBER, min_value=Decimal(0), max_value=Decimal(3500))
    with pytest.raises(q.AnswerError, match="3500 or less"):
        q.clean_answer(bounded, "4000")
    with pytest.raises(q.AnswerError, match="0 or more"):
        q.clean_answer(bounded, "-1")


def test_choice_labels_follow_the_language():
    from django.utils.translation import override

    with override("tr"):
        assert q.display(question(q.SINGLE_CHOICE, choices=CHOICES), "a") == "Alfa"
    with override("de"):
        assert q.display(question(q.SINGLE_CHOICE, choices=CHOICES), "b") == "Beta"  # fallback


def test_word_limits_are_flagged_not_refused():
    limited = question(q.LONG_TEXT, word_limit=3)
    text = "bir iki üç dört"
    assert q.clean_answer(limited, text) == text  # kept, nothing typed is lost
    assert q.over_word_limit(limited, text) == 4
    assert q.over_word_limit(limited, "Gönüllü-yönetimi ist wichtig") is None
    assert q.word_count("Sivil toplum’un geleceği, 2027'de!") == 4


def test_files_are_checked_by_their_bytes_and_size():
    upload = question(q.FILE, file_types=("pdf",), max_size_mb=1)
    q.check_file(upload, "plan.PDF", 1000, b"%PDF-1.7")
    with pytest.raises(q.AnswerError, match="not a real PDF"):
        q.check_file(upload, "plan.pdf", 1000, b"MZ\x90\x00")
    with pytest.raises(q.AnswerError, match="PDF"):
        q.check_file(upload, "plan.exe", 1000, b"%PDF-1.7")
    with pytest.raises(q.AnswerError, match="1 MB"):
        q.check_file(upload, "plan.pdf", 2 * 1024 * 1024, b"%PDF-1.7")


@given(st.sampled_from(q.KINDS[:-3] + (q.YES_NO,)), st.text(max_size=400))
def test_any_typed_text_is_accepted_or_refused_with_a_message(kind, raw):
    try:
        q.clean_answer(question(kind, choices=CHOICES), raw)
    except q.AnswerError as error:
        assert str(error)


def schema(*questions_, scope=q.SCOPE_PARTNERSHIP):
    return q.Schema((q.Section("s", scope, {"en": "S"}, tuple(questions_)),))


def test_an_open_call_accepts_only_new_optional_questions_and_rewording():
    text = q.Question("text", q.LONG_TEXT, {"en": "Text"}, required=True, word_limit=300)
    old = schema(text)
    reworded = q.Question(
        "text", q.LONG_TEXT, {"en": "Your text", "tr": "Metin"}, required=True, word_limit=400
    )
    optional = q.Question("extra", q.SHORT_TEXT, {"en": "Extra"})
    assert q.check_change(old, schema(reworded, optional)) == []
    required_new = q.Question("extra", q.SHORT_TEXT, {"en": "Extra"}, required=True)
    assert q.check_change(old, schema(text, required_new))
    assert q.check_change(old, schema())  # removed
    retyped = q.Question("text", q.SHORT_TEXT, {"en": "Text"}, required=True)
    assert q.check_change(old, schema(retyped))
    lowered = q.Question("text", q.LONG_TEXT, {"en": "Text"}, required=True, word_limit=100)
    assert q.check_change(old, schema(lowered))
    assert q.check_change(old, schema(text, scope=q.SCOPE_ORGANISATION))
    made_required = schema(q.Question("extra", q.SHORT_TEXT, {"en": "Extra"}, required=True))
    assert q.check_change(schema(optional), made_required)


def test_a_schema_survives_its_json():
    original = schema(
        q.Question("n", q.NUMBER, {"en": "N"}, min_value=Decimal("0")),
        q.Question("c", q.SINGLE_CHOICE, {"en": "C"}, choices=CHOICES),
    )
    again = q.Schema.from_json(original.to_json())
    assert again == original
    assert again.digest() == original.digest()
