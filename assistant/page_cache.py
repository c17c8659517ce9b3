"""Ask the kernel to read a start's data files ahead, while the interpreter imports.

After a reboot (or once the page cache has dropped them) a start reads the vector store
(Chroma's SQLite file and vector index), the persisted BM25 index, the ONNX model and the
registry from disk, each at the moment it is first used, one after the other. The
imports before that (Gradio, Chroma, SQLAlchemy: a few seconds of CPU on one core) need
no disk once their own files are cached. ``start(settings)`` tells the kernel, with
``posix_fadvise(WILLNEED)`` on every file, that they will be read: the kernel reads them
in the background (its own I/O, no CPU of this process and nothing handed between
threads or processes), so the reads later find them in memory. Where the files are cached
already it costs a few system calls. Nothing is read into this process, nothing changes
on disk, and a file that cannot be opened is skipped. Linux and other systems with
``posix_fadvise``; elsewhere it does nothing.
"""

from __future__ import annotations

import logging
import os
import stat
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from .config import Settings

log = logging.getLogger(__name__)

MAX_FILES = 10_000
"""Stop after this many files (a store has a few dozen; a misconfigured folder is not
walked for ever)."""


def data_files(settings: Settings) -> list[Path]:
    """The files a start reads from the data folder, largest first: the embedded store (not a
    Chroma server's), the BM25 indexes, the ONNX export, the registry and sentence store,
    and the language identifier's uncompressed model (``routing/language.py``)."""
    roots: list[Path] = [settings.lexical_dir, settings.onnx_dir, settings.sources_db]
    roots.append(settings.data_dir / "sentences.sqlite3")
    roots.extend(sorted((settings.data_dir / "cache").glob("language-model-*.npz")))
    if not settings.chroma_server:
        roots.insert(0, settings.chroma_dir)
    found = list(_files(roots))
    sizes = {path: _size(path) for path in found}
    return sorted(found, key=lambda p: -sizes[p])


def _files(roots: Iterable[Path]) -> Iterator[Path]:
    count = 0
    for root in roots:
        if root.is_file():
            paths: Iterable[Path] = [root]
        elif root.is_dir():
            paths = (p for p in root.rglob("*") if p.is_file())
        else:
            continue
        for path in paths:
            count += 1
            if count > MAX_FILES:
                return
            yield path


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def read_ahead(paths: Iterable[Path]) -> int:
    """``posix_fadvise(WILLNEED)`` on each regular file; returns how many were advised."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return 0
    done = 0
    for path in paths:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            if stat.S_ISREG(os.fstat(fd).st_mode):
                advise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
                done += 1
        except OSError:
            pass
        finally:
            os.close(fd)
    return done


def start(settings: Settings) -> threading.Thread:
    """Advise the kernel about the start's data files on a daemon thread (the walk and the
    system calls need the interpreter only between calls); returns the thread."""

    def run() -> None:
        count = read_ahead(data_files(settings))
        log.debug("page cache: read-ahead asked for %d data file(s)", count)

    thread = threading.Thread(target=run, name="read-ahead", daemon=True)
    thread.start()
    return thread
