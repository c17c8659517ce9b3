"""Chunking: exact slices, stable ids, heading paths, bounded sizes and sentence-aligned cuts.

Citations quote chunks and incremental ingestion compares chunk ids, so a
chunk must be an exact slice of its document and its id must not change
unless its text or place does. Retrieval shows the heading path, and an
answer quoting half a sentence reads badly, so both are checked on the real
corpus and on synthetic documents built to stress the splitter.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest
from test_documents import CANCERCHOICES, CORPUS, S4OM, THREE_PAGES, make_pdf

from assistant.chunking import chunk_document, embedding_text
from assistant.documents import load_corpus, load_document
from assistant.schema import Chunk, Document

SIZE, OVERLAP = 700, 120
"""The default chunk size and overlap (``Settings``)."""

MERGE_MARGIN = 120
"""How far a chunk may exceed the chunk size: a piece too short to stand alone
(under 120 characters, such as a lone heading line) is joined to the next piece.
Measured on the corpus, a 3-page PDF and long synthetic sections for sizes
100-3000: at most 110 over."""

SENTENCE_END = re.compile(r"[.!?…][\"'”)]*$")


def corpus_docs() -> dict[str, Document]:
    docs, errors = load_corpus(CORPUS)
    assert errors == []
    return {d.source_id: d for d in docs}


def make_doc(text: str, source_id: str = "synthetic.md", title: str = "Synthetic") -> Document:
    return Document(source_id, title, text, f"/corpus/{source_id}", "hash-" + source_id)


WORDS = (
    "gentle massage pressure therapist cancer treatment comfort fatigue sleep anxiety pain "
    "lymphedema nurse oncology session pillows position radiation chemotherapy skin"
).split()


def prose(paragraphs: int, seed: int = 7, max_words: int = 22) -> str:
    """Paragraphs of sentences (each well under the chunk size) in a fixed random order."""
    rng = random.Random(seed)
    out = []
    for _ in range(paragraphs):
        sentences = []
        for _ in range(rng.randint(2, 8)):
            words = [rng.choice(WORDS) for _ in range(rng.randint(6, max_words))]
            sentences.append(" ".join(words).capitalize() + rng.choice(".....?!"))
        out.append(" ".join(sentences))
    return "\n\n".join(out)


def assert_exact_slices(doc: Document, chunks: list[Chunk]) -> None:
    for c in chunks:
        assert doc.text[c.start : c.end] == c.text, f"chunk at {c.start} is not a slice"
        assert c.text == c.text.strip() and c.text


def test_default_corpus_chunks_are_exact_slices_with_unique_stable_ids() -> None:
    first = {sid: chunk_document(d, SIZE, OVERLAP) for sid, d in corpus_docs().items()}
    again = {sid: chunk_document(d, SIZE, OVERLAP) for sid, d in corpus_docs().items()}
    docs = corpus_docs()
    all_ids = []
    for sid, chunks in first.items():
        assert chunks, f"{sid} produced no chunks"
        assert_exact_slices(docs[sid], chunks)
        assert [c.chunk_id for c in chunks] == [c.chunk_id for c in again[sid]]
        assert [c.start for c in chunks] == sorted(c.start for c in chunks)
        assert all(c.source_id == sid and c.title == docs[sid].title for c in chunks)
        assert all(c.doc_hash == docs[sid].content_hash and c.page is None for c in chunks)
        all_ids += [c.chunk_id for c in chunks]
    assert len(all_ids) == len(set(all_ids))
    assert first[CANCERCHOICES][0].publisher == "CancerChoices"


def test_default_corpus_chunks_carry_their_heading_paths() -> None:
    docs = corpus_docs()
    cc = chunk_document(docs[CANCERCHOICES], SIZE, OVERLAP)
    sections = [c.section for c in cc]
    assert any("Breast Cancer Guideline" in s for s in sections)
    breast = next(c for c in cc if "Breast Cancer Guideline" in c.section)
    assert "reducing anxiety" in breast.text
    assert "Emerging Evidence > Primarily physical symptoms" in sections
    assert all(sections), "every CancerChoices chunk should sit under a heading"
    s4om = chunk_document(docs[S4OM], SIZE, OVERLAP)
    courses = [c for c in s4om if c.section == "Supplemental Courses"]
    assert courses and all(c.section != "Learn More" for c in s4om)


def test_default_corpus_chunks_end_at_a_sentence_or_line_end() -> None:
    for doc in corpus_docs().values():
        for c in chunk_document(doc, SIZE, OVERLAP):
            after = doc.text[c.end : c.end + 1]
            assert after in ("", "\n") or SENTENCE_END.search(c.text), (
                f"{doc.source_id} chunk at {c.start} is cut mid-sentence: ...{c.text[-40:]!r}"
            )


@pytest.mark.parametrize("size", [100, 150, 300, 700, 1000, 3000])
def test_no_chunk_exceeds_the_size_by_more_than_the_merge_margin(tmp_path: Path, size: int) -> None:
    overlap = min(OVERLAP, size // 5)
    (tmp_path / "leaflet.pdf").write_bytes(make_pdf(THREE_PAGES))
    docs = [
        *corpus_docs().values(),
        load_document(tmp_path / "leaflet.pdf", tmp_path, 10**7),
        make_doc("# Long\n\n" + prose(30)),
        make_doc("word " * 2000, "one-line.txt"),
    ]
    longest = 0
    for doc in docs:
        chunks = chunk_document(doc, size, overlap)
        assert_exact_slices(doc, chunks)
        longest = max(longest, *(len(c.text) for c in chunks))
    assert longest <= size + MERGE_MARGIN


@pytest.mark.parametrize(("size", "overlap"), [(700, 120), (400, 80), (1200, 200)])
def test_long_prose_section_is_cut_only_between_sentences(size: int, overlap: int) -> None:
    text = "# Living With Treatment\n\n" + prose(25, seed=size)
    doc = make_doc(text)
    chunks = chunk_document(doc, size, overlap)
    assert len(chunks) > 5, "the section must be long enough to need splitting"
    assert_exact_slices(doc, chunks)
    for c in chunks:
        assert SENTENCE_END.search(c.text), f"ends mid-sentence: ...{c.text[-50:]!r}"
        first = c.text.lstrip("# ")[0]
        assert first.isupper(), f"starts mid-sentence: {c.text[:50]!r}..."
        assert c.section == "Living With Treatment"
    for a, b in pairwise(chunks):
        assert b.start > a.start
        assert a.end - b.start <= overlap, "consecutive chunks overlap by more than the overlap"


def test_markdown_heading_paths_nest_and_sections_never_mix() -> None:
    body = prose(2, seed=1)
    text = (
        f"# Guide\n\n{body}\n\n## Before\n\n{prose(2, seed=2)}\n\n### Ports and Lines\n\n"
        f"{prose(2, seed=3)}\n\n## After\n\n{prose(2, seed=4)}\n"
    )
    doc = make_doc(text)
    chunks = chunk_document(doc, 1500, 100)
    assert_exact_slices(doc, chunks)
    assert [c.section for c in chunks] == [
        "Guide",
        "Guide > Before",
        "Guide > Before > Ports and Lines",
        "Guide > After",
    ]
    for c in chunks:
        headings = [line for line in c.text.splitlines() if line.startswith("#")]
        assert len(headings) == 1 and c.text.startswith(headings[0])


def test_plain_text_headings_are_recognised_and_link_labels_are_not() -> None:
    text = (
        "Emerging Evidence\n\n"
        f"{prose(1, seed=5)}\n\n"
        "Primarily physical symptoms\n\n"
        f"{prose(2, seed=6)}\n\n"
        "Learn More\n\n"
        "This sentence ends with a full stop.\n\n"
        f"{prose(1, seed=8)}\n\n"
        "Other Symptoms\n\n"
        f"{prose(2, seed=9)}\n"
    )
    chunks = chunk_document(make_doc(text), 3000, 100)
    sections = [c.section for c in chunks]
    assert sections == [
        "Emerging Evidence",
        "Emerging Evidence > Primarily physical symptoms",
        "Other Symptoms",
    ]
    assert "Learn More" in chunks[1].text


def test_pdf_chunks_name_the_page_they_start_on(tmp_path: Path) -> None:
    (tmp_path / "leaflet.pdf").write_bytes(make_pdf(THREE_PAGES))
    doc = load_document(tmp_path / "leaflet.pdf", tmp_path, 10**7)
    chunks = chunk_document(doc, SIZE, OVERLAP)
    assert len(chunks) > 3
    for n in (1, 2, 3):
        [marker] = [c for c in chunks if f"Page {n} marker" in c.text]
        assert marker.page == n
    for c in chunks:
        assert c.page == 1 + sum(1 for s in doc.page_starts[1:] if s <= c.start)
        assert f"page {c.page}," in c.text or f"Page {c.page} " in c.text


def test_an_edit_keeps_the_ids_of_chunks_before_it() -> None:
    base = "# Guide\n\n" + prose(20, seed=11)
    doc = make_doc(base)
    before = chunk_document(doc, SIZE, OVERLAP)
    edited_text = base[:-40] + " An edited ending sentence."
    after = chunk_document(replace(doc, text=edited_text, content_hash="h2"), SIZE, OVERLAP)
    assert [c.chunk_id for c in before[:-2]] == [c.chunk_id for c in after[:-2]]
    assert before[-1].chunk_id != after[-1].chunk_id
    appended = chunk_document(
        replace(doc, text=base + "\n\n## New Section\n\n" + prose(3, seed=12)), SIZE, OVERLAP
    )
    assert {c.chunk_id for c in before} < {c.chunk_id for c in appended}


def test_repeated_text_still_gets_unique_ids_and_ids_depend_on_the_source() -> None:
    paragraph = (
        "Gentle massage can ease anxiety for many people during cancer treatment. "
        "Ask your care team first and tell the therapist about your treatment."
    )
    text = "# Repeats\n\n" + "\n\n".join([paragraph] * 30)
    one = chunk_document(make_doc(text, "one.md"), SIZE, OVERLAP)
    two = chunk_document(make_doc(text, "two.md"), SIZE, OVERLAP)
    assert len({c.chunk_id for c in one}) == len(one) > 3
    assert [c.text for c in one] == [c.text for c in two]
    assert not {c.chunk_id for c in one} & {c.chunk_id for c in two}


def test_embedding_text_adds_title_and_heading_path() -> None:
    chunk = chunk_document(corpus_docs()[CANCERCHOICES], SIZE, OVERLAP)[4]
    text = embedding_text(chunk)
    assert text.startswith(f"Massage Therapy > {chunk.section}\n")
    assert text.endswith(chunk.text)
    bare = replace(chunk, title="", section="")
    assert embedding_text(bare) == chunk.text


def test_chunks_carry_the_pages_own_date_and_never_an_invented_one() -> None:
    from assistant.chunking import page_date
    from assistant.store import chunk_from_record, chunk_metadata

    cc = chunk_document(corpus_docs()[CANCERCHOICES], SIZE, OVERLAP)
    s4om = chunk_document(corpus_docs()[S4OM], SIZE, OVERLAP)
    # CancerChoices says "date: 2020-12-04 (last updated)"; S4OM's date is "unknown (...)".
    assert {c.updated for c in cc} == {"2020-12-04"}
    assert {c.updated for c in s4om} == {""}
    round_trip = chunk_from_record(cc[0].chunk_id, cc[0].text, chunk_metadata(cc[0]))
    assert round_trip == cc[0]
    assert "updated" not in chunk_metadata(s4om[0])
    for value, expected in (
        ("2026-01-15", "2026-01-15"),
        ("2020-12-04 (last updated)", "2020-12-04"),
        ("2026-02-30", ""),
        ("2021", ""),
        ("last spring", ""),
        ("", ""),
        (None, ""),
    ):
        assert page_date(value) == expected, value


def test_a_source_card_shows_the_pages_date_only_when_it_has_one() -> None:
    from assistant.config import load_settings
    from assistant.schema import Citation
    from assistant.web.rendering import source_cards

    settings = load_settings(_env_file=None)
    dated = Citation(1, "https://cancerchoices.org/x/", "X", "", None, "A quote.", "c1", "CC")
    undated = Citation(2, "https://www.s4om.org/", "S", "", None, "Another.", "c2", "S4OM")
    html = source_cards([replace(dated, updated="2020-12-04"), undated], settings)
    assert html.count('class="source-date"') == 1
    assert "Page last updated: December 4, 2020" in html
    assert '<p class="source-meta">S4OM</p>' in html
