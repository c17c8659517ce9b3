"""Corpus loaders: every supported format, and every kind of bad file an organisation may drop in.

An organisation adds its own files to the corpus, so each bad file must be
refused with one line naming the file and what to do, and must not stop the
files beside it. PDFs are generated here with fpdf2 (and encrypted with
pypdf) so the tests do not depend on binary fixtures. The helpers at the top
are shared with the ingestion and command-line tests.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image
from pypdf import PdfReader, PdfWriter

from assistant.config import PROJECT_ROOT
from assistant.documents import (
    DocumentError,
    LoadError,
    iter_corpus_files,
    load_corpus,
    load_document,
)

CORPUS = PROJECT_ROOT / "corpus"
CANCERCHOICES = "https://cancerchoices.org/therapy/massage-therapy/"
S4OM = "https://www.s4om.org/"
MB = 1024 * 1024


def make_pdf(pages: list[str], title: str | None = None) -> bytes:
    """A PDF with a real text layer, one string per page."""
    pdf = FPDF()
    if title:
        pdf.set_title(title)
    pdf.set_font("Helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def encrypted_pdf(user_password: str = "secret", owner_password: str | None = None) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(["Private text."]))))
    writer.encrypt(user_password=user_password, owner_password=owner_password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def textless_pdf() -> bytes:
    """What a scanner produces: a page with pictures and shapes but no text layer."""
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 120, 60, style="F")
    pdf.image(Image.new("RGB", (64, 32), (120, 30, 200)), x=20, y=100, w=80)
    return bytes(pdf.output())


def page_text(n: int) -> str:
    """Distinct prose for page ``n``, long enough to need more than one chunk."""
    return f"Page {n} marker sentence about page{n}word. " + " ".join(
        f"On page {n}, note {i}: gentle massage is adapted to treatment and to how the "
        "person feels that day."
        for i in range(12)
    )


THREE_PAGES = [page_text(1), page_text(2), page_text(3)]

GOOD_MD = """---
url: https://example.org/aftercare
title: Aftercare After Massage
publisher: Example Cancer Centre
---
# Aftercare

Drink water and rest after an oncology massage. Tell your therapist how you
felt so the next session can be adjusted.
"""

SAVED_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Massage During Chemotherapy | Example Cancer Centre</title>
<link rel="canonical" href="https://example.org/massage-chemo/">
<style>body { font-family: STYLEMARKER; } .nav { color: red; }</style>
<script>var tracking = "SCRIPTMARKER"; console.log("SCRIPTMARKER");</script>
</head><body>
<header><nav><ul>
<li><a href="/">Home NAVMARKER</a></li>
<li><a href="/about">About Us NAVMARKER</a></li>
<li><a href="/donate">Donate NAVMARKER</a></li>
</ul></nav></header>
<main><article>
<h1>Massage During Chemotherapy</h1>
<p>Many people having chemotherapy find that gentle massage helps them relax and sleep
better. A trained oncology massage therapist adapts pressure, position and session length
to how you feel on the day.</p>
<h2>Before Your Session</h2>
<p>Tell your therapist about your treatment dates, any ports or lines, and areas that are
tender or numb. Your care team can tell you if there are reasons to wait, such as a very
low platelet count.</p>
<p>Drink water and eat lightly beforehand. You can ask to stop or change the pressure at
any time during the session.</p>
<h2>After Your Session</h2>
<p>Some people feel tired or thirsty after a massage. Rest if you need to, and let your
therapist know how you felt so the next session can be adjusted for you.</p>
</article></main>
<footer><nav><a href="/privacy">Privacy NAVMARKER</a></nav><p>Copyright FOOTERMARKER</p></footer>
<script>document.write("SCRIPTMARKER")</script>
</body></html>
"""
HTML_MARKERS = ("SCRIPTMARKER", "STYLEMARKER", "NAVMARKER", "tracking", "console.log")


def truncated_pdf() -> bytes:
    whole = make_pdf([page_text(1)])
    return whole[: len(whole) // 3]


BAD_FILES: dict[str, tuple[bytes, str]] = {
    "corrupt.pdf": (truncated_pdf(), "corrupt or unreadable PDF"),
    "garbage.pdf": (b"this is not a PDF \x01\x02\x03" * 40, "corrupt or unreadable PDF"),
    "locked.pdf": (encrypted_pdf(), "encrypted PDF"),
    "scan.pdf": (textless_pdf(), "no text layer"),
    "empty.md": (b"", "file is empty"),
    "blank.txt": (b"  \n\n\t \n", "file is empty"),
    "binary.txt": (bytes(range(256)) * 8, "binary data"),
    "latin1.md": ("Massage for a naïve café owner.".encode("latin-1"), "not UTF-8"),
    "slides.docx": (b"PK\x03\x04 not really a document", "unsupported file type '.docx'"),
    "huge.md": (("A long line of text about massage. " * 3000).encode(), "over the"),
}
"""File name -> (content, the part of the reason that names the problem)."""

HUGE_LIMIT_MB = 0.05
"""A size limit every good test file is under and ``huge.md`` (about 100 KB) is over."""


def write_bad_files(folder: Path) -> dict[str, str]:
    """Write every bad file into ``folder``; return their paths with the expected reason."""
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str] = {}
    for name, (data, reason) in BAD_FILES.items():
        (folder / name).write_bytes(data)
        expected[str(folder / name)] = reason
    return expected


