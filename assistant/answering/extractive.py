"""The extractive answerer: an answer made only of sentences from the sources.

No model writes anything here, so nothing can be invented: the answer is a
few whole sentences chosen from the retrieved passages, each with a citation
whose quote is an exact slice of its chunk. The first sentence is the one that
most directly answers the question; at most three more follow, each above a
relevance threshold chosen on the training suites (``docs/retrieval.md``).

A sentence's relevance to a question (``score``) combines what it is about and
what the question asks (``intent.Focus``):

- the embedding similarity to the question (with the conversation's topic);
- how much of the question's topic, in the sources' words, the sentence names,
  and whether its own label names it ("Nausea: alleviated nausea..." for a
  question about nausea, not "Fatigue: ... patients also experiencing pain"
  for a question about pain);
- whether it is the kind of sentence the question asks for (a safety
  statement for "is it safe", an evidence caveat for "is it proven", the
  search page for "how do I find a therapist", a guideline when guidelines
  are asked about);
- groups a sentence is limited to ("in children with cancer") count only when
  the question is about that group or that finding.

Some sentences are never shown for some questions: content written for
therapists (courses, continuing education, grants for practitioners) only
answers questions about training or the Society's programs; a warning about a
specific condition (bone metastases) only answers someone who raised it or
asked about safety in general. Testimonials (patients' own words) never lead
an answer unless the question asks what people say; the service shows them
apart, labelled as one person's experience; asked what people say in general, a
story about cancer care as a whole leads, not one about a treatment the person never
named. Of two summaries that name what was asked, the one naming fewer symptoms leads.
When two sentences are about equally relevant, the plainer one (Flesch-Kincaid grade)
is preferred.

Sentences are whole: list items are read with their heading ("Breast Cancer
Guideline: Can be considered for reducing anxiety"), a sentence starting
"It"/"This" is kept with the one before, a quotation is kept whole until its
quotation marks balance, and teaser fragments ("massage is now recommended
by...") and sub-titles without a verb are dropped. Footnote numbers glued to
words are removed from the displayed sentence only; the citation quotes the
source exactly.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import numpy as np

from ..embeddings import SentenceTransformerEmbeddings
from ..patient_words import expand
from ..schema import Chunk, Draft, Passage
from ..sentence_store import ChunkSentences, SentenceStore
from ..text import LIST_ITEM, content_words, stems
from .base import AnswerBackend
from .citations import Unit, cite
from .intent import Focus, Intent, asks_how_adapted, asks_may_have, read_question
from .passage_filter import unsafe_passage, unsafe_reason

_SENTENCE_END = re.compile(r"[.!?…][\"”’)]?\d{0,4}(?=\s+[A-Z0-9\"“(\[])")
_FOOTNOTE = re.compile(
    r"(?<=[a-z\)])\d{1,4}(?:[,–-]\d{1,4})*(?=[\s,.;:)]|$)"
    r"|(?<=[a-z\)][.!?;,:])\d{1,4}(?:[,–-]\d{1,4})*(?=\s|$)"
)
_BACK_REFERENCE = re.compile(r"^(it|this|that|these|those|they|such)\b", re.I)
_BOILERPLATE = re.compile(
    r"^(learn more|read more|click here|view all|enter your comments|comments \(\d+\)|"
    r"allowed tags|add a new comment)"
    r"|\bsee (below|above)\b|\bclick\b|\b(this|our) (page|website|site)\b"
    r"|^last updated\b|\bsee our\b",
    re.I,
)
_OFFER = re.compile(r"^click here to (purchase|buy|order|register for)\b(\W+\w+){2,}\W*$", re.I)
"""A link that says what it offers ("Click Here to Purchase 2023 Summit Audio Recordings"):
the page's only statement that the thing can be bought, so not page furniture."""
_APPEAL = re.compile(r"^(support the society|you can make a difference)", re.I)
"""A fundraising appeal: an answer only to how to support the Society."""
_CURE_ADJACENT = re.compile(r"\byou beat cancer\b|\bbeat(s|ing)? (the )?cancer\b", re.I)
"""A slogan that reads as a promise about cancer itself: never an answer."""
_SUPPORT = frozenset({"support", "donat", "contribut", "fundrais", "volunt", "differ", "give"})
"""Topic stems of a question about supporting the Society (where its appeal answers)."""
_ASKS_FOR_FUNDING = re.compile(
    r"\b(money|funding|funds?|grants?|scholarships?|bursar(y|ies)|support|help|financial "
    r"(help|aid|support)) from\b|\b(get|receive|apply for|put in for|qualify for|eligible for|"
    r"ask for) (\w+ ){0,3}(money|funding|funds|grants?|scholarships?|bursar(y|ies)|financial "
    r"(help|aid|support))\b|\b(grants?|scholarships?|bursar(y|ies))\b",
    re.I,
)
"""Asks for money from the Society (a grant), not how to give to it: a grant answers it,
the fundraising appeal does not."""
_ASKS_NEXT = re.compile(
    r"\bwhen\b.{0,40}\b(next|upcoming)\b|\b(next|upcoming|future) (\w+ ){0,4}(summits?|"
    r"conferences?|events?|classes|courses?)\b|\bcoming up\b",
    re.I,
)
"""Asks when the Society's next event is: what is to come answers it, not an account of
the last one ("what's next for me?" after a course is not about an event)."""
_OPEN_QUOTES = re.compile(r"[\"“”]")
_FUNCTION_WORD_END = re.compile(
    r"\b(by|to|of|the|a|an|and|or|for|with|in|on|at|from|as|that|who|which|is|are|was|were|"
    r"be|their|his|her|its|our|your)\W*$",
    re.I,
)
_ELLIPSIS_END = re.compile(r"(\.\.\.|…)\W*$")
_COLON_END = re.compile(r":\d{0,4}$")
_VERB = re.compile(
    r"\b(is|are|was|were|be|been|shows?|showed|recommends?|recommended|cites?|reviewed|"
    r"concluded|found|finds|may|can|has|have|had|makes?|advises?|urges?|helps?|reduced|"
    r"improved|increased|alleviated)\b",
    re.I,
)
_MIN_WORDS = 5
_MAX_UNIT_CHARS = 600
_MAX_SENTENCES = 4
"""The lead sentence and at most three more."""

