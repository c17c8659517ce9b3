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
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from importlib import resources
from itertools import permutations
from typing import Any

from ..schema import Route
from ..text import STOPWORDS, load_yaml, strip_marks

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
READING = re.compile(r"(?<!\d)(?:3[5-9]|4[0-2]|9[5-9]|10[0-5])(?!\d)")
"""A body temperature given as a number (Celsius or Fahrenheit)."""
NEAR_WORDS = 4
"""How many other words may stand between two words of a ``near`` rule (spaced scripts)."""
NEAR_CHARACTERS = 10
"""How many other characters may stand between two parts of a ``near`` rule in a script
written without spaces (Chinese, Japanese)."""
LATIN_READ_AS = frozenset({"en", "und"})
"""What the identifier reads a Russian or Ukrainian message typed in Latin letters as
(English, or undetermined): the languages of a message the ``latin_letters`` reading runs on,
besides those of the lists read so."""
WAKING_DETAILS = frozenset({"unconscious", "drowsy"})
"""The signs told as not waking, which a night slept through or a laugh turns into sleep."""
LAUGH = re.compile(
    r"(?:^|\s)(?:(?:ha|he|hi|ja|je|xa|ah){2,}h?|lol|lmao|rofl|mdr|ptdr|xd|jk|kkk+)(?=\s|$)"
)
"""A laugh typed in chat in any of the lists' languages ("haha", "hehe", "jaja", "mdr", "xd"):
after a not-waking sign it says the writer is joking about deep sleep ("nobody can wake me
up, haha")."""
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


_VIETNAMESE_CHAT_WORDS = tuple(
    (re.compile(rf"(?<![^ .])(?:{short})(?![^ .])"), full)
    for short, full in (
        ("ko|k|kh|khg|kg|hk|hok|hem", "khong"),
        ("dc|đc", "duoc"),
        ("mn", "moi nguoi"),
    )
)
"""Vietnamese as typed in chat: "không" (not) as "ko", "k", "kh", "hok"; "được" as "dc";
"mọi người" as "mn". Read as the words they stand for (without marks, which the lists'
patterns let a word be typed without), so "ko muốn sống nữa" is "không muốn sống nữa" and
"ko sốt" is negated as "không sốt" is."""


def vietnamese_chat_spelled_out(toned: str) -> str:
    """``toned`` (a ``with_tones`` reading) with the chat forms of ``_VIETNAMESE_CHAT_WORDS``
    written out."""
    for short, full in _VIETNAMESE_CHAT_WORDS:
        toned = short.sub(full, toned)
    return toned


_SPELLED_UMLAUTS = re.compile(r"(?<=[aou])e|ß")


def umlauts_spelled_out(text: str) -> str:
    """``text`` (folded) with German umlauts read alike however they were typed: "ü", "ue"
    and "u" all become "u", "ß" becomes "ss" ("verprügelt", "verpruegelt" and "verprugelt"
    all read "verprugelt"; "Feuer" reads "feur", in the message and the patterns alike)."""
    return _SPELLED_UMLAUTS.sub(lambda m: "ss" if m.group(0) == "ß" else "", text)


_CYRILLIC_LATIN = str.maketrans(
    {
        **dict(zip("абвгдезиклмнопрстуфыэіїєґй", "abvgdeziklmnoprstufieiiegi", strict=True)),
        **{"ж": "zh", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "я": "a", "ю": "u"},
        **{"ь": "", "ъ": ""},
    }
)
"""Cyrillic letters (folded: "ё" is "е", "й" is "и") as the Latin skeleton they are typed
as on a phone without Cyrillic keys: "хочу" -> "hochu", "себя" -> "seba", "жить" -> "zhit";
the soft and hard signs, often typed as an apostrophe or left out, are dropped."""
_LATIN_SPELLINGS = (
    (re.compile(r"s?shch|sch"), "sh"),
    (re.compile(r"kh|x"), "h"),
    (re.compile(r"tz|c(?!h)"), "ts"),
    (re.compile(r"[yj]a"), "a"),
    (re.compile(r"[yj]u"), "u"),
    (re.compile(r"[yj][eo]"), "e"),
    (re.compile(r"[yj]"), "i"),
    (re.compile(r"w"), "v"),
    (re.compile(r"q"), "k"),
)
"""The common ways of typing Russian and Ukrainian in Latin letters read as one skeleton:
"kh", "h" and "x" for "х"; "ya", "ja" for "я"; "y", "j", "i" for "ы", "й" and "и"; "c",
"tz" and "ts" for "ц": "khochu umeret", "hochu umeret'" and "xochu umeret" all read
"hochu umeret", as "хочу умереть" does."""
_LETTER_APOSTROPHE = re.compile(r"(?<=[^\W\d_])['’`ʼ](?=[^\W\d_])")


