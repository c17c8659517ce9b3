"""Hybrid retrieval: dense (Chroma) and lexical (BM25), fused by reciprocal rank.

Dense vectors find paraphrases ("rub" for "massage"); BM25 finds the exact
terms people type ("platelets", "neuropathy"). Reciprocal rank fusion needs
no score calibration between the two. Either half can be switched off by
settings to compare them. Follow-up questions borrow the topic of earlier
user turns with decaying weight, so "what about during chemo?" is searched
with the topic it follows. The relevance floor is judged on dense cosine
similarity, the one score with a fixed scale.

Questions are read in the sources' words first (``patient_words``): "numb
tingly feet since Taxol" is searched, embedded and checked for coverage as
"peripheral neuropathy" and "chemotherapy", and a condition the sources never
name ("lymphedema") is reported so the answer can say so.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from .chunking import embedding_text
from .config import Settings
from .embeddings import SentenceTransformerEmbeddings, TextVectors
from .lexical_index import LexicalIndex, PersistedLexicalIndex
from .patient_words import Reading, expand, fold, respelled
from .schema import Chunk, Passage
from .store import VectorStore
from .text import content_words, stems, zipf

_FOLLOW_UP_START = re.compile(
    r"^\s*(and|but|also|so|what about|how about|what if|is it|does it|can it|"
    r"will it|should i|could it|same|then|ok(ay)?|why|how (long|often|much|soon))\b",
    re.I,
)
_GENERIC = frozenset(
    """help helps helped helpful ease eases eased easing soothe soothes safe safely okay edge
    good bad idea work works actually really
    generally general kind kinds thing things stuff people person someone anyone patient
    patients find finding get getting use using need needs want know tell ask try like
    mom mum dad mother father grandmother grandma grandfather grandpa wife husband partner
    friend son daughter sister brother aunt uncle he she him her his hers they them their
    loved one ones family caregiver child children kid kids""".split()
)
"""Words that say who is asking or how, not what about: never evidence of a topic ("edge":
"will massage take the edge off?" asks whether it eases, like "help")."""
_FILLER = frozenset(
    """actually really just anything something everything nothing completely totally
    truly honestly basically literally even still ever since maybe perhaps probably
    usually typically normally specifically particular particularly especially much many
    lot lots bit little better best worse worst any every each whole other another
    sort thing kinda sorta tho though yet already quite pretty very way ways gonna wanna
    matter point idea wondering wonder curious question questions quick hey hi hello
    thanks thank please sure true yes yeah wait time times day days week weeks year
    years month months night nights since lately recently right now say says said
    does did doing done going go goes went make makes made take takes took give gives
    gave getting got let lets seem seems look looks feel feels supposed actual behind
    those these mean means meaning stand stands site website page whats hows wheres whos
    whens list lists listing rundown overview summary full complete entire short shorter
    shortest brief briefly nutshell gist version tldr""".split()
)
"""Manner, attitude and story words: how a question is asked, not what it is about."""
_MANNER = frozenset(
    """exactly exact somebody somewhere anybody anywhere near nearby close wait waiting
    tried trying tries wondered wondering hoping hope heard hear read told thinking
    considering planning start started starting keep kept able swear swears swore
    sworn super totally dont doesnt didnt wont wouldnt shouldnt isnt arent wasnt werent
    havent hadnt im ive id youre theyre thats hes shes instead option options book booking
    booked""".split()
)
"""More words of how a question is asked or the story around it ("what exactly is...",
"somebody near me", "any point trying massage?"), words that weigh massage against the
story ("is massage an option?", "could it help instead?"), contractions as the
vocabulary folds them ("won't" is "wont"), and booking one ("any point booking massages
for the fatigue?" asks about fatigue; when to book is read by its phrases in
patient_words.yaml)."""
_TOPIC_CAPABLE = frozenset(
    "back bottom top front side thick thin cry fire system serious often once".split()
)
"""Words of the general English stop list that can name what a question is about here
("back pain", "side effects", "immune system", "how often")."""


ENGLISH_STOP_WORDS = frozenset(
    """a about above across after afterwards again against all almost alone along
    already also although always am among amongst amoungst amount an and another any
    anyhow anyone anything anyway anywhere are around as at back be became because
    become becomes becoming been before beforehand behind being below beside besides
    between beyond bill both bottom but by call can cannot cant co con could couldnt
    cry de describe detail do done down due during each eg eight either eleven else
    elsewhere empty enough etc even ever every everyone everything everywhere except
    few fifteen fifty fill find fire first five for former formerly forty found four
    from front full further get give go had has hasnt have he hence her here
    hereafter hereby herein hereupon hers herself him himself his how however
    hundred i ie if in inc indeed interest into is it its itself keep last latter
    latterly least less ltd made many may me meanwhile might mill mine more moreover
    most mostly move much must my myself name namely neither never nevertheless next
    nine no nobody none noone nor not nothing now nowhere of off often on once one
    only onto or other others otherwise our ours ourselves out over own part per
    perhaps please put rather re same see seem seemed seeming seems serious several
    she should show side since sincere six sixty so some somehow someone something
    sometime sometimes somewhere still such system take ten than that the their them
    themselves then thence there thereafter thereby therefore therein thereupon
    these they thick thin third this those though three through throughout thru thus
    to together too top toward towards twelve twenty two un under until up upon us
    very via was we well were what whatever when whence whenever where whereafter
    whereas whereby wherein whereupon wherever whether which while whither who
    whoever whole whom whose why will with within without would yet you your yours
    yourself yourselves""".split()
)
"""The general English stop list scikit-learn ships as
``sklearn.feature_extraction.text.ENGLISH_STOP_WORDS`` (Glasgow IR group, 318 words),
copied here so a start does not import scikit-learn and scipy for it (about 3 s of a
cold start); ``tests/test_retrieval_stop_words.py`` checks the copy is the same."""


_BODY = frozenset(
    """neck jaw jaws shoulder shoulders arm arms leg legs hand hands foot feet knee knees
    elbow elbows wrist wrists ankle ankles face forehead temples calves calf thigh thighs""".split()
)
"""Where on the body a symptom is ("tension in my neck and jaw"): the pages name symptoms,
not body parts, so where it is does not make a question uncovered."""


@cache
def _not_topic_stems() -> frozenset[str]:
    """Stems of words that never show what a question is about: the lists above and the
    general English stop list scikit-learn ships (Glasgow IR group), less the words of it
    that can name a topic here. Compared by stem, so "trying" is read like "try"."""
    words = (_GENERIC | _FILLER | _MANNER | _BODY | ENGLISH_STOP_WORDS) - _TOPIC_CAPABLE
    return frozenset(stems(sorted(words)))


def _own_words(text: str) -> list[str]:
    """The content words of ``text`` that may say what it is about."""
    words = content_words(text)
    keep = _not_topic_stems()
    return [w for w, s in zip(words, stems(words), strict=True) if s not in keep]


_QUESTION_START = re.compile(
    # after a word joining it to the sentence before ("...pain? and is it safe for him")
    r"^\W*(?:(?:and|also|plus|but|so|then)\W+)?"
    r"(how|what|whats|what's|when|where|which|who|whom|whose|why|is|are|am|was|were|"
    r"do|does|did|can|could|will|would|should|shall|may|might|must|has|have|had|any|"
    r"r|u|tell me|explain)\b",
    re.I,
)
_FINDING = re.compile(
    r"\b(find|finding|locate|look(ing)? for|near|nearby|where|closest|local|recommend a)\b", re.I
)
_PLACE = re.compile(
    r"\b(?:near|around|close to|in|outside(?: of)?|from|at)\s+(?:the\s+)?"
    r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*(?:,\s*[A-Z][\w'’.-]*)?"
)
"""A named place ("near Toronto", "at MD Anderson", "in Portland, OR")."""
_REGIONS = (
    *"""alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
    hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
    michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon
    pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming alberta
    manitoba newfoundland ontario quebec saskatchewan""".split(),
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "rhode island",
    "south carolina",
    "south dakota",
    "west virginia",
    "new brunswick",
    "nova scotia",
    "british columbia",
    "prince edward island",
)
_REGION = re.compile(
    r"\b(?:near|around|in|outside(?: of)?|from|at|across)\s+(?:"
    + "|".join(sorted(_REGIONS, key=len, reverse=True))
    + r")\b",
    re.I,
)
"""A US state or Canadian province however it is typed ("my aunt in ohio")."""
_REFERS_BACK = re.compile(
    r"\b(it|that|this|these|those|them|they|one|such|instead|options?|alternatives?|either)\b",
    re.I,
)
"""Words of a question that point back at the story told before it: "can massage help with
that?", and what it weighs the story's problem against ("Chemo wiped me out. Is massage an
option?", "I'd rather skip more pills for the worry. Could massage help instead?")."""
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])\s+|\s*\n+\s*")