# What kinds of sentence there are, read from the sentence (and its heading).
_KINDS: dict[str, re.Pattern[str]] = {
    "safe": re.compile(r"\b(generally )?safe\b", re.I),
    "safety": re.compile(
        r"\b(safe|safety|precautions?|cautions?|adverse|vulnerable|oncology-trained|"
        r"trained massage therapist|aware of any cautions|risk)\b",
        re.I,
    ),
    "claims_safety": re.compile(
        r"\b(safe|safely|safety|unsafe|precautions?|cautions?|adverse|risks?|harm\w*|"
        r"dangers?|dangerous|contraindicat\w*)\b",
        re.I,
    ),
    "qualified": re.compile(
        r"\b(oncology-trained|well-prepared|aware of any cautions|a client requesting|"
        r"oncology massage therapists are)\b",
        re.I,
    ),
    "recommends_trained": re.compile(
        r"\b(by|from|with) an? oncology-trained (massage )?therapist\b.{0,30}\brecommended\b",
        re.I,
    ),
    "strength": re.compile(
        r"\b(evidence(?!-based)|weak|meta-analysis|systematic review|study designs|conclusions|"
        r"no difference|reviewed all|affirms)\b",
        re.I,
    ),
    "guideline": re.compile(r"\b(guidelines?|recommend\w*|advises)\b", re.I),
    "finding": re.compile(
        r"\b(locate|search page|widely available|cancer centers|hospitals and clinics|"
        r"added massage)\b",
        re.I,
    ),
    "locator": re.compile(r"\b(locate|search page|directory)\b", re.I),
    "in_centres": re.compile(r"\b(cancer cent(er|re)s|hospitals?|clinics?)\b", re.I),
    "cost": re.compile(r"\b(insurance|pay|pays|paid|reimburs\w*)\b", re.I),
    "definition": re.compile(
        r"^(oncology )?massage (therapy )?(is|may range|may be)\b|\bis not a technique\b|"
        r"\bcomprehensive approach\b|\bmanipulation of\b|\bmay range from\b|\bgoal\b",
        re.I,
    ),
    "adapts": re.compile(r"\bhow to adapt massage\b|\badjustments made by\b", re.I),
    "apart": re.compile(r"\bis not a technique\b|\bcomprehensive approach\b", re.I),
    "specialty": re.compile(r"\barea of speciali[sz]ation\b", re.I),
    "benefit": re.compile(
        r"\b(reduc\w*|improv\w*|alleviat\w*|help\w*|effective|manag\w*|reliev\w*|relief|"
        r"benefits?|increased|recommended for|considered for)\b",
        re.I,
    ),
    "program": re.compile(
        r"\b(summit|recordings|champions?|support the society|make a difference|calendar)\b",
        re.I,
    ),
    "upcoming": re.compile(r"\b(next|upcoming|coming up|will be (held )?(in|on))\b", re.I),
    "grant": re.compile(r"\b(grants?|scholarships?)\b", re.I),
    "training": re.compile(
        r"\b(courses?|continuing (your |their )?education|massage therapy education|"
        r"professional development|professionally|grants?|practitioners?|rep org|"
        r"education provider|college|specialization|foundational)\b",
        re.I,
    ),
    "audience": re.compile(
        r"\b(diagnosis of cancer is|people need support|a client requesting|hospitals and "
        r"clinics around the world)\b",
        re.I,
    ),
}
_WARNINGS: dict[str, re.Pattern[str]] = {
    "bone_metastases": re.compile(r"\bbone metastases\b", re.I),
}
"""Warnings that apply to one condition: shown only when it was raised or safety asked."""
WARNED_CONDITIONS = frozenset(_WARNINGS)
"""The conditions the sources warn about (``Focus.raised`` names)."""


def warns_of(text: str) -> frozenset[str]:
    """The conditions a sentence warns about (``_WARNINGS``): "bone_metastases"."""
    return frozenset(n for n, p in _WARNINGS.items() if p.search(text))


def speaks_of_safety(text: str) -> bool:
    """Whether a sentence says what is safe, risky or needs care ("generally safe",
    "urges ... precautions", "at risk for fracture"), or warns about a condition."""
    return bool(_KINDS["claims_safety"].search(text) or warns_of(text))


_GROUPS: dict[str, re.Pattern[str]] = {
    "children": re.compile(r"\bchildren\b", re.I),
    "gynecologic": re.compile(r"\bgynecologic\b", re.I),
    "anma": re.compile(r"\banma\b", re.I),
    "survivors": re.compile(r"\bsurvivors\b", re.I),
}
"""Findings limited to one group of people or one kind of massage."""

