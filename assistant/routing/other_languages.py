"""Red flags in languages the assistant does not answer in: reviewed data only.

The assistant answers in English and Spanish. A message in another language gets the
"English only" reply, which gives the emergency and crisis numbers; but a person who
writes "I want to die" or "chest pain on chemo" in their own language must get the
safety reply itself, so the plain words for each red-flag concept, per language, are
kept in ``assistant/content/red_flags_other_languages.yaml`` (with the published
references they come from and their review status) and looked for here. Matching is on
the message lower-cased with accents and other combining marks removed; the patterns are
folded the same way when loaded.

A list entry is either a regular expression or a ``near`` rule: word beginnings that must
all stand in one clause, in any order, within a few words of each other (``{near:
[skocz, balkon|okn]}`` reads "skoczyć z balkonu", "z okna skoczę", "skoczyc z balkonu").
A beginning matches every ending of the word, so one rule covers the inflections, word
orders and the spelling without accents that independent writers use, where a listed
phrase covers one of them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import permutations
from typing import Any

from ..schema import Route
from ..text import load_yaml, strip_marks

DATA_PACKAGE = "assistant.content"
DATA_RESOURCE = "red_flags_other_languages.yaml"
KINDS = {"crisis": Route.CRISIS, "emergency": Route.EMERGENCY}
NEGATION_WINDOW = 16
"""How many characters before (or after) a sign a negator may stand: about three words."""
RESOLVED_WINDOW = 28
"""How far after (or before) a sign a past time may stand: about five words."""
ABOUT_WINDOW = 30
"""How far before a crisis word a topic word may stand ("an article on the prevention of")."""
CRISIS_DETAILS = frozenset({"suicidal_thoughts", "self_harm", "abuse"})
NEAR_WORDS = 4
"""How many other words may stand between two words of a ``near`` rule (spaced scripts)."""
NEAR_CHARACTERS = 10
"""How many other characters may stand between two parts of a ``near`` rule in a script
written without spaces (Chinese, Japanese)."""
CLAUSE_BREAKS = frozenset(".,;:!?\n，。；：！？、")
"""Clause punctuation, kept as a " . " token so negation never reaches across it."""


def folded(raw: str, marks: bool = False) -> str:
    """Lower case, combining marks removed ("não" -> "nao", "đau" -> "dau"; kept with
    ``marks``), clause punctuation made a " . " token, other punctuation and symbols
    turned into spaces, spaces collapsed. Letters and vowel signs of every script are kept
    (Devanagari matras are marks of their own category, not punctuation)."""
    text = raw.lower() if marks else strip_marks(raw.lower())
    text = "".join(
        " . " if c in CLAUSE_BREAKS else " " if unicodedata.category(c)[0] in "PSZC" else c
        for c in text
    )
    return " ".join(text.split())


_TONE_CODES = {"\u0302": "1", "\u0306": "2", "\u031b": "3", "\u0300": "4", "\u0301": "5"}
_TONE_CODES |= {"\u0309": "6", "\u0303": "7", "\u0323": "8"}
"""Vietnamese marks (circumflex, breve, horn, the five tones) as digits ("đ" reads "d")."""


def with_tones(text: str, pattern: bool = False) -> str:
    """``text`` (lower case, marks kept) with each word's marks written as digits after
    its letters, in a fixed order: "từ từ" -> "tu34 tu34" but "tự tử" -> "tu38 tu36";
    "hóa" and "hoá" (the tone on either vowel) both -> "hoa5". Folding drops the marks,
    so Vietnamese words that differ only by them read alike ("từ từ", slowly, and "tự
    tử", suicide); written with them, they are told apart this way. In a ``pattern`` a
    word's marks are optional ("tu(?:38)?(?![0-9])"): a word typed without marks still
    matches, one typed with other marks does not."""
    out: list[str] = []
    letters: list[str] = []
    codes: list[str] = []

    def close() -> None:
        marks = "".join(sorted(codes))
        if pattern and marks:
            marks = f"(?:{marks})?(?![0-9])"
        out.append("".join(letters) + marks)
        letters.clear()
        codes.clear()

    for c in unicodedata.normalize("NFD", text):
        if unicodedata.combining(c):
            codes.append(_TONE_CODES.get(c, "9"))
        elif c == "đ":
            letters.append("d")
        elif c.isalpha():
            letters.append(c)
        else:
            if letters or codes:
                close()
            out.append(c)
    if letters or codes:
        close()
    return "".join(out)


_SPELLED_UMLAUTS = re.compile(r"(?<=[aou])e|ß")


def umlauts_spelled_out(text: str) -> str:
    """``text`` (folded) with German umlauts read alike however they were typed: "ü", "ue"
    and "u" all become "u", "ß" becomes "ss" ("verprügelt", "verpruegelt" and "verprugelt"
    all read "verprugelt"; "Feuer" reads "feur", in the message and the patterns alike)."""
    return _SPELLED_UMLAUTS.sub(lambda m: "ss" if m.group(0) == "ß" else "", text)


@dataclass(frozen=True)
class Cues:
    """A language's words around a sign that change what it means (data file keys of the
    same names): a negator just before (``negators``) or after (``negators_after``) an
    emergency sign cancels it; a past time near it (``resolved``: "last month", "上个月")
    makes it a past event, unless the clause also says it is still going on (``still``)
    or cancer treatment is named between the two ("chemo last week and now a fever" is
    not a past fever); a topic to read or write about (``about``: "an article on", "a
    thesis about") ending just before a crisis word makes it a topic, not a disclosure."""

    negators: re.Pattern[str] | None = None
    negators_after: re.Pattern[str] | None = None
    resolved: re.Pattern[str] | None = None
    still: re.Pattern[str] | None = None
    about: re.Pattern[str] | None = None
    treatment: re.Pattern[str] | None = None

    def cancel(self, clause_before: str, sign: str, clause_after: str) -> bool:
        """Whether an emergency ``sign``, between these two parts of its clause, is negated
        or told as over by these cues."""
        if self.negators is not None and self.negators.search(clause_before[-NEGATION_WINDOW:]):
            return True
        if self.negators_after is not None and self.negators_after.search(
            clause_after[:NEGATION_WINDOW]
        ):
            return True
        return self.past(clause_before, sign, clause_after)

    def past(self, clause_before: str, sign: str, clause_after: str) -> bool:
        """Whether ``sign``, between these two parts of its clause, is told as over."""
        if self.resolved is None:
            return False
        if self.still is not None and self.still.search(f"{clause_before}{sign}{clause_after}"):
            return False
        before, after = clause_before[-RESOLVED_WINDOW:], clause_after[:RESOLVED_WINDOW]
        gaps = [before[m.end() :] for m in self.resolved.finditer(before)]
        gaps += [after[: m.start()] for m in self.resolved.finditer(after)]
        return any(self.treatment is None or not self.treatment.search(gap) for gap in gaps)


@dataclass(frozen=True)
class Concept:
    language: str
    route: Route
    detail: str
    pattern: re.Pattern[str]
    needs_treatment: bool
    cues: Cues
    umlauts: bool = False
    """Read on the message with umlauts spelled out alike (``umlauts_spelled_out``)."""
    tones: bool = False
    """Read on the message's marks (``with_tones``): a language whose marks tell words
    apart (Vietnamese)."""

    def found_in(self, text: str, message_cues: tuple[Cues, ...] = ()) -> bool:
        """A match of the concept; an emergency sign negated in its own clause ("sem
        febre", "pas de fièvre", "不发烧", "बुखार नहीं") or told as past ("febre no mês
        passado") does not count, by the cues of the concept's language or by
        ``message_cues``, those of the languages the message may be written in: every
        list runs on every message in another language, so a word two languages share
        ("AVC", "convulsioni", "吐血") is also read by the rules of the language it is
        written in ("un AVC l'an dernier", "non ha convulsioni", "吐血はありません").
        Crisis and abuse are never negated nor past, as in English, but a crisis word
        read as a topic ("an article about suicide") is not a disclosure."""
        cues = self.cues
        for match in self.pattern.finditer(text):
            clause_before = text[: match.start()].rsplit(" . ", 1)[-1]
            clause_after = text[match.end() :].split(" . ", 1)[0]
            if self.route is Route.CRISIS:
                if cues.about is not None and cues.about.search(clause_before[-ABOUT_WINDOW:]):
                    continue
                return True
            sign = match.group(0)
            if cues.cancel(clause_before, sign, clause_after):
                continue
            if any(c.cancel(clause_before, sign, clause_after) for c in message_cues) and not (
                cues.still is not None and cues.still.search(f"{clause_before}{sign}{clause_after}")
            ):
                # When the two readings disagree, a word of the list's own language that
                # says the sign is going on now keeps it (Dutch "nu", now, is Romanian
                # "not"): the identifier is sometimes sure and wrong.
                continue
            return True
        return False


@dataclass(frozen=True)
class Vocabulary:
    concepts: tuple[Concept, ...]
    treatment: dict[str, re.Pattern[str]]
    names: dict[str, str]
    mixed_with_english: frozenset[str] = frozenset()
    """Languages usually written mixed with English words and in Latin letters (Hinglish,
    Taglish), which the language identifier reads as English: their lists run on every
    message."""
    umlauts_spelled_out: frozenset[str] = frozenset()
    """Languages whose lists read the message with umlauts spelled out alike (German:
    "ue" typed for "ü" on a keyboard without it)."""
    cues: dict[str, Cues] = field(default_factory=dict)
    """Each language's negation, past-time and topic cues."""

    def treated(self, text: str) -> bool:
        """Whether cancer treatment is named in ``text`` (folded) in any language."""
        spelled = umlauts_spelled_out(text)
        return any(
            p.search(spelled if language in self.umlauts_spelled_out else text)
            for language, p in self.treatment.items()
        )

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.names)