def write_good_files(folder: Path) -> dict[str, str]:
    """A small good corpus in every format; returns file name -> expected source id."""
    (folder / "guides").mkdir(parents=True, exist_ok=True)
    (folder / "aftercare.md").write_text(GOOD_MD, encoding="utf-8")
    (folder / "guides" / "positioning.txt").write_text(
        "Positioning\n\nSide-lying with pillows is comfortable for many people with a port.\n",
        encoding="utf-8",
    )
    (folder / "chemo.html").write_text(SAVED_HTML, encoding="utf-8")
    (folder / "three-pages.pdf").write_bytes(make_pdf(THREE_PAGES, title="Three Page Leaflet"))
    return {
        "aftercare.md": "https://example.org/aftercare",
        "guides/positioning.txt": "guides/positioning.txt",
        "chemo.html": "https://example.org/massage-chemo/",
        "three-pages.pdf": "three-pages.pdf",
    }


def load_one(tmp_path: Path, name: str, data: bytes | str, max_bytes: int = 20 * MB):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return load_document(path, tmp_path, max_bytes)


def test_default_corpus_loads_with_its_declared_source_ids() -> None:
    docs, errors = load_corpus(CORPUS)
    assert errors == []
    by_id = {d.source_id: d for d in docs}
    assert set(by_id) == {CANCERCHOICES, S4OM}, "README.md must be skipped, both pages loaded"
    cc = by_id[CANCERCHOICES]
    assert cc.title == "Massage Therapy"
    assert cc.metadata["publisher"] == "CancerChoices"
    assert not cc.text.startswith("---") and "source_file:" not in cc.text
    assert "Breast Cancer Guideline" in cc.text
    assert len({d.content_hash for d in docs}) == 2


def test_markdown_with_front_matter_uses_its_url_title_and_metadata(tmp_path: Path) -> None:
    doc = load_one(tmp_path, "aftercare.md", GOOD_MD)
    assert doc.source_id == "https://example.org/aftercare"
    assert doc.title == "Aftercare After Massage"
    assert doc.metadata["publisher"] == "Example Cancer Centre"
    assert doc.text.lstrip().startswith("# Aftercare")
    assert "url:" not in doc.text


def test_markdown_without_front_matter_is_identified_by_its_relative_path(tmp_path: Path) -> None:
    (tmp_path / "guides").mkdir()
    (tmp_path / "guides" / "after-care_notes.md").write_text("Rest after a massage.\n")
    docs, errors = load_corpus(tmp_path)
    assert errors == []
    [doc] = docs
    assert doc.source_id == "guides/after-care_notes.md"
    assert doc.title == "After Care Notes"


def test_windows_line_endings_and_byte_order_mark_are_accepted(tmp_path: Path) -> None:
    data = "\ufeff" + GOOD_MD.replace("\n", "\r\n")
    doc = load_one(tmp_path, "bom.md", data.encode("utf-8"))
    assert doc.source_id == "https://example.org/aftercare"
    assert "\r" not in doc.text


def test_saved_html_page_keeps_main_text_and_headings_and_drops_page_furniture(
    tmp_path: Path,
) -> None:
    doc = load_one(tmp_path, "chemo.html", SAVED_HTML)
    assert doc.source_id == "https://example.org/massage-chemo/"
    assert "Massage During Chemotherapy" in doc.title
    assert doc.metadata["format"] == "html"
    for marker in (*HTML_MARKERS, "FOOTERMARKER", "font-family"):
        assert marker not in doc.text, f"{marker!r} leaked from the page furniture"
    assert "## Before Your Session" in doc.text
    assert "very low platelet count" in doc.text


def test_html_without_canonical_link_falls_back_to_og_url_then_path(tmp_path: Path) -> None:
    canonical = '<link rel="canonical" href="https://example.org/massage-chemo/">'
    no_canonical = SAVED_HTML.replace(
        canonical, '<meta property="og:url" content="https://example.org/og-page">'
    )
    assert load_one(tmp_path, "og.html", no_canonical).source_id == "https://example.org/og-page"
    bare = SAVED_HTML.replace(canonical, "")
    assert load_one(tmp_path, "pages/bare.htm", bare).source_id == "pages/bare.htm"


