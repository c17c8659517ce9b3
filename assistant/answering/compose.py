"""Composing an answer: reviewed framing lines around the quoted sentences, part by part.

The service reads a message into its questions (``intent.read_message``),
checks which the sources cover, and has the backend draft the quoted
sentences of each covered one. This module puts the reply together:

- each answered question opens with the reviewed lead-in for what it asks
  (``answers`` group of ``texts.yaml``), then its quoted sentences;
- patients' own words (testimonials) come after the evidence, under the
  reviewed label that says each is one person's experience, not research;
- a question about finding a therapist always ends with the locator link;
- a question the sources do not cover is named plainly: the uncovered
  condition by its reviewed name, otherwise the person's own words for it;
- a condition or treatment the sources do not cover is followed by the
  general safety sentences that do apply, labelled as general.

Nothing medical is written here: every such statement is a quoted, cited
sentence from a draft.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .. import content
from ..config import Settings
from ..patient_words import conditions
from ..schema import Block, Citation, Cited, CitedSentence, Draft, Paragraph
from .extractive import speaks_of_safety
from .intent import Focus, Intent
from .passage_filter import unsafe_reason

_LEAD_IN = {
    Intent.BENEFIT: "answer_benefit",
    Intent.LIMITS: "answer_limits",
    Intent.FIND_THERAPIST: "answer_find_therapist",
    Intent.CHOOSING_THERAPIST: "answer_choosing_therapist",
    Intent.DEFINITION: "answer_definition",
    Intent.COST: "answer_cost",
    Intent.EXPERIENCE: "answer_experience",
}
"""The reviewed lead-in for each kind of question; the others use ``answer_lead_in``."""
_LINK_LINE = re.compile(r"^\s*click here\b", re.I)
_WEB_PAGE = re.compile(r"^https?://[^\s<>\"']+$")
_MAX_ECHO_WORDS = 12
_ECHO_TRIM = re.compile(r"^\W*(?:and|also|plus|but|so|then)\b\s*|[\s?!.,;:]+$", re.I)


@dataclass(frozen=True)
class PartAnswer:
    """One question of a message and what the sources give for it."""

    focus: Focus
    covered: bool
    draft: Draft | None = None


def is_testimonial(quote: str) -> bool:
    """A patient's own words: the quoted source text is itself a quotation."""
    quote = quote.strip()
    return quote[:1] in '"“' or quote[-1:] in '"”'


def named(names: Sequence[str]) -> str:
    """Reviewed names joined for one sentence: "reflexology or hot flashes"."""
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def lead_in_id(focus: Focus) -> str:
    """The reviewed lead-in for ``focus``: a therapist asking how to train oneself
    (``Focus.learns``) is told the answer is about training, whatever intent the
    question was read with (the intent still decides which sentences are quoted)."""
    if focus.learns:
        return "answer_training"
    return _LEAD_IN.get(focus.intent, "answer_lead_in")


def renumbered(draft: Draft, first_marker: int) -> Draft:
    """The draft with its markers shifted to start at ``first_marker`` (unique per reply)."""
    shift = first_marker - min((c.marker for c in draft.citations), default=first_marker)
    if shift == 0:
        return draft
    return replace(
        draft,
        sentences=tuple(
            CitedSentence(s.text, tuple(m + shift for m in s.markers)) for s in draft.sentences
        ),
        citations=tuple(replace(c, marker=c.marker + shift) for c in draft.citations),
    )


def next_marker(drafts: Sequence[Draft]) -> int:
    return 1 + max((c.marker for d in drafts for c in d.citations), default=0)


def echo(part_text: str) -> str | None:
    """The person's own words naming an uncovered question, short and safe to repeat."""
    text = _ECHO_TRIM.sub("", _ECHO_TRIM.sub("", part_text.strip()))
    if not text or len(text.split()) > _MAX_ECHO_WORDS or unsafe_reason(text) is not None:
        return None
    if re.search(r"https?://|www\.|[<>{}\[\]]", text):
        return None
    return text


def _quote_of(sentence: CitedSentence, citations: Sequence[Citation]) -> str:
    for c in citations:
        if sentence.markers and c.marker == sentence.markers[0]:
            return c.quote
    return ""


def split_testimonials(
    draft: Draft,
) -> tuple[tuple[CitedSentence, ...], tuple[CitedSentence, ...]]:
    """The draft's sentences as (evidence, patients' own words), each in its order."""
    evidence: list[CitedSentence] = []
    stories: list[CitedSentence] = []
    for s in draft.sentences:
        (stories if is_testimonial(_quote_of(s, draft.citations)) else evidence).append(s)
    return tuple(evidence), tuple(stories)


