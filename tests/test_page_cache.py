"""The start's read-ahead: which data files it names, and that it only advises the kernel
(real files; nothing read into the process, nothing changed)."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import make_settings

from assistant import page_cache


def a_data_folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    for rel, size in (
        ("chroma/chroma.sqlite3", 3000),
        ("chroma/0b7c/data_level0.bin", 9000),
        ("lexical/oncology_massage/v1-abc/tokens.npy", 5000),
        ("onnx/model-1234.onnx", 7000),
        ("sources.sqlite3", 1000),
        ("sentences.sqlite3", 2000),
        ("conversations.sqlite3", 50_000),
        ("cache/routing-examples.npz", 100),
        ("cache/language-model-0123456789abcdef.npz", 3000),
    ):
        (data / rel).parent.mkdir(parents=True, exist_ok=True)
        (data / rel).write_bytes(b"x" * size)
    return data


def test_the_start_reads_ahead_the_store_indexes_model_and_registry(tmp_path: Path) -> None:
    data = a_data_folder(tmp_path)
    settings = make_settings(data, embedding_onnx_path=data / "onnx")
    files = [p.relative_to(data).as_posix() for p in page_cache.data_files(settings)]
    assert files == [  # largest first; not the conversations or the routing cache
        "chroma/0b7c/data_level0.bin",
        "onnx/model-1234.onnx",
        "lexical/oncology_massage/v1-abc/tokens.npy",
        "chroma/chroma.sqlite3",
        "cache/language-model-0123456789abcdef.npz",
        "sentences.sqlite3",
        "sources.sqlite3",
    ]
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in data.rglob("*") if p.is_file()}
    assert page_cache.read_ahead(page_cache.data_files(settings)) == (
        7 if hasattr(os, "posix_fadvise") else 0
    )
    page_cache.start(settings).join(timeout=30)
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in data.rglob("*") if p.is_file()}
    assert after == before


def test_a_chroma_server_missing_files_and_unreadable_ones_are_skipped(tmp_path: Path) -> None:
    data = a_data_folder(tmp_path)
    settings = make_settings(data, embedding_onnx_path=data / "onnx", chroma_host="localhost")
    files = {p.relative_to(data).as_posix() for p in page_cache.data_files(settings)}
    assert not any(f.startswith("chroma/") for f in files) and len(files) == 5

    empty = make_settings(tmp_path / "nothing-here", embedding_onnx_path=tmp_path / "none")
    assert page_cache.data_files(empty) == []
    assert page_cache.read_ahead([tmp_path / "missing.bin", tmp_path]) == 0