def test_pdf_keeps_page_offsets_and_title(tmp_path: Path) -> None:
    doc = load_one(tmp_path, "leaflet.pdf", make_pdf(THREE_PAGES, title="Three Page Leaflet"))
    assert doc.source_id == "leaflet.pdf"
    assert doc.title == "Three Page Leaflet"
    assert doc.metadata == {"format": "pdf", "pages": "3"}
    assert len(doc.page_starts) == 3 and doc.page_starts[0] == 0
    for n, start in enumerate(doc.page_starts, 1):
        assert doc.text[start:].startswith(f"Page {n} marker"), f"page {n} offset is wrong"


def test_pdf_locked_only_against_editing_opens_with_the_empty_password(tmp_path: Path) -> None:
    doc = load_one(tmp_path, "owner.pdf", encrypted_pdf(user_password="", owner_password="o"))
    assert "Private text." in doc.text


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_bad_file_is_refused_with_one_line_naming_it_and_the_others_still_load(
    tmp_path: Path, name: str
) -> None:
    data, reason = BAD_FILES[name]
    (tmp_path / name).write_bytes(data)
    (tmp_path / "aftercare.md").write_text(GOOD_MD, encoding="utf-8")
    docs, errors = load_corpus(tmp_path, max_bytes=int(HUGE_LIMIT_MB * MB))
    assert [d.source_id for d in docs] == ["https://example.org/aftercare"]
    [error] = errors
    assert isinstance(error, LoadError)
    line = str(error)
    assert line.startswith(str(tmp_path / name) + ": ")
    assert reason in error.reason
    assert "\n" not in line and len(line) < 300 + len(str(tmp_path))


def test_every_bad_file_together_leaves_every_good_file_loaded(tmp_path: Path) -> None:
    expected_errors = write_bad_files(tmp_path)
    expected_ids = write_good_files(tmp_path)
    docs, errors = load_corpus(tmp_path, max_bytes=int(HUGE_LIMIT_MB * MB))
    assert sorted(d.source_id for d in docs) == sorted(expected_ids.values())
    assert {e.path: e.reason for e in errors}.keys() == expected_errors.keys()
    for e in errors:
        assert expected_errors[e.path] in e.reason, str(e)


def test_size_limit_names_the_setting(tmp_path: Path) -> None:
    (tmp_path / "big.md").write_text("Massage text. " * 400)  # about 5.6 KB
    with pytest.raises(DocumentError, match=r"over the .* limit \(ASSISTANT_MAX_FILE_MB\)"):
        load_document(tmp_path / "big.md", tmp_path, int(0.001 * MB))
    assert load_document(tmp_path / "big.md", tmp_path, int(0.01 * MB)).text


def test_size_limit_message_shows_two_different_sizes(tmp_path: Path) -> None:
    (tmp_path / "big.md").write_text("Massage text. " * 400)
    with pytest.raises(DocumentError) as caught:
        load_document(tmp_path / "big.md", tmp_path, int(0.001 * MB))
    size, limit = re.findall(r"\d+(?:\.\d+)?", str(caught.value))[:2]
    assert float(size) > 0 and size != limit, str(caught.value)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("---\ntitle: [unclosed\n---\nBody text.\n", "front matter is not valid YAML"),
        ("---\n- a\n- b\n---\nBody text.\n", "front matter must be a mapping"),
        ("---\ntitle: No end\nBody text without a closing line.\n", "no closing '---'"),
        ("---\ntitle: Only metadata\n---\n\n  \n", "no text after the front matter"),
    ],
)
def test_bad_front_matter_is_explained(tmp_path: Path, text: str, reason: str) -> None:
    with pytest.raises(DocumentError, match=reason):
        load_one(tmp_path, "page.md", text)


def test_html_with_no_main_text_is_refused(tmp_path: Path) -> None:
    html = "<html><head><title>Empty</title><script>var x = 1;</script></head><body></body></html>"
    with pytest.raises(DocumentError, match="no main text"):
        load_one(tmp_path, "empty.html", html)


def test_two_files_claiming_the_same_url_are_refused_after_the_first(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(GOOD_MD, encoding="utf-8")
    (tmp_path / "b.md").write_text(GOOD_MD.replace("rest after", "sleep after"), encoding="utf-8")
    docs, errors = load_corpus(tmp_path)
    assert [d.path for d in docs] == [str((tmp_path / "a.md").resolve())]
    [error] = errors
    assert error.path == str(tmp_path / "b.md")
    assert "same source id 'https://example.org/aftercare'" in error.reason
    assert str(tmp_path / "a.md") in error.reason


def test_hidden_files_and_the_readme_are_not_sources(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.md").write_text("not a source")
    (tmp_path / ".notes.md").write_text("not a source")
    (tmp_path / "README.md").write_text("describes the folder")
    (tmp_path / "page.md").write_text("A source.")
    assert [p.name for p in iter_corpus_files(tmp_path)] == ["page.md"]


def test_several_roots_and_a_single_file_root(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "a.md").write_text("First folder text.")
    (tmp_path / "b.md").write_text("Single file text.")
    docs, errors = load_corpus([tmp_path / "one", tmp_path / "b.md"])
    assert errors == []
    assert [d.source_id for d in docs] == ["a.md", "b.md"]