_SYMPTOMS = re.compile(
    r"\b(anxiety|pain|mood|neuropathy|sleep|insomnia|nausea|hopelessness|emotions|stress|"
    r"fatigue|tension|quality of life|breast symptoms|physical complaints)\b",
    re.I,
)
"""Symptoms the sources discuss: a sentence naming three or more is a summary."""
_ASKS_SAFE = re.compile(
    r"\b(safe|safely|safety|unsafe|risks?|risky|dangerous|danger|harm\w*|hurt|ok|okay|"
    r"alright|all right|a concern|precautions?)\b",
    re.I,
)
"""A question asking in its own words whether something is safe."""
_ASKS_IF_SAFE = re.compile(
    r"\b(safe|safely|unsafe|risks?|risky|dangerous|danger|harm\w*|hurt|downsides?|"
    r"drawbacks?|bad idea|never (\w+ )?massage|who'?s right|risk[- ]free|side[- ]effects?|"
    r"(alright|all right|ok|okay|fine) to (have|get))\b",
    re.I,
)
"""A question asking whether massage is safe or harmful at all."""
_ASKS_IF_TRAINED = re.compile(
    r"\b(therapists?|lmts?|masseuses?|practitioners?|spas?|someone|person|who)\b.{0,60}"
    r"\b(trained|training|qualified|specializ\w*|specialis\w*|special|certif\w*)\b"
    r"|\b(trained|training|qualified|specializ\w*|specialis\w*|certif\w*)\b.{0,60}"
    r"\b(therapists?|lmts?|masseuses?|practitioners?)\b"
    r"|\b(regular|any|normal|ordinary|usual) (decent |old )?(massage therapist|lmt|masseuse|spa)"
    r"|\b(have|need)s? to be an? (oncology|specialist|specialized|trained)\b",
    re.I,
)
"""A question asking whether the therapist needs training for cancer ("does it have to be
an oncology massage therapist or is my regular LMT fine?")."""
_ASKS_IF_NEEDED = re.compile(
    r"\b(need|needs|have to|has to|must|required?|matters?|fine|ok|okay|enough|qualified|any|"
    r"regular|just)\b",
    re.I,
)
_ASKS_BEST_SUPPORTED = re.compile(
    r"\b(strongest|best[- ](proven|supported|backed|established|studied)|most (proven|studied|"
    r"established)|(best|strongest|most|firmest|most solid) (evidence|backing|proof|research|"
    r"support))\b",
    re.I,
)
"""Asks which uses of massage are best supported ("which symptoms have the most solid
evidence?"): what the guidelines cite, having weighed the evidence, answers it."""
_NAMES_CENTRE = re.compile(
    r"\b(cancer (cent(er|re)|unit|ward|clinic)s?|hospitals?|clinics?|infusion (cent(er|re)|"
    r"suite)s?|oncology (unit|ward|department|clinic)s?)\b",
    re.I,
)
"""A question asking whether a hospital or cancer centre has massage ("does my cancer
centre offer it?"): the sentence about cancer centres answers it, not the search page."""
_NAMES_TRAINING = re.compile(r"\b(trained|training|certif\w*|qualif\w*|credentials?)\b", re.I)
"""A question about what a therapist should bring that names their training."""
_PRECAUTION = frozenset({"safety", "claims_safety"})
"""Kinds of sentence that say something is safe, risky or needs care: what a care-team
reply may quote (``Focus.precautions``)."""
_WHO_NOT_WHERE = frozenset({"qualified", "recommends_trained", "safety"})
"""Kinds of sentence about who should give the massage, not where to find them."""
_TRAINED_INTENTS = frozenset(
    {Intent.SAFETY, Intent.CHOOSING_THERAPIST, Intent.PROGRAMS, Intent.OTHER, Intent.BENEFIT}
)
_PREFERRED: dict[Intent, dict[str, float]] = {
    Intent.SAFETY: {"safe": 1.0, "safety": 0.8, "definition": 0.2},
    Intent.BENEFIT: {"benefit": 0.6, "guideline": 0.3},
    Intent.LIMITS: {"strength": 1.0, "guideline": 0.5, "benefit": 0.2},
    Intent.FIND_THERAPIST: {"finding": 1.0, "safety": 0.2},
    Intent.CHOOSING_THERAPIST: {"qualified": 1.0, "safety": 0.3, "definition": 0.2},
    Intent.DEFINITION: {"definition": 1.0, "audience": 0.6},
    Intent.PROGRAMS: {"program": 1.0, "training": 1.0, "audience": 0.5, "finding": 0.5},
    Intent.COST: {"cost": 1.0},
    Intent.EXPERIENCE: {},
    Intent.OTHER: {},
}
"""How much each kind of sentence suits each kind of question (reviewed judgement)."""


@dataclass(frozen=True)
class Weights:
    """How the parts of a sentence's relevance add up, and the bar for sentences after
    the lead. Fitted by coordinate search on the training suites (the team's suite and
    the blind train half) for lead_gold + answer_precision + gold_hit, with gold_hit
    held at 0.92 or more; ``docs/retrieval.md`` has the figures. ``python -m
    evals.fit_weights --validate`` refits them leaving each blind train half out; on all
    seventeen answers train halves (s37-11w) the refits lost held-out gold leads, so
    these stand."""

    similarity: float = 0.8
    topic: float = 0.7
    label: float = 0.15
    label_miss: float = 0.1
    kind: float = 0.35
    guideline: float = 0.45
    group_miss: float = 0.2
    rank: float = 0.05
    label_fit: float = 0.5
    """A list item whose label is all about what was asked ("Stress: ..." for stress, not
    "Physical complaints and markers of stress: ...")."""
    threshold: float = 1.0
    """Sentences after the lead must reach this relevance..."""
    relative: float = 0.85
    """...and this share of the lead's."""
    plain_margin: float = 0.025
    """Two sentences this close in relevance count as equally relevant (the plainer leads).
    Chosen leaving each train half out (every half chose 0.025; ``docs/retrieval.md``,
    session 26); it was 0.04 while a question asking whether something is safe could be
    led by the training recommendation, which the wider margin kept from leading."""


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class Candidate:
    """A unit with what the scorer needs to know about it, computed once per chunk."""

    unit: Unit
    stems: frozenset[str]
    label: frozenset[str]
    """Stems of a list item's label or heading ("Fatigue", "Breast Cancer Guideline")."""
    kinds: frozenset[str]
    warnings: frozenset[str]
    groups: frozenset[str]
    testimonial: bool
    grade: float
    plain: str = ""
    """Its content words (``_plain_words`` of the display): two sentences with the same
    are one, and one whose words open another's repeats it."""
    story_stems: frozenset[str] = frozenset()
    """A patient's own words: their stems with the sources' words for their everyday ones
    (``_story_stems``), read when the question asks what people say."""

    @property
    def therapist_content(self) -> bool:
        return "training" in self.kinds


@dataclass(frozen=True)
class Selection:
    units: list[Unit]
    scores: list[float]
    testimonials: tuple[bool, ...] = ()
    """For each unit: a patient's own words (shown apart, labelled)."""


def clean_display(text: str) -> str:
    """Collapse white space and drop footnote numbers glued to words ("fatigue15")."""
    return _FOOTNOTE.sub("", " ".join(text.split()))


def _heading_like(line: str) -> bool:
    stripped = line.strip()
    return (
        0 < len(stripped) <= 70
        and not LIST_ITEM.match(line)
        and stripped[-1] not in '.!?,;"”…'
        and len(stripped.split()) <= 9
    )


def _reads_alone(item: str) -> bool:
    """A list item that is already a labelled phrase or a full sentence needs no heading."""
    labelled = ":" in " ".join(item.split()[:8])
    sentence = item.endswith(".") and len(item.split()) >= 8
    return labelled or sentence


def _balanced(text: str) -> bool:
    return len(_OPEN_QUOTES.findall(text)) % 2 == 0


def _display(quote: str) -> str:
    """The sentence as shown: footnotes out, a trailing colon read as a full stop."""
    shown = clean_display(quote)
    return shown[:-1].rstrip() if shown.endswith(":") else shown