def _optional(
    patterns: Any, where: str, umlauts: bool = False, tones: bool = False
) -> re.Pattern[str] | None:
    return None if patterns is None else _compile(patterns, where, umlauts=umlauts, tones=tones)


def _near(rule: Any, spaced: bool, where: str, umlauts: bool = False, tones: bool = False) -> str:
    """The regular expression of a ``near`` rule: its word beginnings in any order, in one
    clause, at most ``NEAR_WORDS`` words (``NEAR_CHARACTERS`` characters without spaces)
    apart. A beginning is the start of a word in spaced scripts."""
    parts = rule.get("near") if isinstance(rule, dict) and set(rule) == {"near"} else None
    if (
        not isinstance(parts, list)
        or not 2 <= len(parts) <= 3
        or not all(isinstance(p, str) and p for p in parts)
    ):
        raise ValueError(f"{DATA_RESOURCE}: {where}: a near rule needs two or three words")
    folded = [f"(?:{_folded_pattern(p, umlauts, tones)})" for p in parts]
    if not spaced:
        gap = f"[^.]{{0,{NEAR_CHARACTERS}}}?"
        return "|".join(gap.join(order) for order in permutations(folded))
    # The first word starts a word; the others follow a space. The start is looked for
    # once for all the orders (a third of the matching time).
    words = [rf"{p}[^ .]*" for p in folded]
    gap = rf"(?: [^ .]+){{0,{NEAR_WORDS}}} "
    return rf"(?<!\w)(?:{'|'.join(gap.join(order) for order in permutations(words))})"


