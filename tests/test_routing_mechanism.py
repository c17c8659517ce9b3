"""How routing's vocabularies are run, not what they hold: a faster path gives the same
answers as the plain one it replaced (docs/performance.md, s28-15p).

``normalise`` is cached (``_normalised``): the same value and source as the uncached body,
on every message of the team's suites (default, injection, dev) and this module's other-
language red flags and near misses (test_other_language_red_flags.py) in all their variants.
"""

from __future__ import annotations

from functools import cache

import pytest
from test_other_language_red_flags import CASES, NEAR_MISSES, variants

from assistant.config import PROJECT_ROOT
from assistant.routing.normalise import Normalised, _normalised, normalise
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