def split_units(passage: Passage) -> list[Unit]:
    """Whole sentences and list items of a chunk, each with its exact quote."""
    text = passage.chunk.text
    section_tail = passage.chunk.section.split(" > ")[-1] if passage.chunk.section else ""
    units: list[Unit] = []
    heading = section_tail
    pos = 0
    for raw_line in text.split("\n"):
        line_start = text.index(raw_line, pos) if raw_line else pos
        pos = line_start + len(raw_line)
        if not raw_line.strip():
            continue
        bullet = LIST_ITEM.match(raw_line)
        if bullet:
            quote = raw_line[bullet.end() :].strip()
            display = _display(quote)
            label = heading.rstrip(":")
            if label and not _reads_alone(display):
                first = display[0].lower() if display[1:2].islower() else display[0]
                display = f"{label}: {first}{display[1:]}"
            units.append(Unit(display, quote, passage))
            continue
        if _heading_like(raw_line):
            heading = raw_line.strip()
            if _APPEAL.search(heading) or _OFFER.search(heading):
                units.append(Unit(_display(heading), heading, passage))
            continue
        pending = ""
        for sentence in _sentences(raw_line.strip()):
            if pending:
                sentence = pending + " " + sentence
                pending = ""
            if not _balanced(sentence):
                pending = sentence
                continue
            if (
                units
                and _BACK_REFERENCE.match(sentence)
                and units[-1].quote + " " + sentence in text
            ):
                joined = units[-1].quote + " " + sentence
                units[-1] = Unit(_display(joined), joined, passage)
            else:
                units.append(Unit(_display(sentence), sentence, passage))
    return [u for u in units if _usable(u)]


def _sentences(paragraph: str) -> list[str]:
    """Split on sentence ends, keeping footnote numbers ("outcomes.35") with their sentence.

    A regular expression rather than a tokenizer library: NLTK's punkt needs a
    data download this product cannot make, and the sources are plain prose.
    """
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        parts.append(paragraph[start : match.end()].strip())
        start = match.end()
    parts.append(paragraph[start:].strip())
    return [p for p in parts if p]


def _usable(unit: Unit) -> bool:
    words = unit.quote.split()
    if _APPEAL.search(unit.quote) or _OFFER.search(unit.quote):
        return unit.quote in unit.passage.chunk.text
    return (
        len(words) >= _MIN_WORDS
        and len(unit.quote) <= _MAX_UNIT_CHARS
        and not _BOILERPLATE.search(unit.quote)
        and not _CURE_ADJACENT.search(unit.quote)
        and unit.quote in unit.passage.chunk.text
        and _balanced(unit.quote)
        and _whole(unit)
        and unsafe_reason(unit.display) is None
    )


def _whole(unit: Unit) -> bool:
    """A whole sentence: not a teaser cut off mid-phrase, not a verbless sub-title."""
    quote = unit.quote.rstrip()
    if _ELLIPSIS_END.search(quote):
        return not _FUNCTION_WORD_END.search(_ELLIPSIS_END.sub("", quote))
    if _COLON_END.search(quote) and not _VERB.search(quote):
        return False  # the title of a list ("Guidelines for use of massage with breast cancer:")
    if _titled(unit):
        return True
    return _is_item(unit) or quote[-1] in '.!?"”):' or bool(re.search(r"[.!?:]\d{1,4}$", quote))


def _is_item(unit: Unit) -> bool:
    return any(
        LIST_ITEM.match(line) and line.strip().endswith(unit.quote.strip())
        for line in unit.passage.chunk.text.split("\n")
    )


def _titled(unit: Unit) -> bool:
    """A news-style title ("Spotlight on a NEW ... (REP ORG): Phoenix College"): quoted
    only to answer a question about the Society's programs."""
    quote = unit.quote.strip()
    return bool(quote) and quote[-1].isalnum() and ": " in quote and not _is_item(unit)


def _stems_of(text: str) -> frozenset[str]:
    return frozenset(s for s in stems(content_words(text)) if len(s) > 2)


def _label_of(unit: Unit) -> str:
    """A list item's label ("Fatigue" of "Fatigue: reduced fatigue...") or its heading."""
    head = unit.display.split(":", 1)[0] if ":" in unit.display[:60] else ""
    return head if len(head.split()) <= 8 else ""


@lru_cache(maxsize=4096)
def _grade(text: str) -> float:
    import textstat

    return float(textstat.flesch_kincaid_grade(text))


def _story_stems(text: str) -> frozenset[str]:
    """What a patient's own words are about, with the sources' words for their everyday
    ones: "the taxing effects of chemo and the debilitating muscle/bone ache" names
    chemotherapy and pain, as a question about "bone aches from chemo" is read."""
    topics = expand(text).terms_in_role("topic")
    return _stems_of(" ".join([text, *topics]))


def candidate(unit: Unit, grade: float | None = None) -> Candidate:
    """What the scorer needs of ``unit``; ``grade`` when already known (the sentence store)."""
    text = unit.display
    label = _label_of(unit)
    kinds = {name for name, pattern in _KINDS.items() if pattern.search(text)}
    if not label and len(set(m.lower() for m in _SYMPTOMS.findall(text))) >= 3:
        kinds.add("summary")
    if _APPEAL.search(unit.quote):
        kinds = {"program", "appeal"}
    if _titled(unit):
        kinds.add("headline")
    testimonial = unit.quote[:1] in '"“' or unit.quote.rstrip()[-1:] in '"”'
    return Candidate(
        unit=unit,
        stems=_stems_of(f"{label} {text}"),
        label=_stems_of(label),
        kinds=frozenset(kinds),
        warnings=warns_of(text),
        groups=frozenset(n for n, p in _GROUPS.items() if p.search(text)),
        testimonial=testimonial,
        grade=_grade(text) if grade is None else grade,
        plain=_plain_words(text),
        story_stems=_story_stems(text) if testimonial else frozenset(),
    )


_REFERS_BACK = re.compile(
    r"\b(these|those|such) (symptoms|findings|benefits|conditions|studies|results|effects)\b|"
    r"\b(described|mentioned|listed|cited|shown) (above|earlier|before)\b|\bthe above\b",
    re.I,
)


def _may_lead_alone(c: Candidate, focus: Focus) -> bool:
    """Whether ``c`` can open an answer: a sentence pointing back at the ones before it
    only when the question asks what it is itself about (guidelines, the evidence)."""
    if not _REFERS_BACK.search(c.unit.display):
        return True
    if focus.guideline and "guideline" in c.kinds:
        return True
    return focus.intent == Intent.LIMITS and "strength" in c.kinds


Scored = tuple[Candidate, float, dict[str, float]]
"""A sentence with its relevance and the parts that make it up."""


def _symptom_count(c: Candidate) -> int:
    """How many of the symptoms the sources discuss a sentence names (``_SYMPTOMS``)."""
    return len({m.lower() for m in _SYMPTOMS.findall(c.unit.display)})


def _most_about(leads: list[Scored], focus: Focus) -> list[Scored]:
    """The summary that is most about what was asked, when a summary would lead.

    Asked about one thing ("can massage help me sleep?"), a list of eight symptoms that
    names sleep among them is less about it than a sentence naming it among three
    ("...reducing anxiety, pain and muscle tension. It may help with ... insomnia"),
    though both find all of the question: of the summaries that find as much of what was
    asked as the best, those naming fewer symptoms lead (s37-11p)."""
    top = max(leads, key=lambda s: s[1])
    if not focus.topics or "summary" not in top[0].kinds or top[2]["topic"] <= 0:
        return leads
    fewer = [
        s
        for s in leads
        if "summary" in s[0].kinds
        and s[2]["topic"] >= top[2]["topic"]
        and _symptom_count(s[0]) < _symptom_count(top[0])
    ]
    return fewer or leads


