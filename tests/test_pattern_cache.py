"""Regular expressions built from kept programs (``pattern_cache``) are the ones ``re``
compiles: equal patterns, the same matches, and ``re`` as usual when the file is missing,
corrupt, refused or cannot be written."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import pattern_cache
from assistant.config import PROJECT_ROOT

OWN_PATTERNS = [
    (r"\b(?:sore|aching|tender) (?:arm|shoulder)s?\b", 0),
    (r"(?P<who>my (?:mum|dad|wife))\W+(?P<what>\w+)", re.IGNORECASE),
    (r"(?<![^ .])(?:fiebre|calentura)(?![^ .])", 0),
    ("(?x) massage \\s+ (?:after|during) \\s+ (?:chemo|radiotherapy)", 0),
    (r"^(?:pas|plus) (?:de|d')\s*\w+$", re.MULTILINE | re.IGNORECASE),
]
MESSAGES = [
    "My arm is sore and tender since Tuesday",
    "MY WIFE asked about massage during chemo",
    "tengo fiebre. y calentura",
    "massage   after radiotherapy? is it ok",
    "plus de douleur\npas d'appétit",
]


def _kept_file(cache: Path) -> Path:
    name = pattern_cache.cache_name()
    assert name is not None, "this Python's re engine should be supported"
    return cache / name


def _compile_own(cache: Path) -> list[re.Pattern[str]]:
    re.purge()  # re's own cache would answer without compiling
    with pattern_cache.programs_kept(cache):
        return [re.compile(text, flags) for text, flags in OWN_PATTERNS]


def _same(built: list[re.Pattern[str]]) -> None:
    for pattern in built:
        expected = re._compiler.compile(pattern.pattern, pattern.flags & ~re.UNICODE)  # type: ignore[attr-defined]
        assert pattern == expected
        assert pattern.groupindex == expected.groupindex
        assert pattern.groups == expected.groups
        for message in MESSAGES:
            assert [m.span() for m in pattern.finditer(message)] == [
                m.span() for m in expected.finditer(message)
            ]
            assert [m.groupdict() for m in pattern.finditer(message)] == [
                m.groupdict() for m in expected.finditer(message)
            ]


def test_the_second_window_builds_from_the_kept_programs_without_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _compile_own(tmp_path)
    kept = pattern_cache.read(_kept_file(tmp_path))
    assert set(kept) == set(OWN_PATTERNS)
    parsed: list[str] = []
    real_parse = re._parser.parse  # type: ignore[attr-defined]

    def parse(text: object, flags: int = 0, state: object = None) -> object:
        parsed.append(str(text))
        return real_parse(text, flags, state)

    monkeypatch.setattr(re._parser, "parse", parse)  # type: ignore[attr-defined]
    second = _compile_own(tmp_path)
    assert parsed == []  # every one built from its kept program
    assert second == first
    _same(second)


def test_outside_the_window_re_compiles_as_usual(tmp_path: Path) -> None:
    real = re._compiler.compile  # type: ignore[attr-defined]
    with pytest.raises(KeyError), pattern_cache.programs_kept(tmp_path):
        assert re._compiler.compile is not real  # type: ignore[attr-defined]
        raise KeyError("an error inside")
    assert re._compiler.compile is real  # type: ignore[attr-defined]


def test_a_corrupt_file_is_compiled_anew_and_written_again(tmp_path: Path) -> None:
    _compile_own(tmp_path)
    path = _kept_file(tmp_path)
    data = bytearray(path.read_bytes())
    data[-3] ^= 0xFF  # one code changed: the digest no longer agrees
    path.write_bytes(bytes(data))
    assert pattern_cache.read(path) == {}
    _same(_compile_own(tmp_path))
    assert set(pattern_cache.read(path)) == set(OWN_PATTERNS)


def test_a_program_sre_refuses_is_compiled_from_its_text(tmp_path: Path) -> None:
    path = _kept_file(tmp_path)
    wrong = pattern_cache.Program(
        flags=re.UNICODE,
        code=pattern_cache.array.array("I", [7, 7, 7]),
        groups=0,
        groupindex={},
        indexgroup=(None,),
    )
    pattern_cache.write(path, {key: wrong for key in OWN_PATTERNS})
    assert len(pattern_cache.read(path)) == len(OWN_PATTERNS)  # read: its digest agrees
    _same(_compile_own(tmp_path))
    kept = pattern_cache.read(path)
    assert all(kept[key].code.tolist() != [7, 7, 7] for key in OWN_PATTERNS)


def test_a_file_for_another_python_is_not_read(tmp_path: Path) -> None:
    _compile_own(tmp_path)
    path = _kept_file(tmp_path)
    other = path.with_name(path.name.replace("cpython", "otherpython"))
    other.write_bytes(path.read_bytes())
    assert pattern_cache.read(other) == {}  # not this interpreter's name
    header_bytes, _, blob = path.read_bytes().partition(b"\n")
    header = json.loads(header_bytes)
    header["name"] = other.name  # written by another interpreter under this name
    path.write_bytes(json.dumps(header).encode() + b"\n" + blob)
    assert pattern_cache.read(path) == {}


def test_a_folder_that_cannot_be_written_still_compiles(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    _same(_compile_own(blocked / "cache"))
    assert blocked.read_text() == "not a folder"


def test_no_cache_folder_leaves_re_alone() -> None:
    real = re._compiler.compile  # type: ignore[attr-defined]
    with pattern_cache.programs_kept(None):
        assert re._compiler.compile is real  # type: ignore[attr-defined]


_START = """
import json, re, sys
from pathlib import Path

