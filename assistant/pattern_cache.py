"""Regular expressions' compiled programs kept across starts (issue 17, s34-17).

Compiling the routing vocabulary's patterns (the English lexicon's generated
alternations, the other languages' red flags) was about 0.8 s of the CPU of every
start. ``re`` compiles a pattern in two steps: in Python, the pattern text is parsed and
turned into a program (flags, a list of integer codes, the group count and names); in C,
``_sre.compile`` builds the ``re.Pattern`` from that program. Within ``programs_kept``
the first step is skipped for a pattern whose program was kept by an earlier start: the
program is read from a file in the data folder's cache and handed to ``_sre.compile``,
which checks it and builds the same pattern object ``re.compile`` builds (equal code,
flags and groups: tested on every pattern the app compiles). A program is kept only
after the pattern built from it compared equal to ``re``'s own.

The file holds JSON (the patterns, their flags and groups) and the codes as raw 32-bit
integers, never pickle; it is named for the Python version, ``_sre.MAGIC`` and the code
size, and its codes are checked against a digest. Anything unexpected (another Python, a
missing private function, an unreadable, corrupt or unwritable file) leaves ``re``
compiling as usual.
"""

from __future__ import annotations

import array
import contextlib
import hashlib
import json
import os
import re
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMAT = 1


@dataclass(frozen=True)
class Program:
    """What ``_sre.compile`` needs besides the pattern text: the compiled program."""

    flags: int
    code: array.array[int]
    groups: int
    groupindex: dict[str, int]
    indexgroup: tuple[str | None, ...]


def _engine() -> tuple[Any, Any, Any] | None:
    """``re``'s compiler module, its parser and ``_sre``, or None if this Python's
    ``re`` is not built the way this module expects."""
    try:
        import _sre

        compiler = re._compiler  # type: ignore[attr-defined]
        parser = re._parser  # type: ignore[attr-defined]
    except (ImportError, AttributeError):
        return None
    needed = (
        callable(getattr(compiler, "compile", None))
        and callable(getattr(compiler, "_code", None))
        and callable(getattr(parser, "parse", None))
        and callable(getattr(_sre, "compile", None))
        and isinstance(getattr(_sre, "MAGIC", None), int)
        and getattr(_sre, "CODESIZE", None) == array.array("I").itemsize == 4
    )
    return (compiler, parser, _sre) if needed else None


def cache_name() -> str | None:
    """The file's name for this interpreter and ``re`` engine (None: not supported)."""
    engine = _engine()
    if engine is None:
        return None
    version = "-".join(str(part) for part in sys.version_info[:3])
    tag = f"{sys.implementation.name}-{version}-{engine[2].MAGIC}-{sys.byteorder}"
    return f"regex-programs-{tag}-v{FORMAT}.bin"


def program_of(pattern: str, flags: int) -> Program:
    """The program ``re.compile(pattern, flags)`` hands to ``_sre.compile`` (the steps
    of ``re._compiler.compile`` before that call)."""
    engine = _engine()
    if engine is None:
        raise RuntimeError("this Python's re engine is not supported")
    compiler, parser, _ = engine
    parsed = parser.parse(pattern, flags)
    code = compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return Program(
        flags=flags | parsed.state.flags,
        code=array.array("I", code),
        groups=parsed.state.groups - 1,
        groupindex=groupindex,
        indexgroup=tuple(indexgroup),
    )


def pattern_from(pattern: str, program: Program) -> re.Pattern[str]:
    """The ``re.Pattern`` ``_sre.compile`` builds from ``program`` (it checks the codes)."""
    engine = _engine()
    if engine is None:
        raise RuntimeError("this Python's re engine is not supported")
    built: re.Pattern[str] = engine[2].compile(
        pattern,
        program.flags,
        program.code.tolist(),
        program.groups,
        dict(program.groupindex),
        program.indexgroup,
    )
    return built


def read(path: Path) -> dict[tuple[str, int], Program]:
    """The programs kept in ``path``; empty if it is missing, unreadable, corrupt or
    written for another interpreter."""
    name = cache_name()
    if name is None or path.name != name:
        return {}
    try:
        data = path.read_bytes()
        header_bytes, _, blob = data.partition(b"\n")
        header = json.loads(header_bytes)
        if header.get("name") != name or header.get("digest") != hashlib.sha256(blob).hexdigest():
            return {}
        codes = array.array("I")
        codes.frombytes(blob)
        kept = {}
        for pattern, flags, final, groups, groupindex, indexgroup, start, size in header["entries"]:
            kept[(str(pattern), int(flags))] = Program(
                flags=int(final),
                code=codes[start : start + size],
                groups=int(groups),
                groupindex={str(k): int(v) for k, v in groupindex.items()},
                indexgroup=tuple(None if g is None else str(g) for g in indexgroup),
            )
        return kept
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def write(path: Path, programs: dict[tuple[str, int], Program]) -> None:
    """``programs`` in ``path``, written to a temporary name and renamed in, so a reader
    never sees half a file; an ``OSError`` only skips it."""
    name = cache_name()
    if name is None:
        return
    codes = array.array("I")
    entries = []
    for (pattern, flags), program in programs.items():
        entries.append(
            [
                pattern,
                flags,
                program.flags,
                program.groups,
                program.groupindex,
                list(program.indexgroup),
                len(codes),
                len(program.code),
            ]
        )
        codes.extend(program.code)
    blob = codes.tobytes()
    header = {"name": name, "digest": hashlib.sha256(blob).hexdigest(), "entries": entries}
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as handle:
            handle.write(json.dumps(header).encode("ascii"))
            handle.write(b"\n")
            handle.write(blob)
        tmp.replace(path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


@contextlib.contextmanager
def programs_kept(cache_dir: Path | None) -> Iterator[None]:
    """Within it (any thread), a ``str`` pattern ``re`` compiles is built from the
    program kept in ``cache_dir`` when there is one; on leaving, the file is rewritten
    with the programs used within if any was missing, refused or unused (so it follows
    the vocabulary's edits). With ``cache_dir`` None or an unsupported Python it does
    nothing."""
    name = cache_name()
    engine = _engine()
    if cache_dir is None or name is None or engine is None:
        yield
        return
    compiler = engine[0]
    real = compiler.compile
    path = cache_dir / name
    kept = read(path)
    used: dict[tuple[str, int], Program] = {}
    compiled_anew: set[tuple[str, int]] = set()
    lock = threading.Lock()

    def compile(p: Any, flags: int = 0) -> Any:
        if not isinstance(p, str) or type(flags) is not int or flags & re.DEBUG:
            return real(p, flags)
        key = (p, flags)
        program = kept.get(key)
        if program is not None:
            with contextlib.suppress(Exception):  # a program _sre refuses: compiled anew
                built = pattern_from(p, program)
                with lock:
                    used[key] = program
                return built
        compiled = real(p, flags)
        with contextlib.suppress(Exception):
            program = program_of(p, flags)
            if pattern_from(p, program) == compiled:  # kept only if it builds the same
                with lock:
                    used[key] = program
                    compiled_anew.add(key)
        return compiled

    compiler.compile = compile
    try:
        yield
    finally:
        compiler.compile = real
        with lock:
            changed = bool(compiled_anew) or used.keys() != kept.keys()
            keep = dict(used)
        if changed and keep:
            write(path, keep)
