"""Where referral and safety replies are put together from the reviewed texts.

Every sentence here comes from ``assistant.content`` (reviewed wording) or, in
a clinical reply, from the sources through an answer backend (cited). What a
decision says about the message (route, typed detail, language, who it is
about, the care topic) chooses the texts; nothing is parsed back from strings.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import content
from .answering.compose import named, split_testimonials
from .config import Settings
from .routing.language import FULL_SAFETY
from .schema import Block, Bullets, Cited, Draft, Paragraph, Route, RouteDecision

_GREETING_DETAILS = frozenset({"greeting", "empty"})
_INSTRUCTION_DETAILS = frozenset({"instruction_override", "prompt_request", "role_play"})
CARE_TOPICS = (
    "medicine",
    "device_site",
    "bone_mets",
    "blood_counts",
    "clots",
    "lymphedema",
    "radiation_skin",
    "fever",
    "new_sign",
    "spread",
    "treatment",
    "treatment_choice",
    "general",
)


def decline_text_id(decision: RouteDecision) -> str:
    """Which reviewed decline fits an out-of-scope decision."""
    if decision.detail in _GREETING_DETAILS:
        return "decline_greeting"
    if decision.detail in _INSTRUCTION_DETAILS:
        return "decline_instructions"
    if decision.detail == "pet":
        return "decline_pet"
    if decision.detail == "no_cancer":
        return "decline_no_cancer"
    if decision.detail == "language":
        return "english_only_es" if decision.language == "es" else "english_only"
    return "decline_off_topic"


def fixed_reply_blocks(decision: RouteDecision, settings: Settings) -> tuple[Block, ...] | None:
    """The whole reply when it is one reviewed text (``fixed_reply_text_id``), or None. An
    urgent reply or the "English only" reply to a message in another language than English
    or Spanish opens with the help numbers in that language, where the reviewed texts have
    them (``help_line_<code>``): the English that follows may not be read."""
    text_id = fixed_reply_text_id(decision)
    if text_id is None:
        return None
    reply = reviewed(text_id, settings)
    urgent = decision.route in (Route.EMERGENCY, Route.CRISIS) or decision.detail == "language"
    line = help_line(decision, settings)
    return (line, reply) if urgent and line is not None else (reply,)


def help_line(decision: RouteDecision, settings: Settings) -> Paragraph | None:
    """The help numbers in the language the message is written in, when it is neither
    English nor Spanish and the reviewed texts have them in it."""
    text_id = f"help_line_{decision.help_language}"
    if decision.help_language is None or text_id not in content.all_text_ids():
        return None
    return reviewed(text_id, settings)


def reviewed(text_id: str, settings: Settings) -> Paragraph:
    """A reviewed text as a paragraph, marked with its language when it is not English."""
    return Paragraph(content.render(text_id, settings), lang=content.language_of(text_id))


def fixed_reply_text_id(decision: RouteDecision) -> str | None:
    """The reviewed text that is the whole reply for this decision, or None."""
    spanish = "_es" if decision.language == "es" else ""
    if decision.route is Route.EMERGENCY:
        return f"emergency{spanish}"
    if decision.route is Route.CRISIS:
        return f"crisis_abuse{spanish}" if decision.detail == "abuse" else f"crisis{spanish}"
    if decision.route is Route.OUT_OF_SCOPE:
        return decline_text_id(decision)
    return None


def clinical_blocks(
    decision: RouteDecision,
    draft: Draft | None,
    settings: Settings,
    uncovered: Sequence[str] = (),
    beside: bool = False,
    *,
    benefit: Draft | None = None,
) -> list[Block]:
    """A referral that fits: whom it speaks to, the topic, cited sentences, questions, help.

    With ``uncovered`` conditions (the sources say nothing on them) the cited sentences
    are the sources' general safety ones, after a line naming what is not covered; with
    ``beside``, they are about a covered condition named beside the uncovered ones.
    ``benefit``: what the sources say about the benefit the message also asks about,
    shown before the line naming what is not covered.
    """

    def text(text_id: str, **values: object) -> str:
        return content.render(text_id, settings, **values)

    topic = decision.topic if decision.topic in CARE_TOPICS else "general"
    intro = {"self": "clinical_intro_self", "other": "clinical_intro_other"}.get(
        decision.asker or "", "clinical_intro"
    )
    blocks: list[Block] = []
    if topic != "general":
        blocks.append(Paragraph(text("clinical_topic", topic=text(f"topic_{topic}"))))
    if topic == "medicine":
        blocks.append(Paragraph(text("medicine_warning")))
    blocks.append(Paragraph(text(intro)))
    if benefit is not None:
        blocks.extend(_quoted(benefit, text("answer_benefit"), settings))
    if draft is not None and draft.sentences:
        if uncovered:
            blocks.append(Paragraph(text("condition_not_covered", topic=named(uncovered))))
        heading = "general_safety_heading" if uncovered and not beside else "general_info_heading"
        blocks.extend(_quoted(draft, text(heading), settings))
    blocks.append(Paragraph(text("questions_heading")))
    blocks.append(Bullets(tuple(content.render_list(f"questions_{topic}", settings))))
    blocks.append(Paragraph(text("safety_net")))
    return blocks


def _quoted(draft: Draft, heading: str, settings: Settings) -> list[Block]:
    """A draft's cited sentences under ``heading``; a patient's own words among them are
    labelled as such, never shown as what the sources say."""
    evidence, stories = split_testimonials(draft)
    blocks: list[Block] = []
    if evidence:
        blocks += [Paragraph(heading), Cited(evidence)]
    if stories:
        blocks += [Paragraph(content.render("testimonial_label", settings)), Cited(stories)]
    return blocks


def framed(
    reply_blocks: tuple[Block, ...], decision: RouteDecision, settings: Settings
) -> tuple[Block, ...]:
    """Reviewed lines around a non-safety reply: the reminder after an earlier safety reply,
    the note that the sources are in English for a question in another language (and the
    help numbers right under it in a language other than English or Spanish), and the
    safety net for an answer or a "not covered" reply about one person."""
    if decision.route in (Route.EMERGENCY, Route.CRISIS):
        return reply_blocks
    before: list[Block] = []
    after: list[Block] = []
    if decision.after_safety:
        before.append(Paragraph(content.render("safety_reminder", settings)))
    if decision.language != "en" and decision.route in (Route.ANSWER, Route.CLINICAL):
        # Spanish, or a language with a reviewed vocabulary (other_language_words.yaml)
        before.append(reviewed(f"sources_in_english_{decision.language}", settings))
    if decision.route is Route.UNKNOWN and decision.language != "en":
        only = "english_only_es" if decision.language == "es" else "english_only"
        line = help_line(decision, settings)
        return (
            *before,
            *(() if line is None else (line,)),
            reviewed(only, settings),
        )
    if (
        decision.route in (Route.UNKNOWN, Route.ANSWER)
        and decision.asker is not None
        and decision.language == "en"
    ):
        # A reply to a message about someone ("my wife is on chemo, can she...") ends with
        # where to get help now, as the care-team reply does: a red flag the checks missed
        # may be told in it.
        after.append(Paragraph(content.render("safety_net", settings)))
    if decision.route in (Route.ANSWER, Route.CLINICAL) and decision.language not in FULL_SAFETY:
        # Red flags are found in full only in English and Spanish: a red flag the reviewed
        # word lists miss reaches this answer, so the help numbers come right under the
        # note in the asker's language, before any English (as in the "English only"
        # reply), not after an answer they may not read.
        before.append(
            help_line(decision, settings) or Paragraph(content.render("help_numbers", settings))
        )
    return (*before, *reply_blocks, *after)