def sentences_of(text: str) -> list[str]:
    """A message cut into its sentences (at end punctuation and line breaks)."""
    return [s.strip() for s in _SENTENCE_SPLIT.split(text) if s and s.strip()]


_ADDS_TO_QUESTION = re.compile(
    r"^\W*(?:and|also|plus)\s+(?:my|her|his|their|our|the|for)\b"
    r"(?:(?!\b(?:is|are|was|were|am|be|been|has|have|had|do|does|did|will|would|can|could|"
    r"gets?|got|feels?|felt|says?|said|thinks?|wants?|needs?|loves?|hates?)\b)[^.?!])*?"
    r"\b(?:too|as well)\b",
    re.I,
)
"""A sentence that adds a topic to the question before it without asking again ("does it
help my swelling? and my fatigue too, I'm wiped out"): the same question about that. A
verb before "too" makes it a sentence that tells ("and my husband is worried too")."""


def is_question(sentence: str) -> bool:
    """Ends with a question mark, or opens like a question ("does massage help w/ pain"),
    or adds a topic to the question before ("and my fatigue too")."""
    return (
        sentence.rstrip().endswith("?")
        or bool(_QUESTION_START.match(sentence))
        or bool(_ADDS_TO_QUESTION.match(sentence))
    )


_EVERY_QUESTION = frozenset({"massage", "massages", "cancer", "cancers"})


def question_text(message: str) -> str:
    """The part of a message that asks: its questions, without the story told before them.

    "My mom is on chemo and can't sleep. Would massage help her sleep?" is checked
    for coverage on its question; a question that points back ("can massage help
    with that?") keeps the story it points to.
    """
    sentences = sentences_of(message)
    questions = [s for s in sentences if is_question(s)]
    if not questions or len(questions) == len(sentences):
        return message
    asked = " ".join(questions)
    own = _own_words(asked)
    # "massage" and "cancer" are in nearly every question: "can massage do anything for
    # that or am I wasting money?" points back with no more than two words of its own.
    specific = [w for w in own if w.lower() not in _EVERY_QUESTION]
    if len(own) <= 1 or (
        _REFERS_BACK.search(asked) and len(specific) <= 2 and not _names_own_topic(asked)
    ):
        return message
    return asked


_CONTEXT_MEANINGS = frozenset({"massage", "cancer", "chemotherapy", "treatment", "surgery"})
"""Corpus terms in nearly every question, or the treatment a story is told around: never
the topic a question names of its own."""