def part_blocks(part: PartAnswer, settings: Settings) -> list[Block]:
    """The blocks for one answered question."""

    def text(text_id: str, **values: object) -> str:
        return content.render(text_id, settings, **values)

    assert part.draft is not None
    lead_in = lead_in_id(part.focus)
    evidence, stories = split_testimonials(part.draft)
    if lead_in == "answer_benefit" and evidence and speaks_of_safety(evidence[0].text):
        # What the sources say is safe or risky is never framed as how massage helps
        # ("can he still have massage with the cancer in his spine?": the fracture warning).
        lead_in = "answer_lead_in"
    blocks: list[Block] = [Paragraph(text(lead_in))]
    if part.focus.wants_experience:
        blocks.append(Cited(part.draft.sentences))
    else:
        if evidence:
            blocks.append(Cited(evidence))
        if stories:
            blocks.append(Paragraph(text("testimonial_label")))
            blocks.append(Cited(stories))
    if part.focus.intent in (Intent.FIND_THERAPIST, Intent.CHOOSING_THERAPIST):
        blocks.append(Paragraph(text("therapist_locator")))
    for url in _offer_pages(part.draft):
        blocks.append(Paragraph(text("offer_link", url=url)))
    return blocks


def _offer_pages(draft: Draft) -> list[str]:
    """The web pages of quoted link lines ("Click Here to Purchase 2023 Summit Audio
    Recordings"): the saved page keeps the words of a link, not where it goes, so the
    reply names the page that holds it rather than leave a link with nowhere to click."""
    pages: list[str] = []
    for s in draft.sentences:
        if not _LINK_LINE.match(_quote_of(s, draft.citations)):
            continue
        for c in draft.citations:
            if c.marker in s.markers and _WEB_PAGE.match(c.source_id) and c.source_id not in pages:
                pages.append(c.source_id)
    return pages


def said_gaps(focus: Focus) -> tuple[str, ...]:
    """The uncovered names a "not covered" line says: a treatment told only as the cause
    in the story (``Focus.told``) is left out when the question names an uncovered
    condition of its own ("since his radiotherapy he has lymphoedema in his leg, would a
    massage be safe?" names lymphedema, not radiation); alone, it is still named."""
    asked = tuple(name for name in focus.absent if name not in focus.told)
    return asked if conditions(asked) else focus.absent


def not_covered_blocks(part: PartAnswer, settings: Settings) -> list[Block]:
    """The plain line naming a question (or the conditions in it) the sources do not cover."""
    words = echo(part.focus.text)
    if part.focus.absent and (conditions(part.focus.absent) or words is None):
        topic = named(said_gaps(part.focus))
        return [Paragraph(content.render("condition_not_covered", settings, topic=topic))]
    # A part asking only for a price or a length of time is named in the person's words.
    if words is None:
        return []
    return [Paragraph(content.render("part_not_covered", settings, topic=words))]


def asked_gaps(focus: Focus) -> tuple[str, ...]:
    """The uncovered names to say beside an answered question: not a treatment told only
    as the cause in its story (``Focus.told``: "so tired from rads. can massage help
    fatigue?" is answered about fatigue, without "My sources don't cover radiation."),
    unless the question asks whether massage is safe, where that treatment matters."""
    if focus.intent == Intent.SAFETY or focus.general_safety:
        return said_gaps(focus)
    return tuple(name for name in focus.absent if name not in focus.told)


def any_answered(parts: Sequence[PartAnswer]) -> bool:
    """Whether some part of the message got quoted sentences."""
    return any(p.draft is not None and p.draft.sentences for p in parts)


def general_safety_applies(
    parts: Sequence[PartAnswer], warned: frozenset[str] = frozenset()
) -> bool:
    """Whether the general safety sentences go with a reply that names a condition or
    treatment the sources do not cover: when that part asks whether massage is safe,
    or when nothing else asked is answered (the "not covered" reply). Beside an answer
    to what massage helps with ("does it help the tiredness from radiation?") they
    answer nothing that was asked, and the uncovered name alone is said. ``warned``: the
    conditions raised that the sources warn about (bone metastases): a "not covered"
    reply to a message raising one gives the general sentences with that warning."""
    answered = any_answered(parts)
    if not answered and (warned or any(p.focus.intent == Intent.SAFETY for p in parts)):
        # Whether massage is safe, asked in words the sources do not reach ("is it ok if
        # I just rub her feet?"): what they say about safety in general, never a bare
        # "not covered".
        return True
    named = [p for p in parts if conditions(p.focus.absent)]
    if not named:
        return False
    return not answered or any(
        p.focus.intent == Intent.SAFETY or p.focus.general_safety for p in named
    )


