"""Structure-aware chunking.

Documents are split by headings first (Markdown ``#`` headings, or the short
title-like lines that saved web pages use as headings), so a chunk never
mixes two sections and always knows its heading path. Sections longer than
the chunk size are split by LangChain's recursive splitter on paragraph and
sentence boundaries, with overlap. Every chunk's text is an exact slice of
the document (``text[start:end]``), so a citation's quote can be checked
against its source.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from .schema import Chunk, Document

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•▪◦]|\d+[.)])\s+")
_MAX_HEADING_CHARS = 70
_MAX_HEADING_WORDS = 9
_MIN_SECTION_CHARS = 160
_CALLS_TO_ACTION = re.compile(
    r"^(learn more|read more|see more|click here\b.*|view all\b.*|more information|"
    r"back to top|share|print|subscribe)$",
    re.I,
)
"""Link labels that saved web pages leave standing alone: never headings."""
_MIN_PIECE_CHARS = 120
_SMALL_WORDS = frozenset(
    """a an and as at by for from in of on or the to with vs via & your our""".split()
)


@dataclass(frozen=True)
class _Block:
    start: int
    end: int
    text: str
    heading_level: int | None


def _is_title_case(words: list[str]) -> bool:
    significant = [w for w in words if w.lower() not in _SMALL_WORDS and w[:1].isalpha()]
    return bool(significant) and all(w[:1].isupper() for w in significant)


def _heading_level(block: str, is_last: bool) -> int | None:
    """A heading's level, or None for body text.

    Plain-text pages mark headings only by being short standalone lines with
    no closing punctuation. Title Case lines are taken as level 2 and
    sentence-case ones as level 3, which matches how the web pages in the
    corpus nest "Emerging Evidence" over "Primarily physical symptoms".
    """
    if "\n" in block.strip():
        return None
    line = block.strip()
    md = _MD_HEADING.match(line)
    if md:
        return len(md.group(1))
    if is_last or _LIST_ITEM.match(line):
        return None
    words = line.split()
    if (
        not words
        or _CALLS_TO_ACTION.match(line)
        or line.count(",") > 1
        or len(line) > _MAX_HEADING_CHARS
        or len(words) > _MAX_HEADING_WORDS
        or line[-1] in ".,;:!?\"'”)…"
        or not line[0].isupper()
    ):
        return None
    return 2 if _is_title_case(words) else 3


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    spans = [
        (m.start(), m.end()) for m in re.finditer(r"\S(?:.*?\S)?(?=\n\s*\n|\s*\Z)", text, re.S)
    ]
    for i, (start, end) in enumerate(spans):
        body = text[start:end]
        blocks.append(_Block(start, end, body, _heading_level(body, i == len(spans) - 1)))
    return blocks


@dataclass
class _Section:
    path: tuple[str, ...]
    start: int
    end: int


def _clean_heading(text: str) -> str:
    md = _MD_HEADING.match(text.strip())
    return (md.group(2) if md else text).strip()


def _sections(doc: Document) -> list[_Section]:
    sections: list[_Section] = []
    stack: list[tuple[int, str]] = []
    current: _Section | None = None
    for block in _blocks(doc.text):
        if block.heading_level is not None:
            level = block.heading_level
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, _clean_heading(block.text)))
            if current is not None and current.end - current.start < _MIN_SECTION_CHARS:
                # A heading with almost nothing under it joins the next section.
                current.path = tuple(h for _, h in stack)
                current.end = block.end
                continue
            current = _Section(tuple(h for _, h in stack), block.start, block.end)
            sections.append(current)
            continue
        if current is None:
            current = _Section((), block.start, block.end)
            sections.append(current)
        else:
            current.end = block.end
    return sections


def chunk_id_for(source_id: str, start: int, text: str) -> str:
    """Stable id from the source, position and content: unchanged chunks keep their id."""
    digest = hashlib.sha256(f"{source_id}\x00{start}\x00{text}".encode()).hexdigest()
    return digest[:32]


def _page_for(doc: Document, offset: int) -> int | None:
    if not doc.page_starts:
        return None
    return bisect_right(doc.page_starts, offset)


def chunk_document(doc: Document, chunk_size: int, chunk_overlap: int) -> list[Chunk]:
    # Imported here: a start with nothing to chunk should not pay for importing it.
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(
        chunk_size=chunk_size,
        chunk_overlap=chunk_overlap,
        separators=["\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " ", ""],
        keep_separator="end",
        add_start_index=True,
        strip_whitespace=True,
    )
    chunks: list[Chunk] = []
    publisher = doc.metadata.get("publisher", "")
    updated = page_date(doc.metadata.get("date"))
    for section in _sections(doc):
        body = doc.text[section.start : section.end]
        pieces = (
            [(0, body)]
            if len(body) <= chunk_size
            else [
                (int(d.metadata["start_index"]), d.page_content)
                for d in splitter.create_documents([body])
            ]
        )
        heading = " > ".join(section.path)
        for rel_start, piece in _merge_small(body, pieces):
            start = section.start + rel_start
            end = start + len(piece)
            assert doc.text[start:end] == piece
            chunks.append(
                Chunk(
                    chunk_id=chunk_id_for(doc.source_id, start, piece),
                    source_id=doc.source_id,
                    title=doc.title,
                    section=heading,
                    text=piece,
                    start=start,
                    end=end,
                    page=_page_for(doc, start),
                    publisher=publisher,
                    updated=updated,
                    doc_hash=doc.content_hash,
                    path=doc.path,
                )
            )
    return chunks


def _merge_small(body: str, pieces: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Join a piece too small to stand alone (a lone heading line) to the next one."""
    merged: list[tuple[int, str]] = []
    carry: int | None = None
    for i, (start, piece) in enumerate(pieces):
        if carry is not None:
            piece = body[carry : start + len(piece)]
            start = carry
            carry = None
        if len(piece) < _MIN_PIECE_CHARS and i + 1 < len(pieces):
            carry = start
            continue
        merged.append((start, piece))
    return merged


def embedding_text(chunk: Chunk) -> str:
    """What is embedded: the chunk with its title and heading path for context."""
    context = " > ".join(p for p in (chunk.title, chunk.section) if p)
    return f"{context}\n{chunk.text}" if context else chunk.text


_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})\b")


def page_date(value: object) -> str:
    """The date a source gives for its page (front matter ``date``), as ``YYYY-MM-DD``.

    Only a real calendar date at the start counts ("2020-12-04 (last updated)");
    anything else ("unknown", a year alone, nothing) gives "", so no date is
    ever invented for a page.
    """
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return ""
    match = _ISO_DATE.match(value)
    if match is None:
        return ""
    try:
        return date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        return ""