def latin_letters(raw: str) -> str:
    """The message (folded) as the Latin skeleton that Russian or Ukrainian typed in either
    script reads as (``_CYRILLIC_LATIN``, ``_LATIN_SPELLINGS``); an apostrophe inside a
    word (the soft sign: "bol'she", "ub'et") is dropped first, not made a space."""
    text = folded(_LETTER_APOSTROPHE.sub("", raw)).translate(_CYRILLIC_LATIN)
    return _respelled(text, _LATIN_SPELLINGS)


def _respelled(text: str, spellings: tuple[tuple[re.Pattern[str], str], ...]) -> str:
    """``text`` with each spelling replaced by its skeleton, in order."""
    for spelling, skeleton in spellings:
        text = spelling.sub(skeleton, text)
    return text


_QUANTIFIER = re.compile(r"[?*+{]")


def _latin_pattern(pattern: str) -> str:
    """A folded Cyrillic pattern as the Latin skeleton ``latin_letters`` reads: each letter
    mapped (in a group when a quantifier follows a letter mapped to two, and dropped with
    its quantifier when mapped to none); a class of Cyrillic letters ("[а-яё]") becomes
    "[a-z]"; escapes, groups and Latin letters of the syntax are kept."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if c == "[":
            end = pattern.index("]", i + 1)
            body = pattern[i + 1 : end]
            if any(ch.translate(_CYRILLIC_LATIN) != ch for ch in body):
                body = ("^" if body.startswith("^") else "") + "a-z"
            out.append(f"[{body}]")
            i = end + 1
            continue
        latin = c.translate(_CYRILLIC_LATIN)
        quantified = bool(_QUANTIFIER.match(pattern, i + 1))
        if latin == c or len(latin) == 1 or not quantified:
            out.append(latin)
        elif latin:
            out.append(f"(?:{latin})")
        else:
            end = i + 2 if pattern[i + 1] != "{" else pattern.index("}", i) + 1
            i = end + 1 if pattern[end : end + 1] == "?" else end
            continue
        i += 1
    return "".join(out)


_ROMANISED_SPELLINGS = tuple(
    (re.compile(spelling), skeleton)
    for spelling, skeleton in (
        *(("ee", "i"), ("oo", "u"), ("[ao]u", "o"), ("ph", "f"), ("w", "v"), ("z", "j")),
        *(("q", "k"), (r"([a-z])\1+", r"\1"), ("(?<=[a-z])a(?=[b-df-hj-np-tv-z])", "")),
        *(("(?<=[b-df-hj-np-tv-z])h", ""), (r"([a-z])\1+", r"\1")),
    )
)
"""Free Latin spellings of Hindi and Urdu (Hinglish) read as one skeleton: long vowels
typed doubled or not ("saans", "sans"; "jeena", "jina"; "khoon", "khun"), the short "a"
typed or dropped inside a word ("nahi", "nhi"; "rahi", "rhi"; "marna", "mrna"), "h" after
a consonant typed or not ("chhati", "chati"; "khatam", "katam"), doubled letters ("dikkat",
"dikat"), "au"/"ou", "w"/"v", "z"/"j", "q"/"k", "ph"/"f": "mujhe saans nahi aa rahi" and
"mujhe sans nhi aa rhi" both read "muje sns ni a ri"."""


_ARABIZI_SPELLINGS = tuple(
    (re.compile(spelling), skeleton)
    for spelling, skeleton in (
        *(("kh", "k"), ("gh", "g"), ("sh|ch", "s"), ("dh|th", "d"), ("q", "k"), ("g", "j")),
        *((r"(?<=[a-z])2|2(?=[a-z])", ""), (r"(?<=[a-z])3|3(?=[a-z])", "")),
        *((r"(?<=[a-z])7|7(?=[a-z])", "h"), (r"(?<=[a-z])5|5(?=[a-z])", "k")),
        *((r"(?<=[a-z])8|8(?=[a-z])", "j"), (r"(?<=[a-z])9|9(?=[a-z])", "s")),
        *((r"(?<=[a-z])6|6(?=[a-z])", "t"), ("[aeiou]+", "a"), (r"([a-z])\1+", r"\1")),
    )
)
"""Arabic typed in Latin letters with digits for the letters Latin has not ("Arabizi"):
"3" for ain and "2" for hamza (left out, as many type them), "7" for "h", "5" for "kh",
"8" for "gh", "9" for "s"/"q", "6" for "t" (only next to a letter, never in "38.5");
short vowels, which Arabic does not write and each writer types differently, all read
"a" (kept, not dropped: without them "him" would read as "7ma", fever); "g"/"j"
(Egyptian and Levantine jim) alike; doubled letters once: "3ayez amoot" and "ayez amout"
read "ayaz amat"; "mesh 2ader atnaffas" and "mish ader atnafas" read "mas adar atnafas"."""

_GREEKLISH_SPELLINGS = tuple(
    (re.compile(spelling), skeleton)
    for spelling, skeleton in (
        *(
            ("3", "ks"),
            ("8|th", "q"),
            ("ch|kh|x", "x"),
            ("h(?=[aeiouyw])|(?<![a-z0-9])h", "x"),
            ("h", "i"),
        ),
        *(("ps", "c"), ("mp", "b"), ("gk|gg", "g"), ("nt", "d"), ("ou", "9")),
        *(("a[uyf]", "av"), ("e[uyf]", "ev"), ("ei|oi|[uy]", "i"), ("ai", "e"), ("w", "o")),
        *(("b", "v"), ("9", "u"), (r"([a-z])\1+", r"\1")),
    )
)
"""Greek typed in Latin letters ("Greeklish"): "th" or "8" for theta, "x", "ch" or "h"
for chi (and "h" for eta, read as "i" where no vowel follows), "i", "y", "u", "ei", "oi"
and eta all "i", "w" for omega, "b"/"v" and "mp"/"b" alike, "au"/"av"/"af" and
"eu"/"ev"/"ef" alike, doubled letters once: "thelo na pethano" and "8elw na pe8anw" both
read "qelo na peqano"."""

_SPELLINGS = {
    "hindi": _ROMANISED_SPELLINGS,
    "arabizi": _ARABIZI_SPELLINGS,
    "greeklish": _GREEKLISH_SPELLINGS,
}
"""The skeletons a ``romanised`` list may be read on (its ``spelling``; Hindi when none)."""


def romanised_skeleton(raw: str, spelling: str = "hindi") -> str:
    """The message (folded) as the skeleton of ``spelling`` (``_SPELLINGS``), word by word."""
    return _respelled(folded(raw), _SPELLINGS[spelling])


def few_english_words(raw: str, none: bool = False, shared: Collection[str] = ()) -> bool:
    """Whether at most a fifth of the message's words (with ``none``, none of them) are
    common English words ("a", "is", "my"): Russian typed in Latin letters is often read
    as English by the identifier, an English sentence has far more of them. A word in
    ``shared`` is also a word of the language being read (Greeklish and Hinglish "me") and
    does not count as English."""
    # a word with digits for letters ("a3melaha", Arabizi) is one word, not "a" and "melaha"
    words = [w for w in re.findall(r"[^\W_]+", raw.lower()) if not w.isdigit()]
    english = sum(w in STOPWORDS and w not in shared for w in words)
    return bool(words) and (english == 0 if none else english * 5 <= len(words))


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
    night: re.Pattern[str] | None = None
    """Words right after a not-waking sign that say a night is slept through ("ne se réveille
    pas de la nuit", "não acorda durante a noite"): sleep, not a person who cannot be woken."""
    over: re.Pattern[str] | None = None
    """Words opening the next clause that say a past sign is long over ("早就好了",
    "längst vorbei"): with a past time in the sign's clause, the sign is over even when
    treatment is named between the two ("去年化疗的时候发过高烧，早就好了")."""

    story: re.Pattern[str] | None = None
    """Words earlier in a sign's sentence that put it in a story or a hypothetical: a film,
    a series or a character in one ("dans une série", "드라마에서", "电视剧里", "主人公"), or
    "if one day" ("si un jour", "falls ... eines Tages", "如果有一天"). The sign then
    happens to no one real now, as English reads a screen character (``SCREEN_CHARACTER``)
    and a question of what to do if (``INFORMATIONAL``), unless the sentence has a
    ``still`` word ("maintenant", "지금")."""

    threshold: re.Pattern[str] | None = None
    """A question of which temperature counts as a fever ("à partir de quelle température",
    "ab welcher Temperatur", "多少度算发烧"; s35-10): a fever sign in the same clause is a
    question about a threshold, not a fever told, unless the message gives a reading
    (``READING``)."""

    burden_said: re.Pattern[str] | None = None
    """Someone else calling the person a burden ("кричит, что я обуза", "骂他是拖累";
    s35-10): with an abuse sign in the message, the abuse reply (which also gives the crisis
    line), as English reads ``BURDEN_SAID_BY_ANOTHER``."""

    long_ago: re.Pattern[str] | None = None
    """A past told in years or childhood ("vor fünfzehn Jahren", "il y a des années", "lat
    temu"; not "seit Jahren", which goes on)."""
    well_now: re.Pattern[str] | None = None
    """Words saying the person is well or safe now ("heute geht es mir gut", "ora sto
    bene"): with ``long_ago``, abuse told as long over (``told_as_long_over``)."""

    def told_as_long_over(self, text: str) -> bool:
        """Whether the message dates what it tells years back and says the person is well
        or safe now ("mein Ex hat mich geschlagen, das ist fünfzehn Jahre her, heute geht
        es mir gut"): abuse long over, as the English ``_remote_and_recovered`` reads it."""
        return (
            self.long_ago is not None
            and self.well_now is not None
            and self.long_ago.search(text) is not None
            and self.well_now.search(text) is not None
        )

    def cancel(
        self,
        clause_before: str,
        sign: str,
        clause_after: str,
        next_clause: str = "",
        lead: str | None = None,
    ) -> bool:
        """Whether an emergency ``sign``, between these two parts of its clause, is negated
        or told as over by these cues (``next_clause``: the clause after it; ``lead``: the
        text before the sign from the clause before its own, since folding turns a comma
        into a clause break: "dans une série, une patiente s'évanouit")."""
        if self.negators is not None and self.negators.search(clause_before[-NEGATION_WINDOW:]):
            return True
        if self.negators_after is not None and self.negators_after.search(
            clause_after[:NEGATION_WINDOW]
        ):
            return True
        if self.told_as_story(clause_before if lead is None else lead, sign, clause_after):
            return True
        return self.past(clause_before, sign, clause_after, next_clause)

    def asks_threshold(self, clause: str, text: str) -> bool:
        """Whether ``clause`` asks which temperature counts as a fever and the message
        ``text`` gives no reading ("Mon père a 39": a fever told beside the question)."""
        return (
            self.threshold is not None
            and self.threshold.search(clause) is not None
            and READING.search(text) is None
        )

    def told_as_story(self, clause_before: str, sign: str, clause_after: str) -> bool:
        """Whether ``sign`` follows a ``story`` word in its sentence with no ``still`` word."""
        if self.story is None or self.story.search(clause_before) is None:
            return False
        return self.still is None or not self.still.search(f"{clause_before}{sign}{clause_after}")

    def past(self, clause_before: str, sign: str, clause_after: str, next_clause: str = "") -> bool:
        """Whether ``sign``, between these two parts of its clause, is told as over."""
        if self.resolved is None:
            return False
        if self.still is not None and self.still.search(f"{clause_before}{sign}{clause_after}"):
            return False
        if (
            self.over is not None
            and self.over.match(next_clause)
            and self.resolved.search(f"{clause_before} {clause_after}")
        ):
            return True
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
    latin: bool = False
    """Read on the message's Latin-letter skeleton (``latin_letters``): a language often
    typed in Latin letters (Russian and Ukrainian)."""

    def found_in(self, text: str, message_cues: tuple[Cues, ...] = ()) -> bool:
        """A match of the concept; an emergency sign negated in its own clause ("sem
        febre", "pas de fièvre", "不发烧", "बुखार नहीं") or told as past ("febre no mês
        passado") does not count, by the cues of the concept's language or by
        ``message_cues``, those of the languages the message may be written in: every
        list runs on every message in another language, so a word two languages share
        ("AVC", "convulsioni", "吐血") is also read by the rules of the language it is
        written in ("un AVC l'an dernier", "non ha convulsioni", "吐血はありません").
        Crisis and abuse are never negated nor past, but a crisis word read as a topic
        ("an article about suicide") is not a disclosure, and abuse dated years back with
        the person well or safe now (``Cues.told_as_long_over``) is over, as in English."""
        cues = self.cues
        for match in self.pattern.finditer(text):
            clause_before = text[: match.start()].rsplit(" . ", 1)[-1]
            clause_after, _, rest = text[match.end() :].partition(" . ")
            next_clause = rest.split(" . ", 1)[0]
            if self.route is Route.CRISIS:
                if cues.about is not None and cues.about.search(clause_before[-ABOUT_WINDOW:]):
                    continue
                if self.detail == "abuse" and cues.told_as_long_over(text):
                    continue
                return True
            sign = match.group(0)
            if self.detail == "fever_on_treatment" and any(
                c.asks_threshold(f"{clause_before}{sign}{clause_after}", text)
                for c in (cues, *message_cues)
            ):
                continue
            if self.detail in WAKING_DETAILS and (
                (cues.night is not None and cues.night.match(clause_after))
                or LAUGH.search(f"{clause_after} {next_clause}")
            ):
                continue
            lead = " . ".join(text[: match.start()].rsplit(" . ", 2)[-2:])
            if cues.cancel(clause_before, sign, clause_after, next_clause, lead):
                continue
            if any(
                c.cancel(clause_before, sign, clause_after, next_clause, lead) for c in message_cues
            ) and not (
                cues.still is not None and cues.still.search(f"{clause_before}{sign}{clause_after}")
            ):
                # When the two readings disagree, a word of the list's own language that
                # says the sign is going on now keeps it (Dutch "nu", now, is Romanian
                # "not"): the identifier is sometimes sure and wrong.
                continue
            return True
        return False


@dataclass(frozen=True)
class RomanisedRule:
    """One rule of a language's ``romanised`` list (data file), read on the message's
    ``romanised_skeleton``: its words are written as people type them and read as their
    skeleton, so "mar jaana chahta hoon", "mar jana chahta hun" and "marjana chahti hu"
    meet one rule. A sign is cancelled by one of the language's negators inside it or just
    after it ("mai marna nahi chahti", "seene me dard nhi"), unless the rule itself names
    one ("jeena nahi chahta"), and an emergency sign by a past-tense word a few words after
    it ("behosh ho gaye the")."""

    route: Route
    detail: str
    pattern: re.Pattern[str]
    needs_treatment: bool
    negators: re.Pattern[str]
    past: re.Pattern[str]
    names_negator: bool
    spelling: str = "hindi"
    """The skeleton the rule is read on (``_SPELLINGS``)."""

    def found_in(self, skeleton: str) -> bool:
        for match in self.pattern.finditer(skeleton):
            if self.names_negator:
                return True
            if self.spelling == "hindi":
                # Hindi negates and puts the past after the verb ("marna nahi", "the")
                near = skeleton[match.end() :].split(" . ", 1)[0][:NEGATION_WINDOW]
            else:
                # Arabic and Greek before it ("mish 3ayez amoot", "den thelo na pethanei")
                near = skeleton[: match.start()].rsplit(" . ", 1)[-1][-NEGATION_WINDOW:]
            if self.negators.search(match.group(0)) or self.negators.search(near):
                continue
            if self.route is Route.EMERGENCY and self.past.search(near):
                continue
            return True
        return False


def _romanised_words(part: str, spelling: str) -> list[str]:
    """A rule's part ("mar jana|marna|chaht*") as skeleton alternatives: a whole word or
    phrase, or a word beginning when it ends in "*"."""
    alternatives = []
    for word in part.split("|"):
        beginning = word.endswith("*")
        skeleton = romanised_skeleton(word.rstrip("*"), spelling)
        if not re.fullmatch(r"[a-z0-9]+(?: [a-z0-9]+)*", skeleton):
            raise ValueError(f"{DATA_RESOURCE}: romanised word {word!r} is not plain letters")
        if len(skeleton) < (3 if beginning else 2):
            # "saas" reads "s" and "laat*" reads "lt", the start of "lately".
            raise ValueError(f"{DATA_RESOURCE}: romanised word {word!r} is too short a skeleton")
        alternatives.append(skeleton if beginning else rf"{skeleton}(?![^ .])")
    return alternatives


def _romanised_rules(language: str, entry: Any, needs_treatment: set[str]) -> list[RomanisedRule]:
    """A language's ``romanised`` list (see ``RomanisedRule``)."""
    where = f"{language}.romanised"
    if not isinstance(entry, dict):
        raise ValueError(f"{DATA_RESOURCE}: {where} must be a mapping")
    spelling = entry.get("spelling", "hindi")
    if spelling not in _SPELLINGS:
        raise ValueError(f"{DATA_RESOURCE}: {where}.spelling must be one of {sorted(_SPELLINGS)}")
    cancels = {}
    for key in ("negators", "past"):
        words = entry.get(key)
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise ValueError(f"{DATA_RESOURCE}: {where}.{key} must be a list of words")
        cancels[key] = [romanised_skeleton(w, spelling) for w in words]
    negator_words = set(cancels["negators"])
    rules: list[RomanisedRule] = []
    for kind, route in KINDS.items():
        for detail, group in (entry.get(kind) or {}).items():
            if (detail in CRISIS_DETAILS) != (route is Route.CRISIS):
                raise ValueError(f"{DATA_RESOURCE}: {where}.{kind}.{detail} is in the wrong group")
            for rule in group:
                if not isinstance(rule, list) or not 1 <= len(rule) <= 3:
                    raise ValueError(
                        f"{DATA_RESOURCE}: {where}.{kind}.{detail}: a rule is one to three parts"
                    )
                parts = [_romanised_words(str(p), spelling) for p in rule]
                regexes = [f"(?:{'|'.join(p)})" for p in parts]
                pattern = (
                    rf"(?<![^ .]){regexes[0]}"
                    if len(regexes) == 1
                    else _near({"near": regexes}, True, where)
                )
                rules.append(
                    RomanisedRule(
                        route,
                        str(detail),
                        re.compile(pattern),
                        detail in needs_treatment,
                        re.compile(rf"(?<![^ .])(?:{'|'.join(cancels['negators'])})(?![^ .])"),
                        re.compile(rf"(?<![^ .])(?:{'|'.join(cancels['past'])})(?![^ .])"),
                        any(
                            word in negator_words
                            for part in rule
                            for typed in str(part).split("|")
                            for word in romanised_skeleton(typed.rstrip("*"), spelling).split()
                        ),
                        spelling,
                    )
                )
    return rules


def _romanised_typed_words(entry: dict[str, Any]) -> set[str]:
    """The words of a ``romanised`` list's rules as typed (not its negators or past words:
    Hindi "the" is a past word and stays English)."""
    return {
        word
        for kind in KINDS
        for group in (entry.get(kind) or {}).values()
        for rule in group
        for part in rule
        for typed in str(part).split("|")
        for word in typed.rstrip("*").split()
    }


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
    latin_treatment: dict[str, re.Pattern[str]] = field(default_factory=dict)
    """The treatment words of the languages also read in Latin letters (``latin_letters``
    in the data file), as their skeleton."""
    romanised: tuple[RomanisedRule, ...] = ()
    """The rules read on the message's ``romanised_skeleton`` (Hinglish in free spelling)."""
    romanised_english: frozenset[str] = frozenset()
    """Words of the ``romanised`` rules that are also common English words (Greek and Hindi
    "me"): they do not make a message English for the skeleton's gate."""

    def treated(self, text: str, latin: str | None = None) -> bool:
        """Whether cancer treatment is named in ``text`` (folded) in any language, or in
        ``latin`` (the message's ``latin_letters`` skeleton) in a language typed so."""
        spelled = umlauts_spelled_out(text)
        return any(
            p.search(spelled if language in self.umlauts_spelled_out else text)
            for language, p in self.treatment.items()
        ) or (latin is not None and any(p.search(latin) for p in self.latin_treatment.values()))

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.names)

    @cached_property
    def read_with_english(self) -> tuple[Concept, ...]:
        """The concepts a message read as English can match, in their order: those of the
        languages written mixed with English and those read in Latin letters
        (``find_other_language_red_flag`` skips every other one on such a message)."""
        return tuple(c for c in self.concepts if c.latin or c.language in self.mixed_with_english)


