"""What a start reads faster gives the same values: the packaged YAML files through
libyaml's parser, and word frequencies looked up through ``text.zipf``."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from assistant.text import load_yaml, zipf


def _fresh(code: str, **env: str) -> object:
    """The JSON that ``code`` prints last, run in a fresh interpreter on this tree."""
    import json
    import os
    import subprocess
    import sys

    from assistant.config import PROJECT_ROOT

    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT), **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


PACKAGED = [
    ("assistant", "patient_words.yaml"),
    ("assistant", "other_language_words.yaml"),
    ("assistant.content", "texts.yaml"),
    ("assistant.content", "routing_examples.yaml"),
    ("assistant.content", "red_flags_other_languages.yaml"),
]


@pytest.mark.parametrize(("package", "name"), PACKAGED)
def test_packaged_yaml_reads_the_same_as_safe_load(package: str, name: str) -> None:
    text = resources.files(package).joinpath(name).read_text("utf-8")
    assert load_yaml(text) == yaml.safe_load(text)
    assert load_yaml(text)  # a real file, not an empty one


def test_load_yaml_is_safe_and_reports_bad_yaml() -> None:
    with pytest.raises(yaml.YAMLError):
        load_yaml("!!python/object/apply:os.system ['true']")
    with pytest.raises(yaml.YAMLError):
        load_yaml("a: [1, 2")
    assert load_yaml("a: 1\nb: [x, 'y']\nc: null") == {"a": 1, "b": ["x", "y"], "c": None}


def test_zipf_is_wordfreqs_english_zipf_frequency() -> None:
    from wordfreq import zipf_frequency

    for word in ("the", "massage", "lymphedema", "qwxzvbnk"):
        assert zipf(word) == zipf_frequency(word, "en")
    assert zipf("the") > 6 > zipf("massage") > zipf("lymphedema") > zipf("qwxzvbnk") == 0


def test_threads_that_first_meet_a_rare_word_together_load_the_large_list_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """wordfreq loads a list behind an unlocked cache: without ``text``'s lock, threads
    that look up words only the large list has at the same moment each load it (the first
    wave of users at once after a start, docs/performance.md s30-15)."""
    import threading

    import wordfreq

    zipf("massage")  # the small list, as a start loads it
    loads: list[str] = []
    read = wordfreq.read_cBpack

    def counted(filename: str) -> list[list[str]]:
        loads.append(str(filename))
        return read(filename)

    monkeypatch.setattr(wordfreq, "read_cBpack", counted)
    wordfreq.get_frequency_dict.cache_clear()
    wordfreq.get_frequency_list.cache_clear()
    wordfreq._wf_cache.clear()
    zipf("massage")  # the small list again, read once here
    words = ["lymphedema", "neuropathy", "metastases", "thrombocytopenia", "oncologist"]
    assert all(wordfreq.zipf_frequency(w, "en", wordlist="small") == 0 for w in words)
    loads.clear()
    start = threading.Barrier(len(words))
    found: dict[str, float] = {}

    def look_up(word: str) -> None:
        start.wait()
        found[word] = zipf(word)

    threads = [threading.Thread(target=look_up, args=(w,)) for w in words]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [Path(f).name for f in loads] == ["large_en.msgpack.gz"]
    assert all(found[w] == wordfreq.zipf_frequency(w, "en") > 0 for w in words)


@pytest.mark.slow
def test_zipf_from_the_small_list_first_is_the_default_lists_value_for_every_word() -> None:
    """``zipf`` reads wordfreq's small list first: the same value as its default (large)
    list for each of the small list's words, and for words only the large list has,
    words it lacks, capitals, digits and several tokens."""
    from wordfreq import get_frequency_dict, zipf_frequency

    small = get_frequency_dict("en", "small")
    rare = [w for w in list(get_frequency_dict("en", "large"))[-3000:] if w not in small]
    assert len(small) > 20000 and len(rare) > 1000
    odd = ["Massage", "hiccups", "", "2024", "cancer-related", "ice pack", "Ça"]
    for word in [*small, *rare, *odd]:
        assert zipf(word) == zipf_frequency(word, "en"), word


DEFERRED_CHECK = """
import importlib.util, json, sys
from assistant.web.lean_gradio import prepare_gradio_import
prepare_gradio_import()
import assistant.web.app
import gradio.caching
before = type(sys.modules["pandas"]).__name__
spec_found = importlib.util.find_spec("pandas") is not None
from pandas import Series
import pandas as pd
import pandas.api.types
frame = gradio.caching.pd.DataFrame({"a": [1, 2]})
print(json.dumps({
    "before": before,
    "spec_found": spec_found,
    "after": type(sys.modules["pandas"]).__name__,
    "same_class": gradio.caching.pd.DataFrame is pd.DataFrame is sys.modules["pandas"].DataFrame,
    "series": Series([1]).tolist(),
    "sum": int(frame["a"].sum()),
    "numeric": bool(pandas.api.types.is_numeric_dtype(frame["a"])),
}))
"""


def test_gradio_imports_without_pandas_until_pandas_is_used() -> None:
    """In a fresh interpreter (the stand-in is placed before Gradio's first import)."""
    assert _fresh(DEFERRED_CHECK) == {
        "before": "Deferred",
        "spec_found": True,
        "after": "module",
        "same_class": True,
        "series": [1],
        "sum": 3,
        "numeric": True,
    }


def test_defer_leaves_imported_and_missing_modules_alone() -> None:
    import sys

    from assistant.web.deferred_imports import defer

    assert "json" in sys.modules or __import__("json")
    assert defer("json") is False and type(sys.modules["json"]).__name__ == "module"
    assert defer("no_such_module_here_xyz") is False
    assert "no_such_module_here_xyz" not in sys.modules
    assert defer("os.path") is False


def test_corpus_walk_finds_what_iter_corpus_files_finds(tmp_path: Path) -> None:
    """The start's scandir walk and ``documents.iter_corpus_files`` (``rglob``) agree on a
    tree with nesting, names that sort differently as strings and as paths, hidden
    files and folders, READMEs, other file types, links to files and to folders."""
    from assistant.documents import iter_corpus_files
    from assistant.ingestion import corpus_files

    root = tmp_path / "corpus"
    for rel in (
        "a.md",
        "a-b/x.md",
        "a/x.md",
        "a/b/c/deep.txt",
        "B.md",
        "z.pdf",
        "notes.docx",
        "README.md",
        "sub/readme.txt",
        "sub/Readme.MD",
        ".hidden.md",
        ".git/x.md",
        "sub/.cache/y.md",
        "sub/ok.html",
        "empty/.keep",
    ):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("text")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "linked.md").write_text("text")
    (root / "link-to-file.md").symlink_to(outside / "linked.md")
    (root / "link-to-folder").symlink_to(outside, target_is_directory=True)

    walked = corpus_files(root)
    assert [p for p, _ in walked] == list(iter_corpus_files(root))
    assert [rel for _, rel in walked] == [
        "B.md", "a/b/c/deep.txt", "a/x.md", "a-b/x.md", "a.md", "link-to-file.md",
        "notes.docx", "sub/ok.html", "z.pdf",
    ]  # fmt: skip
    assert all(root / rel == p for p, rel in walked)
    assert corpus_files(root / "a.md") == [(root / "a.md", "")]
    assert corpus_files(tmp_path / "missing") == [] == list(iter_corpus_files(tmp_path / "missing"))