_LOOKBEHIND = re.compile(r"\(\?<([!=])([^()]*)\)")


def _toned_pattern(pattern: str) -> str:
    """A pattern read with ``with_tones``; a look-behind (which needs a fixed width) is
    written twice, for its words typed with their marks and typed without."""
    parts = _LOOKBEHIND.split(pattern)
    out = [with_tones(parts[0], pattern=True)]
    for sign, words, rest in zip(parts[1::3], parts[2::3], parts[3::3], strict=True):
        marked, plain = with_tones(words), strip_marks(words)
        both = f"(?<!{marked})(?<!{plain})" if sign == "!" else f"(?:(?<={marked})|(?<={plain}))"
        out += [both, with_tones(rest, pattern=True)]
    return "".join(out)


def _folded_pattern(pattern: str, umlauts: bool, tones: bool = False) -> str:
    if tones:
        return _toned_pattern(pattern.lower())
    text = strip_marks(pattern.lower())
    return umlauts_spelled_out(text) if umlauts else text


def _compile(
    patterns: Any, where: str, spaced: bool = True, umlauts: bool = False, tones: bool = False
) -> re.Pattern[str]:
    if (
        not isinstance(patterns, list)
        or not patterns
        or not all((isinstance(p, str) and p) or isinstance(p, dict) for p in patterns)
    ):
        raise ValueError(f"{DATA_RESOURCE}: {where} must be a list of patterns")
    try:
        return re.compile(
            "|".join(
                f"(?:{_folded_pattern(p, umlauts, tones)})"
                if isinstance(p, str)
                else f"(?:{_near(p, spaced, where, umlauts, tones)})"
                for p in patterns
            )
        )
    except re.error as exc:
        raise ValueError(f"{DATA_RESOURCE}: {where}: {exc}") from exc


