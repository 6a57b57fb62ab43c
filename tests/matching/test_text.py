"""The nearest-neighbour reader of free text (pure NumPy, no encoder needed)."""

import io

import numpy as np
import pytest

from exchange.matching import text
from exchange.matching.engine import AREAS


def basis(i):
    v = np.zeros(text.DIMENSIONS, dtype=np.float32)
    v[i] = 1.0
    return v


def unit(v):
    return (v / np.linalg.norm(v)).astype(np.float32)


TR, EN = text.LANGUAGES.index("tr"), text.LANGUAGES.index("en")


def neighbour_reader(
    neighbours, areas, languages, written, written_languages, *, dense_coef=None, mix=(0, 0, 1)
):
    """A model that reads by neighbours (and by sentence vectors when `dense_coef` is
    given), with its hubness figures computed from `written` statements as training does."""
    neighbours = np.array(neighbours, dtype=np.float32)
    return text.AreaModel(
        dense_coef=np.zeros((len(AREAS), text.DIMENSIONS), dtype=np.float32)
        if dense_coef is None
        else dense_coef,
        dense_intercept=np.zeros(len(AREAS), dtype=np.float32),
        vocabulary={},
        sparse_coef=np.zeros((len(AREAS), 0), dtype=np.float32),
        sparse_intercept=np.zeros(len(AREAS), dtype=np.float32),
        language_means=np.zeros((len(text.LANGUAGES), text.DIMENSIONS), dtype=np.float32),
        neighbours=neighbours,
        neighbour_areas=np.array([AREAS.index(a) for a in areas]),
        neighbour_languages=np.array(languages),
        hubness=text.hubness(
            neighbours, np.array(written, dtype=np.float32), np.array(written_languages)
        ),
        mix=mix,
    )


def test_a_generic_sentence_close_to_everything_does_not_outrank_the_translation():
    # Turkish statements already on the platform, and a new Turkish one to read.
    written = [basis(1), basis(2), basis(3)]
    query = unit(2.2 * basis(4) + basis(5))
    # English labelled statements: a generic one that resembles every Turkish statement
    # (slightly closer to the query than anything else), and the query's translation.
    generic = unit(basis(1) + basis(2) + basis(3) + basis(4))
    translation = basis(5)
    assert generic @ query > translation @ query
    model = neighbour_reader(
        [generic, translation],
        ["communication", "volunteer-management"],
        [EN, EN],
        [*written, query],
        [TR] * 4,
    )
    turkish = "Gönüllülerimizi bir yıldan uzun süre tutamıyoruz ve bunun için destek arıyoruz."
    reading = model.predict(query[None, :], [turkish])[0]
    assert AREAS[int(reading.argmax())] == "volunteer-management"

    # Without the correction the generic sentence would have won.
    model.hubness = np.zeros_like(model.hubness)
    reading = model.predict(query[None, :], [turkish])[0]
    assert AREAS[int(reading.argmax())] == "communication"


def test_neighbours_count_only_as_much_as_they_resemble_the_text():
    # The sentence-vector reader is sure the text is about governance.
    dense = np.zeros((len(AREAS), text.DIMENSIONS), dtype=np.float32)
    dense[AREAS.index("governance")] = 20 * basis(4)
    query = unit(basis(4) + 0.3 * basis(6))
    german = "Wir brauchen Unterstützung bei der Arbeit unseres Vorstands und der Satzung."
    de = text.LANGUAGES.index("de")

    def reading_with(neighbour):
        model = neighbour_reader(
            [neighbour],
            ["communication"],
            [EN],
            [basis(8), basis(9)],
            [de, de],
            dense_coef=dense,
            mix=(0.5, 0.0, 0.5),
        )
        return model.predict(query[None, :], [german])[0]

    # The least distant labelled statement, but unrelated (similarity 0): no say.
    reading = reading_with(basis(7))
    assert AREAS[int(reading.argmax())] == "governance"
    assert reading[AREAS.index("communication")] < 0.05

    # A close neighbour (a translation) has its full say.
    reading = reading_with(unit(query + 0.2 * basis(10)))
    assert reading[AREAS.index("communication")] == pytest.approx(0.5, abs=0.01)


def test_hubness_is_computed_per_language_and_in_batches():
    rng = np.random.default_rng(0)
    neighbours = rng.normal(size=(50, text.DIMENSIONS)).astype(np.float32)
    neighbours /= np.linalg.norm(neighbours, axis=1, keepdims=True)
    statements = rng.normal(size=(40, text.DIMENSIONS)).astype(np.float32)
    statements /= np.linalg.norm(statements, axis=1, keepdims=True)
    languages = np.array([TR] * 25 + [EN] * 15)
    batched = text.hubness(neighbours, statements, languages, batch=7)
    whole = text.hubness(neighbours, statements, languages, batch=1000)
    # float32 products of different batch shapes differ in the last bits (~1e-8)
    np.testing.assert_allclose(batched, whole, rtol=1e-5, atol=1e-6)
    expected = np.sort(neighbours @ statements[languages == EN].T, axis=1)[:, -10:].mean(axis=1)
    np.testing.assert_allclose(batched[EN], expected, rtol=1e-5, atol=1e-6)
    # No statement in German: nothing to discount.
    assert not batched[text.LANGUAGES.index("de")].any()


def test_models_round_trip_and_one_saved_before_the_correction_still_reads():
    model = neighbour_reader([basis(1)], ["governance"], [EN], [basis(1)], [EN])
    loaded = text.AreaModel.from_bytes(model.to_bytes())
    np.testing.assert_allclose(loaded.hubness, model.hubness, atol=1e-3)

    saved = dict(np.load(io.BytesIO(model.to_bytes()), allow_pickle=False))
    del saved["hubness"]
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **saved)
    old = text.AreaModel.from_bytes(buffer.getvalue())
    assert not old.hubness.any()
    reading = old.predict(basis(1)[None, :], ["Bir ve için yönetim kurulu"])[0]
    assert AREAS[int(reading.argmax())] == "governance"


def test_the_taxonomy_definitions_outweigh_a_lopsided_set_of_statements(monkeypatch):
    """A young platform where nearly everybody wrote about communication still reads a
    text about a board and statutes as governance: the definitions and the vocabulary of
    each area anchor the readers."""
    statements = [
        "We want to reach more people through social media and our newsletter.",
        "Our website and press work need to become more professional.",
        "We need a communication strategy and a clear visual identity.",
        "Journalists rarely pick up our press releases.",
    ] * 15
    vectors = text.embed(statements)
    german = "Unser Vorstand braucht klare Regeln, wer was entscheidet, und eine neue Satzung."
    query = text.embed([german])

    def reading():
        model = text.train(statements, vectors, ["communication"] * len(statements))
        return model.predict(query, [german])[0]

    weighted = reading()
    assert AREAS[int(weighted.argmax())] == "governance"
    # Without the vocabulary, and one definition weighing as much as one statement:
    monkeypatch.setattr(text, "USE_VOCABULARY", False)
    monkeypatch.setattr(text, "DEFINITION_WEIGHT", 0.0)
    unweighted = reading()
    governance = AREAS.index("governance")
    assert weighted[governance] > unweighted[governance] + 0.05