_A_TREATMENT = re.compile(
    r"\b(chemo\w*|radiation|radiotherapy|rads|surger(y|ies)|surgical|operations?|"
    r"infusions?|transplants?|immunotherapy)\b",
    re.I,
)
"""A treatment a patient's story is about ("before each chemo", "a surgery date")."""


def _general_story(c: Candidate) -> bool:
    """A patient's own words about cancer care in general ("all through my diagnosis and
    treatment..."), naming no symptom or treatment of its own: not "the stress of
    chemotherapy", not "before each chemo", not "the debilitating muscle/bone ache"
    (its everyday words read as the sources', ``patient_words``)."""
    text = c.unit.display
    return (
        c.testimonial
        and not expand(text).terms_in_role("topic")
        and not _SYMPTOMS.search(text)
        and not _A_TREATMENT.search(text)
    )


def allowed(c: Candidate, focus: Focus) -> bool:
    """Whether a sentence may be shown at all for this question."""
    about_programs = focus.training or focus.intent == Intent.PROGRAMS
    # Whether oncology massage is a specialty is answered by the sentence saying it is one,
    # though the page says it to therapists; nothing else written for them follows.
    specialty = focus.specialty and "specialty" in c.kinds
    if c.therapist_content and not (about_programs or specialty):
        return False
    if "appeal" in c.kinds and not (about_programs and focus.topics & _SUPPORT):
        return False
    if "appeal" in c.kinds and _ASKS_FOR_FUNDING.search(focus.text):
        return False
    if "program" in c.kinds and not about_programs:
        return False
    if "headline" in c.kinds and focus.intent != Intent.PROGRAMS:
        return False
    if c.warnings and not (c.warnings & focus.raised or focus.general_safety):
        return False
    if focus.precautions and not (c.kinds & _PRECAUTION or c.warnings & focus.raised):
        return False
    # One person's story answers neither whether massage is safe nor the Society's programs,
    # nor a question for the care team.
    return not (
        c.testimonial and (focus.precautions or focus.intent in (Intent.PROGRAMS, Intent.SAFETY))
    )


def _idf(candidates: Sequence[Candidate], only: frozenset[str] | None = None) -> dict[str, float]:
    """The inverse document frequency of the candidates' stems; with ``only``, of those
    stems alone (what ``weighing`` looks up: the question's topics and context)."""
    df = Counter(chain.from_iterable(c.stems for c in candidates))
    n = len(candidates)
    if only is not None:
        return {s: math.log((n + 1) / (df[s] + 0.5)) for s in only if s in df}
    return {s: math.log((n + 1) / (d + 0.5)) for s, d in df.items()}


@dataclass(frozen=True)
class Weighing:
    """What ``features`` weighs every sentence by for one question: the same for all the
    candidates of a question, so ``scored`` works it out once (``weighing``)."""

    topics: frozenset[str]
    weight: dict[str, float]
    units: tuple[tuple[frozenset[str], float, bool], ...]
    total: float
    main_weights: tuple[tuple[str, float], ...]
    """``weight``'s topics (not context), in its order."""
    main: float
    broad: bool
    preferred: dict[str, float]
    asked: frozenset[str]
    """The question's topics and context, what a list item's label is measured against."""
    prefixes: frozenset[str]
    """The first five letters of each topic: a group (``children``) is asked for when a
    topic begins as it does."""


def weighing(focus: Focus, idf: dict[str, float]) -> Weighing:
    """The question's side of ``features`` for candidates whose stems give ``idf``."""
    # Words found in no candidate cannot tell candidates apart: they are left out.
    topics = frozenset(t for t in focus.topics if t in idf)
    weight = {t: idf[t] for t in topics}
    for t in focus.context - topics:
        if t in idf:
            weight[t] = 0.5 * idf[t]
    # The words of one corpus term ("mood disturbance") count as one topic, found when
    # the sentence names any of them, weighed by the rarest.
    # A proper name ("American Society of Clinical Oncology") is named only with all
    # its words: "Clinical practice guidelines" does not name ASCO.
    units: list[tuple[frozenset[str], float, bool]] = []
    grouped: set[str] = set()
    for group in focus.together:
        members = group & topics
        if len(members) > 1 and not members & grouped:
            grouped |= members
            units.append((members, max(weight[t] for t in members), group in focus.names))
    units += [(frozenset({t}), w, False) for t, w in weight.items() if t not in grouped]
    main_weights = tuple((t, w) for t, w in weight.items() if t in topics)
    main = sum(w for _, w in main_weights)
    broad = not main and focus.intent in (Intent.BENEFIT, Intent.LIMITS)
    preferred = dict(_PREFERRED.get(focus.intent, {}))
    if broad:
        # "what can massage help with?", "is there real science behind it?": the summary
        # sentences (for the second, see ``features`` on a caveat about one symptom).
        preferred["summary"] = 1.0
    if focus.asks_whom:
        preferred["audience"] = 1.0
    return Weighing(
        topics=topics,
        weight=weight,
        units=tuple(units),
        total=sum(w for _, w, _ in units),
        main_weights=main_weights,
        main=main,
        broad=broad,
        preferred=preferred,
        asked=focus.topics | focus.context,
        prefixes=frozenset(t[:5] for t in topics),
    )