sys.path.insert(0, sys.argv[2])
from suite_messages import suite_messages

from assistant.pattern_cache import programs_kept

built = []
real_compile = re._compile
def recording(pattern, flags):
    p = real_compile(pattern, flags)
    if isinstance(pattern, str):
        built.append(p)
    return p
re._compile = recording
parsed = []
real_parse = re._parser.parse
def parse(text, flags=0, state=None):
    parsed.append(text)
    return real_parse(text, flags, state)
re._parser.parse = parse

with programs_kept(Path(sys.argv[1])):
    from assistant.routing import router  # noqa: F401  (the lexicon, Spanish, topics)
    from assistant.routing.other_languages import vocabulary
    vocabulary()
re._compile = real_compile
re._parser.parse = real_parse

messages = suite_messages()
unequal, differ = [], []
routing = [p for p in built if len(p.pattern) > 200]
for p in built:
    fresh = re._compiler.compile(p.pattern, p.flags & ~re.UNICODE)
    if p != fresh or p.groupindex != fresh.groupindex:
        unequal.append(p.pattern[:60])
for p in routing:
    fresh = re._compiler.compile(p.pattern, p.flags & ~re.UNICODE)
    for m in messages:
        text = m.lower()
        if [x.span() for x in p.finditer(text)] != [x.span() for x in fresh.finditer(text)]:
            differ.append(p.pattern[:60])
            break
print(json.dumps({"built": len(built), "long": len(routing), "parsed": len(parsed),
                  "unequal": unequal, "differ": differ, "messages": len(messages)}))
"""


@pytest.mark.slow
def test_a_second_start_builds_the_routing_patterns_the_same(tmp_path: Path) -> None:
    """Two fresh interpreters, as two starts: the first compiles and keeps the programs,
    the second builds the routing vocabulary's patterns from them (hardly any parsing)
    and every one equals ``re``'s and finds the same spans in every suite message."""
    tests = str(Path(__file__).resolve().parent)

    def start() -> dict[str, object]:
        done = subprocess.run(
            [sys.executable, "-c", _START, str(tmp_path), tests],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=900,
        )
        result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
        return result

    first, second = start(), start()
    assert first["unequal"] == [] and second["unequal"] == []
    assert first["differ"] == [] and second["differ"] == []
    assert first["built"] == second["built"]
    assert int(first["long"]) > 100  # type: ignore[call-overload]
    assert int(first["messages"]) > 1000  # type: ignore[call-overload]
    assert int(second["parsed"]) * 10 < int(first["parsed"])  # type: ignore[call-overload]