SPAN_EXPORTER_CHECK = """
import json, sys
from assistant.web import CHROMA_SPAN_EXPORTER
from assistant.web.deferred_imports import defer_callable
placed = defer_callable(CHROMA_SPAN_EXPORTER, "OTLPSpanExporter")
again = defer_callable(CHROMA_SPAN_EXPORTER, "OTLPSpanExporter")
import chromadb
from chromadb.telemetry.opentelemetry import OTLPSpanExporter as bound
client = chromadb.EphemeralClient()
collection = client.create_collection("chunks")
collection.add(ids=["a"], embeddings=[[1.0, 0.0]], documents=["x"])
found = collection.query(query_embeddings=[[1.0, 0.0]], n_results=1)["ids"]
grpc_before = "grpc" in sys.modules
exporter = bound(endpoint="http://127.0.0.1:9")
real = sys.modules[CHROMA_SPAN_EXPORTER].OTLPSpanExporter
exporter.shutdown()
print(json.dumps({
    "placed": placed, "again": again, "found": found, "grpc_before": grpc_before,
    "real_class": type(exporter) is real and real.__module__ == CHROMA_SPAN_EXPORTER,
    "grpc_after": "grpc" in sys.modules,
}))
"""


def test_chroma_works_without_its_span_exporter_until_one_is_built() -> None:
    """In a fresh interpreter: Chroma imports and stores without gRPC; calling the
    stand-in it bound builds the real exporter."""
    assert _fresh(SPAN_EXPORTER_CHECK, ANONYMIZED_TELEMETRY="False") == {
        "placed": True,
        "again": False,
        "found": [["a"]],
        "grpc_before": False,
        "real_class": True,
        "grpc_after": True,
    }