def _optional(
    patterns: Any, where: str, umlauts: bool = False, tones: bool = False, latin: bool = False
) -> re.Pattern[str] | None:
    if patterns is None:
        return None
    return _compile(patterns, where, umlauts=umlauts, tones=tones, latin=latin)


def _near(
    rule: Any,
    spaced: bool,
    where: str,
    umlauts: bool = False,
    tones: bool = False,
    latin: bool = False,
) -> str:
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
    folded = [f"(?:{_folded_pattern(p, umlauts, tones, latin)})" for p in parts]
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


def _folded_pattern(pattern: str, umlauts: bool, tones: bool = False, latin: bool = False) -> str:
    if tones:
        return _toned_pattern(pattern.lower())
    text = strip_marks(pattern.lower())
    if latin:
        return _latin_pattern(text)
    return umlauts_spelled_out(text) if umlauts else text


def _compile(
    patterns: Any,
    where: str,
    spaced: bool = True,
    umlauts: bool = False,
    tones: bool = False,
    latin: bool = False,
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
                f"(?:{_folded_pattern(p, umlauts, tones, latin)})"
                if isinstance(p, str)
                else f"(?:{_near(p, spaced, where, umlauts, tones, latin)})"
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
    latin_treatment: dict[str, re.Pattern[str]] = {}
    romanised: list[RomanisedRule] = []
    romanised_typed: set[str] = set()
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
        latin = entry.get("latin_letters", False)
        if not all(
            isinstance(flag, bool)
            for flag in (spaced, umlauts, marked, latin, entry.get("mixed_with_english", False))
        ):
            raise ValueError(
                f"{DATA_RESOURCE}: {language}: spaced, mixed_with_english, latin_letters,"
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
        if "romanised" in entry:
            romanised += _romanised_rules(str(language), entry["romanised"], needs_treatment)
            romanised_typed |= _romanised_typed_words(entry["romanised"])
        if latin:
            # The same lists read on the message's Latin-letter skeleton: Russian and
            # Ukrainian typed without Cyrillic keys ("ne hochu zhit", "bol' v grudi").
            latin_treatment[language] = _compile(
                entry.get("treatment"), f"{language}.treatment", latin=True
            )
            latin_about = re.compile(
                f"(?:{_compile(entry.get('about') or ['(?!)'], 'about', latin=True).pattern}) ?$"
            )
            concepts += _concepts(
                str(language),
                entry,
                spaced,
                False,
                False,
                latin_about,
                latin_treatment,
                needs_treatment,
                latin=True,
            )
    # Crisis first: it ranks above emergency (its reply also gives the emergency number).
    concepts.sort(key=lambda c: c.route is not Route.CRISIS)
    cues = {c.language: c.cues for c in concepts if not c.latin}
    return Vocabulary(
        tuple(concepts),
        treatment,
        names,
        frozenset(mixed),
        frozenset(spelled),
        cues,
        latin_treatment,
        tuple(sorted(romanised, key=lambda r: r.route is not Route.CRISIS)),
        frozenset(romanised_typed & STOPWORDS),
    )


def _concepts(
    language: str,
    entry: dict[str, Any],
    spaced: bool,
    umlauts: bool,
    tones: bool,
    about: re.Pattern[str] | None,
    treatment: dict[str, re.Pattern[str]],
    needs_treatment: set[str],
    latin: bool = False,
) -> list[Concept]:
    """One language's concepts (``tones``: read on the marks of its words; ``latin``: on
    the message's Latin-letter skeleton, with ``treatment`` compiled so)."""
    cues = Cues(
        **{
            key: _optional(entry.get(key), f"{language}.{key}", umlauts, tones, latin)
            for key in (
                "negators",
                "negators_after",
                "resolved",
                "still",
                "over",
                "night",
                "long_ago",
                "well_now",
                "story",
                "threshold",
                "burden_said",
            )
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
                    _compile(patterns, where, spaced, umlauts, tones, latin),
                    detail in needs_treatment,
                    cues,
                    umlauts,
                    tones,
                    latin,
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
    words = vocabulary()
    return words.treated(folded(raw), latin_letters(raw) if words.latin_treatment else None)


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


def _burden_said_with_abuse(concept: Concept, text: str, concepts: Sequence[Concept]) -> bool:
    """A crisis found by a burden word that someone else said (``Cues.burden_said``), with
    an abuse sign of the same language in the message: the abuse reply, not the crisis one."""
    said = concept.cues.burden_said
    return (
        concept.detail == "suicidal_thoughts"
        and said is not None
        and said.search(text) is not None
        and any(
            c.detail == "abuse" and c.language == concept.language and c.found_in(text)
            for c in concepts
        )
    )


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
    read as (``Concept.found_in``).

    Kept for 4,096 recent readings: routing reads every earlier user turn of the
    conversation again on each turn, and the finding depends on nothing but these
    arguments and the packaged vocabulary (read once a process)."""
    return _other_language_red_flag(
        raw, treatment_context, read_as_english, tuple(message_languages)
    )


@lru_cache(maxsize=4096)
def _other_language_red_flag(
    raw: str, treatment_context: bool, read_as_english: bool, message_languages: tuple[str, ...]
) -> tuple[Route, str] | None:
    text = folded(raw)
    words = vocabulary()
    # Russian or Ukrainian typed in Latin letters is read as English or as no language the
    # identifier knows, never with confidence as another one: its reading in Latin letters
    # runs on such a message when few of its words are common English ones (none, when the
    # best guess is English too: "would be career suicide, can massage help?"), not on one
    # the identifier is sure is French or Portuguese ("un article sur le suicide" is a topic
    # by the French cues, which the Latin reading does not have).
    latin = (
        bool(words.latin_treatment)
        and set(message_languages) <= LATIN_READ_AS | words.latin_treatment.keys()
        and few_english_words(raw, none=read_as_english)
    )
    # The readings the concepts are matched on, each made when a concept first needs it
    # (a message read as English needs neither the tones nor the umlauts).
    readings = {"plain": text, "latin": latin_letters(raw) if latin else ""}
    spell = {
        "umlauts": lambda: umlauts_spelled_out(text),
        "tones": lambda: vietnamese_chat_spelled_out(with_tones(folded(raw, marks=True))),
    }

    def read(name: str) -> str:
        if name not in readings:
            readings[name] = spell[name]()
        return readings[name]

    treated = treatment_context or words.treated(text, readings["latin"] or None)
    # Hindi and Urdu typed in free Latin spelling are read where the Latin-letter reading
    # runs, on their skeleton ("mujhe sans nhi aa rhi" as "mujhe saans nahi aa rahi");
    # crisis rules come first.
    # The identifier also reads Hinglish as Tagalog, the other language typed mixed with
    # English, so the skeleton runs there too.
    romanised_gate = (
        bool(words.romanised)
        and set(message_languages) <= LATIN_READ_AS | words.mixed_with_english
        and few_english_words(raw, none=read_as_english, shared=words.romanised_english)
    )
    # Arabic ("Arabizi") and Greek ("Greeklish") typed in Latin letters are read the same
    # way, each on its own skeleton.
    skeletons = (
        {spelling: romanised_skeleton(raw, spelling) for spelling in _SPELLINGS}
        if romanised_gate
        else {}
    )
    romanised = next(
        (
            (rule.route, rule.detail)
            for rule in words.romanised
            if skeletons
            and (treated or not rule.needs_treatment)
            and rule.found_in(skeletons[rule.spelling])
        ),
        None,
    )
    message_cues = {lang: words.cues[lang] for lang in message_languages if lang in words.cues}
    for concept in words.read_with_english if read_as_english else words.concepts:
        if concept.latin and not latin:
            continue
        if (
            read_as_english
            and not concept.latin
            and concept.language not in words.mixed_with_english
        ):
            continue
        reading = (
            "latin"
            if concept.latin
            else "tones"
            if concept.tones
            else "umlauts"
            if concept.umlauts
            else "plain"
        )
        others = tuple(c for lang, c in message_cues.items() if lang != concept.language)
        if (treated or not concept.needs_treatment) and concept.found_in(read(reading), others):
            # The lists' own reading ranks first; a crisis read on the skeleton ranks
            # above an emergency read on them.
            if concept.route is Route.EMERGENCY and romanised is not None:
                return romanised
            if _burden_said_with_abuse(concept, read(reading), words.concepts):
                return Route.CRISIS, "abuse"
            return concept.route, concept.detail
    return romanised
