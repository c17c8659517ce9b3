"""Loading corpus files into ``Document`` objects.

An organisation extends the corpus with its own files, so every loader
refuses bad input with a one-line reason naming the file, and one bad file
never stops the others. Markdown/text carries YAML front matter, saved HTML
is reduced to its main text by trafilatura (with BeautifulSoup for the
canonical link and title), and PDFs are read by pypdf with page offsets kept
so citations can name a page.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

from .schema import Document

TEXT_SUFFIXES = frozenset({".md", ".markdown", ".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
PDF_SUFFIXES = frozenset({".pdf"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES
SKIPPED_NAMES = frozenset({"readme.md", "readme.txt"})
"""The corpus folder's own README describes the sources; it is not one."""


class DocumentError(Exception):
    """A file that cannot become a document; the message is the reason."""


@dataclass(frozen=True)
class LoadError:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def iter_corpus_files(root: Path) -> Iterator[Path]:
    """Every file under ``root`` that looks like a source, sorted for stable runs.

    Hidden files and the folder's README are passed over; files with other
    extensions are yielded so that they are reported, not silently ignored.
    """
    if root.is_file():
        yield root
        return
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_file() and path.name.lower() not in SKIPPED_NAMES:
            yield path


def source_id_for(path: Path, root: Path, declared: str | None) -> str:
    """The declared URL, else the path inside ``root`` (the corpus folder when the
    file lies in it, so a file has one id however it is passed to ``ingest.py``)."""
    if declared and declared.strip():
        return declared.strip()
    base = root if root.is_dir() else root.parent
    return path.resolve().relative_to(base.resolve()).as_posix()


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.3g} {unit}"
        n /= 1024
    return f"{n:.3g} GB"


