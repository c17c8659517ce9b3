"""The extractive answerer: an answer made only of sentences from the sources.

No model writes anything here, so nothing can be invented: the answer is a
fixed lead-in followed by at most a few sentences chosen from the retrieved
passages, each with a citation whose quote is an exact slice of its chunk.
Sentences are chosen by similarity to the question (with the conversation's
topic carried over), a little word overlap, and the passage's rank, then
kept diverse by maximal marginal relevance so the answer does not repeat
itself. List items are read together with their heading, so "• Can be
considered for reducing anxiety" under "Breast Cancer Guideline" becomes
"Breast Cancer Guideline: Can be considered for reducing anxiety".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..embeddings import SentenceTransformerEmbeddings
from ..schema import Draft, Passage
from ..text import LIST_ITEM, content_words
from .base import AnswerBackend
from .citations import Unit, cite
from .passage_filter import unsafe_passage, unsafe_reason

_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\d{0,4}(?=\s+[A-Z0-9\"“(\[])")
_FOOTNOTE = re.compile(r"(?<=[a-z\)])\d{1,4}(?=[\s,.;:)]|$)|(?<=[a-z][.!?;,:])\d{1,4}(?=\s|$)")
_BACK_REFERENCE = re.compile(r"^(it|this|that|these|those|they|such)\b", re.I)
_BOILERPLATE = re.compile(
    r"^(learn more|read more|click here|view all|enter your comments|comments \(\d+\)|"
    r"allowed tags|add a new comment|support the society|you can make a difference)"
    r"|\bsee (below|above)\b|\bclick\b|\b(this|our) (page|website|site)\b",
    re.I,
)
_MIN_WORDS = 5
_TESTIMONIAL_WEIGHT = 0.85
"""Quoted patient stories are real but anecdotal: ranked below the evidence."""
_MAX_UNIT_CHARS = 600


@dataclass(frozen=True)
class Selection:
    units: list[Unit]
    scores: list[float]


def clean_display(text: str) -> str:
    """Collapse white space and drop footnote numbers glued to words ("fatigue15")."""
    return _FOOTNOTE.sub("", " ".join(text.split()))


def _heading_like(line: str) -> bool:
    stripped = line.strip()
    return (
        0 < len(stripped) <= 70
        and not LIST_ITEM.match(line)
        and stripped[-1] not in '.!?,;"”'
        and len(stripped.split()) <= 9
    )


def _reads_alone(item: str) -> bool:
    """A list item that is already a labelled phrase or a full sentence needs no heading."""
    labelled = ":" in " ".join(item.split()[:8])
    sentence = item.endswith(".") and len(item.split()) >= 8
    return labelled or sentence


def split_units(passage: Passage) -> list[Unit]:
    """Sentences and list items of a chunk, each with its exact quote."""
    text = passage.chunk.text
    section_tail = passage.chunk.section.split(" > ")[-1] if passage.chunk.section else ""
    units: list[Unit] = []
    heading = section_tail
    pos = 0
    for raw_line in text.split("\n"):
        line_start = text.index(raw_line, pos) if raw_line else pos
        pos = line_start + len(raw_line)
        if not raw_line.strip():
            continue
        bullet = LIST_ITEM.match(raw_line)
        if bullet:
            quote = raw_line[bullet.end() :].strip()
            display = clean_display(quote)
            label = heading.rstrip(":")
            if label and not _reads_alone(display):
                first = display[0].lower() if display[1:2].islower() else display[0]
                display = f"{label}: {first}{display[1:]}"
            units.append(Unit(display, quote, passage))
            continue
        if _heading_like(raw_line):
            heading = raw_line.strip()
            continue
        for sentence in _sentences(raw_line.strip()):
            if (
                units
                and _BACK_REFERENCE.match(sentence)
                and units[-1].quote + " " + sentence in text
            ):
                joined = units[-1].quote + " " + sentence
                units[-1] = Unit(clean_display(joined), joined, passage)
            else:
                units.append(Unit(clean_display(sentence), sentence, passage))
    return [u for u in units if _usable(u)]


def _sentences(paragraph: str) -> list[str]:
    """Split on sentence ends, keeping footnote numbers ("outcomes.35") with their sentence.

    A regular expression rather than a tokenizer library: NLTK's punkt needs a
    data download this product cannot make, and the sources are plain prose.
    """
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        parts.append(paragraph[start : match.end()].strip())
        start = match.end()
    parts.append(paragraph[start:].strip())
    return [p for p in parts if p]


def _usable(unit: Unit) -> bool:
    words = unit.quote.split()
    return (
        len(words) >= _MIN_WORDS
        and len(unit.quote) <= _MAX_UNIT_CHARS
        and not unit.display.endswith(":")
        and not _BOILERPLATE.search(unit.quote)
        and unit.quote in unit.passage.chunk.text
        and unsafe_reason(unit.display) is None
    )


def _lexical_overlap(question: str, sentence: str) -> float:
    q = set(content_words(question))
    if not q:
        return 0.0
    return len(q & set(content_words(sentence))) / len(q)


class ExtractiveAnswerer:
    """Chooses the sentences that answer a question; deterministic for the same input."""

    def __init__(
        self,
        embeddings: SentenceTransformerEmbeddings,
        max_sentences: int = 5,
        min_similarity: float = 0.25,
        relative_cutoff: float = 0.72,
        diversity: float = 0.3,
    ) -> None:
        self.embeddings = embeddings
        self.max_sentences = max_sentences
        self.min_similarity = min_similarity
        self.relative_cutoff = relative_cutoff
        self.diversity = diversity
        self._vectors: dict[str, np.ndarray] = {}

    def _embed(self, texts: list[str]) -> np.ndarray:
        """Sentence vectors, cached: the same chunks are retrieved again and again."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:
            if len(self._vectors) > 20_000:
                self._vectors.clear()
            for text, vec in zip(missing, self.embeddings.embed_documents(missing), strict=True):
                self._vectors[text] = np.asarray(vec)
        return np.asarray([self._vectors[t] for t in texts])

    def select(
        self,
        question: str,
        query_vector: np.ndarray,
        passages: Sequence[Passage],
        max_sentences: int | None = None,
    ) -> Selection:
        limit = max_sentences or self.max_sentences
        units = _dedupe(
            [u for p in passages if not unsafe_passage(p.chunk.text) for u in split_units(p)]
        )
        if not units:
            return Selection([], [])
        vectors = self._embed([u.display for u in units])
        similarity = vectors @ query_vector
        n = len(passages)
        rank_of = {p.chunk.chunk_id: i for i, p in enumerate(passages)}
        relevance = np.array(
            [
                (
                    0.75 * similarity[i]
                    + 0.15 * _lexical_overlap(question, u.display)
                    + 0.10 * (1.0 - rank_of[u.passage.chunk.chunk_id] / max(n, 1))
                )
                * (_TESTIMONIAL_WEIGHT if u.quote[:1] in '"“' else 1.0)
                for i, u in enumerate(units)
            ]
        )
        best = float(relevance.max())
        eligible = [
            i
            for i in range(len(units))
            if similarity[i] >= self.min_similarity and relevance[i] >= best * self.relative_cutoff
        ]
        chosen: list[int] = []
        while eligible and len(chosen) < limit:

            def mmr(i: int) -> float:
                redundancy = max((float(vectors[i] @ vectors[j]) for j in chosen), default=0.0)
                return (1 - self.diversity) * relevance[i] - self.diversity * redundancy

            pick = max(eligible, key=lambda i: (mmr(i), -i))
            eligible.remove(pick)
            if any(float(vectors[pick] @ vectors[j]) > 0.93 for j in chosen):
                continue
            chosen.append(pick)
        return Selection([units[i] for i in chosen], [float(relevance[i]) for i in chosen])


def _dedupe(units: Sequence[Unit]) -> list[Unit]:
    """Drop repeats of the same sentence (pages repeat their key points)."""
    seen: set[str] = set()
    result: list[Unit] = []
    for unit in units:
        key = " ".join(content_words(unit.display))
        if key and key not in seen:
            seen.add(key)
            result.append(unit)
    return result


class ExtractiveBackend(AnswerBackend):
    """The default answer backend: cited sentences from the sources, no model."""

    name = "extractive"

    def __init__(self, answerer: ExtractiveAnswerer) -> None:
        self.answerer = answerer

    def draft(
        self,
        question: str,
        query_vector: np.ndarray,
        passages: Sequence[Passage],
        max_sentences: int | None = None,
    ) -> Draft:
        selection = self.answerer.select(question, query_vector, passages, max_sentences)
        sentences, citations = cite(selection.units)
        return Draft(sentences, citations, self.name)
