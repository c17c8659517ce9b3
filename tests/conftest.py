"""Shared fixtures: the real embedding model (loaded once) and real Chroma stores."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT, Settings, load_settings
from assistant.embeddings import SentenceTransformerEmbeddings, embeddings_for

CORPUS = PROJECT_ROOT / "corpus"


@pytest.fixture(autouse=True)
def _no_ambient_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests build their settings explicitly; a developer's ASSISTANT_* must not leak in."""
    for name in list(os.environ):
        if name.startswith("ASSISTANT_") and not name.startswith("ASSISTANT_TEST_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(PROJECT_ROOT / "tests")


@pytest.fixture(scope="session")
def embeddings() -> SentenceTransformerEmbeddings:
    emb = embeddings_for(load_settings(_env_file=None))  # the default backend (onnx)
    _ = emb.dimension
    return emb


@pytest.fixture(scope="module")
def vote_routers(embeddings: SentenceTransformerEmbeddings) -> tuple[object, object]:
    """Two routers with embeddings: the multilingual safety vote on, and off."""
    from assistant.routing import Router

    on = load_settings(_env_file=None)
    off = on.model_copy(update={"multilingual_safety_vote": False})
    return Router(on, embeddings), Router(off, embeddings)


@pytest.fixture(scope="module")
def patterns_router() -> object:
    """A router without embeddings: the word lists decide alone."""
    from assistant.routing import Router

    return Router(load_settings(_env_file=None), None)


def make_settings(data_dir: Path, corpus_dir: Path = CORPUS, **overrides: object) -> Settings:
    return load_settings(_env_file=None, data_dir=data_dir, corpus_dir=corpus_dir, **overrides)


@pytest.fixture
def tmp_corpus(tmp_path: Path) -> Path:
    """A writable copy of the default corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


@pytest.fixture(scope="session")
def default_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings over the default corpus with its own data folder, ingested once per session."""
    return make_settings(tmp_path_factory.mktemp("default-data"))


@pytest.fixture(scope="session")
def assistant(
    default_settings: Settings, embeddings: SentenceTransformerEmbeddings
) -> Iterator[object]:
    from assistant.wiring import build_assistant

    yield build_assistant(default_settings, embeddings=embeddings, progress=False)