def load_document(path: Path, root: Path, max_bytes: int) -> Document:
    """Load one file or raise ``DocumentError`` with a reason a person can act on."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(
            f"unsupported file type {suffix or '(none)'!r}; "
            f"use one of {', '.join(sorted(SUPPORTED_SUFFIXES))}"
        )
    size = path.stat().st_size
    if size > max_bytes:
        raise DocumentError(
            f"file is {_size(size)}, over the {_size(max_bytes)} limit (ASSISTANT_MAX_FILE_MB)"
        )
    data = path.read_bytes()
    kind = "pdf" if suffix in PDF_SUFFIXES else "html" if suffix in HTML_SUFFIXES else "text"
    return _parse(
        data,
        kind,
        location=str(path.resolve()),
        name=path.stem,
        default_id=lambda declared: source_id_for(path, root, declared),
    )


def kind_for(content_type: str, url_path: str = "") -> str | None:
    """``html``, ``pdf`` or ``text`` for a web response, from its type (else its name)."""
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime in {"text/html", "application/xhtml+xml"}:
        return "html"
    if mime in {"application/pdf", "application/x-pdf"}:
        return "pdf"
    if mime in {"text/plain", "text/markdown", "text/x-markdown"}:
        return "text"
    if mime in {"", "application/octet-stream", "binary/octet-stream"}:
        suffix = Path(url_path).suffix.lower()
        if suffix in PDF_SUFFIXES:
            return "pdf"
        if suffix in HTML_SUFFIXES or not suffix:
            return "html" if mime == "" else None
        if suffix in TEXT_SUFFIXES:
            return "text"
    return None


def load_fetched(data: bytes, kind: str, url: str, max_bytes: int) -> Document:
    """A page fetched from ``url`` (after redirects), read by the same loaders as files.

    Its source id is the canonical link (HTML, resolved against the page), or a
    ``url`` in text front matter, else ``url`` itself.
    """
    if len(data) > max_bytes:
        raise DocumentError(
            f"page is {_size(len(data))}, over the {_size(max_bytes)} limit (ASSISTANT_MAX_FILE_MB)"
        )
    name = Path(urlsplit(url).path).stem or urlsplit(url).hostname or "page"

    def default_id(declared: str | None) -> str:
        if declared and declared.strip():
            resolved = urljoin(url, declared.strip())
            if urlsplit(resolved).scheme in {"http", "https"}:
                return resolved
        return url

    return _parse(data, kind, location=url, name=name, default_id=default_id)


def _parse(
    data: bytes, kind: str, *, location: str, name: str, default_id: Callable[[str | None], str]
) -> Document:
    if not data.strip():
        raise DocumentError("file is empty")
    if kind == "pdf":
        return _load_pdf(data, location, name, default_id)
    if b"\x00" in data:
        raise DocumentError("binary data in a text file (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"not UTF-8 text (invalid byte at position {exc.start}); save it as UTF-8"
        ) from None
    if kind == "html":
        return _load_html(text, data, location, name, default_id)
    return _load_text(text, data, location, name, default_id)


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    if not text.startswith("---"):
        return {}, text
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            try:
                meta = yaml.safe_load("\n".join(lines[1:i])) or {}
            except yaml.YAMLError as exc:
                raise DocumentError(f"front matter is not valid YAML: {exc}") from None
            if not isinstance(meta, dict):
                raise DocumentError("front matter must be a mapping of key: value lines")
            return {str(k): str(v) for k, v in meta.items() if v is not None}, "\n".join(
                lines[i + 1 :]
            )
    raise DocumentError("front matter starts with '---' but has no closing '---'")


def _load_text(
    text: str, data: bytes, location: str, name: str, default_id: Callable[[str | None], str]
) -> Document:
    meta, body = _split_front_matter(text.replace("\r\n", "\n"))
    if not body.strip():
        raise DocumentError("no text after the front matter")
    return Document(
        source_id=default_id(meta.get("url")),
        title=meta.get("title") or name.replace("-", " ").replace("_", " ").title(),
        text=body,
        path=location,
        content_hash=content_hash(data),
        metadata=meta,
    )


def _load_html(
    html: str, data: bytes, location: str, name: str, default_id: Callable[[str | None], str]
) -> Document:
    import trafilatura
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    canonical = soup.find("link", rel="canonical")
    url = canonical.get("href") if canonical is not None else None
    og_url = soup.find("meta", property="og:url")
    if not url and og_url is not None:
        url = og_url.get("content")
    title_tag = soup.find("title")
    body = trafilatura.extract(
        html,
        output_format="markdown",
        include_comments=False,
        include_tables=True,
        include_links=False,
        include_images=False,
        include_formatting=True,
        favor_recall=True,
    )
    if not body or not body.strip():
        raise DocumentError("no main text found in the HTML page")
    source_id = default_id(str(url) if url else None)
    meta = {"format": "html"}
    if url:
        meta["url"] = source_id
    title = title_tag.get_text(strip=True) if title_tag is not None else ""
    return Document(
        source_id=source_id,
        title=title or name,
        text=body,
        path=location,
        content_hash=content_hash(data),
        metadata=meta,
    )


def _load_pdf(
    data: bytes, location: str, name: str, default_id: Callable[[str | None], str]
) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                unlocked = bool(reader.decrypt(""))
            except Exception:
                unlocked = False
            if not unlocked:
                raise DocumentError("encrypted PDF (needs a password); save an unlocked copy")
        pages = [page.extract_text() or "" for page in reader.pages]
        info_title = (reader.metadata.title if reader.metadata else None) or ""
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DocumentError(f"corrupt or unreadable PDF ({type(exc).__name__}: {exc})") from None
    if not any(p.strip() for p in pages):
        raise DocumentError("PDF has no text layer (a scan?); run OCR first")
    starts: list[int] = []
    parts: list[str] = []
    offset = 0
    for page_text in pages:
        starts.append(offset)
        cleaned = page_text.strip() + "\n\n"
        parts.append(cleaned)
        offset += len(cleaned)
    return Document(
        source_id=default_id(None),
        title=str(info_title).strip() or name.replace("-", " ").replace("_", " "),
        text="".join(parts),
        path=location,
        content_hash=content_hash(data),
        metadata={"format": "pdf", "pages": str(len(pages))},
        page_starts=tuple(starts),
    )


def load_corpus(
    root: Path | Iterable[Path],
    max_bytes: int = 20 * 1024 * 1024,
    corpus_dir: Path | None = None,
) -> tuple[list[Document], list[LoadError]]:
    """Load every file under one or more roots; bad files are returned as errors.

    Files inside ``corpus_dir`` are identified relative to it, whichever root
    they were found under.
    """
    roots = [root] if isinstance(root, Path) else list(root)
    home = corpus_dir.resolve() if corpus_dir is not None else None
    documents: list[Document] = []
    errors: list[LoadError] = []
    seen: dict[str, str] = {}
    for base in roots:
        for path in iter_corpus_files(base):
            inside = home is not None and home in path.resolve().parents
            try:
                doc = load_document(path, home if inside and home else base, max_bytes)
            except DocumentError as exc:
                errors.append(LoadError(str(path), str(exc)))
                continue
            except OSError as exc:
                errors.append(LoadError(str(path), f"cannot read file: {exc.strerror or exc}"))
                continue
            if doc.source_id in seen:
                errors.append(
                    LoadError(
                        str(path), f"same source id {doc.source_id!r} as {seen[doc.source_id]}"
                    )
                )
                continue
            seen[doc.source_id] = str(path)
            documents.append(doc)
    return documents, errors