def _names_own_topic(asked: str) -> bool:
    """Whether the questions name a topic of their own in words the vocabulary maps to the
    sources' ("can they use essential oils?" asks about aromatherapy): "they" is then the
    therapist, not a pointer back at the story told around the question ("I love lavender
    and it calms me"), so the story is no part of what the sources must cover. Not what
    kind of question it is ("is it safe", "is it proven"), nor massage, cancer or a
    treatment."""
    reading = expand(asked)
    roles = reading.roles or ("topic",) * len(reading.meanings)
    return any(
        not absent and role == "topic" and term not in _CONTEXT_MEANINGS
        for (term, absent), role in zip(reading.meanings, roles, strict=True)
    )


def story_details(message: str) -> frozenset[str]:
    """The everyday words of the story a question points back at (``question_text`` reads
    it with its story), that its questions do not use: "Grocery shopping used to be easy.
    Now my toes tingle since chemo. Is massage used for that?" tells "shopping" and "easy"
    around the symptom asked about. Empty when the question stands alone or the
    message is only questions. Everyday by general English (Zipf ``_EVERYDAY_ZIPF`` and
    up); a rarer word of the story ("hiccups", "scar", "needles") is never a detail."""
    sentences = sentences_of(message)
    questions = [s for s in sentences if is_question(s)]
    if not questions or len(questions) == len(sentences) or question_text(message) != message:
        return frozenset()
    asked = set(content_words(fold(" ".join(questions))))
    told = content_words(fold(" ".join(s for s in sentences if not is_question(s))))
    return frozenset(w for w in told if w not in asked and _everyday(w))


def _everyday(word: str) -> bool:
    """A word of everyday English (Zipf ``_EVERYDAY_ZIPF`` and up), or the plural of one
    ("mornings", "errands")."""
    singular = word[:-1] if word.endswith("s") and len(word) > 3 else word
    return max(zipf(word), zipf(singular)) >= _EVERYDAY_ZIPF


@dataclass(frozen=True)
class RetrievalResult:
    passages: list[Passage]
    top_similarity: float
    coverage: float
    relevant: bool
    query: str
    vector: np.ndarray
    absent: tuple[str, ...] = ()
    """Conditions or treatments the message names that the sources do not cover."""
    corpus_terms: tuple[str, ...] = ()
    """The sources' words for the message's lay words (``patient_words``)."""
    pool: tuple[Passage, ...] = ()
    """The passages an answer may quote from: ``passages`` and the next few after them
    (the first ``k`` decide coverage; sentences are chosen from a few more)."""
    unnamed: tuple[str, ...] = ()
    """Names the question asks about that the sources never use (``unnamed_names``:
    "the NHS", "the NCBTMB"): such a question is not covered, however close it reads."""
    covered_beside_absent: bool = False
    """The message names conditions the sources do not cover, and the rest of it is
    covered (``coverage(beside_absent=True)``): that rest is answered, the conditions
    named as not covered."""
    own_found: bool = False
    """A word or topic of the question itself is in the passages (``own_topic_found``)."""


_POINTS_BACK = re.compile(r"\b(that|this|it|those|these|they|them)\b", re.I)
_STRENGTH = re.compile(
    r"(evidence|proven|proof|prove|studies|study|research|researched|science|scientific|"
    r"solid|strong|shaky|weak|reliable|anecdotes?|anecdotal|backed|real|trials?|data|sure|"
    r"certain|convincing|legit)",
    re.I,
)
"""Words of how strong the evidence is (a question's manner, not its topic)."""


def asks_strength_of_earlier(message: str) -> bool:
    """A question about how strong the evidence is for what was said before ("is that
    proven or just a few studies?", "how solid is that?"): a word pointing back, a word
    of the evidence's strength, and at most one word of its own beside them."""
    if not _POINTS_BACK.search(message):
        return False
    own = _own_words(question_text(message))
    strength = [w for w in own if _STRENGTH.fullmatch(w)]
    return bool(strength) and len(own) - len(strength) <= 1


def leans_on_history(message: str) -> bool:
    """For the query: a message short enough, or opening like a follow-up, to need earlier turns.

    (Routing has its own, stricter test of whether a message continues a topic.)
    """
    return (
        bool(_FOLLOW_UP_START.match(message))
        or len(content_words(message)) <= 3
        or asks_strength_of_earlier(message)
    )


def history_weights(message: str, previous: Sequence[str], max_turns: int) -> list[float]:
    """Weights for earlier user turns, most recent first; small when the message stands alone."""
    if not previous or max_turns == 0:
        return []
    base = 1.0 if leans_on_history(message) else 0.15
    return [base * (0.5**i) for i in range(min(max_turns, len(previous)))]


_SPELLING_CUTOFF = 0.8


def _spelled(index: LexicalIndex, stem: str) -> str:
    """The corpus word a misspelt one most likely meant ("nausia" -> "nausea")."""
    if stem in index.vocab:
        return stem
    import difflib

    # Only the words with enough letters in common (numpy, the whole vocabulary at once):
    # difflib would drop the others one by one after the same test.
    near = index.spelling_candidates(stem, _SPELLING_CUTOFF)
    close = difflib.get_close_matches(stem, near, n=1, cutoff=_SPELLING_CUTOFF)
    return close[0] if close else stem


_TYPO_ZIPF = 1.0
"""A word general English has not seen (Zipf under this: "insomina", "therepist") is a
misspelling, searched also as the corpus word it most likely meant; a real word ("lying",
"rough") is not searched as the corpus word it looks like."""