def features(
    c: Candidate,
    focus: Focus,
    similarity: float,
    rank: float,
    idf: dict[str, float],
    weighed: Weighing | None = None,
) -> dict[str, float]:
    """The parts of a sentence's relevance to a question, each in [0, 1] (similarity: cosine).
    ``weighed``: ``weighing(focus, idf)``, when already worked out for the question."""
    q = weighed or weighing(focus, idf)
    # Asked what people say, a story is read with the sources' words for its own ("the
    # debilitating muscle/bone ache" of chemo names pain and chemotherapy).
    own = c.story_stems if focus.wants_experience and c.story_stems else c.stems
    found = sum(w for members, w, name in q.units if (members <= own if name else members & own))
    topic = found / q.total if q.total else 0.0
    in_label = sum(w for t, w in q.main_weights if t in c.label)
    label = in_label / q.main if q.main else 0.0
    # A list item about another symptom ("Fatigue: ... patients also experiencing pain"
    # for a question about pain), or about one symptom when the question asks in general.
    label_miss = 1.0 if c.label and ((topic > 0 and label == 0) or q.broad) else 0.0
    # Asked in general whether there is real science behind it, a caveat about the evidence
    # for one symptom ("a weak recommendation ... for chronic pain") is not about what was
    # asked.
    no_strength = (
        q.broad
        and focus.intent == Intent.LIMITS
        and "summary" not in c.kinds
        and _SYMPTOMS.search(c.unit.display) is not None
    )
    kind = max(
        (0.0 if no_strength and k == "strength" else q.preferred.get(k, 0.0) for k in c.kinds),
        default=0.0,
    )
    guideline = 1.0 if focus.guideline and "guideline" in c.kinds else 0.0
    asked_for = {g for g in c.groups if g in focus.raised or g[:5] in q.prefixes}
    group_miss = 1.0 if c.groups and not asked_for else 0.0
    return {
        "similarity": similarity,
        "label_fit": len(c.label & q.asked) / len(c.label) if c.label else 0.0,
        "topic": topic,
        "label": label,
        "label_miss": label_miss,
        "kind": kind,
        "guideline": guideline,
        "group_miss": group_miss,
        "rank": rank,
    }


def _strength_that_applies(found: Sequence[Candidate], parts: list[dict[str, float]]) -> None:
    """For "how strong is the evidence for X": a statement about the strength of evidence
    counts only if it heads the section where the sources discuss X ("Evidence shows ...
    conclusions are weak" heads "Emerging Evidence > Primarily physical symptoms", where
    fatigue is); a question with no topic of its own takes any."""
    on_topic = [
        c.unit.passage.chunk.section
        for c, f in zip(found, parts, strict=True)
        if f["topic"] >= 0.5 and "strength" not in c.kinds
    ]
    if not on_topic:
        return
    for c, f in zip(found, parts, strict=True):
        if "strength" in c.kinds and f["topic"] < 0.5:
            section = c.unit.passage.chunk.section
            if not any(s.startswith(section) for s in on_topic if section):
                f["kind"] = 0.0


def relevance(f: dict[str, float], w: Weights) -> float:
    return (
        w.similarity * f["similarity"]
        + w.topic * f["topic"]
        + w.label * f["label"]
        - w.label_miss * f["label_miss"]
        + w.kind * f["kind"]
        + w.guideline * f["guideline"]
        - w.group_miss * f["group_miss"]
        + w.label_fit * f["label_fit"]
        + w.rank * f["rank"]
    )


def _repeats(a: Candidate, b: Candidate, vectors: dict[int, np.ndarray], bar: float) -> bool:
    """Two sentences that say the same thing: nearly the same vector, or one the other's
    opening ("Massage is the manipulation of muscles..." and the same with more after)."""
    if float(vectors[id(a)] @ vectors[id(b)]) > bar:
        return True
    short, long = sorted((a.plain, b.plain), key=len)
    return bool(short) and long.startswith(short)


def _plain_words(text: str) -> str:
    return " ".join(content_words(text))