def parse(data: Any) -> Vocabulary:
    """The vocabulary from the data file's content; a clear error names a bad entry."""
    if not isinstance(data, dict) or not isinstance(data.get("languages"), dict):
        raise ValueError(f"{DATA_RESOURCE}: needs a `languages` mapping")
    needs_treatment = set(data.get("needs_treatment") or ())
    concepts: list[Concept] = []
    treatment: dict[str, re.Pattern[str]] = {}
    names: dict[str, str] = {}
    mixed: set[str] = set()
    spelled: set[str] = set()
    languages = data["languages"]
    # A topic word of any language counts: the crisis words shared by several languages
    # ("suicídio", "suicidio", "suicide") are looked for with every language's list.
    topics = [
        p
        for entry in languages.values()
        if isinstance(entry, dict)
        for p in entry.get("about") or ()
    ]
    # A topic names the crisis word that follows it ("un article sur le suicide"): the
    # topic must end just before the word, so "I read an article and now I think of
    # suicide" is still a disclosure.
    abouts = {
        tones: re.compile(f"(?:{_compile(topics, 'about', tones=tones).pattern}) ?$")
        for tones in (False, True)
        if topics
    }
    for language, entry in languages.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise ValueError(f"{DATA_RESOURCE}: {language} needs a name")
        names[language] = entry["name"]
        spaced = entry.get("spaced", True)
        umlauts = entry.get("umlauts_spelled_out", False)
        marked = entry.get("tones_tell_words_apart", False)
        if not all(
            isinstance(flag, bool)
            for flag in (spaced, umlauts, marked, entry.get("mixed_with_english", False))
        ):
            raise ValueError(
                f"{DATA_RESOURCE}: {language}: spaced, mixed_with_english,"
                " umlauts_spelled_out and tones_tell_words_apart are true or false"
            )
        if entry.get("mixed_with_english"):
            mixed.add(str(language))
        if umlauts:
            spelled.add(str(language))
        treatment[language] = _compile(
            entry.get("treatment"), f"{language}.treatment", umlauts=umlauts
        )
        concepts += _concepts(
            str(language),
            entry,
            spaced,
            umlauts,
            marked,
            abouts.get(marked),
            treatment,
            needs_treatment,
        )
    # Crisis first: it ranks above emergency (its reply also gives the emergency number).
    concepts.sort(key=lambda c: c.route is not Route.CRISIS)
    cues = {c.language: c.cues for c in concepts}
    return Vocabulary(tuple(concepts), treatment, names, frozenset(mixed), frozenset(spelled), cues)


