"""Detection functions: pure checks over normalised text, built on ``lexicon``.

Each ``find_*`` returns the detail of what it found (used in the route reason,
e.g. ``"chest_pain"``) or None; each ``is_*``/``has_*`` answers yes or no. The
emergency and clinical checks ignore a symptom negated in its own clause ("no
chest pain"); the crisis check deliberately never does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..schema import Route
from .lexicon import (
    ABUSE_CUES,
    ABUSE_HARM,
    ABUSE_PATTERNS,
    ACCIDENT,
    ACCIDENTAL_HURT,
    AFTER_MASSAGE,
    AFTER_MASSAGE_SIGN,
    ARM_SIGNS,
    ASK_GENTLER,
    ASKS_TO_LOWER_A_MEDICINE,
    ATTRIBUTED_TO_KIN,
    BACK_PAIN,
    BELLY_DRUM,
    BENEFIT_QUESTION,
    BLADDER_BOWEL,
    BODY_IN_DISTRESS,
    BODYWORK_SETTING,
    BONE_METS,
    BOTH_LIMBS,
    BURDEN_SAID_BY_ANOTHER,
    CANCER_QUESTION,
    CARE_TEAM_OWNER,
    CARER,
    CHEST_VEINS,
    CHOSEN_ARRANGEMENT,
    CONSENTED,
    CREATIVE_TASK,
    CRISIS_CUES,
    CRISIS_PATTERNS,
    DATED_AFTER,
    DECISION,
    DECISION_OBJECT,
    DELIBERATE,
    DEVICE,
    DEVICE_STATE,
    DISTRESS_SIGNAL,
    DROWSY,
    DURING_PAST_TREATMENT,
    EMERGENCY_CUES,
    EMERGENCY_PATTERNS,
    EXPLANATION_DOUBTED,
    EXPLOITATION,
    FACE_NECK_SWELLING,
    FACT_CHECK,
    FALL,
    FALL_HARM,
    FEVER,
    FICTION,
    FIGURATIVE,
    FIGURE_OF_PLEASURE,
    FINALITY,
    FOLLOW_UP_REFERENCE,
    FOLLOW_UP_START,
    FOR_MYSELF,
    FREQUENCY_QUESTION,
    GENERIC,
    GIVING_AWAY,
    GONE_CLAUSE,
    GREETING,
    HARM_BY_ANOTHER,
    HARM_INSTRUMENT,
    HEAT_OF_WEATHER,
    HOW_LONG_TO_WAIT,
    HYPERBOLE,
    HYPERCALCAEMIA_SIGNS,
    HYPOTHETICAL_ASKER,
    IMPENDING_DOOM,
    IN_SCOPE,
    INFORMATIONAL,
    INJECTION_PATTERNS,
    INJURY_MARKS,
    INTIMATE_TOUCH,
    ITCH,
    LAB,
    LAY_FEVER,
    LEG_HEAT,
    LEG_SIGNS,
    LEGS_FAILING,
    LEGS_TINGLING,
    LEISURE_REQUEST,
    LIMB_ARM,
    LIMB_LEG,
    LIVED,
    LIVED_BEFORE,
    MASSAGE_SAFETY_QUESTION,
    MASSAGE_TOPIC,
    MEANS_PATTERNS,
    MEDICAL_NOT_MASSAGE,
    MEDICATION,
    MEDICINE_DECISION,
    MUDDLED,
    NAMED_TOPIC,
    NEGATION_EXEMPT_NEXT,
    NEGATION_IDIOM_NEXT,
    NEGATION_STOPS,
    NEGATORS,
    NEW_SUBJECT,
    NO_STOOL,
    NOT_A_TEMPERATURE,
    NOT_DOOM,
    NOT_GENERAL,
    NOT_LITERAL,
    NUMBER,
    OFF_TOPIC,
    ONGOING,
    ORDINARY_MEANS,
    ORDINARY_REASON,
    OTHERS_BETTER,
    OWN_RESULT,
    OWN_TIMING,
    PAST_TIME,
    PERMISSION,
    PERMISSION_OR_SAFETY_WORDS,
    PERSON,
    PERSONAL_CONDITION,
    PERSONAL_FEVER,
    PRACTICAL_QUESTION,
    PRACTITIONER,
    PRESENT_LAB,
    REAL_PERSON,
    RECOVERED,
    RECURRING,
    REFUSED,
    REMOTE_PAST,
    REPORTING_FRAME,
    RESOLVED,
    SCREEN_CHARACTER,
    SELF_HARM_ACT,
    SELF_HARM_INTENT,
    SELF_HARM_STRONG,
    SEPSIS,
    SEVERE_BONE_PAIN,
    SIGNALLED_MEANS,
    SITE,
    SPINAL_CANCER,
    STILL_GOING,
    STILL_UNWELL,
    STORY_OVER,
    STRONG_FEVER,
    STRONG_PERMISSION,
    STUDY_AFTER,
    STUDY_BEFORE,
    SWELLING,
    SWELLING_PHRASE,
    TIMING_AROUND_TREATMENT,
    TOLD_LONG_AGO,
    TOLD_NOW,
    TOUCH_DONE_BY_ANOTHER,
    TREATMENT,
    TREATMENT_CHOICE,
    TREATMENT_LONG_OVER,
    UNTIL_INJURED_RE,
    UNWANTED,
    UNWELL,
    USUAL_QUESTION,
    VOMIT_BILE,
    VOMITING,
    WAIT_TILL_OVER,
    WHERE_TO_GET,
)
from .spanish import find_spanish_red_flag

# The most words a message may have to be read as a follow-up to the turns before
# it; the larger limit applies when it starts like one or holds a bare reference.
FOLLOW_UP_MAX_TOKENS = 7
FOLLOW_UP_MARKED_MAX_TOKENS = 12


def _negated(norm: str, start: int) -> bool:
    """True when a negator sits in the same clause up to six words before ``start``.

    The look-back stops at a clause break, at "and/then/now" and at a new subject ("no
    fever i can not breathe": the "no" is about the fever, not the breathing; "can not
    walk and has back pain": the "not" is about walking), so a message typed without
    punctuation keeps its later signs.
    """
    before = norm[:start].split()[-6:]
    for i in range(len(before) - 1, -1, -1):
        token = before[i]
        if token in NEGATION_STOPS:
            return False
        if token in NEGATORS:
            nxt = before[i + 1] if i + 1 < len(before) else ""
            if (token == "not" and nxt in NEGATION_EXEMPT_NEXT) or nxt in NEGATION_IDIOM_NEXT:
                continue
            # "never had chest pain like this": a first time, here now, not a denial
            clause = _clause_after(norm, start, before, i)
            return not (token == "never" and _NOW_COMPARED.search(clause) is not None)
        if token in NEW_SUBJECT:
            return False
    return False


_NOW_COMPARED = re.compile(
    r"\b(?:like (?:this|that|now|it is now)|this (?:bad|badly|much|severe|strong|hard|sharp|"
    r"intense|painful|short of breath|breathless|weak|dizzy|confused|swollen|sick|often|high)|"
    r"such|so (?:bad|badly|much|severe|strong|sharp|intense)|until now|till now|before "
    r"(?:now|today|tonight|this)|in (?:my|his|her|their|our) (?:whole )?li(?:fe|ves))\b"
    r"|\bbefore(?= *$| [.,]| and\b| but\b| now\b)"
)
"""After "never", a comparison with now: "never had chest pain like this", "never been this
short of breath", "never had a headache this bad before". The sign is here now, for the first
time, not denied."""


def _clause_after(norm: str, start: int, before: list[str], at: int) -> str:
    """The words from the negator at ``before[at]`` to the end of the clause past ``start``."""
    after = _CLAUSE_BREAK.search(norm, start)
    return " ".join(before[at:]) + " " + norm[start : after.start() if after else len(norm)]


_SENTENCE_BREAK = re.compile(r" \. ")
_CLAUSE_BREAK = re.compile(r" (?:[.,]|but|though|however|except|yet|although) ")


def _span(norm: str, start: int, breaks: re.Pattern[str]) -> tuple[int, int]:
    """The start and end of the sentence or clause around ``start``."""
    left = 0
    for found in breaks.finditer(norm, 0, start):
        left = found.end()
    found_right = breaks.search(norm, start)
    return left, found_right.start() if found_right else len(norm)


def _resolved(norm: str, start: int) -> bool:
    """A sign told as past or over: "I had a fever last week, it is gone, the doctor checked me".

    Resolution counts when it is said after the sign, in its sentence or the next one,
    or when the sign's own clause is in the past ("two weeks ago", "last year"); and never
    when that clause also puts it in the present ("still", "again", "now", "since").
    """
    c_start, c_end = _span(norm, start, _CLAUSE_BREAK)
    _, s_end = _span(norm, start, _SENTENCE_BREAK)
    following = _SENTENCE_BREAK.search(norm, s_end)
    if following is not None:
        after_next = _SENTENCE_BREAK.search(norm, following.end())
        s_end = after_next.start() if after_next else len(norm)
    window = norm[start:s_end]
    clause = norm[c_start:c_end]
    # "still", "again", "now" count from the last "and" before the sign: in "the visit was
    # moved again and my fever last week was a cold" the "again" is the visit's
    own_start = max(c_start, norm.rfind(" and ", c_start, start) + 1)
    informational = INFORMATIONAL.search(norm[c_start:start])
    if informational is not None and re.search(r"\bif\b", informational.group(0)):
        return True  # "call if my temperature goes above 38": a condition, whatever follows
    ongoing = ONGOING.search(RESOLVED.sub(" ", norm[own_start:c_end])) is not None
    if ongoing:
        return False
    if informational is not None:
        return True
    if DATED_AFTER.match(norm, c_end) is not None:
        _, next_end = _span(norm, c_end + 3, _CLAUSE_BREAK)
        if (
            PAST_TIME.search(norm, c_end, next_end) is not None
            and ONGOING.search(norm, c_end, next_end) is None
        ):
            return True
    if any(m.start() <= start < m.end() for m in FIGURE_OF_PLEASURE.finditer(norm)):
        return True
    return RESOLVED.search(window) is not None or PAST_TIME.search(clause) is not None


def _still_unwell_after(norm: str, start: int) -> bool:
    """A recent sign told as over, then the body still unwell after it ("blacked out for a
    few seconds, hit the floor. i am fine now but still feel clammy"; s37-10s). A sign dated
    long ago ("fainted last year, fine now but still a bit dizzy") stays history."""
    s_start, s_end = _span(norm, start, _SENTENCE_BREAK)
    if PAST_TIME.search(norm, s_start, s_end) is not None:
        return False
    following = _SENTENCE_BREAK.search(norm, s_end)
    window_end = (
        len(norm) if following is None else _span(norm, following.end(), _SENTENCE_BREAK)[1]
    )
    return STILL_UNWELL.search(norm, start, window_end) is not None


def has_current_cue(pattern: re.Pattern[str], norm: str, whole: str | None = None) -> bool:
    """A safety cue word that is not told as past or resolved (for the classifier's vote).

    ``norm`` may be one sentence of the normalised message ``whole``: its cue is then
    also read in the whole message, so "my chest was tight after the gym. it went away
    after a rest" does not count the first sentence's cue on its own.
    """
    offset = -1
    if whole is not None and whole != norm:
        offset = whole.find(norm.rstrip(" ."))
    for match in pattern.finditer(norm):
        if _resolved(norm, match.start()) or _negated(norm, match.start()):
            continue
        if _sentence_resolved(norm, match.start()):
            continue
        if offset >= 0 and whole is not None and _resolved(whole, offset + match.start()):
            continue
        if FEVER.search(match.group(0)) is not None and (
            fever_long_over(norm, match.start())
            or (
                offset >= 0 and whole is not None and fever_long_over(whole, offset + match.start())
            )
        ):
            continue
        return True
    return False


def _sentence_resolved(norm: str, start: int) -> bool:
    """The cue's sentence says something is over, before or after the cue ("a little nosebleed
    this morning, stopped after 5 minutes, dry air"), and its own clause says nothing is
    happening now."""
    s_start, s_end = _span(norm, start, _SENTENCE_BREAK)
    c_start, c_end = _span(norm, start, _CLAUSE_BREAK)
    if ONGOING.search(RESOLVED.sub(" ", norm[c_start:c_end])):
        return False
    return RESOLVED.search(norm[s_start:s_end]) is not None


def crisis_told_as_over(unit: str, whole: str) -> bool:
    """A crisis vote's sentence that is a hyperbole, or a message saying it is over.

    "If I keep doing this much yoga I'll kill myself lol" is a figure of speech; "I'm out
    now, living with my sister, there's a protective order, I'm in a good place" tells of
    abuse that is over, unless something says it is back ("again", "lately", "still").
    """
    if HYPERBOLE.search(unit):
        return True
    return RECOVERED.search(whole) is not None and (
        RECURRING.search(RECOVERED.sub(" ", whole)) is None
    )


def asks_to_lower_a_medicine(unit: str, whole: str) -> bool:
    """A crisis vote's sentence asks leave to lower a medicine ("I'm wondering if I could
    cut down my morphine then") and the message names no crisis cue besides it: a care
    decision, not giving up. A plan to save the doses or take them all is found by the
    patterns first."""
    if ASKS_TO_LOWER_A_MEDICINE.search(unit) is None:
        return False
    # the lowering itself ("cut my oxycodone back") is not the cue word "cut"
    return CRISIS_CUES.search(literal(ASKS_TO_LOWER_A_MEDICINE.sub(" ", whole))) is None


_KNOWN_LYMPHEDEMA = re.compile(
    r"\b(?:(?:swollen|swelling|swells?|swelled|puffy) (?:\w+ ){0,2}(?:with|from|because of|due to) "
    r"(?:\w+ )?lymph(?:o)?edema|lymph(?:o)?edema (?:swelling|arm|leg)|(?:my|her|his|their|the|"
    r"has|have|had|with) lymph(?:o)?edema)\b"
)
_LYMPHEDEMA_DOUBTED = re.compile(
    r"\b(?:is (?:that|it|this)|could (?:that|it|this) be|might be|maybe|thought|think|wonder\w*|"
    r"or is|not sure|if it s|whether) (?:\w+ ){0,3}lymph(?:o)?edema\b"
)
_SWELLING_ONLY = re.compile(
    r"\b(?:swell\w*|swollen|puffy|arm|arms|legs?|pain\w*|hurt\w*|achy|aching|sore)\b"
)
_CHANGED_OR_INFLAMED = re.compile(
    r"\b(?:sudden\w*|overnight|since (?:yesterday|last night|this morning)|this morning|today|"
    r"tonight|red\w*|hot|warm|heat|veins?|double|twice|fever\w*|chills?|shiver\w*|rigou?rs?|"
    r"temp\w*|calf|hard|tight|shiny|streak\w*|spreading|worse)\b"
)


def _swelling_alone(text: str) -> bool:
    """``text`` tells no sudden change, heat, redness or fever, and no other emergency cue
    once its swelling and pain words are taken out: the swelling is all it tells."""
    if _CHANGED_OR_INFLAMED.search(text):
        return False
    return EMERGENCY_CUES.search(literal(_SWELLING_ONLY.sub(" ", text))) is None


def swelling_of_known_lymphedema(unit: str, whole: str) -> bool:
    """An emergency vote's sentence tells swelling the person already knows is lymphedema
    ("her arm is swollen with lymphedema, is massage ok?"), not a guess at it ("his leg is
    double the size, is that lymphedema?"), and the message tells no sudden change, heat,
    redness, fever or other emergency cue beside the swelling: a long-standing condition the
    sources do not cover, asked about, not a clot or an infection told now."""
    if _KNOWN_LYMPHEDEMA.search(unit) is None or _LYMPHEDEMA_DOUBTED.search(whole):
        return False
    return _swelling_alone(whole)


def swelling_of_both_limbs(unit: str, whole: str) -> bool:
    """An emergency vote on a sentence of a message whose swelling is of both ankles, feet
    or legs by the evening or in the heat (``BOTH_LIMBS``: fluid that gathers, not the
    one-sided swelling of a clot; s32-14s), where neither the sentence nor the message
    tells a sudden change, heat, redness, fever or other emergency cue beside it ("what
    about swelling? her ankles puff up by the evening")."""
    both = BOTH_LIMBS.search(whole)
    if both is None:
        return False
    rest, told = (HEAT_OF_WEATHER.sub(" ", t.replace(both.group(0), " ")) for t in (whole, unit))
    return _CHANGED_OR_INFLAMED.search(told) is None and _swelling_alone(rest)


_TINGLING_EXTREMITIES = re.compile(
    r"\b(?:(?:hands?|feet|foot|fingers?|fingertips|toes?|soles)\b(?: \w+){0,5} (?:numb\w*|"
    r"tingl\w*|pins and needles|prickl\w*)|(?:numb\w*|tingl\w*|pins and needles)\b(?: \w+){0,4} "
    r"(?:hands?|feet|foot|fingers?|fingertips|toes?|soles))\b|\bneuropath\w*"
)
_KNOWN_OR_LONG_STANDING = re.compile(
    r"\b(?:for|over) (?:a few|several|some|the last|the past|many|a couple of|two|three|four|"
    r"\d+) (?:\w+ )?(?:cycles?|rounds?|weeks?|months?|years?|treatments?|sessions?)\b|"
    r"\bsince (?:(?:his|her|my|their|the) )?(?:chemo\w*|first (?:cycle|round)|treatment|"
    r"starting|he started|she started|i started)\b|"
    r"\b(?:onc\w*|doctor|doc|team|nurse|gp|consultant|specialist)\b(?: \w+){0,2} (?:knows|"
    r"know|is aware|are aware|said|says|checked|has checked|have checked|told)\b"
)
_TINGLING_ONLY = re.compile(
    r"\b(?:numb\w*|tingl\w*|pins and needles|prickl\w*|neuropath\w*|hands?|feet|foot|"
    r"fingers?|fingertips|toes?|soles|legs?)\b"
)
_NEW_OR_SPREADING = re.compile(
    r"\b(?:sudden\w*|overnight|since (?:yesterday|last night|this morning)|this morning|today|"
    r"tonight|spreading|spread|creeping up|worse|face|one side|weak\w*|giving way|trip\w*|"
    r"stumbl\w*|fall\w*|fell)\b"
)


def tingling_known_to_team(unit: str, whole: str) -> bool:
    """An emergency vote's sentence tells numb or tingling hands or feet (the neuropathy
    chemotherapy often leaves) that the message tells as known to the care team or
    long-standing ("for a few cycles, his onc knows"), with no new, spreading or one-sided
    change, no weakness, and no other emergency cue once the numbness words are taken out
    (s35-10): a known side effect asked about, not cord compression or a stroke told now.
    Cord compression found by the patterns is decided before the vote is asked."""
    if _TINGLING_EXTREMITIES.search(unit) is None:
        return False
    if _KNOWN_OR_LONG_STANDING.search(whole) is None or _NEW_OR_SPREADING.search(whole):
        return False
    if _cord_compression(whole) is not None:
        return False
    rest = _TINGLING_ONLY.sub(" ", _KNOWN_OR_LONG_STANDING.sub(" ", whole))
    return EMERGENCY_CUES.search(literal(rest)) is None


# -- s35-10c: benign messages the vote or a pattern read as a red flag (issue 10)
_EASY_BRUISING = re.compile(
    r"\bbruis\w*(?: \w+){0,2} (?:easy|easily|so easily|at the (?:slightest|lightest)\w*(?: \w+)?|"
    r"(?:if|when) (?:you|anyone|anybody|someone|i|we) (?:so much as |even |just )?(?:look|looks|"
    r"touch|touches|breathe|bump|bumps|brush|brushes|tap|taps|press|presses)\w*(?: \w+){0,2}|"
    r"from (?:the )?(?:slightest|lightest|any) (?:touch|bump|knock|pressure)|"
    r"(?:on|from|with|because of) (?:(?:his|her|my|their|the) )?(?:meds|medication\w*|medicines?|"
    r"tablets|pills|blood thinners?|thinners|warfarin|apixaban|rivaroxaban|heparin|clexane|"
    r"steroids?|chemo\w*|aspirin|low platelets|platelets))\b"
    r"|\b(?:bruises?|bruising) (?:very |so |really |super )?easily\b"
    r"|\beasy bruising\b|\bbruis\w* (?:\w+ )?(?:like a peach|at the drop of a hat)"
)
"""Bruising told as a tendency of the body ("bruises super easy on his meds", "bruises if
you look at her", "bruises easily on blood thinners"): a symptom of thin blood or low
platelets, not an injury someone made."""


def bruising_told_as_a_tendency(unit: str, whole: str) -> bool:
    """An abuse vote's sentence whose only abuse cue is bruising told as a tendency of the
    body (``_EASY_BRUISING``: "my dad bruises super easy on his meds", "my mum bruises if you
    look at her"), in a message that names no one hurting, frightening or controlling the
    person (s35-10c): the vote read the bruise word, not a person who made it. "She bruises
    easily but now there are finger marks on her arms" keeps its vote (``marks``)."""
    if _EASY_BRUISING.search(unit) is None:
        return False
    return not any(
        has_current_cue(ABUSE_CUES, literal(_EASY_BRUISING.sub(" ", text)))
        for text in (unit, whole)
    )


_LOW_MOOD = re.compile(
    r"\b(?:hopeless\w*|flat|low|down(?: in the dumps)?|fed up|deflated|demoralis\w*|"
    r"demoraliz\w*|discouraged|disheartened|despondent|glum|blue|sad|miserable|worn (?:out|down)|"
    r"defeated|drained|weary|tired|exhausted|depressed|gloomy)\b"
)
_MOOD_ABOUT_A_SITUATION = re.compile(
    rf"{_LOW_MOOD.pattern}(?: \w+){{0,3}} (?:about|over|with|by|at|because of|since|from|"
    r"after|during|regarding)\b"
)
_AT_RISK_WORDS = re.compile(
    r"\b(?:tired of|sick of|done with|give up|giving up|point|pointless|no reason|why bother|"
    r"nothing matters|anymore|any more|end|ending|go\w* on|carry\w* on|keep\w* (?:going|on)|"
    r"future|want out|way out|way forward|"
    r"escape|trapped|can not do this|cannot do this|can not take|cannot take|can not cope|"
    r"cannot cope|burden|worthless|alone|disappear\w*|gone|sleep|wake|die|dying|dead|"
    r"death|kill\w*|hurt\w*|harm\w*|suicid\w*|life|alive|live|living|better off|without me)\b"
)
"""Words that can tell a wish to die or to be gone beside low mood (C-SSRS passive
ideation): with any of them, a crisis vote on a low mood stands."""


def low_mood_asked_with_benefit(unit: str, whole: str) -> bool:
    """A crisis vote's sentence tells low mood or hopelessness about a situation ("flat and
    hopeless about the whole treatment grind", "feels hopeless about the treatment dragging
    on") in a message that asks whether massage helps, with no word of a wish to die, to be
    gone or to give up anywhere in it (s35-10c). The C-SSRS screener counts wishes to be
    dead, ideation, a plan, intent and preparatory acts; hopelessness alone is none of them,
    and the question asked is a benefit question. "I feel hopeless and keep thinking
    everyone would be better off without me" keeps its crisis route (patterns and
    ``_AT_RISK_WORDS``)."""
    if _MOOD_ABOUT_A_SITUATION.search(unit) is None or not asks_about_benefit(whole):
        return False
    return _AT_RISK_WORDS.search(whole) is None


def asks_about_benefit(whole: str) -> bool:
    """The message asks whether massage (or bodywork) helps with something."""
    return BENEFIT_QUESTION.search(whole) is not None or (
        MASSAGE_TOPIC.search(whole) is not None and _HELPS_WITH.search(whole) is not None
    )


_HELPS_WITH = re.compile(
    r"\b(?:help|helps|do anything|do something|good for|lift|improve|ease|calm|soothe|make a "
    r"difference)\b(?: \w+){0,4} (?:for (?:that|this|it|mood|him|her|me)|with (?:that|this|it|"
    r"mood|the mood|my mood|his mood|her mood)|(?:his|her|my|the) mood|mood|spirits)\b"
)
_RISK_QUESTION = re.compile(
    r"\b(?:what|which|any|is there|are there|what s|what is|what are|are)\b(?: \w+){0,4} "
    r"(?:risks?|downsides?|down sides?|dangers?|drawbacks?|side effects?|negatives?|cons|"
    r"disadvantages?|harms?|contraindications?|catch)\b"
)


def asks_about_risks(unit: str, whole: str) -> bool:
    """A crisis vote's sentence asks about the risks, downsides or side effects of the
    massage the message names ("is there any downside at all people don't talk about"),
    and names no crisis cue itself (s35-10c): a question for information, not a person at
    risk."""
    if _RISK_QUESTION.search(unit) is None or MASSAGE_TOPIC.search(whole) is None:
        return False
    return not has_current_cue(CRISIS_CUES, literal(unit), literal(whole))


_CLOT_TREATED = re.compile(
    r"\b(?:it was|it s|it is|turned out to be|they found|found|diagnosed (?:with|as)|confirmed)"
    r"(?: \w+){0,2} (?:clot|dvt|pe|thrombosis|embolism)\b"
)
_ON_ANTICOAGULANT = re.compile(
    r"\b(?:injections?|jabs?|blood thinners?|thinners|anticoagula\w*|heparin|clexane|"
    r"enoxaparin|fragmin|dalteparin|tinzaparin|warfarin|apixaban|eliquis|rivaroxaban|xarelto|"
    r"edoxaban|dabigatran)\b"
)
_IMPROVING = re.compile(
    r"\b(?:much|a lot|loads|way|so much|heaps) better\b|\b(?:better|improv\w*|settl\w*|easing|"
    r"eased|going down|gone down|come down|calmed down|resolv\w*|happy with|happy)\b"
)
_CLOT_WORSE = re.compile(
    r"\b(?:worse|worsening|spreading|new|again|chest|breath\w*|cough\w*|short of|faint\w*|"
    r"dizz\w*|bleed\w*|blood|black|bruis\w*|racing|pounding)\b"
)


def clot_under_treatment(unit: str, whole: str) -> bool:
    """An emergency vote on a message telling a clot already found and treated ("update: it
    was a clot, they started me on injections, swelling's much better") and getting better,
    with nothing worse or new beside it (breathlessness, chest pain, bleeding on the thinner):
    the emergency is being cared for (s35-10c)."""
    return (
        _CLOT_TREATED.search(whole) is not None
        and _ON_ANTICOAGULANT.search(whole) is not None
        and _IMPROVING.search(whole) is not None
        and _CLOT_WORSE.search(whole) is None
    )


_ANXIOUS = re.compile(
    r"\b(?:anxious|anxiety|anxieties|scanxiety|panic\w*|nervous|nerves|stressed|worked up|"
    r"dread\w*|worry|worries|worried|on edge|wound up|uptight)\b"
)
_AS_A_PATTERN = re.compile(
    r"\b(?:before|ahead of|leading up to|waiting for|waiting on) (?:every|each|my|a|the|his|her|"
    r"any|all)\b|\b(?:every|each) time\b|\bwhenever\b|\bwhen (?:i|he|she|we) (?:think|thinks|"
    r"get|gets|have|has|go|goes)\b|\bat the (?:thought|mere thought)\b|\bthinking about\b"
)
_BREATH_ACUTE = re.compile(
    r"\b(?:blue|grey|gray|lips|chest|gasp\w*|wheez\w*|speak|talk\w*|faint\w*|pass\w* out|"
    r"collaps\w*|confus\w*|sudden\w*|right now|now|today|tonight|this morning|at the moment|"
    r"worse|worsening|getting worse|cough\w*|blood|fever\w*|swell\w*|swollen|choking|"
    r"ambulance|emergency|can not stop|will not stop|won t stop)\b"
)


def breathless_told_as_anxiety(norm: str, start: int) -> bool:
    """The breathing sign at ``start`` is told in a sentence about anxiety or panic that
    comes with a situation or recurs ("so anxious before every scan I can't breathe
    properly"), or in a message asking whether massage eases it, with nothing acute in the
    sentence (blue lips, chest pain, fainting, "right now", getting worse): the
    breathlessness of anxiety, asked about, not breathing failing now (s35-10c). "I can't
    breathe and my lips are blue" stays an emergency."""
    s_start, s_end = _span(norm, start, _SENTENCE_BREAK)
    sentence = norm[s_start:s_end]
    if _ANXIOUS.search(sentence) is None or _BREATH_ACUTE.search(sentence):
        return False
    return _AS_A_PATTERN.search(sentence) is not None or asks_about_benefit(norm)


def doom_with_body_signs(norm: str, whole: str | None = None) -> list[tuple[int, int]]:
    """Where ``norm`` tells a sense of impending death ("she keeps saying she feels like she
    is going to die", "a sense of doom") while the message ``whole`` tells a body in
    distress (cold and clammy, breathing fast, shivering, fainting, no urine): a sign of
    shock or sepsis, an emergency (s36-10). Not a figure of speech ("dying inside"), nor
    the doom of a panic that recurs ("before every scan my heart races and I feel like I
    am going to die") with nothing acute in its sentence; "I am scared I am going to die of
    this cancer", with no body sign, is not one either."""
    whole = norm if whole is None else whole
    if _first_unnegated(BODY_IN_DISTRESS, whole) is None:
        return []
    spans = []
    for match in IMPENDING_DOOM.finditer(norm):
        figure = NOT_DOOM.search(norm, match.start(), match.end() + 30)
        if figure is not None and figure.start() < match.end():
            continue
        s_start, s_end = _span(norm, match.start(), _SENTENCE_BREAK)
        sentence = norm[s_start:s_end]
        if (
            _ANXIOUS.search(sentence) is not None
            and _AS_A_PATTERN.search(sentence) is not None
            and _BREATH_ACUTE.search(sentence) is None
        ):
            continue
        spans.append((match.start(), match.end()))
    return spans


_LONG_AFTER = re.compile(
    r"\b(?:months|years|a year|a few months|\w+ months|\w+ years)\b(?: \w+){0,3} (?:later|after|"
    r"on|since|ago|down the line|down the road|out)\b|\bfor (?:\w+ ){0,3}(?:months|years)\b|"
    r"\b(?:months|years) (?:of|now)\b"
)
_CHEST_ACUTE = re.compile(
    r"\b(?:sudden\w*|new|worse|worsening|spreading|crush\w*|squeez\w*|pressure|heavy|"
    r"heaviness|arm|jaw|neck|sweat\w*|clammy|breath\w*|faint\w*|dizz\w*|racing|pounding|"
    r"today|tonight|this morning|this evening|last night|right now|since yesterday|fever\w*|"
    r"cough\w*|swell\w*|swollen|red|hot|heart)\b"
)


def chest_pain_long_standing(norm: str, start: int) -> bool:
    """The chest pain or tightness at ``start`` is told in a sentence that dates it months or
    years on ("months or years later when there's still pain and tightness around the
    chest", "my lumpectomy two years ago and still tightness across my chest") with nothing
    sudden, new, worse or cardiac in the message (crushing, the arm or jaw, sweating,
    breathlessness): the long-standing pain of a chest wall after breast surgery or
    radiotherapy, not chest pain told now (s35-10c)."""
    s_start, s_end = _span(norm, start, _SENTENCE_BREAK)
    if _LONG_AFTER.search(norm[s_start:s_end]) is None:
        return False
    return _CHEST_ACUTE.search(norm) is None


_MEANT_EMOTIONALLY = re.compile(
    r"\b(?:i |i am )?(?:mean|meant|meaning|talking) (?:it )?(?:emotionally|figuratively|"
    r"metaphorically|mentally|in my head|in an emotional (?:way|sense))\b|\bemotionally (?:, )?"
    r"(?:not|rather than) physically\b|\bnot (?:physically|physical|a physical (?:thing|pain|"
    r"feeling))\b|\bin an emotional (?:way|sense)\b"
)
_ACUTE_BESIDE_A_FEELING = re.compile(
    r"\b(?:sudden\w*|worse|worsening|spreading|crush\w*|squeez\w*|arm|jaw|neck|back|sweat\w*|"
    r"clammy|breath\w*|faint\w*|dizz\w*|racing|pounding|cough\w*|fever\w*|swell\w*|swollen|"
    r"blue|grey|gray|vomit\w*|sick|nause\w*|stabbing|sharp)\b"
)
"""``_CHEST_ACUTE`` without the words a feeling is told in ("heavy", "pressure", "heart") and
without the times ("today"): what stays acute beside a chest feeling meant emotionally."""
_SIGNS_DENIED = re.compile(
    r"\bno (?:chest )?(?:pain|ache)\b|\bbreathing (?:is |seems |feels )?(?:fine|ok|okay|"
    r"normal|good|all right|alright)\b|\b(?:checked|check|tested|examined) (?:my|his|her) "
    r"(?:heart|chest|ecg)\b|\b(?:heart|ecg|ekg|chest) (?:was |is |has been |came back )?"
    r"(?:checked|fine|normal|ok|okay|clear)\b|\bnot (?:short of breath|breathless|out of breath)"
    r"\b"
)


def chest_told_as_emotional(norm: str) -> bool:
    """The message says a chest or breathing word was meant emotionally ("sorry, I mean
    emotionally", "not physically") and, once the signs it denies are taken out ("no pain",
    "breathing's fine", "GP checked my heart"), tells nothing sudden, cardiac or acute
    (``_CHEST_ACUTE``): a feeling corrected, not chest pain told now (s36-10b). "My chest is
    tight, I mean emotionally, but now my left arm hurts" stays an emergency."""
    if _MEANT_EMOTIONALLY.search(norm) is None:
        return False
    return _ACUTE_BESIDE_A_FEELING.search(_SIGNS_DENIED.sub(" ", norm)) is None


_BREATH_CUE = re.compile(r"\b(?:breath\w*|air)\b")
_CHEST_CUE = re.compile(r"\b(?:chest|pain\w*|hurt\w*)\b")


def emergency_cue_explained(unit: str, whole: str) -> bool:
    """An emergency vote's sentence whose every emergency cue is a breathing word told as
    anxiety (``breathless_told_as_anxiety``) or a chest word told as long-standing
    (``chest_pain_long_standing``): the vote reads the same words the patterns were taught
    not to count (s35-10c)."""
    at = whole.find(unit.rstrip(" ."))
    if at < 0:
        return False
    cues = list(EMERGENCY_CUES.finditer(whole, at, at + len(unit.rstrip(" ."))))
    return bool(cues) and all(
        (_BREATH_CUE.fullmatch(m.group(0)) and breathless_told_as_anxiety(whole, m.start()))
        or (_CHEST_CUE.fullmatch(m.group(0)) and chest_pain_long_standing(whole, m.start()))
        or chest_told_as_emotional(whole)
        for m in cues
    )


def arrangement_chosen(whole: str) -> bool:
    """The message tells an arrangement the person chose ("my son handles my bills because I
    asked him to", "at my request") and no harm, fear or control beside it: an abuse vote on
    it is a false alarm. "I asked her to manage my money and now my savings are gone" is not
    cancelled (``ABUSE_HARM``)."""
    return CHOSEN_ARRANGEMENT.search(whole) is not None and ABUSE_HARM.search(whole) is None


def studied(text: str, start: int, end: int, whole: str | None = None) -> bool:
    """A red flag named as a topic (``NAMED_TOPIC``: suicide, elder abuse, sepsis) that is
    studied, written or taught about: "an essay on elder abuse statistics", "a suicide
    prevention training day", "my dissertation on sepsis awareness". Not when the message
    says it is lived ("...and it describes my marriage", "I think this is coercive control").
    ``whole`` is the message ``text`` came from (by default ``text``)."""
    if NAMED_TOPIC.fullmatch(text[start:end]) is None:
        return False
    before = text[max(0, start - 160) : start]
    if LIVED_BEFORE.search(before) or LIVED.search(text if whole is None else whole):
        return False
    return STUDY_BEFORE.search(before) is not None or STUDY_AFTER.match(text[end:]) is not None


_FIRST_PERSON = {
    "he": "i",
    "she": "i",
    "him": "me",
    "his": "my",
    "himself": "myself",
    "herself": "myself",
    "hers": "mine",
}
_AFTER_I = {"is": "am", "has": "have", "does": "do", "was": "was", "s": "am"}
_OBJECT_END = frozenset(
    {".", ",", "and", "to", "that", "so", "if", "when", "but", "or", "too", "she", "he", "i", "it"}
    | {"the", "a", "an", "this", "what", "how", "off", "up", "out", "down", "in", "on", "at"}
    | {"for", "with", "about", "from", "again", "back", "away", "because", "like"}
)


def _plain_verb(word: str) -> str:
    """A verb after "i" without its third-person "s" ("sits" -> "sit", "watches" ->
    "watch"); other words as they are."""
    if len(word) < 4 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith(("ches", "shes", "xes", "oes", "sses", "zes")):
        return word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return f"{word[:-3]}y"
    return word[:-1]


def first_person_reading(unit: str) -> str | None:
    """What a relative is reported to say, read in the first person, or None.

    "my mom keeps saying she would be better off gone" -> "i would be better off gone":
    the safety vote was fitted mostly on first-person red flags, and scores the same
    red flag told by someone else lower (0.48-0.94 against 0.95 and more), so the router
    also scores this reading. Only the told part is kept, with "he"/"she" as "i".
    """
    frame = REPORTING_FRAME.search(unit)
    if frame is None:
        return None
    told = unit[frame.end() :].split()
    out: list[str] = []
    for i, word in enumerate(told):
        if word == "her":
            nxt = told[i + 1] if i + 1 < len(told) else "."
            out.append("me" if nxt in _OBJECT_END else "my")
        elif out and out[-1] == "i" and word in _AFTER_I:
            out.append(_AFTER_I[word])
        elif out and (out[-1] == "i" or (out[-1] == "and" and "i" in out)):
            out.append(_plain_verb(_FIRST_PERSON.get(word, word)))
        else:
            out.append(_FIRST_PERSON.get(word, word))
    reading = " ".join(out).strip(" .,")
    return reading if len(reading.split()) >= 3 and reading != unit.strip(" .,") else None


def literal(text: str) -> str:
    """``text`` with its figures of speech ("will be the death of me", "I'll strangle him
    haha") and studied topics ("suicide prevention training") blanked out: what a safety
    vote's cue word must be found in."""
    for match in reversed([*FIGURATIVE.finditer(text), *NAMED_TOPIC.finditer(text)]):
        if match.re is NAMED_TOPIC and not studied(text, match.start(), match.end()):
            continue
        text = f"{text[: match.start()]}{' ' * (match.end() - match.start())}{text[match.end() :]}"
    return text


def _accidental(whole: str, start: int, end: int) -> bool:
    """An injury told as an accident ("fell and hurt myself", "cut my finger chopping")."""
    return bool(
        ACCIDENTAL_HURT.search(whole[max(0, start - 30) :])
        or ACCIDENT.search(whole[max(0, start - 60) : end + 60])
    )


def _self_harm(norm: str, whole: str, offset: int) -> bool:
    """An act on one's own body (cutting, burning, hitting, biting...) meant to hurt."""
    for match in SELF_HARM_STRONG.finditer(norm):
        if not _accidental(whole, match.start() + offset, match.end() + offset) and not (
            _remote_and_recovered(norm, match.start(), whole)
        ):
            return True
    if SELF_HARM_INTENT.search(norm) is None:
        return False
    itch = ITCH.search(whole) is not None and DELIBERATE.search(whole) is None
    kept_up = UNTIL_INJURED_RE.search(norm) is not None
    for match in SELF_HARM_ACT.finditer(norm):
        if itch or (
            not kept_up and _accidental(whole, match.start() + offset, match.end() + offset)
        ):
            continue
        if _remote_and_recovered(norm, match.start(), whole):
            continue
        return True
    return False


def _remote_and_recovered(norm: str, start: int, whole: str) -> bool:
    """Distress told as long past with recovery said now, and nothing saying it is back.

    "I was suicidal years ago but I'm in a good place now" is history, not a crisis;
    "...years ago and lately it is coming back" is a crisis.
    """
    c_start, c_end = _span(norm, start, _CLAUSE_BREAK)
    # the clause after it may date it ("my ex used to hit me, that was years ago"), or the
    # opening of its sentence ("a few years back, after my surgery, I thought of ..."); ``norm``
    # may be one clause of ``whole``
    offset = max(whole.find(norm), 0)
    after = whole[offset + c_end :]
    opening = whole[whole.rfind(" . ", 0, offset + start) + 1 : offset + start]
    if (
        REMOTE_PAST.search(norm[c_start:c_end]) is None
        and REMOTE_PAST.search(opening) is None
        and TOLD_LONG_AGO.search(after) is None
    ) or RECOVERED.search(whole) is None:
        return False
    # what comes before the sign's own part of its clause ("the visit was moved again and
    # I used to cut myself years ago") cannot say it is back
    own_start = max(c_start, norm.rfind(" and ", c_start, start) + 1)
    from_sign = whole[max(whole.find(norm), 0) + own_start :]
    return RECURRING.search(RECOVERED.sub(" ", from_sign)) is None


def _told_of_others(whole: str, context: re.Pattern[str]) -> bool:
    """A means or method given an ordinary use or told of a film or the news (``context``),
    with no second signal of distress or intent anywhere in the message: "my husband
    bought a rope hammock for the garden", "the hero jumped off a bridge". With one
    ("...and he has been so low lately") the red flag stands."""
    return context.search(whole) is not None and DISTRESS_SIGNAL.search(whole) is None


_IDIOM_PRONE = frozenset({"die", "dying", "dead", "death", "forever"})
_IDIOM_PRONE_KILL = re.compile(r"kill\w*")


def _plain_distress(whole: str) -> bool:
    """A second signal that is not a word idioms use ("killing time", "dead tired"): a
    means named in any words needs one (``SIGNALLED_MEANS``)."""
    return any(
        m.group() not in _IDIOM_PRONE and not _IDIOM_PRONE_KILL.fullmatch(m.group())
        for m in DISTRESS_SIGNAL.finditer(whole)
    )


def find_crisis(norm: str, whole: str | None = None) -> str | None:
    """The crisis detail for a normalised message, or None. Negation is deliberately ignored.

    Suicide-family wording (C-SSRS: wish to be dead, thoughts, method, intent, plan,
    preparatory acts) first, then the means that ordinary lives also have
    (``MEANS_PATTERNS``: a red flag unless told with an ordinary use and no distress),
    then self-harm, then abuse (detail ``abuse``). ``whole`` is
    the message a clause ``norm`` came from, read for a recovery said elsewhere in it.
    """
    whole = norm if whole is None else whole
    offset = max(whole.find(norm), 0)
    hyperbole = [(m.start(), m.end()) for p in (HYPERBOLE, FIGURATIVE) for m in p.finditer(norm)]
    # a sense of doom beside a body in distress is an emergency, not a wish (s36-10)
    hyperbole += doom_with_body_signs(norm, whole)
    for detail, pattern in CRISIS_PATTERNS:
        for match in pattern.finditer(norm):
            if any(a <= match.start() and match.end() <= b for a, b in hyperbole):
                continue
            if studied(norm, match.start(), match.end(), whole):
                continue
            if (
                detail == "self_harm"
                and _accidental(whole, match.start() + offset, match.end() + offset)
                and EXPLANATION_DOUBTED.search(whole) is None
            ):
                continue
            if _remote_and_recovered(norm, match.start(), whole):
                continue
            if detail == "method" and _told_of_others(whole, FICTION):
                continue
            if detail == "self_harm" and harm_done_by_another(norm):
                return "abuse"
            if (
                detail == "burden"
                and BURDEN_SAID_BY_ANOTHER.search(whole)
                and find_abuse(norm, whole)
            ):
                # "she calls him a burden" with harm or control beside it (s35-10): the
                # abuse reply, which also gives the crisis line
                return "abuse"
            return detail
    for detail, pattern in MEANS_PATTERNS:
        for match in pattern.finditer(norm):
            if _remote_and_recovered(norm, match.start(), whole):
                continue
            if _told_of_others(whole, ORDINARY_MEANS):
                continue
            return detail
    if _plain_distress(whole):
        for detail, pattern in SIGNALLED_MEANS:
            if any(
                not _remote_and_recovered(norm, m.start(), whole) for m in pattern.finditer(norm)
            ):
                return detail
    if GONE_CLAUSE.search(norm) and OTHERS_BETTER.search(norm):
        return "better_off_without"
    if GIVING_AWAY.search(norm) and FINALITY.search(whole) and not ORDINARY_REASON.search(whole):
        return "preparatory_acts"
    if _self_harm(norm, whole, offset):
        return "abuse" if harm_done_by_another(norm) else "self_harm"
    if find_abuse(norm, whole) or harm_done_by_another(norm, whole):
        return "abuse"
    return None


def harm_done_by_another(norm: str, whole: str | None = None) -> bool:
    """An act that reads as self-harm is told as done by someone the writer names to the
    person it happened to ("her husband burnt her arm with a cigarette", "my dad burned my
    hand"): abuse (s36-10), whose reply also gives the crisis line. With ``whole`` (the
    message ``norm`` came from) the act must name a burning or cutting thing and not be
    told as an accident ("my stepdad stubbed a cigarette out on my leg"; not "my husband
    accidentally burnt my arm with the iron")."""
    offset = 0 if whole is None else max(whole.find(norm), 0)
    return any(
        m.group("target") in ("my", m.group("owner"))
        and (
            whole is None
            or (
                HARM_INSTRUMENT.search(norm, m.start(), m.end() + 40) is not None
                and not _accidental(whole, m.start() + offset, m.end() + offset)
            )
        )
        for m in HARM_BY_ANOTHER.finditer(norm)
    )


def practitioner_misconduct(whole: str) -> bool:
    """A massage therapist's (or masseur's) sexual misconduct or exploitation told in the
    message: an intimate touch or uncovering told with no consent ("pulled the sheet down
    and touched my breasts, said it was lymph work, I froze"; not "touched my scar gently
    after asking"), or exploitation (groping, sex asked for, photos posted, silence asked
    about the practitioner, a threat for telling)."""
    named = PRACTITIONER.search(whole) is not None
    if not (named or BODYWORK_SETTING.search(whole)) or _remote_and_recovered(whole, 0, whole):
        return False
    if not named:
        # an intimate touch someone did in a massage setting, plainly refused (s35-10)
        return (
            INTIMATE_TOUCH.search(whole) is not None
            and TOUCH_DONE_BY_ANOTHER.search(whole) is not None
            and REFUSED.search(whole) is not None
            and CONSENTED.search(whole) is None
        )
    if EXPLOITATION.search(whole):
        return True
    return (
        INTIMATE_TOUCH.search(whole) is not None
        and UNWANTED.search(whole) is not None
        and CONSENTED.search(whole) is None
    )


def find_abuse(norm: str, whole: str | None = None) -> bool:
    """Someone hurting, threatening or controlling the person (or the person they care for),
    unless told as long past with safety said now ("years ago my ex hurt me, I'm safe now")."""
    whole = norm if whole is None else whole
    if practitioner_misconduct(whole):
        return True
    # a figure of speech inside the match ("my wife is worried about hurting me") is care
    figures = [(m.start(), m.end()) for m in FIGURATIVE.finditer(norm)]
    return any(
        not _remote_and_recovered(norm, match.start(), whole)
        and not studied(norm, match.start(), match.end(), whole)
        and not any(match.start() <= a and b <= match.end() for a, b in figures)
        for pattern in ABUSE_PATTERNS
        for match in pattern.finditer(norm)
    )


def _first_unnegated(pattern: re.Pattern[str], norm: str) -> re.Match[str] | None:
    for match in pattern.finditer(norm):
        if not _negated(norm, match.start()):
            return match
    return None


def _limb_signs(norm: str) -> int | None:
    """Where one limb is swollen with redness, heat or pain (a clot or infection), or None.

    Both legs swelling (in the heat, by evening) is not that sign, but one calf red and
    hard told beside it still is (s32-14s: the both-limbs words are taken out, not the
    message).
    """
    text = HEAT_OF_WEATHER.sub(" ", SWELLING_PHRASE.sub(" swollen ", norm))
    text = BOTH_LIMBS.sub(" ", text)
    tokens = text.split()
    for i, token in enumerate(tokens):
        if token in LIMB_LEG:
            signs = LEG_SIGNS
        elif token in LIMB_ARM:
            signs = ARM_SIGNS
        else:
            continue
        offset = max(0, i - 10)
        # s37-10s: the signs may be listed one after another past the ten words after the
        # limb ("mum's left leg has swelled up top to bottom since her op, it's hot and
        # hurts"), up to ten more words and not past the end of the sentence, a sign denied
        # there not counted ("..., same as last month, no redness or fever")
        end = i + 11
        while end < min(i + 21, len(tokens)) and tokens[end - 1] != ".":
            end += 1
        window = tokens[offset:end]
        joined = " ".join(tokens)
        for k in range(i + 11, end):
            if tokens[k] in signs and _negated(joined, len(" ".join(tokens[:k])) + 1):
                window[k - offset] = ""
        swelling = [j for j, t in enumerate(window) if t in SWELLING]
        if not swelling and token in LIMB_LEG:
            # a red or hot leg that also hurts, even with no swelling named
            heat = [j for j, t in enumerate(window) if t in LEG_HEAT]
            if heat and any(t in LEG_SIGNS - LEG_HEAT for t in window):
                swelling = heat
        if not swelling or not any(t in signs for t in window):
            continue
        for j in swelling:
            head = " ".join(tokens[: offset + j])
            if not _negated(head + " ", len(head) + 1):
                return len(" ".join(norm.split()[: offset + j]))
    return None


def _readings(norm: str) -> Iterator[tuple[int, float, bool, bool]]:
    """Each temperature reading near a fever word: (where the word is, value, Celsius,
    Fahrenheit); neither when the number is no body temperature."""
    for fever in FEVER.finditer(norm):
        if _negated(norm, fever.start()):
            continue
        if fever.group(0)[0].isdigit() and NOT_A_TEMPERATURE.search(norm[: fever.start()]):
            continue
        window = norm[max(0, fever.start() - 25) : fever.end() + 30]
        for number in NUMBER.finditer(window):
            value, unit = float(number.group(1)), number.group(2) or ""
            if (
                not unit
                and "." not in number.group(1)
                and (350 <= value < 430 or 950 <= value < 1070)
            ):
                value /= 10  # "385", "1008": a reading typed without its decimal point
            celsius = unit.startswith("c") or (not unit and 34 <= value < 45)
            fahrenheit = unit.startswith("f") or (not unit and 93 <= value < 115)
            yield fever.start(), value, celsius, fahrenheit


def _temperature(norm: str, on_treatment: bool) -> int | None:
    """Where a temperature is given that is a red flag: 38 C / 100.4 F or more, or on
    treatment 37.5 C / 99.5 F or more, or below 36 C / 96.8 F (UKONS)."""
    high_c, high_f = (37.5, 99.5) if on_treatment else (38.0, 100.4)
    for start, value, celsius, fahrenheit in _readings(norm):
        if celsius and (value >= high_c or (on_treatment and value < 36.0)):
            return start
        if fahrenheit and (value >= high_f or (on_treatment and value < 96.8)):
            return start
    return None


def reading_below_a_fever(unit: str, norm: str) -> bool:
    """The message gives its temperature as a number and every reading is below a fever
    even on treatment (37.5 C / 99.5 F, UKONS) and not low (36 C / 96.8 F), and an
    emergency vote's sentence ``unit`` names no other emergency cue once the temperature
    is taken out (s33-14e: "a bit achy with a temp of 37.2 after my flu jab"). The
    patterns judge the number; the vote, which cannot read it, must not overrule them."""
    readings = [(v, c, f) for _, v, c, f in _readings(norm) if c or f]
    if not readings or any(
        (c and (v >= 37.5 or v < 36.0)) or (f and (v >= 99.5 or v < 96.8)) for v, c, f in readings
    ):
        return False
    rest = NUMBER.sub(" ", FEVER.sub(" ", unit))
    return EMERGENCY_CUES.search(literal(rest)) is None


def _fever_signs(norm: str, treatment_context: bool) -> list[tuple[str, int]]:
    on_treatment = treatment_context or TREATMENT.search(norm) is not None
    personal = PERSON.search(norm) is not None and GENERIC.search(norm) is None
    found: list[tuple[str, int]] = []
    detail = "fever_on_treatment" if on_treatment else "high_fever"
    high = _temperature(norm, on_treatment)
    if high is not None and (on_treatment or personal):
        found.append((detail, high))
    if on_treatment and GENERIC.search(norm) is None:
        for lay in LAY_FEVER.finditer(norm):
            found.append((detail, lay.start()))
        for unwell in UNWELL.finditer(norm):
            found.append((detail, unwell.start()))
        if personal:
            for fever in FEVER.finditer(norm):
                if fever.group(0) in STRONG_FEVER:
                    found.append((detail, fever.start()))
    return found


def _cord_compression(norm: str) -> int | None:
    """Back or neck pain with legs failing or a bladder/bowel sign, or legs and bladder."""
    legs = _first_unnegated(LEGS_FAILING, norm)
    bladder = _first_unnegated(BLADDER_BOWEL, norm)
    pain = _first_unnegated(BACK_PAIN, norm)
    tingling = _first_unnegated(LEGS_TINGLING, norm)
    if legs is not None and pain is not None:
        return legs.start()
    if bladder is not None and (pain is not None or legs is not None or tingling is not None):
        return bladder.start()
    if tingling is not None and SPINAL_CANCER.search(norm) is not None:
        return tingling.start()
    # s36-10b: new leg weakness with cancer in the bones or spine, no back pain told (NICE
    # NG234: suspect cord compression with new limb weakness and bone metastases); a fall
    # told explains legs that fail (``_fall_bone_mets``)
    if (
        legs is not None
        and (BONE_METS.search(norm) or SPINAL_CANCER.search(norm))
        and FALL.search(norm) is None
    ):
        return legs.start()
    return None


def _fall_bone_mets(norm: str) -> tuple[str, int] | None:
    fall = _first_unnegated(FALL, norm)
    bones = BONE_METS.search(norm) is not None
    if fall is not None and FALL_HARM.search(norm, fall.start()):
        return ("fall_bone_mets" if bones else "fall_injury"), fall.start()
    if fall is not None and bones and FALL_HARM.search(norm):
        return "fall_bone_mets", fall.start()
    severe = _first_unnegated(SEVERE_BONE_PAIN, norm)
    if severe is not None and bones:
        return "fall_bone_mets", severe.start()
    return None


def _bowel_obstruction(norm: str) -> int | None:
    """A blocked bowel (s37-10s): green or faecal vomiting, or vomiting with no stool or wind
    for days or with a belly swollen hard as a drum; constipation or bloating alone is not
    this sign."""
    bile = _first_unnegated(VOMIT_BILE, norm)
    if bile is not None:
        return bile.start()
    vomit = _first_unnegated(VOMITING, norm)
    if vomit is None:
        return None
    other = NO_STOOL.search(norm) or _first_unnegated(BELLY_DRUM, norm)
    return None if other is None else min(vomit.start(), other.start())


def _emergency_signs(
    norm: str, treatment_context: bool, emergency_number: str | None
) -> list[tuple[str, int, bool]]:
    """Every emergency sign found: (concept, where, negatable)."""
    signs: list[tuple[str, int, bool]] = []
    for detail, pattern, negatable in EMERGENCY_PATTERNS:
        signs.extend((detail, m.start(), negatable) for m in pattern.finditer(norm))
    if emergency_number:
        call = re.search(rf"\b(?:call|dial|calling) {re.escape(emergency_number)}\b", norm)
        if call is not None:
            signs.append(("asks_for_emergency_help", call.start(), False))
    limb = _limb_signs(norm)
    if limb is not None:
        signs.append(("clot", limb, False))
    cord = _cord_compression(norm)
    if cord is not None:
        signs.append(("cord_compression", cord, False))
    bowel = _bowel_obstruction(norm)
    if bowel is not None:
        signs.append(("bowel_obstruction", bowel, False))
    signs.extend((detail, where, True) for detail, where in _fever_signs(norm, treatment_context))
    signs.extend(
        ("fever_on_treatment", m.start(), True)
        for m in SEPSIS.finditer(norm)
        if not studied(norm, m.start(), m.end())
    )
    fall = _fall_bone_mets(norm)
    if fall is not None:
        signs.append((fall[0], fall[1], False))
    for pattern in (FACE_NECK_SWELLING, CHEST_VEINS):
        svc = _first_unnegated(pattern, norm)
        if svc is not None:
            signs.append(("svc_swelling", svc.start(), False))
    drowsy = _first_unnegated(DROWSY, norm)
    if drowsy is not None and MUDDLED.search(norm):
        signs.append(("confusion", drowsy.start(), False))
    doom = doom_with_body_signs(norm)
    if doom:
        signs.append(("impending_doom", doom[0][0], False))
    calcium = [m for m in (_first_unnegated(p, norm) for p in HYPERCALCAEMIA_SIGNS) if m]
    if len(calcium) >= 3:
        signs.append(("hypercalcaemia", min(m.start() for m in calcium), False))
    return signs


def find_emergency(
    norm: str, treatment_context: bool = False, emergency_number: str | None = None
) -> str | None:
    """The emergency concept for a normalised message, or None.

    A sign negated in its own clause ("no fever") or told as past or resolved ("had a
    fever last week, it is gone") does not count. ``treatment_context`` says an earlier
    user turn mentioned cancer treatment, which turns a fever in this one into an
    emergency.
    """
    for detail, start, negatable in _emergency_signs(norm, treatment_context, emergency_number):
        if negatable and _negated(norm, start):
            continue
        if _resolved(norm, start) and not _still_unwell_after(norm, start):
            continue
        if detail in _FEVER_DETAILS and fever_long_over(norm, start):
            continue
        if _on_screen(norm, start):
            continue
        if told_as_a_figure(norm, start):
            continue
        if detail == "breathing" and breathless_told_as_anxiety(norm, start):
            continue
        if detail == "chest_pain" and chest_pain_long_standing(norm, start):
            continue
        if detail in ("chest_pain", "breathing") and chest_told_as_emotional(norm):
            continue
        return detail
    return None


def emergency_told_as_a_figure(unit: str, norm: str) -> bool:
    """An emergency vote's sentence ``unit`` names no emergency cue once the figures of
    speech and the clauses its writer disclaims are taken out of the message ``norm``
    (s33-14e: "my chest feels so tight. not literally lol")."""
    blanked = norm
    for pattern in (FIGURATIVE, NOT_LITERAL):
        blanked = pattern.sub(lambda m: " " * len(m.group(0)), blanked)
    at = norm.find(unit)
    if at < 0:
        return False
    if EMERGENCY_CUES.search(norm, at, at + len(unit)) is None:
        return False
    return EMERGENCY_CUES.search(blanked, at, at + len(unit)) is None


def injury_told_across_turns(before: str, norm: str) -> bool:
    """Marks or injuries told in the turn ``before`` ("I've got marks on my back I don't
    want anyone seeing") and their maker named in this one ("they're from my partner. he
    says it's my fault"): abuse disclosed a turn at a time (s33-14e; CDC IPV: injuries
    explained only when asked). Told as long over and safe now, it is not."""
    if INJURY_MARKS.search(before) is None:
        return False
    match = ATTRIBUTED_TO_KIN.search(norm)
    return match is not None and not _remote_and_recovered(norm, match.start(), norm)


def told_as_a_figure(norm: str, start: int) -> bool:
    """The emergency sign at ``start`` is inside a figure of speech ("overdosing on cancer
    forums") or a clause the writer disclaims ("my chest feels so tight. not literally, I
    mean emotionally"): s33-14e."""
    return any(
        m.start() <= start <= m.end()
        for pattern in (FIGURATIVE, NOT_LITERAL)
        for m in pattern.finditer(norm)
    )


_FEVER_DETAILS = frozenset({"fever_on_treatment", "high_fever"})


def fever_long_over(norm: str, start: int) -> bool:
    """The fever at ``start`` was had during a treatment told as over for months or years
    ("I had fevers during chemo, but I finished treatment 9 months ago"), and its own clause
    puts nothing in the present ("now", "still", "again", "since", "tonight"). A fever told
    now, weeks after treatment or with a port, is a separate sign and still counts."""
    if TREATMENT_LONG_OVER.search(norm) is None:
        return False
    c_start, c_end = _span(norm, start, _CLAUSE_BREAK)
    # as in ``_resolved``, "again" in "the visit was moved again and ..." is the visit's
    own_start = max(c_start, norm.rfind(" and ", c_start, start) + 1)
    if ONGOING.search(norm, own_start, c_end) is not None:
        return False
    s_start, s_end = _span(norm, start, _SENTENCE_BREAK)
    # the fever is the one told as had: inside the match, or right after its verb with no
    # new clause or present verb between ("during chemo i had a couple of fevers")
    return any(
        m.start() <= start
        and (start <= m.end() or _NEW_CLAUSE.search(norm, m.end() - 1, start + 1) is None)
        for m in DURING_PAST_TREATMENT.finditer(norm, s_start, s_end)
    )


_NEW_CLAUSE = re.compile(r" (?:and|but|so|[,.;]|have|has|am|is|are|get|gets) ")


def _on_screen(norm: str, start: int) -> bool:
    """The sign at ``start`` happens to a character the writer watched or read about: the
    film comes before it in its sentence and no one real is named from there on ("...where
    a man had a fit"; not "...when my dad had a fit", "...and now I have chest pain")."""
    s_start, s_end = _span(norm, start, _SENTENCE_BREAK)
    screen = SCREEN_CHARACTER.search(norm, s_start, s_end)
    return (
        screen is not None
        and screen.start() <= start
        and REAL_PERSON.search(norm, screen.start(), s_end) is None
    )


@dataclass(frozen=True)
class RedFlag:
    """An emergency, crisis or abuse sign found in a message: it decides the route alone."""

    route: Route
    """``Route.EMERGENCY`` or ``Route.CRISIS`` (abuse is a crisis with detail ``abuse``)."""
    detail: str
    language: str = "en"
    """Which vocabulary found it (``en`` or ``es``): the language of the safety reply."""


_CLAUSE_SPLIT = re.compile(r" (?:[.;!?]|,|but|and|so|though|although|anyway|also) ")


def clauses(norm: str) -> list[str]:
    """The sentences and clauses of a normalised message (the whole message not included)."""
    parts = [p.strip(" .,") for p in _CLAUSE_SPLIT.split(f" {norm} ")]
    return [p for p in parts if p and p != norm.strip(" .,")]


def find_red_flag(
    norm: str,
    *,
    treatment_context: bool = False,
    emergency_number: str | None = None,
    raw: str | None = None,
) -> RedFlag | None:
    """A red flag anywhere in the message, in English or Spanish.

    Crisis (suicide, self-harm, abuse) is checked before emergency, so a message with
    both gets the crisis reply (which also gives the emergency number); the English
    vocabulary runs on the normalised text and on each clause of it, the Spanish one
    on the message as typed (``raw``; by default the source ``normalise`` kept).
    Whatever else a message asks (a massage question, a story around it), a red flag
    found here wins.
    """
    if raw is None:
        raw = getattr(norm, "source", None)
    return _red_flag(str(norm), raw, treatment_context, emergency_number)


@lru_cache(maxsize=4096)
def _red_flag(
    norm: str, raw: str | None, treatment_context: bool, emergency_number: str | None
) -> RedFlag | None:
    """``find_red_flag`` proper: pure, so cached (earlier turns are checked on every turn)."""
    pieces = [norm, *clauses(norm)]
    for piece in pieces:
        detail = find_crisis(piece, norm)
        if detail:
            return RedFlag(Route.CRISIS, detail)
    spanish = find_spanish_red_flag(raw if raw is not None else norm, treatment_context)
    if spanish is not None and spanish[0] is Route.CRISIS:
        return RedFlag(Route.CRISIS, spanish[1], "es")
    detail = find_emergency(norm, treatment_context, emergency_number)
    if detail:
        return RedFlag(Route.EMERGENCY, detail)
    if spanish is not None:
        return RedFlag(spanish[0], spanish[1], "es")
    return None


def find_injection(norm: str) -> str | None:
    for detail, pattern in INJECTION_PATTERNS:
        if pattern.search(norm):
            return detail
    return None


def is_greeting(norm: str) -> bool:
    return bool(norm) and GREETING.match(norm) is not None


def names_a_person(norm: str) -> bool:
    """The message names the writer or someone they care for (not only the writer's
    oncologist, nurse or therapist: ``CARE_TEAM_OWNER``)."""
    return PERSON.search(CARE_TEAM_OWNER.sub(" ", norm)) is not None


# what massage did or does for someone's medicines ("it helped my mom stop needing sleeping
# pills", "does massage help people come off opioids?", "can massage lower the need for
# painkillers?"): a benefit told or asked, not a decision
_HELPED_OFF = re.compile(
    r"\b(?:help(?:s|ed|ing)?|massages?) (?:\w+ ){0,2}(?:to )?(?:stop|quit|come off|get off|"
    r"cut down|cut back|reduce|lower|need less)\b"
)


def find_clinical(norm: str) -> str | None:
    """Why a message asks for a decision about one person's own care, or None.

    A decision to stop, skip, lower or switch a medicine ("thinking about stopping
    tamoxifen, would massage help instead?", "is there a different drug she could switch
    to?") is one whoever is named: its reply says not to change a medicine alone."""
    if MEDICINE_DECISION.search(_HELPED_OFF.sub(" ", norm)):
        return "medicine_decision"
    personal = names_a_person(norm)
    if personal:
        if LAB.search(norm):
            return "personal_lab_value"
        if DEVICE.search(norm):
            return "personal_device"
        if SITE.search(norm):
            return "personal_site"
        if MEDICATION.search(norm):
            return "personal_medication"
        if CANCER_QUESTION.search(norm):
            return "symptom_is_cancer"
    condition = PERSONAL_CONDITION.search(norm) is not None
    decision = DECISION.search(norm)
    if decision and (condition or DECISION_OBJECT.search(norm, decision.start())):
        return "treatment_decision"
    if TREATMENT_CHOICE.search(norm) and not MASSAGE_TOPIC.search(norm):
        return "treatment_decision"
    if STRONG_PERMISSION.search(norm):
        return "personal_permission"
    finding = WHERE_TO_GET.search(norm) and not PERMISSION_OR_SAFETY_WORDS.search(norm)
    if condition and PERMISSION.search(norm) and not finding:
        return "personal_permission"
    if PERSONAL_FEVER.search(norm):
        return "personal_symptom"
    return None


def has_in_scope_terms(norm: str) -> bool:
    return IN_SCOPE.search(norm) is not None


def is_off_topic(norm: str) -> bool:
    """Clearly about something else: an off-topic word and nothing from this domain.

    Cancer questions that are not about massage (survival, diet, which drug is
    best) are out of scope too: the sources cannot answer them.
    """
    if CREATIVE_TASK.search(norm):
        return True
    if (
        MEDICAL_NOT_MASSAGE.search(norm) or LEISURE_REQUEST.search(norm)
    ) and not MASSAGE_TOPIC.search(norm):
        return True
    return OFF_TOPIC.search(norm) is not None and not has_in_scope_terms(norm)


def is_follow_up(norm: str) -> bool:
    """A short message that only makes sense with the turns before it."""
    words = [t for t in norm.split() if t not in {".", ","}]
    if not words:
        return False
    if FOLLOW_UP_START.search(norm) is not None or FOLLOW_UP_REFERENCE.search(norm) is not None:
        if len(words) <= FOLLOW_UP_MARKED_MAX_TOKENS:
            return True
        return _leaning_question_then_context(norm)
    return len(words) <= FOLLOW_UP_MAX_TOKENS and not has_in_scope_terms(norm)


_ADDED_AT_END = re.compile(r"\b(?:too|as well|also|either)$")
_LEANS_BY_ITSELF = re.compile(
    r"^(?:what about|how about|and (?:for|with|what about|how about)|same for)\b"
)


def _leaning_question_then_context(norm: str) -> bool:
    """A short first sentence that opens as a follow-up and points back with a pronoun, or
    opens with "what about" or "and for", then a sentence or two of context ("and would it
    do the same for his sleep? he is awake half the night"): the question still leans on
    the turn before."""
    first, _, rest = norm.partition(" . ")
    first_words = first.split()
    marked = FOLLOW_UP_START.search(first) is not None or _ADDED_AT_END.search(first) is not None
    points_back = FOLLOW_UP_REFERENCE.search(first) is not None
    return (
        ((marked and points_back) or _LEANS_BY_ITSELF.search(first) is not None)
        and len(first_words) <= FOLLOW_UP_MARKED_MAX_TOKENS
        and len(first_words) + len(rest.split()) <= 2 * FOLLOW_UP_MARKED_MAX_TOKENS
    )


def carer_asks_for_self(norm: str) -> bool:
    """A carer asks about their own body or stress, and tells no condition of their own
    ("looking after my wife through radiotherapy has wrecked my back, any self-massage I
    can do?"); "I am her carer and I have a clot in my leg myself" is not this."""
    if not (CARER.search(norm) and FOR_MYSELF.search(norm)):
        return False
    return not any(m.group().startswith(("i ", "we ")) for m in PERSONAL_CONDITION.finditer(norm))


def felt_after_massage(norm: str) -> bool:
    """How someone felt after a massage, asked as whether it is usual ("wiped out the day
    after my massage, is that normal?"), with no sign for the care team in it (bruising,
    swelling, a temperature, a lab value, a device or site: ``AFTER_MASSAGE_SIGN``)."""
    if not (AFTER_MASSAGE.search(norm) and USUAL_QUESTION.search(norm)):
        return False
    signs = (AFTER_MASSAGE_SIGN, LAB, DEVICE, SITE, MEDICATION, CANCER_QUESTION, PERSONAL_FEVER)
    return not any(p.search(norm) for p in signs)


def general_framing(norm: str) -> str | None:
    """Why a message naming a person's condition still asks a general question, or None.

    "hypothetical": put as a hypothetical, a course assignment, a therapist about a
    client, "in general" or "just wondering". "practical": what to tell the therapist,
    the cost, finding one with oncology training. "benefit": whether massage helps with
    something, with no word of permission or safety. "condition": whether a kind of
    massage is safe with a condition named as a category, without a lab value, a fever or
    a question whether something is cancer. "over": the event is told as over ("had a
    temp last week, they said it was a cold, I'm cleared", "the scars are all healed")
    and nothing puts it back in the present ("still on chemo", "recovering"). A decision
    about a medicine or treatment ("should I stop my tamoxifen?", "...and could I cut down
    my morphine if it works?": ``MEDICINE_DECISION``) is never general.
    "claim": a claim heard from someone checked ("any truth to that?", "or is that a
    myth?", "is that real?"), unless the person's own result or a number is in it.
    "after_massage": how someone felt after a massage, asked as whether that is usual
    (``felt_after_massage``). How often to go is "practical" unless a lab value is told.
    """
    if (
        DECISION.search(WAIT_TILL_OVER.sub(" ", norm))
        or NOT_GENERAL.search(norm)
        or MEDICINE_DECISION.search(norm)
    ):
        return None
    if HYPOTHETICAL_ASKER.search(norm):
        return "hypothetical"
    if FACT_CHECK.search(norm) and OWN_RESULT.search(norm) is None:
        return "claim"
    device_now = DEVICE.search(norm) is not None and DEVICE_STATE.search(norm) is not None
    # "...or is light touch ok for me?" about one's own device, site, lab value or medicine
    # asks leave for this person, however the practical question before it is put
    leave_for_detail = STRONG_PERMISSION.search(norm) is not None and any(
        p.search(norm) for p in (LAB, DEVICE, SITE, MEDICATION)
    )
    if (PRACTICAL_QUESTION.search(norm) and not device_now and not leave_for_detail) or (
        FREQUENCY_QUESTION.search(norm) and not device_now and LAB.search(norm) is None
    ):
        return "practical"
    # what to ask the therapist for, or how long to wait after a treatment in general;
    # with one person's own care detail or date it is their team's call
    details = (LAB, DEVICE, SITE, MEDICATION, PERSONAL_FEVER)
    if ASK_GENTLER.search(norm) and not any(p.search(norm) for p in details):
        return "practical"
    if HOW_LONG_TO_WAIT.search(norm) and not any(p.search(norm) for p in (*details, OWN_TIMING)):
        return "practical"
    if TIMING_AROUND_TREATMENT.search(norm) and not any(p.search(norm) for p in details):
        return "practical"
    if felt_after_massage(norm):
        return "after_massage"
    if (
        BENEFIT_QUESTION.search(norm)
        and not PERMISSION_OR_SAFETY_WORDS.search(norm)
        and not LAB.search(norm)
        and not (PERMISSION.search(norm) and MEDICATION.search(norm))
    ):
        return "benefit"
    if MASSAGE_SAFETY_QUESTION.search(norm) and not (
        LAB.search(norm)
        or CANCER_QUESTION.search(norm)
        or PERSONAL_FEVER.search(norm)
        or (DEVICE.search(norm) and DEVICE_STATE.search(norm))
    ):
        return "condition"
    over = STORY_OVER.search(norm) or RESOLVED.search(norm)
    if over and STILL_GOING.search(norm) is None:
        return "over"
    # treatment finished months or years ago, with nothing of it told in the present
    if (
        TREATMENT_LONG_OVER.search(norm)
        and STILL_GOING.search(norm) is None
        and TOLD_NOW.search(norm) is None
        and PRESENT_LAB.search(norm) is None
        and not any(p.search(norm) for p in (DEVICE, SITE, MEDICATION))
    ):
        return "over"
    return None