def _spellings(index: LexicalIndex, message: str) -> list[str]:
    """The corpus words the message's misspelt words most likely meant ("insomina" is
    "insomnia"), for the BM25 query: the coverage check reads a misspelt word as the corpus
    word (``_spelled``), so the search must look for that word too, or the passage that
    holds it is not among those the check reads."""
    unknown = [w for w in _own_words(message) if zipf(w) < _TYPO_ZIPF]
    found: list[str] = []
    for word_stems in index.stems_of_each(unknown) if unknown else ():
        for stem in word_stems:
            if len(stem) > 2 and stem not in index.vocab:
                spelled = _spelled(index, stem)
                if spelled != stem and spelled not in index.common:
                    found.append(spelled)
    return list(dict.fromkeys(found))


def coverage(
    index: LexicalIndex,
    message: str,
    passages: Sequence[Passage],
    reading: Reading | None = None,
    *,
    beside_absent: bool = False,
    details: frozenset[str] = frozenset(),
) -> float:
    """Share of the question's distinctive words that the passages contain.

    With ``beside_absent``, the share of the words other than the conditions the
    sources do not cover (0 when there are none): "does massage help chemo brain and
    being exhausted all the time?" is covered beside chemo brain (as fatigue).

    The question is read in the sources' words (``patient_words``): a lay
    phrase the vocabulary maps to a corpus term counts as one word, found
    when any word of that term is in the passages ("numb tingly feet" is
    found as "neuropathy"), so a lay word is never an uncovered word; a
    phrase naming a condition the sources do not cover is never found.
    Words found in most chunks ("massage", "cancer") say nothing about
    whether the sources cover a question, nor do words about who asks or
    how ("my mom", "actually"); a word found nowhere ("acupuncture",
    "hiccups") says they do not. Words are the lexical index's stems.

    ``details`` (``story_details``) are the everyday words of a story the question points
    back at: when a symptom or condition the story names is found in the passages, they
    tell the story around it and are not counted ("I garden, I see friends for coffee, but
    since the mastectomy I've had this nagging ache. Does massage do anything for pain like
    that?" is about the ache, not the garden).
    """
    items, found = _coverage_items(
        index, message, passages, reading, beside_absent=beside_absent, details=details
    )
    if not items:
        return 0.0 if beside_absent else 1.0
    total = sum(weight for _, weight in items)
    return sum(weight for item, weight in items if item & found) / total


_STORY_WEIGHT = 0.5
"""An uncovered word of at most this weight (``_specificity``; Zipf 4.5 and up in general
English: "back", "regular", "stay", "energy", "session") is an everyday word."""


def only_story_uncovered(
    index: LexicalIndex,
    message: str,
    passages: Sequence[Passage],
    reading: Reading,
    *,
    beside_absent: bool = False,
) -> bool:
    """Every word of the question the passages lack is an everyday word, and at least one
    of its own words or topics is found in them.

    A question in a person's own words ("my daughter says her whole life feels worse
    since diagnosis. could regular rubdowns make day to day life better for her?")
    shares few of the pages' words, so its coverage share stays low even when nothing it
    lacks names a topic. A rare word missing ("scar", "platelet", "Macmillan"), a topic
    the vocabulary maps but the passages lack, or an uncovered condition still decides
    against it; so does finding only what kind of question it is ("how much does a
    session cost?" finds "therapist" and nothing of its own). ``beside_absent`` leaves the
    uncovered names out, as ``coverage`` does."""
    items, found = _coverage_items(
        index, message, passages, reading, beside_absent=beside_absent, asks_count=False
    )
    hit = [weight for item, weight in items if item & found]
    missed = [weight for item, weight in items if not item & found]
    return bool(hit) and all(w <= _STORY_WEIGHT for w in missed)


def told_before_question(reading: Reading, question: Reading) -> bool:
    """The uncovered names of the message are told only in the story before its question
    ("had a lumpectomy and radiation. can massage help the breast soreness that
    lingers?"): the question (``question_text``, read as ``question``) is judged like
    any other and the names are said as not covered. A question that names them ("is
    massage safe during radiation?") or points back at the story ("is it safe for me?",
    read with its story) is not."""
    return bool(reading.absent) and not question.absent


_CONTEXT_TERMS = frozenset({"chemotherapi", "treatment", "surgeri"})
"""Stems of the treatments a story names ("after chemo", "since my surgery"): the context
of a question, not what it asks about."""


def own_topic_found(
    index: LexicalIndex, message: str, passages: Sequence[Passage], reading: Reading
) -> bool:
    """At least one word or topic of the question itself is in the passages: not only what
    kind of question it is ("safe", "find", "legit") nor the treatment it is told around
    ("will scalp massage make my hair grow back after chemo?" finds only chemotherapy)."""
    items, found = _coverage_items(index, message, passages, reading, asks_count=False)
    return any(item & found - _CONTEXT_TERMS for item, _ in items)


