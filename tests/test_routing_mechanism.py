"""How routing's vocabularies are run, not what they hold: the faster paths give the same
answers as the plain ones they replaced (docs/performance.md, s28-15p).

- ``find_other_language_red_flag`` works out each reading of the message, whether
  treatment is named and each list's other cues only when a concept first needs them, and
  runs only the lists written mixed with English on a message read as English
  (``Vocabulary.read_as_english``). Compared here with the plain path, which computed all
  of them first and looped over every concept.
- ``normalise`` is cached (``_normalised``): the same value and source as the uncached body.

Messages: the team's suites (default, injection, dev) and this test's own red flags and
near misses in other languages (test_other_language_red_flags.py), each also in the
variants that module checks. Patterns only, no model.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache

import pytest
from test_other_language_red_flags import CASES, NEAR_MISSES, variants

from assistant.config import PROJECT_ROOT
from assistant.routing.normalise import Normalised, _normalised, normalise
from assistant.routing.other_languages import (
    Cues,
    find_other_language_red_flag,
    folded,
    umlauts_spelled_out,
    vocabulary,
    with_tones,
)
from assistant.schema import Route
from evals.suite import load_suites

SUITES = (
    "evals/suites/default.jsonl",
    "evals/suites/injection.jsonl",
    "evals/suites/dev/paraphrase_probes.jsonl",
    "evals/suites/dev/floor_probes.jsonl",
)


@cache
def messages() -> tuple[str, ...]:
    found = [t for c in load_suites([PROJECT_ROOT / s for s in SUITES]) for t in c.turns]
    found += [variants(language, m)[transform] for language, _, m, transform in CASES]
    found += [m for _, m in NEAR_MISSES]
    return tuple(dict.fromkeys(found))


def plain_other_language_red_flag(
    raw: str,
    treatment_context: bool,
    read_as_english: bool = False,
    message_languages: Collection[str] = (),
) -> tuple[Route, str] | None:
    """The path before s28-15p, kept here to compare with: every reading and the treatment
    check first, then every concept in order."""
    text = folded(raw)
    readings = {
        "plain": text,
        "umlauts": umlauts_spelled_out(text),
        "tones": with_tones(folded(raw, marks=True)),
    }
    words = vocabulary()
    treated = treatment_context or words.treated(text)
    message_cues = {lang: words.cues[lang] for lang in message_languages if lang in words.cues}
    for concept in words.concepts:
        if read_as_english and concept.language not in words.mixed_with_english:
            continue
        reading = "tones" if concept.tones else "umlauts" if concept.umlauts else "plain"
        others: tuple[Cues, ...] = tuple(
            c for lang, c in message_cues.items() if lang != concept.language
        )
        if (treated or not concept.needs_treatment) and concept.found_in(readings[reading], others):
            return concept.route, concept.detail
    return None


def test_the_concepts_read_as_english_are_the_mixed_languages_in_order() -> None:
    words = vocabulary()
    assert words.mixed_with_english
    assert words.read_as_english == tuple(
        c for c in words.concepts if c.language in words.mixed_with_english
    )
    assert {c.language for c in words.read_as_english} == set(words.mixed_with_english)


@pytest.mark.slow  # about 5 s of CPU: every suite message through both paths
def test_other_language_red_flags_are_found_as_by_the_plain_path() -> None:
    # each message with one of the four flag settings and one language with cues as the
    # message's language (or none), in turn
    languages: list[tuple[str, ...]] = [(), *((lang,) for lang in sorted(vocabulary().cues))]
    flagged = 0
    for i, message in enumerate(messages()):
        args = (message, i % 2 == 1, (i // 2) % 2 == 1, languages[i % len(languages)])
        found = find_other_language_red_flag(*args)
        assert found == plain_other_language_red_flag(*args), args
        flagged += found is not None
    assert flagged > 20  # the comparison covered red flags, not only messages without one


def test_normalise_gives_what_the_uncached_body_gives() -> None:
    for message in messages():
        cached = normalise(message)
        again = normalise(message)
        plain = _normalised.__wrapped__(message)
        assert isinstance(cached, Normalised)
        assert (cached, cached.source) == (plain, plain.source) == (again, again.source)
    already = normalise("Is a massage ok after chemo?")
    assert normalise(already) == _normalised.__wrapped__(str(already))
    assert normalise(already).source == str(already)


def test_normalise_still_refuses_what_is_not_a_str() -> None:
    with pytest.raises(TypeError, match="must be a str"):
        normalise(b"massage")  # type: ignore[arg-type]