class ExtractiveAnswerer:
    """Chooses the sentences that answer a question; deterministic for the same input."""

    def __init__(
        self,
        embeddings: SentenceTransformerEmbeddings,
        max_sentences: int = _MAX_SENTENCES,
        weights: Weights = DEFAULT_WEIGHTS,
        diversity: float = 0.93,
        sentences: SentenceStore | None = None,
    ) -> None:
        self.embeddings = embeddings
        self.max_sentences = min(max_sentences, _MAX_SENTENCES)
        self.weights = weights
        self.diversity = diversity
        """Two sentences more similar than this say the same thing: only one is kept."""
        self.sentences = sentences
        """Sentence vectors and grades computed at ingestion (``index``), read by chunk id."""
        self._vectors: dict[str, np.ndarray] = {}
        self._embedding = threading.Lock()
        self._candidates: dict[tuple[str, str], list[Candidate]] = {}

    def _embed(self, texts: list[str]) -> np.ndarray:
        """Sentence vectors, cached: the same chunks are retrieved again and again.

        Chunks indexed at ingestion bring their vectors with them (``candidates``);
        others are embedded here. One thread embeds at a time, so concurrent first
        questions about the same passages wait for one model call instead of each
        embedding the same sentences (under load the copies queued behind each other
        for tens of seconds)."""
        with self._embedding:
            missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
            if missing:
                if len(self._vectors) > 20_000:
                    self._vectors.clear()
                found = self.embeddings.embed_documents(missing)
                for text, vec in zip(missing, found, strict=True):
                    self._vectors[text] = np.asarray(vec)
            return np.asarray([self._vectors[t] for t in texts])

    def _stored(self, passages: Sequence[Passage]) -> dict[str, ChunkSentences]:
        if self.sentences is None:
            return {}
        new = [
            p.chunk.chunk_id
            for p in passages
            if (p.chunk.chunk_id, p.chunk.text) not in self._candidates
        ]
        return self.sentences.get_many(new) if new else {}

    def _candidates_of(self, p: Passage, stored: ChunkSentences | None) -> list[Candidate]:
        units = split_units(p)
        if stored is None or stored.texts != tuple(u.display for u in units):
            return [candidate(u) for u in units]
        with self._embedding:
            if len(self._vectors) > 20_000:
                self._vectors.clear()
            for text, vec in zip(stored.texts, stored.vectors, strict=True):
                self._vectors.setdefault(text, np.asarray(vec, dtype=np.float64))
        return [candidate(u, g) for u, g in zip(units, stored.grades, strict=True)]

    def candidates(self, passages: Sequence[Passage]) -> list[Candidate]:
        """Every usable sentence of the passages, once (pages repeat their key points)."""
        found: list[Candidate] = []
        seen: set[str] = set()
        stored = self._stored(passages)
        for p in passages:
            if unsafe_passage(p.chunk.text):
                continue
            key = (p.chunk.chunk_id, p.chunk.text)
            if key not in self._candidates:
                if len(self._candidates) > 5_000:
                    self._candidates.clear()
                self._candidates[key] = self._candidates_of(p, stored.get(p.chunk.chunk_id))
            for c in self._candidates[key]:
                if c.plain and c.plain not in seen:
                    seen.add(c.plain)
                    unit = Unit(c.unit.display, c.unit.quote, p)
                    found.append(Candidate(**{**c.__dict__, "unit": unit}))
        return found

    def warm_up(self, passages: Sequence[Passage]) -> None:
        """Split and embed these passages' sentences now rather than on a first question."""
        self._embed([c.unit.display for c in self.candidates(passages)])

    def index(self, chunks: Sequence[Chunk], batch_chunks: int = 256) -> int:
        """Compute the sentence vectors and grades of ``chunks`` and keep them in the sentence
        store (at ingestion), so answering embeds nothing but the message. Returns how many
        sentences were embedded."""
        if self.sentences is None:
            raise ValueError("this answerer has no sentence store to index into")
        embedded = 0
        for i in range(0, len(chunks), batch_chunks):
            units = [
                [] if unsafe_passage(c.text) else split_units(Passage(c, 0.0))
                for c in chunks[i : i + batch_chunks]
            ]
            texts = list(dict.fromkeys(u.display for us in units for u in us))
            vectors = dict(zip(texts, self.embeddings.embed_documents(texts), strict=True))
            embedded += len(texts)
            rows = []
            dimension = len(next(iter(vectors.values()))) if vectors else 1
            for chunk, us in zip(chunks[i : i + batch_chunks], units, strict=True):
                shown = tuple(u.display for u in us)
                matrix = np.asarray([vectors[t] for t in shown], dtype=np.float32)
                rows.append(
                    ChunkSentences(
                        chunk.chunk_id,
                        shown,
                        tuple(_grade(t) for t in shown),
                        matrix.reshape(len(shown), dimension),
                    )
                )
            self.sentences.put_many(rows)
        return embedded

    def scored(
        self,
        focus: Focus,
        query_vector: np.ndarray,
        passages: Sequence[Passage],
    ) -> list[tuple[Candidate, float, dict[str, float]]]:
        """Every allowed sentence with its relevance and the parts that make it up."""
        found = [c for c in self.candidates(passages) if allowed(c, focus)]
        if not found:
            return []
        vectors = self._embed([c.unit.display for c in found])
        similarity = vectors @ query_vector
        n = max(len(passages), 1)
        rank_of = {p.chunk.chunk_id: i for i, p in enumerate(passages)}
        idf = _idf(found, focus.topics | focus.context)
        weighed = weighing(focus, idf)
        parts = []
        for i, c in enumerate(found):
            rank = 1.0 - rank_of[c.unit.passage.chunk.chunk_id] / n
            parts.append(features(c, focus, float(similarity[i]), rank, idf, weighed))
        if focus.intent == Intent.LIMITS:
            _strength_that_applies(found, parts)
        return [(c, relevance(f, self.weights), f) for c, f in zip(found, parts, strict=True)]

    def select_for(
        self,
        focus: Focus,
        query_vector: np.ndarray,
        passages: Sequence[Passage],
        max_sentences: int | None = None,
    ) -> Selection:
        limit = min(max_sentences or self.max_sentences, self.max_sentences)
        return self.choose(self.scored(focus, query_vector, passages), focus, limit)

    def choose(
        self,
        scored: Sequence[tuple[Candidate, float, dict[str, float]]],
        focus: Focus,
        limit: int,
    ) -> Selection:
        """The lead (most relevant; the plainest of near-equals) and up to ``limit - 1``
        more above the threshold, none repeating another."""
        if not scored:
            return Selection([], [])
        w = self.weights
        leads = [s for s in scored if s[0].testimonial == focus.wants_experience]
        if not leads:
            return Selection([], [])
        # What the sentences after the lead are measured against, besides the lead.
        bar = 0.0
        # "Can he still have massages?" asks whether it is safe at all, in other words.
        may_have = focus.intent == Intent.SAFETY and asks_may_have(focus.text)
        if focus.intent == Intent.SAFETY and (_ASKS_SAFE.search(focus.text) or may_have):
            # A question that itself asks "is it safe?" is answered by a statement about
            # safety when the sources have one here, however much another sentence
            # shares its words ("can kids with cancer get massages safely?": not the
            # finding about kids).
            # A statement about safety is one that says something is safe, risky or needs
            # care; the recommendation of an oncology-trained therapist is about who
            # gives the massage, and does not answer whether it is safe.
            leads = [s for s in leads if "claims_safety" in s[0].kinds] or leads
        if (
            focus.intent == Intent.SAFETY
            and not focus.raised
            and (_ASKS_IF_SAFE.search(focus.text) or may_have)
        ):
            # Whether massage is safe at all, for no condition in particular ("any
            # downside?", "my sister says never massage a cancer patient, who's right?"):
            # the statement that it is generally safe leads, the precautions follow.
            leads = [s for s in leads if "safe" in s[0].kinds] or leads
        if focus.intent == Intent.SAFETY and focus.raised:
            # Whether massage is safe for someone who has a condition a warning is about
            # ("his cancer spread to his bones ... can he still have massages?"): that
            # warning answers it, here or in the turn the question leans on.
            leads = [s for s in leads if s[0].warnings & focus.raised] or leads
        if (
            focus.intent == Intent.SAFETY
            and asks_how_adapted(focus.text)
            and not any(s[0].warnings & focus.raised for s in leads)
        ):
            # How the massage is changed for someone ("can the massage be adjusted for
            # fatigue?", "would they tailor it if she tires easily?"): what the sources say
            # of therapists adapting leads, not the finding on the symptom it is changed
            # for (which may follow).
            leads = [s for s in leads if "adapts" in s[0].kinds] or leads
        if (
            focus.intent in _TRAINED_INTENTS
            and not focus.learns
            and _ASKS_IF_TRAINED.search(focus.text)
            and _ASKS_IF_NEEDED.search(focus.text)
        ):
            # Whether the therapist needs oncology training ("or is my regular LMT fine?",
            # "does it really matter if the LMT has oncology training?"): the sources'
            # recommendation of an oncology-trained therapist leads.
            leads = [s for s in leads if "recommends_trained" in s[0].kinds] or leads
        elif focus.intent == Intent.CHOOSING_THERAPIST:
            # "What should I look for in a therapist for my wife with ovarian cancer?" is
            # answered by what the sources say of the therapist, not by a finding about
            # the condition the story names; "what training should they have?" by their
            # recommendation of an oncology-trained therapist.
            leads = [s for s in leads if "qualified" in s[0].kinds] or leads
            if _NAMES_TRAINING.search(focus.text):
                leads = [s for s in leads if "recommends_trained" in s[0].kinds] or leads
        elif focus.intent == Intent.FIND_THERAPIST:
            # Where to find a therapist ("where can I find a cancer-trained therapist near
            # me?") is answered by where to look, not by the recommendation of the trained
            # therapist the question names; of where to look, the search page answers
            # "where / how", the cancer centres "does my hospital have someone?".
            places = [s for s in leads if "finding" in s[0].kinds]
            top = max(leads, key=lambda s: s[1])[0].kinds
            if places and top & (_WHO_NOT_WHERE | {"finding"}):
                # The lead is chosen for what it says, not because the others became less
                # relevant: they follow only if they would have followed the best.
                bar = max(s[1] for s in leads)
                leads = [s for s in leads if not s[0].kinds & _WHO_NOT_WHERE] or leads
                where = "in_centres" if _NAMES_CENTRE.search(focus.text) else "locator"
                leads = [s for s in leads if where in s[0].kinds] or leads
        if focus.learns and not _ASKS_FOR_FUNDING.search(focus.text):
            # A therapist asking how to train ("how do I get certified?") is answered by
            # the courses and education on offer, not by a sentence for patients that
            # shares a word of the question ("patient-education"), nor by the grant.
            bar = max(bar, max(s[1] for s in leads))
            leads = [
                s for s in leads if s[0].therapist_content and "grant" not in s[0].kinds
            ] or leads
        if focus.intent == Intent.DEFINITION and focus.sets_apart:
            # What sets oncology massage apart from an ordinary massage ("is it just a
            # spa massage done gently?", "a different kind of stroke?") is answered by
            # what the sources say it is beyond a technique, not by what massage is.
            leads = [s for s in leads if "apart" in s[0].kinds] or leads
        if focus.intent in (Intent.BENEFIT, Intent.LIMITS) and _ASKS_BEST_SUPPORTED.search(
            focus.text
        ):
            # Which uses are best supported: the symptoms the guidelines cite lead, not the
            # caveat that the evidence for the others is weak (which may follow).
            leads = [s for s in leads if {"guideline", "summary"} <= s[0].kinds] or leads
        if focus.intent == Intent.PROGRAMS and _ASKS_FOR_FUNDING.search(focus.text):
            # Money from the Society ("is there funding from the society for that?"): its
            # grant leads, not a sentence that only shares the question's words.
            leads = [s for s in leads if "grant" in s[0].kinds] or leads
        if focus.intent == Intent.PROGRAMS and _ASKS_NEXT.search(focus.text):
            # "When is the next summit?": the sentence about the one to come leads.
            leads = [s for s in leads if "upcoming" in s[0].kinds] or leads
        # A sentence whose meaning rests on the one before it ("... cite massage to manage
        # these symptoms", "the guidelines described above ...") leads only a question of
        # its own kind: which guidelines, or how firm the evidence is. Elsewhere it cannot
        # say, read first, which symptoms it means.
        leads = [s for s in leads if _may_lead_alone(s[0], focus)] or leads
        # A warning about one condition (bone metastases) may follow a general safety
        # question, but leads only an answer to someone who raised that condition ("is it
        # safe in hospice with advanced cancer?" is led by the general safety statement).
        leads = [s for s in leads if not s[0].warnings - focus.raised] or leads
        leads = _most_about(leads, focus)
        if focus.wants_experience and not focus.topics:
            # What people say, asked in general ("what do patients say massage did for
            # them?"): a story about getting through cancer care as a whole leads, not one
            # about a treatment or symptom the person never named (a finding limited to a
            # group answers only a question about that group, likewise).
            leads = [s for s in leads if _general_story(s[0])] or leads
        best = max(s[1] for s in leads)
        # Among the sentences about as relevant as the best, the plainest leads.
        near = [s for s in leads if s[1] >= best - w.plain_margin]
        lists = [s for s in near if "summary" in s[0].kinds and s[2]["topic"] > 0]
        if focus.topics and lists:
            # ...but a question about one thing (numb feet) is led by a sentence about it
            # that finds as much of what was asked, not by a plainer list of symptoms
            # that names it among others (nor by a caveat about the evidence).
            found = max(s[2]["topic"] for s in lists)
            about = [
                s
                for s in near
                if not s[0].kinds & {"summary", "strength"} and s[2]["topic"] >= found
            ]
            near = about or near
        lead = min(near, key=lambda s: (s[0].grade, -s[1]))
        chosen = [lead]
        vectors = {id(s[0]): self._vectors[s[0].unit.display] for s in scored}
        rest = sorted(
            (s for s in scored if s is not lead),
            key=lambda s: (-s[1], s[0].grade),
        )
        for s in rest:
            if len(chosen) >= limit:
                break
            # What people say, in general: every story may follow. Asked about one thing
            # ("has massage helped other people with the bone ache?"), stories meet the
            # bar like any sentence.
            story = focus.wants_experience and s[0].testimonial and not focus.topics
            if not story and (s[1] < w.threshold or s[1] < w.relative * max(lead[1], bar)):
                continue
            if focus.wants_experience and not s[0].testimonial:
                continue
            if focus.sets_apart and "definition" in s[0].kinds and "apart" not in s[0].kinds:
                # Asked what sets oncology massage apart, what massage in general is
                # ("the manipulation of muscles...") is not the answer.
                continue
            if any(_repeats(s[0], c[0], vectors, self.diversity) for c in chosen):
                continue
            one_story = s[0].testimonial and not focus.wants_experience
            if one_story and any(c[0].testimonial for c in chosen):
                continue
            chosen.append(s)
        # Evidence first, then any patient's own words (the service labels them).
        if not focus.wants_experience:
            chosen = [c for c in chosen if not c[0].testimonial] + [
                c for c in chosen if c[0].testimonial
            ]
        return Selection(
            [c[0].unit for c in chosen],
            [c[1] for c in chosen],
            tuple(c[0].testimonial for c in chosen),
        )

    def select(
        self,
        question: str,
        query_vector: np.ndarray,
        passages: Sequence[Passage],
        max_sentences: int | None = None,
    ) -> Selection:
        """The sentences that answer ``question`` read on its own."""
        return self.select_for(read_question(question), query_vector, passages, max_sentences)


class ExtractiveBackend(AnswerBackend):
    """The default answer backend: cited sentences from the sources, no model."""

    name = "extractive"

    def __init__(self, answerer: ExtractiveAnswerer) -> None:
        self.answerer = answerer

    def draft(
        self,
        question: str,
        query_vector: np.ndarray,
        passages: Sequence[Passage],
        max_sentences: int | None = None,
    ) -> Draft:
        return self.draft_for(read_question(question), query_vector, passages, max_sentences)

    def draft_for(
        self,
        focus: Focus,
        query_vector: np.ndarray,
        passages: Sequence[Passage],
        max_sentences: int | None = None,
        first_marker: int = 1,
    ) -> Draft:
        """The cited sentences for a question already read (``intent.read_message``)."""
        selection = self.answerer.select_for(focus, query_vector, passages, max_sentences)
        sentences, citations = cite(selection.units, first_marker)
        return Draft(sentences, citations, self.name)