def _coverage_items(
    index: LexicalIndex,
    message: str,
    passages: Sequence[Passage],
    reading: Reading | None = None,
    *,
    beside_absent: bool = False,
    asks_count: bool = True,
    details: frozenset[str] = frozenset(),
) -> tuple[list[tuple[set[str], float]], set[str]]:
    """The question's words and topics as (stems, weight) items for ``coverage``, and the
    words of the passages; ``asks_count=False`` leaves out what kind of question it is."""
    reading = reading if reading is not None else expand(message)
    common = index.common
    items: list[tuple[set[str], float]] = []
    asks: list[set[str]] = []
    seen: set[str] = set()
    told: list[set[str]] = []  # the items of the story's everyday details (``details``)
    topics: list[set[str]] = []  # the symptoms and conditions the message names (``kind``)
    words = _own_words(reading.outside(message))
    # Every word and every corpus term tokenised in one call (the same stems as one at a time).
    meanings = [meaning for meaning, _ in reading.meanings]
    tokenised = index.stems_of_each([*words, *meanings])
    stems_of_meaning = dict(zip(meanings, tokenised[len(words) :], strict=True))
    for word, word_stems in zip(words, tokenised[: len(words)], strict=True):
        for w in word_stems:
            if len(w) > 2 and (w := _spelled(index, w)) not in common and w not in seen:
                seen.add(w)
                items.append(({w}, _specificity(word)))
                if word in details:
                    told.append(items[-1][0])
    kinds = reading.kinds or (None,) * len(reading.matched)
    roles = reading.roles or ("topic",) * len(reading.matched)
    for phrase, (meaning, absent), kind, role in zip(
        reading.matched, reading.meanings, kinds, roles, strict=True
    ):
        if absent and kind == "detail":
            # A price or a length of time asked for is named as not covered by the
            # answer (``Focus.absent``); the rest of the question is judged on its own.
            continue
        if absent:
            if not beside_absent:
                items.append((set(), 1.0))
            continue
        lay = [w for w in content_words(phrase) if w not in _GENERIC and w not in _FILLER]
        stems = {w for w in stems_of_meaning[meaning] if len(w) > 2} - common
        if lay and stems and role == "asks":
            asks.append(stems)
        elif lay and stems:
            items.append((stems, 1.0))
            if kind in ("symptom", "condition"):
                topics.append(stems)
    found: set[str] = set()
    for p in passages:
        found |= index.words_of(p.chunk.chunk_id)
    if told and any(t & found for t in topics):
        # The symptom the story names is in the passages: the everyday details around it
        # ("we moved house", "grocery shopping used to be easy") do not outweigh it.
        items = [(i, w) for i, w in items if i & found or not any(i is t for t in told)]
    # What kind of question it is ("legit", "find", "is it safe") counts for it when the
    # passages say it, never against it: "how do I find someone legit trained for that?"
    # asks about a qualified therapist, not about the evidence.
    if asks_count:
        items.extend((a, 1.0) for a in asks if a & found)
    return items, found


_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{2,7}s?\b")
_CHATTER = frozenset("omg lol btw fyi imo imho tbh idk asap pls plz thx nyc usa".split())
_EVERYDAY_ZIPF = 4.1
"""An acronym at least this common in general English is an everyday word written in
capitals ("ALL the time", "PLEASE"), not a name."""


def unnamed_names(index: LexicalIndex, message: str, reading: Reading) -> tuple[str, ...]:
    """Acronyms in ``message`` that name something the sources never mention.

    A question about "the NHS", "the NCBTMB" or "CBD oil" is about that thing; when no
    page names it and the patient-word list does not map it to a word they use, the
    sources cannot answer it, however close the rest of the question reads ("is
    oncology massage available on the NHS?" is 0.81 from a passage about availability).
    Everyday words in capitals, chat abbreviations and words the vocabulary maps
    ("LMT", "ASCO") are not names of that kind.
    """
    left = set(reading.outside(message).split())
    skip = _not_topic_stems()
    names: list[str] = []
    for match in _ACRONYM.finditer(message):
        token = match.group(0)
        word = token.lower()
        if sum(ch.isalpha() for ch in token) < 3 or word not in left or word in _CHATTER:
            continue
        found = index.stems(word)
        if not found or any(w in index.vocab or w in skip for w in found):
            continue
        if zipf(word) >= _EVERYDAY_ZIPF:
            continue
        names.append(token)
    return tuple(dict.fromkeys(names))


def _specificity(word: str) -> float:
    """How much a word of the question not in the sources counts against covering it:
    1 for a rare, specific word ("cupping", "lymphedema", "hiccups"), down to 0.25 for a
    word of everyday English ("gift", "firm", "watch"), by its frequency in general
    English (``wordfreq``'s Zipf scale: 2 is rare, 5 and more everyday). Everyday words
    tell the story around a question more often than what it is about; a question made
    only of them still needs them found."""
    return min(1.0, max(0.25, (6.0 - zipf(word)) / 3.0))


_NAMES_MASSAGE = re.compile(r"\b(massag\w*|bodywork|rub\w*|s4om|oncology massage)\b", re.I)
_ABOUT_MASSAGE = "Oncology massage:"
"""Put before a message that does not name massage when its similarity is under the floor."""

_VECTOR_CACHE = 2048
"""Query texts whose vectors are kept (a few MB); the cache is emptied when full."""
ANSWER_POOL = 14
"""Passages an answer may quote from (docs/retrieval.md: the sentence that answers is
in the top 6 for 96% of the training questions, and every gold sentence for 82%; in the
top 10 for 98% and 92%)."""


