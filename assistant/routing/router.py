"""The routing policy: the order of the checks and which route wins.

A missed emergency or crisis is the worst mistake this product can make, so the
deterministic checks for those two routes run first, on every user turn of the
conversation, and nothing later (the classifier, an LLM vote, text inside the
message) can take them back. The embedding classifier (``classifier.py``) then
acts as a safety net for paraphrases the patterns miss. Only after that do the
injection, clinical and off-topic checks run, and the classifier settles what
they leave open. Without embeddings the patterns decide alone. The router never
produces ``unknown``: retrieval decides that later. docs/routing.md describes
the order and the measured accuracy.

Message text is never logged; only routes and reasons are.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from ..config import Settings
from ..embeddings import TextVectors
from ..other_language_words import english_reading, personal_care, unread_words
from ..other_language_words import languages as readable_languages
from ..schema import SAFETY_ROUTES, DecisionContext, Route, RouteDecision, Turn
from ..text import strip_marks
from . import multilingual_vote
from .checks import (
    arrangement_chosen,
    asks_about_risks,
    asks_to_lower_a_medicine,
    bruising_told_as_a_tendency,
    carer_asks_for_self,
    clot_under_treatment,
    crisis_told_as_over,
    emergency_cue_explained,
    emergency_told_as_a_figure,
    find_clinical,
    find_injection,
    find_red_flag,
    first_person_reading,
    general_framing,
    has_current_cue,
    has_in_scope_terms,
    injury_told_across_turns,
    is_follow_up,
    is_greeting,
    is_off_topic,
    literal,
    low_mood_asked_with_benefit,
    names_a_person,
    reading_below_a_fever,
    swelling_of_both_limbs,
    swelling_of_known_lymphedema,
    tingling_known_to_team,
)
from .classifier import ROUTED, RouteClassifier
from .language import (
    FULL_SAFETY,
    UNDETERMINED,
    few_english_words,
    reads_as_another_language,
    undetermined,
)
from .language import identify as identify_language
from .language import warm_up as warm_up_language
from .lexicon import (
    ASKS_LEAVE,
    BENEFIT_QUESTION,
    CANCER_QUESTION,
    COND_WORD,
    DECISION,
    DEVICE,
    FOLLOW_UP_REFERENCE,
    FOLLOW_UP_START,
    LAB,
    MASSAGE_TOPIC,
    MEDICATION,
    NOT_GENERAL,
    PERMISSION,
    PERMISSION_OR_SAFETY_WORDS,
    PERSON,
    PERSONAL_CONDITION,
    PERSONAL_FEVER,
    POINTS_BACK,
    SAFETY_CUES,
    SITE,
    STRONG_PERMISSION,
    TREATMENT,
    TREATMENT_DETAIL,
    TREATMENT_ONLY,
    WAIT_TILL_OVER,
)
from .normalise import normalise
from .other_languages import (
    find_other_language_red_flag,
    mentions_treatment,
    names_emergency_help,
    read_by_cues,
)
from .other_languages import vocabulary as other_language_vocabulary
from .safety_model import SafetyModel, SafetyVote, pieces
from .spanish import find_spanish_red_flag, read_by_spanish_cues
from .topics import (
    asker,
    care_topic,
    has_no_cancer,
    is_about_a_pet,
    reply_topic,
    tells_of_health,
)

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)

LlmVote = Callable[[Sequence[Turn], str], RouteDecision | None]

_MOVED_ON = frozenset({"greeting", "empty"})
"""After a safety reply, a greeting or thanks is answered as one (with the reminder)."""
SPANISH_IN_SCOPE = re.compile(
    r"\b(?:masaje\w*|masajista|cancer|quimio\w*|radiacion|radioterapia|oncolog\w*|terapeuta|"
    r"tumor\w*|tratamiento|cirugia|metastasis)\b"
)
PROFESSIONAL_ASKER = re.compile(
    r"\b(?:lmts?|i am an? (?:\w+ )?(?:massage |oncology massage )?(?:therapist|practitioner)|"
    r"as an? (?:lmt|(?:massage )?therapist)|my (?:cancer |oncology )?clients?|cancer clients|"
    r"(?:with|for|treat|treating|seeing|see) (?:my |our |cancer )?clients)\b"
)
"""A massage therapist asking about their work or their clients: a question about
practice, never one person's own care (a red flag told about a client is still checked
first, like any other)."""
GENERIC_ASKER = re.compile(
    r"\b(?:(?:when|if|while|once) you (?:have|are|get|got|ve got|have got)\b|"
    r"(?:for|with|do|can|should|are) (?:people|patients|persons|someone|somebody|anyone|anybody|"
    r"folks|kids|children|survivors)(?: who (?:have|has|are)| with| in| on| going through| "
    r"having| after)\b|cancer patients\b|"
    r"(?:how|what) do (?:most )?(?:massage |oncology )?(?:therapists|practitioners|people|others|"
    r"clinics|spas) (?:usually |normally |generally |typically |tend to )?(?:handle|deal with|"
    r"work around|work with|manage|approach|do about|do with)\b|"
    r"\bdo (?:most )?(?:people|patients|others|folks|survivors) (?:usually |normally |generally |"
    r"typically |often |ever )?(?:get|have|book|go for|try|use)\b|"
    # a group the question ends on ("is oncology massage ok for survivors?")
    r"\b(?:for|with) (?:cancer |other |most |all )?(?:survivors|patients|people|folks)"
    r"(?= \.|$| ,| in general| generally| too| as well| like that))"
)
"""A question put about people in general ("is deep tissue ok for people with that?",
"is it safe when you have cancer?", "how do therapists usually handle a drain?", "do
people get massages before an operation?")."""
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


def _sentences(raw: str) -> list[str]:
    return [p for p in _SENTENCE_END.split(raw.strip()) if p.strip()]


def _questions(raw: str) -> list[str]:
    """The message's questions, normalised (its last sentence when none ends with "?")."""
    pieces = _sentences(raw)
    return [normalise(p) for p in pieces if p.rstrip().endswith("?")] or [
        normalise(pieces[-1]) if pieces else normalise(raw)
    ]


def asks_in_general(raw: str) -> bool:
    """The message's questions are put about people in general and name no one ("My dad's
    cancer spread to his spine. Is deep tissue massage OK for people with that?"): general
    information, though a story names someone. A question naming a person ("is it ok for
    him?", "can I...") is not."""
    questions = _questions(raw)
    return any(GENERIC_ASKER.search(q) for q in questions) and not any(
        PERSON.search(q) for q in questions
    )


def _tells_a_care_detail(norm: str) -> bool:
    """A lab value, a device, site or medicine, "is this cancer", a fever, a decision about
    treatment or a sign of one's own ("normal for me"): one person's care, however the
    question is put."""
    details = (LAB, DEVICE, SITE, MEDICATION, CANCER_QUESTION, PERSONAL_FEVER, NOT_GENERAL)
    return any(p.search(norm) for p in details) or bool(
        DECISION.search(WAIT_TILL_OVER.sub(" ", norm))
    )


def asks_generally_after_story(raw: str, norm: str) -> bool:
    """A story about someone, then a question about massage that names no one and asks no
    leave ("I bruise easily since chemo. Does a massage always have to be firm?"): the
    question itself is general. A question with a person, a permission or safety word or
    a pronoun pointing back at the story ("is it ok?", "can they work around it?") is
    not, nor is a message that tells a care detail (``_tells_a_care_detail``)."""
    pieces = _sentences(raw)
    questions = _questions(raw)
    if len(pieces) < 2 or len(questions) == len(pieces) or _tells_a_care_detail(norm):
        return False
    return all(
        MASSAGE_TOPIC.search(q) is not None
        and not names_a_person(q)
        and ASKS_LEAVE.search(q) is None
        and PERMISSION.search(q) is None
        for q in questions
    )


def only_in_treatment(raw: str, norm: str) -> bool:
    """The only condition told is having cancer or being in treatment, and the questions
    are about massage ("my wife wants a massage, she is on chemo, is that ok?", "I am on
    immunotherapy, can I still get one?"): massage during treatment, the general question
    the sources answer. Not with any other condition, a care topic, a care detail, a
    treatment starting or changing or a timing in its cycle, something taken or put on
    the skin with it (``TREATMENT_DETAIL``), or "safe for me" (``STRONG_PERMISSION``)."""
    conditions = [m.group() for m in COND_WORD.finditer(norm)]
    if not conditions or not all(TREATMENT_ONLY.match(c) for c in conditions):
        return False
    if PERSONAL_CONDITION.search(norm) is None or _tells_a_care_detail(norm):
        return False
    if STRONG_PERMISSION.search(norm) or TREATMENT_DETAIL.search(norm) or care_topic(norm):
        return False
    return all(
        MASSAGE_TOPIC.search(q) is not None or POINTS_BACK.search(q) is not None
        for q in _questions(raw)
    )


_PET_FREE = re.compile(
    r"\b(?:my |our |the )?(?:dog|dogs|puppy|cat|cats|kitten|pet|pets|horse|pony|rabbit|bunny)\b"
    r"(?: \w+)?"
)


def _languages_of(raw: str) -> tuple[str, str]:
    """The language and the identifier's best guess; ``und`` for a message read as English
    that is in a language the identifier was not given (it gets the "English only" reply,
    with the numbers, unless a red flag is found)."""
    language, guess = identify_language(raw)
    mixed = other_language_vocabulary().mixed_with_english
    if language == "en" and undetermined(raw, guess, mixed):
        return UNDETERMINED, guess
    return language, guess


def _other_language_safety(
    raw: str, languages: tuple[str, str], treated: bool, emergency_number: str | None
) -> RouteDecision | None:
    """A red flag told in another language than English or Spanish.

    Answers are in English and Spanish only, but the plain words for a red flag in other
    languages (reviewed data, content/red_flags_other_languages.yaml) still get the
    safety reply (in English, with the numbers), not the "English only" decline. A
    message too short to be sure of ("quero morrer") is checked when the identifier's
    best guess is another language. ``treated``: cancer treatment named earlier.
    """
    language, guess = languages
    if language == "es":
        return None
    # Read as English, only the lists of languages written mixed with English (Hinglish,
    # Taglish) are looked at: "suicide" in an English sentence is the English
    # vocabulary's to read, with its cues.
    english = language == "en" and guess in ("en", "es")
    # A sign another language's list shares ("AVC", "convulsioni") is also read by the
    # cues of the language the identifier is confident the message is in.
    hit = find_other_language_red_flag(
        raw, treated, read_as_english=english, message_languages=(language,)
    )
    if hit is None and not english and names_emergency_help(raw, emergency_number):
        hit = (Route.EMERGENCY, "asks_for_emergency_help")
    return None if hit is None else _decision(hit[0], hit[1], 0.9)


SEVERITY = {Route.CRISIS: 4, Route.EMERGENCY: 3, Route.CLINICAL: 2}
"""Crisis ranks above emergency: its reply also leads to the emergency number."""

LOW_CONFIDENCE = 0.55
"""Below this an LLM vote (if any) may decide between answer, clinical and out_of_scope."""
SAFETY_MEMORY_SIZE = 4096
"""How many hashed messages with a classifier or LLM safety route are remembered."""


def _decision(
    route: Route,
    detail: str,
    confidence: float,
    context: DecisionContext | None = None,
) -> RouteDecision:
    """The one place a RouteDecision is made: confidence clamped and rounded."""
    return RouteDecision(route, detail, round(min(1.0, max(0.0, confidence)), 4), context)


def _personal_care(raw: str, language: str) -> RouteDecision | None:
    """A question about one person's own care in another language (stopping a medicine,
    their port or drain, their blood counts: the reviewed ``care`` words of
    other_language_words.yaml) goes to the care-team referral, as it would in English;
    the reply is the English one under the note that the sources are in English."""
    care = personal_care(raw, language)
    if care is None:
        return None
    decision = _decision(Route.CLINICAL, "other_language_care", 0.8)
    return replace(decision, language=language, asker=care.asker, topic=care.topic)


def _other_language_question(raw: str, language: str) -> RouteDecision:
    """A message in a language answered only through its reviewed word lists
    (other_language_words.yaml), once no red flag was found in it: a question about one
    person's own care goes to the care team, a general question about massage is answered
    from the English sources, anything else gets the "English only" reply, which gives
    the numbers first. In a guarded language only a message whose every word is read
    (``unread_words``) is answered or referred: one that also tells something the lists
    cannot read may hold a red flag the red-flag vocabularies miss."""
    declined = _decision(Route.OUT_OF_SCOPE, "language", 0.9)
    if unread_words(raw, language):
        return declined
    care = _personal_care(raw, language)
    if care is not None:
        return care
    reading = english_reading(raw, language)
    if reading is not None and MASSAGE_TOPIC.search(reading):
        return _decision(Route.ANSWER, "other_language", 0.7)
    return declined


def _more_severe(a: RouteDecision, b: RouteDecision | None) -> RouteDecision:
    if b is None:
        return a
    return b if SEVERITY.get(b.route, 0) > SEVERITY.get(a.route, 0) else a


class Router:
    """Routes one message in the context of the conversation so far.

    Build one per process: the classifier is fitted lazily on first use and
    then reused. Thread-safe.
    """

    def __init__(
        self, settings: Settings, embeddings: Embeddings | None, llm_vote: LlmVote | None = None
    ) -> None:
        if not isinstance(settings, Settings):
            raise TypeError(f"settings must be a Settings, not {type(settings).__name__}")
        self.settings = settings
        self.embeddings = embeddings
        self.llm_vote = llm_vote
        self.classifier = (
            RouteClassifier(embeddings, cache_dir=settings.data_dir / "cache")
            if embeddings is not None
            else None
        )
        self.safety_model = self._safety_model(settings) if embeddings is not None else None
        self._lock = threading.Lock()
        self._safety_memory: OrderedDict[str, RouteDecision] = OrderedDict()

    def warm_up(self) -> None:
        """Fit the classifier and load the models now rather than on the first message
        (the language model is decompressed and the other languages' red-flag vocabulary
        compiled on another thread meanwhile)."""

        def languages() -> None:
            warm_up_language(self.settings.data_dir / "cache")
            other_language_vocabulary()
            if self.settings.multilingual_safety_vote:
                multilingual_vote.warm_up()

        language = threading.Thread(target=languages, name="language-warm-up")
        language.start()
        try:
            if self.classifier is not None:
                self.classifier.warm_up()
        finally:
            language.join()

    @staticmethod
    def _safety_model(settings: Settings) -> SafetyModel | None:
        """The packaged safety vote, when it was fitted on this embedding model."""
        model = SafetyModel.load()
        fitted_on = model.training.get("embedding_model")
        if fitted_on != settings.embedding_model:
            log.warning(
                "safety vote off: fitted on %s, not %s; run `python -m evals.train_safety`",
                fitted_on,
                settings.embedding_model,
            )
            return None
        return model

    @staticmethod
    def _units(norm: str, raw: str) -> list[str]:
        """What the safety vote scores: the whole message and each of its sentences, and
        what a relative is reported to say there, read in the first person
        (``first_person_reading``)."""
        units = [str(norm)] + [str(normalise(p)) for p in pieces(raw)]
        told = [first_person_reading(u) for u in units]
        units += [t for t in told if t is not None]
        return list(dict.fromkeys(u for u in units if u.strip(" .,")))

    def texts_to_embed(self, message: str) -> list[str]:
        """The texts routing embeds for ``message`` (normalised whole and sentences), so
        the caller can embed them with the message in one model call (``TextVectors``)."""
        if self.classifier is None and self.safety_model is None:
            return []
        return self._units(normalise(message), message)

    # -- memory of safety routes the patterns alone would not find again ----
    @staticmethod
    def _key(norm: str) -> str:
        return hashlib.sha256(norm.encode("utf-8")).hexdigest()

    def _remember(self, norm: str, decision: RouteDecision) -> RouteDecision:
        """Keep a classifier or LLM safety route so a later turn cannot lose it.

        Only a hash of the message is kept, never its text. The service should
        also record each turn's route on ``Turn.route``, which survives restarts.
        """
        with self._lock:
            self._safety_memory[self._key(norm)] = decision
            self._safety_memory.move_to_end(self._key(norm))
            while len(self._safety_memory) > SAFETY_MEMORY_SIZE:
                self._safety_memory.popitem(last=False)
        return decision

    def _recalled(self, norm: str) -> RouteDecision | None:
        with self._lock:
            return self._safety_memory.get(self._key(norm))

    # -- routing --------------------------------------------------------
    def route(
        self, conversation: Sequence[Turn], message: str, vectors: TextVectors | None = None
    ) -> RouteDecision:
        """Route ``message`` given the earlier ``conversation`` (which excludes it).

        ``vectors`` holds the turn's embeddings already made (``Assistant`` embeds the
        message as typed and as ``normalise`` reads it in one call); the classifier
        embeds only what is not there."""
        if not isinstance(message, str):
            raise TypeError(f"message must be a str, not {type(message).__name__}")
        turns = list(conversation)
        for i, turn in enumerate(turns):
            if not isinstance(turn, Turn):
                raise TypeError(f"conversation[{i}] must be a Turn, not {type(turn).__name__}")
        earlier = [normalise(t.text) for t in turns if t.role == "user"]
        norm = normalise(message)
        language, guess = _languages_of(message)
        decision = self._route(turns, earlier, norm, message, (language, guess), vectors)
        decision = self._fit(decision, earlier, norm, language, guess)
        log.debug(
            "routed",
            extra={
                "route": decision.route.value,
                "reason": decision.reason,
                "confidence": decision.confidence,
            },
        )
        return decision

    def _safety(self, norm: str, treatment_context: bool) -> RouteDecision | None:
        flag = find_red_flag(
            norm,
            treatment_context=treatment_context,
            emergency_number=self.settings.emergency_number,
        )
        if flag is None:
            return None
        confidence = 0.97 if flag.route is Route.CRISIS else 0.95
        return replace(_decision(flag.route, flag.detail, confidence), language=flag.language)

    def _safety_in(self, norm: str, treatment_context: bool, language: str) -> RouteDecision | None:
        """``_safety`` for a message the identifier is sure is in ``language``. The English
        and Spanish vocabularies run on every message with their own cues, so a sign they
        share with the message's language ("convulsioni", "infarto", "convulsiones") is
        kept only where it is still found without the words that the cues of that
        language negate or tell as over ("non ha convulsioni", "un infarto l'anno
        scorso", "nunca tuvo convulsiones"). The message's own vocabulary, which reads
        it with its cues, stays the safety net: the lists of the data file in
        ``_other_language_safety``, the Spanish one here."""
        current = self._safety(norm, treatment_context)
        if current is None or current.route is not Route.EMERGENCY:
            return current
        raw = getattr(norm, "source", None) or str(norm)
        if language == "es":
            if current.language == "es":
                return current
            reading = read_by_spanish_cues(raw)
        else:
            reading = read_by_cues(raw, language)
        if reading is None:
            return current
        again = self._safety(normalise(reading), treatment_context)
        if again is not None and again.route is not Route.EMERGENCY:
            return current
        if again is None and language == "es":
            spanish = find_spanish_red_flag(raw, treatment_context)
            if spanish is not None:
                return replace(_decision(spanish[0], spanish[1], 0.95), language="es")
        return again

    def _earlier_safety(
        self, turns: Sequence[Turn], earlier: Sequence[str]
    ) -> RouteDecision | None:
        floor: RouteDecision | None = None
        for turn in turns:
            if turn.route in SAFETY_ROUTES:
                floor = _more_severe(_decision(turn.route, "recorded", 0.9, "earlier_turn"), floor)
        for i, norm in enumerate(earlier):
            context = any(TREATMENT.search(t) for t in earlier[:i])
            raw = getattr(norm, "source", None) or str(norm)
            languages = _languages_of(raw)
            hit = (
                self._safety_in(norm, context, languages[0])
                or self._recalled(norm)
                or _other_language_safety(raw, languages, context, self.settings.emergency_number)
            )
            if hit is None and i and injury_told_across_turns(earlier[i - 1], norm):
                hit = _decision(Route.CRISIS, "abuse", 0.9)
            if hit is not None:
                floor = _more_severe(_decision(hit.route, hit.detail, 0.9, "earlier_turn"), floor)
        return floor

    def _route(
        self,
        turns: Sequence[Turn],
        earlier: Sequence[str],
        norm: str,
        raw: str,
        languages: tuple[str, str],
        vectors: TextVectors | None = None,
    ) -> RouteDecision:
        language = languages[0]
        treatment_context = any(TREATMENT.search(t) for t in earlier)
        current = self._safety_in(norm, treatment_context, language)
        if current is None and earlier and injury_told_across_turns(earlier[-1], norm):
            current = _decision(Route.CRISIS, "abuse", 0.95)
        earlier_flag = self._earlier_safety(turns, earlier)
        if current is not None:
            # A red flag in this message wins over everything, whatever else it asks;
            # after a crisis, a new emergency keeps the crisis reply (it also gives the
            # emergency number).
            return current if earlier_flag is None else _more_severe(current, earlier_flag)
        treated = treatment_context or any(
            mentions_treatment(t.text) for t in turns if t.role == "user"
        )
        other = _other_language_safety(raw, languages, treated, self.settings.emergency_number)
        if other is not None:
            return _more_severe(other, earlier_flag)
        vote = self._multilingual_vote(norm, raw, languages)
        if vote is not None:
            return _more_severe(vote, earlier_flag)
        if language not in FULL_SAFETY:
            return replace(
                _other_language_question(raw, language), after_safety=earlier_flag is not None
            )
        decision = self._route_non_safety(turns, earlier, norm, raw, language, vectors)
        if (
            decision.route is Route.OUT_OF_SCOPE
            and decision.detail == "classifier"
            and language == "en"
            and reads_as_another_language(
                raw, languages[1], other_language_vocabulary().mixed_with_english
            )
        ):
            # A few words of another language ("socorro", "Hilfe bitte") are not an
            # off-topic English message: the "English only" reply gives the numbers.
            decision = replace(
                _decision(Route.OUT_OF_SCOPE, "language", 0.9), language=UNDETERMINED
            )
        if earlier_flag is None:
            return decision
        if (
            decision.detail not in _MOVED_ON
            and not has_in_scope_terms(norm)
            and not (language == "es" and SPANISH_IN_SCOPE.search(strip_marks(raw.lower())))
            and find_injection(norm) is None
            and not is_off_topic(norm)
        ):
            # "please help", "what do I do now": nothing new to answer, so the person
            # gets the safety reply of the earlier turn again, not a decline.
            return _decision(earlier_flag.route, earlier_flag.detail, 0.9, "earlier_turn")
        # A question on another subject is answered on its merits, with a reminder
        # (added by the service) of where to get help: no loop of the same script.
        return replace(decision, after_safety=True)

    @staticmethod
    def _fit(
        decision: RouteDecision, earlier: Sequence[str], norm: str, language: str, guess: str
    ) -> RouteDecision:
        """Who the message is about, the care topic, the reply language and, for a message
        in another language than English or Spanish, the language of the help line (the
        identifier's best ``guess`` for a message in no language it was given)."""
        who = decision.asker or asker(norm)
        leans_on = earlier[-1] if decision.context == "context" and earlier else None
        if who is None and leans_on is not None:
            who = asker(leans_on)
        if (
            decision.route is not Route.CLINICAL
            and who is not None
            and not tells_of_health(norm)
            and not (earlier and tells_of_health(earlier[-1]))
        ):
            # An answer speaks to one person (and ends with the safety net) only when the
            # message, or the turn before it, tells of their health or care, not only where
            # they live or what they do.
            who = None
        topic = decision.topic
        if decision.route is Route.CLINICAL and topic is None:
            topic = reply_topic(norm)
            if topic is None and earlier:
                topic = reply_topic(" . ".join(earlier[-2:]))
            topic = topic or "general"
        written = decision.language if decision.language != "en" else language
        reply_language = written
        if reply_language not in FULL_SAFETY and not (
            decision.route in (Route.ANSWER, Route.CLINICAL)
            and reply_language in readable_languages()
        ):
            reply_language = "en"
        help_from = guess if written == UNDETERMINED else written
        help_language = None if help_from in FULL_SAFETY else help_from
        return replace(
            decision,
            asker=who,
            topic=topic,
            language=reply_language,
            help_language=help_language,
        )

    def _route_non_safety(
        self,
        turns: Sequence[Turn],
        earlier: Sequence[str],
        norm: str,
        raw: str,
        language: str,
        vectors: TextVectors | None = None,
    ) -> RouteDecision:
        if not norm.replace(".", "").replace(",", "").strip():
            return _decision(Route.OUT_OF_SCOPE, "empty", 1.0)
        if is_greeting(norm):
            return _decision(Route.OUT_OF_SCOPE, "greeting", 0.95)
        if language == "es":
            # The sources are in English: a Spanish question about massage and cancer
            # is answered from them (the service says they are in English); anything
            # else gets the short Spanish note with the help numbers.
            care = _personal_care(raw, language)
            if care is not None:
                return care
            if SPANISH_IN_SCOPE.search(strip_marks(raw.lower())):
                return _decision(Route.ANSWER, "spanish", 0.7)
            return _decision(Route.OUT_OF_SCOPE, "language", 0.9)
        # The safety vote before any other check that could settle the message (a pet,
        # "I don't have cancer", injection, clinical): none of them can outvote it.
        vote = self._safety_vote(norm, raw, vectors or TextVectors())
        if vote is not None:
            return self._remember(norm, _decision(vote.route, vote.detail, vote.probability))
        if (
            is_about_a_pet(norm, raw)
            and PERSONAL_CONDITION.search(_PET_FREE.sub(" ", norm)) is None
        ):
            return _decision(Route.OUT_OF_SCOPE, "pet", 0.9)
        if has_no_cancer(norm):
            return _decision(Route.OUT_OF_SCOPE, "no_cancer", 0.85)
        follow_up = bool(earlier) and is_follow_up(norm) and not is_off_topic(norm)
        text = f"{earlier[-1]} . {norm}" if follow_up else norm
        probs: dict[Route, float] | None = None
        if self.classifier is not None:
            probs = self.classifier.probabilities(text, (vectors or TextVectors()).get(text))
        injection = find_injection(norm)
        if injection:
            return _decision(Route.OUT_OF_SCOPE, injection, 0.95)
        # A therapist asking about their practice, or a question put about people in general:
        # never a decision about one person's own care.
        # So is one told as a hypothetical or about an event that is over ("had a temp last
        # week, cleared, can I go thursday?"), or a question after a turn telling such an
        # event that names no condition of its own ("is a gentle massage ok for her now?").
        own = find_clinical(norm)
        after_over = (
            bool(earlier)
            and general_framing(earlier[-1]) == "over"
            and own in (None, "personal_permission")
            and PERSONAL_CONDITION.search(norm) is None
        )
        # A story with a general question, or massage during treatment as the only
        # condition, is general unless a turn before told one person's care detail.
        nothing_before = not any(find_clinical(t) for t in earlier[-2:])
        impersonal = (
            PROFESSIONAL_ASKER.search(norm) is not None
            or asks_in_general(raw)
            or general_framing(norm) is not None
            or after_over
            or (own is None and carer_asks_for_self(norm))
            or (
                nothing_before
                and (asks_generally_after_story(raw, norm) or only_in_treatment(raw, norm))
            )
        )
        clinical = None if impersonal else own
        if clinical:
            return self._with_llm(turns, raw, _decision(Route.CLINICAL, clinical, 0.9), False)
        asks_permission = bool(PERMISSION.search(norm)) and not impersonal
        if follow_up or asks_permission:
            for previous in reversed(earlier[-2:]):
                told = general_framing(previous)
                if told == "over":
                    # the latest turn tells the event as over ("...bloods fine, sent home,
                    # normal for two days"): what the turn before it told is over with it
                    break
                if told == "hypothetical":
                    continue  # a hypothetical is not inherited
                inherited = find_clinical(previous)
                if inherited is None and asks_permission and PERSONAL_CONDITION.search(previous):
                    inherited = "personal_condition"
                if inherited:
                    return self._with_llm(
                        turns, raw, _decision(Route.CLINICAL, inherited, 0.85, "context"), False
                    )
        if is_off_topic(norm):
            return _decision(Route.OUT_OF_SCOPE, "off_topic", 0.9)
        if probs is None:
            decision = self._fallback(text, follow_up)
            return self._with_llm(turns, raw, decision, True)
        candidates = {
            r: probs.get(r, 0.0) for r in (Route.ANSWER, Route.CLINICAL, Route.OUT_OF_SCOPE)
        }
        if (
            impersonal
            or not names_a_person(text)
            or (
                care_topic(text) is None
                and PERSONAL_CONDITION.search(text) is None
                and not (PERMISSION.search(text) and TREATMENT.search(text))
            )
        ):
            # Clinical is about one person's own care: without anyone named, or with a
            # person but no condition or care topic ("will my insurance pay?", "my wife
            # wants a massage"), the question is general and is answered.
            candidates[Route.ANSWER] += candidates.pop(Route.CLINICAL)
        elif BENEFIT_QUESTION.search(norm) and not PERMISSION_OR_SAFETY_WORDS.search(norm):
            # Whether massage helps with something is general information, even asked
            # about one person ("could massage help him with the anger?"); a decision
            # about their care (permission, safety) stays clinical.
            candidates[Route.ANSWER] += candidates.pop(Route.CLINICAL)
        leans = follow_up and (
            FOLLOW_UP_START.search(norm) is not None or FOLLOW_UP_REFERENCE.search(norm) is not None
        )
        if MASSAGE_TOPIC.search(text if leans else norm):
            # Naming massage or the Society's programmes (here or in the turn a
            # follow-up leans on) keeps a message in scope.
            candidates[Route.ANSWER] += candidates.pop(Route.OUT_OF_SCOPE)
        best = max(candidates, key=lambda r: candidates[r])
        share = candidates[best] / max(sum(candidates.values()), 1e-9)
        detail = "general" if best is Route.ANSWER else "classifier"
        decision = _decision(best, detail, share, "context" if follow_up else None)
        return self._with_llm(turns, raw, decision, share < LOW_CONFIDENCE)

    def safety_vote(self, message: str) -> SafetyVote | None:
        """The safety vote's verdict on ``message`` alone, without the checks before it
        (for measuring the vote: ``python -m evals.train_safety --validate``)."""
        if not isinstance(message, str):
            raise TypeError(f"message must be a str, not {type(message).__name__}")
        return self._safety_vote(normalise(message), message, TextVectors())

    def _safety_vote(self, norm: str, raw: str, known: TextVectors) -> SafetyVote | None:
        """The safety model's vote on this message alone and on each of its sentences.

        A crisis or abuse vote the model is sure of (``SafetyModel.alone``, 0.95) wins
        alone: the cue lists are phrase lists too, and indirect ideation ("everyone would
        cope fine if I just was not around") names none. Otherwise a sentence (or the
        whole message) wins at the model's threshold when it names a current safety cue
        (``has_current_cue``: not told as past or resolved); without the cue the vote
        raised false alarms on near misses ("I'd die for a massage", "the cuts have
        healed") at no gain in recall (docs/routing.md). The vote reads this message
        only: an earlier turn's red flag is the safety memory's business, so "the fever
        is gone, does massage help with
        sleep?" is not voted an emergency because of the turn before it. A cue word inside a
        figure of speech or a studied topic (``checks.literal``: "these knots will be the
        death of me", "a suicide prevention training day") does not count.
        """
        model, embeddings = self.safety_model, self.embeddings
        if model is None or embeddings is None:
            return None
        units = self._units(norm, raw)
        vectors: dict[str, np.ndarray] = {}
        missing = []
        for unit in units:
            vector = known.get(unit)
            if vector is None:
                missing.append(unit)
            else:
                vectors[unit] = np.asarray(vector)
        if missing:
            embedded = embeddings.embed_documents(missing)
            vectors.update(zip(missing, (np.asarray(v) for v in embedded), strict=True))
        votes = model.votes(units, np.stack([vectors[u] for u in units]))
        plain = literal(norm)
        winners = [
            v
            for v in votes
            if (
                # a vote sure of a sentence wins alone, unless what made it sure is a
                # figure of speech or a studied topic ("a domestic abuse awareness course")
                (model.wins_alone(v) and literal(v.unit) == v.unit)
                or (
                    v.probability >= model.threshold
                    and has_current_cue(SAFETY_CUES[v.label], literal(v.unit), plain)
                )
            )
            and not (v.route is Route.CRISIS and crisis_told_as_over(v.unit, norm))
            and not (v.route is Route.CRISIS and asks_to_lower_a_medicine(v.unit, norm))
            and not (v.label == "abuse" and arrangement_chosen(norm))
            and not (v.route is Route.EMERGENCY and swelling_of_known_lymphedema(v.unit, norm))
            and not (v.route is Route.EMERGENCY and swelling_of_both_limbs(v.unit, norm))
            and not (v.route is Route.EMERGENCY and emergency_told_as_a_figure(v.unit, norm))
            and not (v.route is Route.EMERGENCY and reading_below_a_fever(v.unit, norm))
            and not (v.route is Route.EMERGENCY and tingling_known_to_team(v.unit, norm))
            and not (v.label == "abuse" and bruising_told_as_a_tendency(v.unit, norm))
            and not (v.label == "crisis" and low_mood_asked_with_benefit(v.unit, norm))
            and not (v.label == "crisis" and asks_about_risks(v.unit, norm))
            and not (v.route is Route.EMERGENCY and clot_under_treatment(v.unit, norm))
            and not (v.route is Route.EMERGENCY and emergency_cue_explained(v.unit, norm))
        ]
        if not winners:
            return None
        # Crisis ranks above emergency (its reply also gives the emergency number).
        return max(winners, key=lambda v: (SEVERITY.get(v.route, 0), v.probability))

    def _multilingual_vote(
        self, norm: str, raw: str, languages: tuple[str, str]
    ) -> RouteDecision | None:
        """The multilingual safety vote on a message not read as English, asked only once
        the word lists found no red flag in it, so it can only add a safety route
        (``multilingual_vote.py``). Remembered like the English vote's, so a later turn
        keeps it. A message read as English is asked too when few of its words are
        English (``few_english_words``: a language the identifier does not know), at a
        higher threshold (``UNIDENTIFIED_THRESHOLD``)."""
        language, guess = languages
        if (
            (language == "en" and not few_english_words(raw, guess))
            or self.embeddings is None  # without embeddings the patterns decide alone
            or not self.settings.multilingual_safety_vote
        ):
            return None
        at_least = multilingual_vote.UNIDENTIFIED_THRESHOLD if language == "en" else 0.0
        vote = multilingual_vote.vote(raw, at_least)
        if vote is None:
            return None
        if vote.route is Route.CRISIS and vote.label != "abuse":
            # a nail or hair cut is not self-harm: the crisis must be voted again without it
            plain = multilingual_vote.without_grooming_cuts(raw)
            if plain != raw:
                again = multilingual_vote.vote(plain, at_least) if plain else None
                if again is None or again.route is not Route.CRISIS:
                    return None
        reading = read_by_cues(raw, language) if vote.route is Route.EMERGENCY else None
        if reading is not None:
            # The language's own negation and past-time cues ("non ha più febbre", "l'anno
            # scorso"): the sign must still be voted without the words they take out.
            again = multilingual_vote.vote(reading)
            if again is None or again.route is not Route.EMERGENCY:
                return None
        detail = vote.detail if vote.label == "abuse" else "multilingual_vote"
        return self._remember(norm, _decision(vote.route, detail, vote.probability))

    def _fallback(self, text: str, follow_up: bool) -> RouteDecision:
        if has_in_scope_terms(text):
            return _decision(Route.ANSWER, "general", 0.6, "context" if follow_up else None)
        return _decision(Route.OUT_OF_SCOPE, "no_topic", 0.5)

    def _with_llm(
        self, turns: Sequence[Turn], raw: str, decision: RouteDecision, unsure: bool
    ) -> RouteDecision:
        """Let an optional LLM vote raise the route to a safety or clinical one, or settle doubt.

        The vote can never lower clinical or a safety route, and it never produces
        ``unknown``; an error in the hook leaves the decision as it was.
        """
        if self.llm_vote is None:
            return decision
        try:
            vote = self.llm_vote(turns, raw)
        except Exception as exc:  # the hook is optional; routing must not fail with it
            log.warning("llm route vote failed: %s", type(exc).__name__)
            return decision
        if not isinstance(vote, RouteDecision) or vote.route not in ROUTED:
            return decision
        if vote.route in SAFETY_ROUTES:
            return self._remember(
                normalise(raw), _decision(vote.route, "llm_vote", vote.confidence)
            )
        if vote.route is Route.CLINICAL and decision.route is not Route.CLINICAL:
            return _decision(Route.CLINICAL, "llm_vote", vote.confidence)
        if unsure and decision.route is not Route.CLINICAL and vote.route is not decision.route:
            return _decision(vote.route, "llm_vote", vote.confidence)
        return decision