def _concepts(
    language: str,
    entry: dict[str, Any],
    spaced: bool,
    umlauts: bool,
    tones: bool,
    about: re.Pattern[str] | None,
    treatment: dict[str, re.Pattern[str]],
    needs_treatment: set[str],
) -> list[Concept]:
    """One language's concepts (``tones``: read on the marks of its words)."""
    cues = Cues(
        **{
            key: _optional(entry.get(key), f"{language}.{key}", umlauts, tones)
            for key in ("negators", "negators_after", "resolved", "still")
        },
        about=about,
        treatment=(
            _compile(entry.get("treatment"), f"{language}.treatment", tones=True)
            if tones
            else treatment[language]
        ),
    )
    concepts: list[Concept] = []
    for kind, route in KINDS.items():
        group = entry.get(kind)
        if not isinstance(group, dict) or not group:
            raise ValueError(f"{DATA_RESOURCE}: {language}.{kind} is missing")
        for detail, patterns in group.items():
            if (detail in CRISIS_DETAILS) != (route is Route.CRISIS):
                raise ValueError(
                    f"{DATA_RESOURCE}: {language}.{kind}.{detail} is in the wrong group"
                )
            where = f"{language}.{kind}.{detail}"
            concepts.append(
                Concept(
                    language,
                    route,
                    str(detail),
                    _compile(patterns, where, spaced, umlauts, tones),
                    detail in needs_treatment,
                    cues,
                    umlauts,
                    tones,
                )
            )
    return concepts


@cache
def vocabulary() -> Vocabulary:
    """The packaged vocabulary, read once on first use."""
    text = resources.files(DATA_PACKAGE).joinpath(DATA_RESOURCE).read_text("utf-8")
    return parse(load_yaml(text))


_EMERGENCY_HELP = re.compile(r"\bER\b|\bA&E\b")
"""The emergency room named in English capitals inside another language ("tuende ER?");
case-sensitive: German "er" is "he"."""
_EMERGENCY_HELP_WORDS = re.compile(r"\b(?:emergency room|ambulance)\b")


def names_emergency_help(raw: str, emergency_number: str | None) -> bool:
    """Whether a message in another language names the emergency number, the ER or an
    ambulance in English words, as people mix them into their own language ("να πάμε στα
    ER;", "hívjam a 911-et?"): asking whether to go is itself the emergency sign."""
    text = folded(raw)
    number = emergency_number is not None and re.search(
        rf"(?<!\d){re.escape(emergency_number)}(?!\d)", text
    )
    return bool(number or _EMERGENCY_HELP.search(raw) or _EMERGENCY_HELP_WORDS.search(text))


def mentions_treatment(raw: str) -> bool:
    """Whether cancer treatment is named in any of the languages of the data file."""
    return vocabulary().treated(folded(raw))


_WORD = re.compile(r"[^ ]+")


def read_by_cues(raw: str, language: str) -> str | None:
    """The message (folded) without the words that an emergency sign could not start at by
    the negation and past-time cues of ``language``, or None when the language has none
    (English, Spanish, a language without a list) or they take out no word.

    The English and Spanish vocabularies run on every message, whatever its language, with
    their own cues: "convulsioni" or "infarto" in an Italian message is read by them
    without "non" or "l'anno scorso". Reading a message the identifier is sure of again
    without those words lets the router keep such a sign only where the message's own
    language does not negate it or tell it as over (``Router._safety_in``)."""
    cues = vocabulary().cues.get(language)
    if cues is None:
        return None
    text = folded(raw)
    clauses = text.split(" . ")
    kept: list[str] = []
    for clause in clauses:
        words = [
            m.group(0)
            for m in _WORD.finditer(clause)
            if not cues.cancel(clause[: m.start()], m.group(0), clause[m.end() :])
        ]
        kept.append(" ".join(words))
    reading = " . ".join(kept)
    return None if reading == text else reading


def find_other_language_red_flag(
    raw: str,
    treatment_context: bool,
    read_as_english: bool = False,
    message_languages: Collection[str] = (),
) -> tuple[Route, str] | None:
    """The route and detail of a red flag told in one of the data file's languages; in a
    message the identifier reads as English, only in the languages written mixed with
    English (``mixed_with_english``). An emergency sign matched by another language's
    list is also read by the cues of ``message_languages``, the languages the message is
    read as (``Concept.found_in``)."""
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
        others = tuple(c for lang, c in message_cues.items() if lang != concept.language)
        if (treated or not concept.needs_treatment) and concept.found_in(readings[reading], others):
            return concept.route, concept.detail
    return None