class Retriever:
    """Searches the store (dense) and the persisted lexical index (BM25), fused by rank.

    ``warm_up()`` loads the lexical index before the app reports ready; it is
    built only when the corpus changed (``lexical_index``).
    """

    def __init__(
        self,
        settings: Settings,
        store: VectorStore,
        embeddings: SentenceTransformerEmbeddings,
        *,
        dense_query: str = "message",
        patient_words: bool = True,
        answer_pool: int = ANSWER_POOL,
    ) -> None:
        self.settings = settings
        self.store = store
        self.embeddings = embeddings
        self.dense_query = dense_query
        """What is embedded for a message: ``message`` (its own words) or ``expanded``
        (with the corpus terms appended); see docs/retrieval.md for the measurement."""
        self.patient_words = patient_words
        """Read messages with ``patient_words`` (off only to measure what it brings)."""
        self.answer_pool = answer_pool
        self._lexical = PersistedLexicalIndex(settings, store)
        self._lock = threading.Lock()
        self._reranker: Any = None
        self._vectors: dict[str, np.ndarray] = {}
        self._kept: dict[str, np.ndarray] = {}
        """Vectors of the service's own fixed queries (``keep``): never emptied."""
        self._fixed: dict[str, tuple[LexicalIndex, RetrievalResult]] = {}
        """Results of the fixed queries (``retrieve_fixed``), with the index they came from."""

    def warm_up(self) -> None:
        """Load the persisted lexical index (or build and persist it) now, so the
        first question is served like any other; called before the app reports ready.
        The word frequencies the coverage check reads, and the patient-words vocabulary
        every message is read with, are loaded too (the vocabulary's YAML and patterns were
        about 0.5 s of the first question)."""
        self._lexical.warm_up()
        _specificity("massage")
        _not_topic_stems()
        self.read("is massage safe")

    def refresh(self) -> None:
        """Drop the lexical index and load the one for the corpus as it is now (saved by
        the ingest that changed it; built and saved here if there is none)."""
        self._lexical.reload()
        self._lexical.warm_up()

    @property
    def lexical(self) -> LexicalIndex:
        """The lexical index of the corpus as it is: persisted beside the store, loaded
        once, and swapped for the new one an ingest saves (``lexical_index``)."""
        return self._lexical.current()

    def read(self, message: str) -> Reading:
        """``message`` read against the reviewed vocabulary of patient words."""
        return expand(message) if self.patient_words else Reading((), (), ())

    def respell(self, message: str) -> str:
        """``message`` with its misspelt words read as the patient-words vocabulary word
        they most likely meant (``patient_words.respelled``); a word of the corpus is
        never one (off with ``patient_words``)."""
        if not self.patient_words:
            return message
        index = self.lexical
        return respelled(message, lambda word: all(s in index.vocab for s in index.stems(word)))

    def _dense_text(self, message: str) -> str:
        if self.dense_query == "expanded":
            return self.read(message).query(message)
        if self.dense_query == "rewritten":
            return self.read(message).rewritten(message)
        return message

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of ``texts`` in one model call, remembering recent ones: a conversation's
        earlier turns, the questions of one message and the fixed general-safety search
        are embedded once, not on every turn."""
        unique = list(dict.fromkeys(texts))
        with self._lock:
            known = {t: self._kept.get(t, self._vectors.get(t)) for t in unique}
            known = {t: v for t, v in known.items() if v is not None}
        missing = [t for t in unique if t not in known]
        if missing:
            fresh = {
                t: np.asarray(v)
                for t, v in zip(missing, self.embeddings.embed_documents(missing), strict=True)
            }
            known.update(fresh)
            with self._lock:
                if len(self._vectors) > _VECTOR_CACHE:
                    self._vectors.clear()
                self._vectors.update(fresh)
        # From this call's own copy: another thread may empty the cache meanwhile.
        return np.asarray([known[t] for t in texts])

    def keep(self, text: str) -> None:
        """Embed a fixed query of the service's own (never a message) once and keep its
        vector for good, whatever happens to the cache of recent texts."""
        if text in self._kept:
            return
        vector = np.asarray(self.embeddings.embed_documents([text])[0])
        with self._lock:
            self._kept[text] = vector

    def retrieve_fixed(self, question: str) -> RetrievalResult:
        """``retrieve`` of a fixed query of the service's own (never a message: the general
        safety or evidence search), kept until the corpus changes. Its result depends on
        nothing but the corpus, so it is searched again only when the lexical index was
        swapped for a changed corpus (``lexical``); it was about 8 ms of each turn that
        shows the general sentences."""
        index = self.lexical
        with self._lock:
            kept = self._fixed.get(question)
        if kept is not None and kept[0] is index:
            return kept[1]
        self.keep(question)
        found = self.retrieve(question)
        with self._lock:
            self._fixed[question] = (index, found)
        return found

    def turn_vectors(self, texts: Sequence[str]) -> TextVectors:
        """The vectors of a turn's texts in one model call (``TextVectors``): the message
        as typed, for the dense search, and as routing reads it, for the classifier;
        embedded when first needed, all together."""
        return TextVectors(pending=[str(t) for t in texts], embed=self.embed)

    def query_vector(
        self, message: str, previous: Sequence[str], vectors: TextVectors | None = None
    ) -> np.ndarray:
        """The dense query: the message's vector (from ``vectors`` when the turn already
        embedded it) plus earlier turns' with decaying weight, normalised."""
        weights = history_weights(message, previous, self.settings.history_turns)
        texts = [self._dense_text(t) for t in [message, *list(previous)[: len(weights)]]]
        own = vectors.get(texts[0]) if vectors is not None else None
        if own is None:
            own = self.embed(texts[:1])[0]
        combined = own + sum(w * v for w, v in zip(weights, self.embed(texts[1:]), strict=False))
        norm = float(np.linalg.norm(combined))
        return combined / norm if norm else combined

    def retrieve(
        self,
        message: str,
        previous: Sequence[str] = (),
        k: int | None = None,
        vectors: TextVectors | None = None,
    ) -> RetrievalResult:
        """Search for ``message``; ``previous`` are earlier user turns, most recent first;
        ``vectors``, the turn's embeddings already made (the message is not embedded again)."""
        k = k or self.settings.retrieval_k
        pool = max(20, 3 * k)
        # A misspelt word is read as the vocabulary word it meant in both halves of the
        # search and in the coverage check ("depresion" is "depression").
        message = self.respell(message)
        previous = [self.respell(p) for p in previous]
        weights = history_weights(message, previous, self.settings.history_turns)
        readings: dict[str, Reading] = {}

        def read(text: str) -> Reading:  # each text read once in this search
            if text not in readings:
                readings[text] = self.read(text)
            return readings[text]

        reading = read(message)
        carried = [p for p, w in zip(previous, weights, strict=False) if w >= 0.3]
        index = self.lexical
        lexical_query = " ".join(
            [
                reading.query(message),
                *_spellings(index, message),
                *[read(p).query(p) for p in carried],
            ]
        )
        dense: list[tuple[Chunk, float]] = []
        vector = self.query_vector(message, previous, vectors)
        if self.settings.dense_enabled:
            dense = self.store.query(vector.tolist(), pool)
        lexical = (
            index.search_chunks(self.store, lexical_query, pool, known=(c for c, _ in dense))
            if self.settings.bm25_enabled
            else []
        )
        fused = self._fuse(dense, lexical)
        if self.settings.rerank_model:
            fused = self._rerank(lexical_query, fused)
        passages = fused[:k]
        question_rankings = self._question_rankings(message, carried, read, pool)
        quotable = self._quotable((dense, lexical), fused, question_rankings, k, lexical_query)
        top = max((s for _, s in dense), default=None)
        if top is None:
            top = self._top_similarity(vector, passages)
        # The question told inside a story is as close to the pages as its own words read
        # alone: "Since my operation I've been so low... Is there proof massage lifts your
        # mood?" reads 0.53 whole and 0.72 asked alone. Coverage is already judged on the
        # question (``_coverage_text``); the story's own conditions still count (``absent``).
        close = max([top, *(s for _, s in question_rankings[0])])
        asked = self._coverage_text(message, reading, carried)
        covered = (
            coverage(index, asked, passages, read(asked), details=story_details(asked))
            if passages
            else 0.0
        )

        @cache
        def clears_floor() -> bool:
            """Whether the best cosine clears the relevance floor, or, under it, the
            message read in the sources' words does. That second reading costs an
            embedding and a search, so it is made only when the answer depends on it,
            after every cheaper condition beside it holds, and at most once."""
            floor = self.settings.relevance_floor
            return top >= floor or (
                self.settings.dense_enabled
                and self._similarity_in_sources_words(message, reading) >= floor
            )

        # Found in the message's own question, not in the turn a follow-up leans on.
        own = self._coverage_text(message, reading, ())
        own_found = bool(passages) and own_topic_found(index, own, passages, read(own))
        # Only what is asked names the thing asked about: "ended up in ICU. is massage one
        # of the things that can cause infections?" keeps its story for coverage.
        named_in = " ".join(s for s in sentences_of(asked) if is_question(s)) or asked
        unnamed = unnamed_names(index, named_in, read(named_in)) if self.patient_words else ()
        # Confident similarity alone answers, unless not one of the question's own
        # words is in the passages ("how often should someone get a massage?"); a close
        # one does when one of the question's own topics is found there (a paraphrase:
        # "has massage ever been looked at for people who've lost their spark?").
        relevant = (
            bool(passages)
            and not unnamed
            and (
                (close >= self.settings.relevance_confident and covered > 0)
                or (close >= self.settings.relevance_close and own_found and not reading.absent)
                or (
                    (
                        covered >= self.settings.min_term_coverage
                        # A question in the person's own words: nothing it lacks names a
                        # topic.
                        or (
                            not reading.absent
                            and only_story_uncovered(index, asked, passages, read(asked))
                        )
                    )
                    and clears_floor()
                )
            )
        )
        beside = (
            bool(passages)
            and not unnamed
            and (
                (relevant and told_before_question(reading, read(asked)))
                or (
                    reading.symptoms_apart
                    and coverage(index, asked, passages, read(asked), beside_absent=True)
                    >= self.settings.min_term_coverage
                    and clears_floor()
                )
                # A device (or a treatment, safety not asked) is the circumstance of a
                # question whose every other word is found, but for everyday ones ("can
                # massage ease my anxiety with a drain still in?"), not its subject ("is
                # massage safe with a port?" asks nothing else) nor beside another topic
                # the passages lack ("could it soften the scar around my port?").
                or (
                    read(asked).circumstances_apart
                    and own_found
                    and only_story_uncovered(
                        index, asked, passages, read(asked), beside_absent=True
                    )
                    and clears_floor()
                )
            )
        )
        return RetrievalResult(
            passages,
            top,
            covered,
            relevant,
            lexical_query,
            vector,
            absent=reading.absent,
            corpus_terms=reading.corpus_terms,
            pool=quotable,
            unnamed=unnamed,
            covered_beside_absent=beside,
            own_found=own_found,
        )

    @staticmethod
    def _coverage_text(message: str, reading: Reading, carried: Sequence[str]) -> str:
        """What the coverage check reads: the question in the sources' words.

        A follow-up with almost no topic of its own ("why does that matter?") is
        read with the turn it leans on.
        """
        asked = question_text(message)
        if _FINDING.search(asked):
            # Where the person lives says nothing about whether the sources cover
            # finding a therapist ("how do I find someone near Toronto?").
            asked = _REGION.sub(" ", _PLACE.sub(" ", asked))
        own = _own_words(asked)
        if carried and not reading.absent and asks_strength_of_earlier(asked):
            # How strong the evidence is for the topic before ("is that proven or just a
            # few studies?"): the evidence for that topic, in any words of strength.
            return " ".join(["evidence", *carried])
        if carried and len(own) <= 1 and not reading.absent:
            return " ".join([asked, *carried])
        return asked

    def _similarity_in_sources_words(self, message: str, reading: Reading) -> float:
        """The best cosine for the message read as the sources would put it: its lay words
        replaced by theirs ("deep tissue w/ bone mets" read as "deep massage ... bone
        metastases"), and, when it does not name massage, as a question about massage
        (the router has already found it in scope: "where can I see what classes are
        coming up?" is about the Society's classes). Used only to clear the relevance
        floor, never the confident or close bar, so the coverage check still decides: a
        question is judged like the same question in the pages' words, no more generously."""
        texts = []
        if reading.spans:
            texts.append(reading.rewritten(message))
        if not _NAMES_MASSAGE.search(message):
            texts.append(f"{_ABOUT_MASSAGE} {message}")
        best = 0.0
        for vector in self.embed(texts) if texts else ():
            found = self.store.query(vector.tolist(), 1)
            best = max([best, *(score for _, score in found)])
        return best

    def _top_similarity(self, vector: np.ndarray, passages: Sequence[Passage]) -> float:
        """Cosine of the best passage, for when dense search is switched off."""
        if not passages:
            return 0.0
        vecs = np.asarray(
            self.embeddings.embed_documents([embedding_text(p.chunk) for p in passages])
        )
        return float(np.max(vecs @ vector))

    def _quotable(
        self,
        whole: tuple[list[tuple[Chunk, float]], list[tuple[Chunk, float]]],
        fused: list[Passage],
        question: tuple[list[tuple[Chunk, float]], list[tuple[Chunk, float]]],
        k: int,
        lexical_query: str,
    ) -> tuple[Passage, ...]:
        """The passages an answer may quote from: the first of the whole message's fused
        ranking, or, when the message tells a story around its question, of that ranking
        fused with the question's own (``_question_rankings``), and then any of the
        message's first ``k`` (which decided coverage) not among them. The question's own
        search chooses what may be quoted, never whether the sources cover the message."""
        size = max(k, self.answer_pool)
        if not any(question):
            return tuple(fused[:size])
        joined = self._fuse(*whole, *question)
        if self.settings.rerank_model:
            joined = self._rerank(lexical_query, joined)
        chosen = joined[:size]
        ids = {p.chunk.chunk_id for p in chosen}
        return (*chosen, *(p for p in fused[:k] if p.chunk.chunk_id not in ids))

    def _question_rankings(
        self,
        message: str,
        carried: Sequence[str],
        read: Callable[[str], Reading],
        pool: int,
    ) -> tuple[list[tuple[Chunk, float]], list[tuple[Chunk, float]]]:
        """The dense and BM25 rankings of the message's question alone, without the story
        told around it (``question_text``), or nothing when the message is its question.

        A long story outweighs a short question in both searches: "My mom has stage 4
        breast cancer and she hurts all the time. Her friend keeps saying get her a
        massage. Would it help her pain?" is searched as much for the stage, the friend
        and the breast as for the pain, and the passage about pain can fall out of the
        pool. Fused beside the whole message's rankings, the question's own search keeps
        the passages that answer it among the candidates; the story still counts. A
        question that points back at its story is read with it and adds nothing."""
        asked = question_text(message)
        if asked == message or not (self.settings.dense_enabled or self.settings.bm25_enabled):
            return [], []
        index = self.lexical
        dense: list[tuple[Chunk, float]] = []
        if self.settings.dense_enabled:
            vector = self.embed([self._dense_text(asked)])[0]
            norm = float(np.linalg.norm(vector))
            dense = self.store.query((vector / norm if norm else vector).tolist(), pool)
        lexical: list[tuple[Chunk, float]] = []
        if self.settings.bm25_enabled:
            query = " ".join(
                [read(asked).query(asked), *_spellings(index, asked)]
                + [read(p).query(p) for p in carried]
            )
            lexical = index.search_chunks(self.store, query, pool, known=(c for c, _ in dense))
        return dense, lexical

    def _fuse(
        self,
        dense: Sequence[tuple[Chunk, float]],
        lexical: Sequence[tuple[Chunk, float]],
        question_dense: Sequence[tuple[Chunk, float]] = (),
        question_lexical: Sequence[tuple[Chunk, float]] = (),
    ) -> list[Passage]:
        """Reciprocal-rank fusion of the rankings; a passage's dense and BM25 scores are
        the whole message's (``question_*``, the question's own rankings, add votes only)."""
        rrf: dict[str, float] = {}
        chunks: dict[str, Chunk] = {}
        dense_scores: dict[str, float] = {}
        bm25_scores: dict[str, float] = {}
        unscored: dict[str, float] = {}
        rankings = (
            (dense, dense_scores),
            (lexical, bm25_scores),
            (question_dense, unscored),
            (question_lexical, unscored),
        )
        for ranking, scores in rankings:
            for rank, (chunk, score) in enumerate(ranking, start=1):
                rrf[chunk.chunk_id] = rrf.get(chunk.chunk_id, 0.0) + 1.0 / (
                    self.settings.rrf_k + rank
                )
                chunks[chunk.chunk_id] = chunk
                scores[chunk.chunk_id] = score
        order = sorted(rrf, key=lambda cid: (-rrf[cid], -dense_scores.get(cid, -1.0), cid))
        return [
            Passage(
                chunk=chunks[cid],
                score=rrf[cid],
                dense_score=dense_scores.get(cid),
                bm25_score=bm25_scores.get(cid),
                rank=i,
            )
            for i, cid in enumerate(order, start=1)
        ]

    def _rerank(self, query: str, passages: list[Passage]) -> list[Passage]:
        """Cross-encoder reordering, only where a local model is configured."""
        if not passages:
            return passages
        if self._reranker is None:
            from sentence_transformers import CrossEncoder

            self._reranker = CrossEncoder(self.settings.rerank_model, device="cpu")
        scores = self._reranker.predict([(query, p.chunk.text) for p in passages])
        order = sorted(range(len(passages)), key=lambda i: -float(scores[i]))
        return [
            Passage(
                passages[i].chunk,
                float(scores[i]),
                passages[i].dense_score,
                passages[i].bm25_score,
                r,
            )
            for r, i in enumerate(order, start=1)
        ]
