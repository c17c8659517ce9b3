"""Ingesting the organisation's website: a real HTTP server on 127.0.0.1, real httpx.

The server (``web_server.py``) serves HTML and PDF pages, a sitemap, a
robots.txt that disallows ``/private/``, a 404, a redirect, a page that fails
once with 503 and a page slower than the fetch timeout. Timeouts and retries
are set small so the slow page costs under a second or two. Every failed page
must be reported by its URL while the others still go in; an unchanged page
must cost a conditional request and no embedding.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import make_settings
from web_server import CANONICAL, SLOW_S, Site, running_site

from assistant.cli import EXIT_FAILED_FILES, EXIT_OK, EXIT_USAGE, run_ingest
from assistant.config import PROJECT_ROOT, Settings
from assistant.embeddings import SentenceTransformerEmbeddings
from assistant.fetch import FetchError, WebFetcher, check_url
from assistant.ingestion import ingest
from assistant.sources import SourceRegistry
from assistant.store import VectorStore

FAST_FETCH = {
    "fetch_timeout_s": 0.4,
    "fetch_retries": 1,
    "fetch_backoff_s": 0.01,
    "fetch_delay_s": 0.0,
}
FAST_ENV = {f"ASSISTANT_{k.upper()}": str(v) for k, v in FAST_FETCH.items()}


@pytest.fixture
def site() -> Site:
    with running_site() as running:
        yield running


def fetch_settings(tmp_path: Path, **overrides: object) -> Settings:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    return make_settings(tmp_path / "data", corpus, **FAST_FETCH, **overrides)


def stored_sources(settings: Settings, emb: SentenceTransformerEmbeddings) -> dict[str, int]:
    store = VectorStore.open(settings, emb.model_name, emb.dimension)
    counts: dict[str, int] = {}
    for chunk in store.all_chunks():
        counts[chunk.source_id] = counts.get(chunk.source_id, 0) + 1
    return counts


def test_fetcher_follows_robots_redirects_retries_and_reports_errors(
    tmp_path: Path, site: Site
) -> None:
    with WebFetcher(fetch_settings(tmp_path)) as fetcher:
        page = fetcher.fetch(site.url("/services/massage.html"))
        assert page.data == site.page_html() and page.etag and page.last_modified
        assert page.content_type.startswith("text/html")
        again = fetcher.fetch(site.url("/services/massage.html"), etag=page.etag)
        assert again.not_modified and again.data == b""
        assert site.asked("/services/massage.html")[-1][1] == page.etag

        with pytest.raises(FetchError, match=r"disallowed by robots\.txt"):
            fetcher.fetch(site.url("/private/rota.html"))
        assert site.asked("/private/rota.html") == [], "a disallowed page must not be requested"

        with pytest.raises(FetchError, match=r"^HTTP 404 Not Found$"):
            fetcher.fetch(site.url("/missing.html"))

        moved = fetcher.fetch(site.url("/old-training"))
        assert moved.final_url == site.url("/training.html") and b"Therapist Training" in moved.data

        started = time.monotonic()
        with pytest.raises(FetchError, match=r"timed out after 0.4 s \(2 tries\)"):
            fetcher.fetch(site.url("/slow.html"))
        assert time.monotonic() - started < SLOW_S * 2, "the timeout must bound the wait"
        assert len(site.asked("/slow.html")) == 2, "one try and one bounded retry"

        flaky = fetcher.fetch(site.url("/flaky.html"))
        assert b"Flaky Page Recovered" in flaky.data and len(site.asked("/flaky.html")) == 2

        pdf = fetcher.fetch(site.url("/leaflet.pdf"))
        assert pdf.data == site.pdf and pdf.content_type == "application/pdf"
    assert len(site.asked("/robots.txt")) == 1, "robots.txt is read once per site"


def test_redirect_into_a_disallowed_path_is_refused(tmp_path: Path) -> None:
    site = Site(robots="User-agent: *\nDisallow: /training.html\n")
    with running_site(site), WebFetcher(fetch_settings(tmp_path)) as fetcher:
        with pytest.raises(FetchError, match=r"disallowed by robots\.txt.*redirected to"):
            fetcher.fetch(site.url("/old-training"))
        assert site.asked("/training.html") == []


def test_robots_txt_for_our_user_agent_and_crawl_delay(tmp_path: Path) -> None:
    robots = (
        "User-agent: OncologyMassageAssistant\nDisallow: /leaflet.pdf\nCrawl-delay: 2\n\n"
        "User-agent: *\nDisallow:\n"
    )
    site = Site(robots=robots)
    pauses: list[float] = []
    settings = fetch_settings(tmp_path)
    with running_site(site), WebFetcher(settings, sleep=pauses.append) as fetcher:
        with pytest.raises(FetchError, match="disallowed"):
            fetcher.fetch(site.url("/leaflet.pdf"))
        fetcher.fetch(site.url("/training.html"))
        fetcher.fetch(site.url("/services/massage.html"))
    assert pauses and all(1 < p <= 2 for p in pauses), "Crawl-delay spaces the requests"


def test_sitemap_lists_only_pages_on_its_own_site(tmp_path: Path, site: Site) -> None:
    with WebFetcher(fetch_settings(tmp_path, fetch_max_pages=5)) as fetcher:
        listing = fetcher.sitemap(site.url("/sitemap.xml"))
    assert listing.urls == [site.url(p) for p in site.sitemap_paths][:5]
    assert [u for u, _ in listing.errors] == ["http://other-site.invalid/page.html"]
    assert "only the first 5" in listing.notes[0]


def test_check_url_refuses_what_is_not_http() -> None:
    assert check_url("https://example.org/a#top") == "https://example.org/a"
    for bad in ("ftp://example.org/x", "example.org/page", "file:///etc/passwd"):
        with pytest.raises(ValueError, match="not an http"):
            check_url(bad)


def test_sitemap_ingest_reports_each_failed_page_and_the_rest_go_in(
    tmp_path: Path,
    site: Site,
    embeddings: SentenceTransformerEmbeddings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings = fetch_settings(tmp_path)
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(settings.corpus_dir))
    for name, value in FAST_ENV.items():
        monkeypatch.setenv(name, value)
    sitemap = site.url("/sitemap.xml")

    assert run_ingest(["--sitemap", sitemap, "--quiet"]) == EXIT_FAILED_FILES
    out, err = capsys.readouterr()
    failed = dict(
        line.removeprefix("   failed  ").split(": ", 1)
        for line in err.splitlines()
        if line.startswith("   failed  ")
    )
    assert failed == {
        site.url("/private/rota.html"): "disallowed by robots.txt",
        site.url("/missing.html"): "HTTP 404 Not Found",
        site.url("/slow.html"): "timed out after 0.4 s (2 tries)",
        "http://other-site.invalid/page.html": (f"not on the sitemap's site {site.base}; skipped"),
    }
    added = re.findall(r"^\s+added  (\S+)  ", out, re.M)
    assert sorted(added) == sorted(
        [CANONICAL, site.url("/leaflet.pdf"), site.url("/training.html"), site.url("/flaky.html")]
    ), "canonical link, else the address after redirects, is the source id"
    assert "4 added" in out and "4 failed" in out

    counts = stored_sources(settings, embeddings)
    assert set(counts) == set(added)
    store = VectorStore.open(settings, embeddings.model_name, embeddings.dimension)
    pdf_chunks = [c for c in store.all_chunks() if c.source_id == site.url("/leaflet.pdf")]
    assert {c.page for c in pdf_chunks} == {1, 2, 3}
    assert all(c.title == "Clinic Leaflet" for c in pdf_chunks)
    assert not any("NAVMARKER" in c.text for c in store.all_chunks())

    assert run_ingest(["--list", "--json"]) == EXIT_OK
    listed = {s["source_id"]: s for s in json.loads(capsys.readouterr().out)["sources"]}
    page = listed[CANONICAL]
    assert page["origin_kind"] == "sitemap" and page["origin"] == sitemap
    assert page["location"] == site.url("/services/massage.html") and page["etag"]
    assert listed[site.url("/training.html")]["location"] == site.url("/old-training")

    # Again: the page with an ETag costs a 304; nothing is parsed or embedded.
    before = len(site.asked("/services/massage.html"))
    assert run_ingest(["--sitemap", sitemap, "--quiet"]) == EXIT_FAILED_FILES
    out, _ = capsys.readouterr()
    assert "0 added, 0 updated, 0 removed, 4 unchanged, 4 failed" in out
    assert "chunks written: 0, deleted: 0" in out
    asked = site.asked("/services/massage.html")[before:]
    assert len(asked) == 1 and asked[0][1] == page["etag"]

    # The page changes on the site: only it is re-chunked, and its old chunks go.
    site.page_extra = "From January, sessions also take place on the radiotherapy ward."
    assert run_ingest(["--url", site.url("/services/massage.html"), "--quiet"]) == EXIT_OK
    out, _ = capsys.readouterr()
    assert re.search(rf"^\s+updated  {re.escape(CANONICAL)}  ", out, re.M)
    texts = " ".join(c.text for c in store.all_chunks() if c.source_id == CANONICAL)
    assert "radiotherapy ward" in texts and "day unit" not in texts
    assert stored_sources(settings, embeddings).keys() == counts.keys()

    # A page that fails later keeps what was stored for it.
    site.sitemap_paths = ("/services/massage.html",)
    with SourceRegistry.open(settings) as registry:
        registry.put(registry.get(CANONICAL).touched(etag=None))  # type: ignore[union-attr]
    assert run_ingest(["--url", site.url("/missing.html"), "--quiet"]) == EXIT_FAILED_FILES
    capsys.readouterr()
    assert stored_sources(settings, embeddings).keys() == counts.keys()


def test_unsupported_urls_are_usage_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    with pytest.raises(SystemExit) as caught:
        run_ingest(["--url", "ftp://example.org/file.pdf"])
    assert caught.value.code == EXIT_USAGE
    assert "not an http(s) URL: 'ftp://example.org/file.pdf'" in capsys.readouterr().err
    assert not (tmp_path / "data").exists()


def test_rebuild_re_reads_web_pages_from_the_kept_copy_without_the_network(
    tmp_path: Path, embeddings: SentenceTransformerEmbeddings
) -> None:
    settings = fetch_settings(tmp_path)
    with running_site() as site:
        urls = [site.url("/services/massage.html"), site.url("/leaflet.pdf")]
        first = ingest(settings, urls=urls, embeddings=embeddings, progress=False)
        assert first.failed == [] and first.count("added") == 2
    store = VectorStore.open(settings, embeddings.model_name, embeddings.dimension)
    before = sorted(c.chunk_id for c in store.all_chunks())

    rebuilt = ingest(settings, rebuild=True, embeddings=embeddings, progress=False)
    assert rebuilt.failed == [] and rebuilt.notes == []
    assert {c.source_id for c in rebuilt.changes} == {CANONICAL, urls[1]}
    assert sorted(c.chunk_id for c in store.all_chunks()) == before


def run_script(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=600
    )


AFTER_RESTART = """
import json
from assistant.config import load_settings
from assistant.wiring import build_assistant
settings = load_settings(_env_file=None)
assistant = build_assistant(settings, progress=False)
found = assistant.retriever.retrieve("How do I book an oncology massage at the clinic?")
print(json.dumps({
    "sources": sorted({c.source_id for c in assistant.retriever.store.all_chunks()}),
    "top": [p.chunk.source_id for p in found.passages[:3]],
}))
"""


@pytest.mark.slow
def test_pages_from_the_website_survive_plain_ingest_runs_and_app_restarts(
    tmp_path: Path, site: Site
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "note.md").write_text(
        "---\nurl: https://example.org/note\n---\n# Note\n\nRest after a gentle massage.\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env["PYTHONPATH"] = str(PROJECT_ROOT)  # this checkout's package in "python -c"
    env.update(FAST_ENV, ASSISTANT_DATA_DIR=str(tmp_path / "data"))
    env["ASSISTANT_CORPUS_DIR"] = str(corpus)
    ingest_py = str(PROJECT_ROOT / "ingest.py")

    added = run_script(
        [ingest_py, "--url", site.url("/services/massage.html"), "--quiet"], env, tmp_path
    )
    assert added.returncode == EXIT_OK, added.stderr
    assert re.search(rf"^\s+added  {re.escape(CANONICAL)}  ", added.stdout, re.M)

    plain = run_script([ingest_py, "--quiet"], env, tmp_path)
    assert plain.returncode == EXIT_OK, plain.stderr
    assert "1 added, 0 updated, 0 removed" in plain.stdout and CANONICAL not in plain.stdout
    again = run_script(["-m", "assistant", "ingest", "--quiet"], env, tmp_path)
    assert "0 removed, 1 unchanged" in again.stdout, again.stdout

    restarted = run_script(["-c", AFTER_RESTART], env, tmp_path)
    assert restarted.returncode == 0, restarted.stderr
    result = json.loads(restarted.stdout.strip().splitlines()[-1])
    assert result["sources"] == sorted([CANONICAL, "https://example.org/note"])
    assert result["top"][0] == CANONICAL

    listed = run_script([ingest_py, "--list"], env, tmp_path)
    assert listed.returncode == EXIT_OK
    [row] = [line for line in listed.stdout.splitlines() if line.startswith(CANONICAL)]
    assert f"url:{site.url('/services/massage.html')}" in row
    assert "2 sources" in listed.stdout