def general_limits_applies(parts: Sequence[PartAnswer]) -> bool:
    """Whether the sources' own caveats on the evidence go with a "not covered" reply:
    nothing asked is answered, nothing named is one the sources do not cover, and a
    question asks what massage does not do or how far the evidence goes ("is the proof it
    settles a queasy stomach solid or shaky?"), never a bare "not covered"."""
    answered = any_answered(parts)
    return (
        not answered
        and not any(p.focus.absent for p in parts)
        and any(p.focus.intent == Intent.LIMITS for p in parts)
    )


def general_blocks(
    general: Draft | None,
    already: set[str],
    settings: Settings,
    heading: str = "general_safety_heading",
) -> list[Block]:
    """The general safety sentences (or, with ``heading`` ``general_limits_heading``, the
    caveats on the evidence), labelled as general, less any already quoted."""
    if general is None:
        return []
    kept = tuple(s for s in general.sentences if _quote_of(s, general.citations) not in already)
    if not kept:
        return []
    return [Paragraph(content.render(heading, settings)), Cited(kept)]


def answer_blocks(
    parts: Sequence[PartAnswer], general: Draft | None, settings: Settings
) -> tuple[Block, ...]:
    """A reply to a message with at least one answered question."""
    blocks: list[Block] = []
    quoted: set[str] = set()
    shown: set[str] = set()
    for part in parts:
        if part.covered and part.draft is not None and part.draft.sentences:
            # A sentence already quoted for an earlier question of the message is not
            # quoted again; a question it alone answered gets no second heading.
            kept = tuple(s for s in part.draft.sentences if s.text not in shown)
            if kept:
                own = part_blocks(
                    replace(part, draft=replace(part.draft, sentences=kept)), settings
                )
                same_heading = (
                    len(blocks) >= 2 and isinstance(blocks[-1], Cited) and blocks[-2] == own[0]
                )
                if (part.focus.choice and shown) or same_heading:
                    # The other side of a choice asked with the answered question before it
                    # continues that question's list, under its heading; so does a second
                    # question of the message answered under the same heading ("can it help
                    # her sleep, and her low mood?": one "how massage may help").
                    own = own[1:]
                    last = blocks[-1]
                    if own and isinstance(own[0], Cited) and isinstance(last, Cited):
                        blocks.pop()
                        own[0] = Cited(last.sentences + own[0].sentences)
                blocks.extend(own)
                shown |= {s.text for s in kept}
            quoted |= {c.quote for c in part.draft.citations}
    for part in parts:
        answered = part.covered and part.draft is not None and part.draft.sentences
        if not answered:
            if not part.focus.absent or asked_gaps(part.focus):
                blocks.extend(not_covered_blocks(part, settings))
        elif gaps := asked_gaps(part.focus):
            blocks.extend(
                not_covered_blocks(replace(part, focus=replace(part.focus, absent=gaps)), settings)
            )
    if any(p.focus.absent for p in parts):
        blocks.extend(general_blocks(general, quoted, settings))
    return _once(blocks)


def _once(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """The reply with a fixed line that ends two of its answers (the therapist locator,
    after both "choosing" and "finding" a therapist) shown once, in its last place."""
    kept: list[Block] = []
    for i, block in enumerate(blocks):
        later = blocks[i + 1 :]
        if isinstance(block, Paragraph) and block in later and i > 0:
            heading = isinstance(blocks[i + 1], Cited) if i + 1 < len(blocks) else False
            if not heading:
                continue
        kept.append(block)
    return tuple(kept)


def unknown_blocks(
    parts: Sequence[PartAnswer],
    general: Draft | None,
    settings: Settings,
    heading: str = "general_safety_heading",
) -> tuple[Block, ...]:
    """A reply when no question is covered: the reviewed "not covered" text, or, when the
    message names conditions the sources do not cover or asks whether massage is safe,
    those names (or that the exact question is not covered) and the general safety
    sentences that do apply; for a question about what massage does not do, the sources'
    caveats on the evidence under ``heading`` (``general_limits_applies``)."""
    absent = list(dict.fromkeys(name for p in parts for name in said_gaps(p.focus)))
    general_kept = general_blocks(general, set(), settings, heading)
    if not absent and not general_kept:
        return (Paragraph(content.render("unknown", settings)),)
    first = (
        content.render("condition_not_covered", settings, topic=named(absent))
        if absent
        else content.render("question_not_covered", settings)
    )
    blocks: list[Block] = [Paragraph(first)]
    blocks.extend(general_kept)
    blocks.append(Paragraph(content.render("unknown_next_steps", settings)))
    return tuple(blocks)


def citations_of(drafts: Sequence[Draft | None]) -> tuple[Citation, ...]:
    return tuple(c for d in drafts if d is not None for c in d.citations)