DOCSTRINGS = """
import inspect, json, sys
from assistant.web.lean_gradio import prepare_gradio_import, templates_compiled_once
import jinja2
plain = jinja2.Environment.compile
prepare_gradio_import()
if sys.argv[1] == "once":
    with templates_compiled_once():
        import gradio
else:
    import gradio
docs = {}
for name in gradio.components.__all__:
    cls = getattr(gradio.components, name)
    if inspect.isclass(cls):
        for attribute in dir(cls):
            value = getattr(cls, attribute, None)
            if callable(value) and getattr(value, "__doc__", None):
                docs[f"{name}.{attribute}"] = value.__doc__
print(json.dumps({"restored": jinja2.Environment.compile is plain, "docs": docs}))
"""


def test_gradio_docstrings_are_the_same_with_templates_compiled_once() -> None:
    """Two fresh interpreters, Gradio imported with and without the compiled-once
    templates: every component method's docstring is equal."""
    once = _fresh(DOCSTRINGS.replace("sys.argv[1]", "'once'"))
    plain = _fresh(DOCSTRINGS.replace("sys.argv[1]", "'plain'"))
    assert isinstance(once, dict) and isinstance(plain, dict)
    assert once["restored"] is True
    assert len(plain["docs"]) > 200
    assert "{{" not in "".join(plain["docs"].values())  # rendered, not raw templates
    assert once["docs"] == plain["docs"]


def test_templates_compiled_once_renders_as_jinja_does() -> None:
    import jinja2

    from assistant.web.lean_gradio import templates_compiled_once

    plain = jinja2.Environment.compile
    with templates_compiled_once():
        first = jinja2.Template("Hi {{ who }}").render(who="a")
        second = jinja2.Template("Hi {{ who }}").render(who="b")
        env = jinja2.Environment(autoescape=True)
        escaped = env.from_string("{{ x }}").render(x="<b>")
        with pytest.raises(jinja2.TemplateSyntaxError):
            jinja2.Template("{% if %}")
    assert (first, second, escaped) == ("Hi a", "Hi b", "&lt;b&gt;")
    assert jinja2.Environment.compile is plain


def test_collector_is_paused_inside_and_frozen_then_back_on_after() -> None:
    code = """
import gc, json
from assistant.web.collector import paused_then_frozen

class Node:
    pass

seen = {}
before = gc.get_freeze_count()
with paused_then_frozen():
    seen["inside"] = gc.isenabled()
    kept = [Node() for _ in range(500)]
seen["after"] = gc.isenabled()
seen["frozen_more"] = gc.get_freeze_count() - before >= len(kept)
# Collection works as before for what is made afterwards: a new cycle is found.
a = Node(); a.me = a; del a
seen["collected"] = gc.collect() > 0
try:
    with paused_then_frozen():
        raise RuntimeError("a start that fails")
except RuntimeError:
    seen["after_error"] = gc.isenabled()
gc.disable()
with paused_then_frozen():
    pass
seen["left_off"] = not gc.isenabled()
print(json.dumps(seen))
"""
    assert _fresh(code) == {
        "inside": False,
        "after": True,
        "frozen_more": True,
        "collected": True,
        "after_error": True,
        "left_off": True,
    }


@pytest.mark.slow
def test_serve_imports_run_no_collection_and_leave_the_collector_on() -> None:
    code = """
import gc, json, sys
from assistant.config import load_settings
from assistant.web import _import_for_serving
from assistant.web.collector import paused_then_frozen

runs = []
gc.callbacks.append(lambda phase, info: runs.append(phase) if phase == "start" else None)
with paused_then_frozen():
    _import_for_serving(load_settings())
print(json.dumps({
    "collections": len(runs),
    "enabled": gc.isenabled(),
    "frozen": gc.get_freeze_count() > 0,
    "imported": all(
        m in sys.modules
        for m in ("gradio", "chromadb", "assistant.web.app", "assistant.wiring", "uvicorn")
    ),
}))
"""
    assert _fresh(code) == {"collections": 0, "enabled": True, "frozen": True, "imported": True}
