"""Reading a message for its answer: its questions, what each asks, what it raises.

A message may hold more than one question ("does massage help neuropathy and
how much does a session cost?"), tell a story before asking, or lean on the
turn before ("and for kids with cancer?"). ``read_message`` cuts it into the
questions to answer and reads each one:

- its **intent**: safety, benefit, limits or strength of evidence, finding a
  therapist, what something is, the Society's programs, cost, or what other
  people say (their own experience);
- its **topics**, in the sources' words (``patient_words``), so "numb tingly
  feet" is about peripheral neuropathy;
- the **conditions and groups it raises** (bone metastases, children, breast
  cancer...), so a warning about one of them is given only to someone who
  raised it or asked about safety in general;
- whether it is about **training or the Society's programs**, the only time
  content written for therapists (courses, grants) is quoted.

Everything here is deterministic pattern reading over reviewed word lists: it
is cheap, testable, and a message cannot steer it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from ..patient_words import expand, fold
from ..retrieval import is_question, sentences_of
from ..text import content_words, stems
from .passage_filter import unsafe_reason


class Intent(StrEnum):
    SAFETY = "safety"
    BENEFIT = "benefit"
    LIMITS = "limits"
    FIND_THERAPIST = "find_therapist"
    CHOOSING_THERAPIST = "choosing_therapist"
    DEFINITION = "definition"
    PROGRAMS = "programs"
    COST = "cost"
    EXPERIENCE = "experience"
    OTHER = "other"


_I = re.I
_THE_SOCIETY = (
    r"(the|this|that|their|your|an?|oncology massage|massage) societ(y|ies)"
    r"(?! (for|of) (integrative|clinical)\b)"
)
"""The Society named in other words than its name ("the society", "the oncology massage
society"), not another society ("the Society for Integrative Oncology"): a question about
it asks what it offers (its programs), whatever else it names ("money", "support")."""
_ADAPTS = (
    r"(therapists?|they|masseuse|lmts?) (\w+ ){0,2}(adapt|adjust|modify|tailor|alter|change|"
    r"work (a)?round)|(adapt|adapts|adapted|adjust|adjusts|adjusted|modify|modifies|modified|"
    r"tailor|tailors|tailored|alter|alters|altered|change|changes|changed) (\w+ ){0,2}(the |a |"
    r"their |his |her |my |your )?(massage|pressure|technique|approach|session|treatment|"
    r"what they do|how they)|work(s|ing)? (a)?round (it|them|that|this|the|a|an|my|his|her|"
    r"their)\b|(massage|session|it) (\w+ )?(be|look|feel) (any )?different (for|with|if|"
    r"because|after|when)"
    # The massage said to be changed ("can the massage be adjusted for fatigue?", "could
    # the pressure be toned down if I'm really tired?").
    r"|(massage|massages|session|sessions|pressure|it) (\w+ ){0,2}(be|get|been) (adapted|"
    r"adjusted|modified|tailored|altered|changed|toned down|made (gentler|lighter|softer|"
    r"shorter))"
)
"""How a therapist adapts the massage to someone ("can the therapist work around his
port?", "will they change the massage because of my scar?", "would the massage be
different for someone who just finished chemo?"): a question of how massage is made
safe, answered by what the sources say about cautions and adapting, not by benefits."""
_ADAPTS_RE = re.compile(rf"\b({_ADAPTS})\b", re.I)

_A_MASSAGE = r"massag(e|es|ing)\b(?!\s+(therapists?|schools?|students?|society|chairs?|lady|guy))"
"""Massage itself, not the person or place giving it ("keep my massage therapist")."""
_MAY_HAVE = (
    # "can he still have massages?", "is she still allowed a massage?", "can I keep getting
    # my massages during chemo?", "should mom carry on with her massages?"
    r"(can|could|may|should|shall) ([\w'-]+ ){1,4}?((still|safely|ever|even) (have|get|"
    r"receive|go for|book|enjoy|keep|continue|carry on)|(still )?(keep|continue|carry on|go on)"
    rf")\b[^?.!]{{0,25}}?\b{_A_MASSAGE}"
    r"|(is|are|am) ([\w'-]+ ){1,4}?(still )?allowed (to (have|get|receive|book|go for) )?"
    rf"[^?.!]{{0,12}}?\b{_A_MASSAGE}"
    r"|(is|are) massages? (still )?allowed\b"
    r"|(keep|continue|carry on|go on) (with )?(having|getting|going for|booking|receiving)? ?"
    r"(\w+ ){0,2}massages?\b(?=[^?.!]{0,40}\b(now|still|during|while|through|on|after|since|"
    r"with|anymore|any more)\b)"
    r"|massages? (are|is) (now )?off the table"
)
"""Whether someone may (still) have massage now they have cancer or are in treatment ("my
dad has lymphoma, can he still have massages?", "can I keep getting my monthly massage
during chemo?"): a question of safety, answered by what the sources say is safe, not by
what massage helps. One that asks what it would help ("can he still have a massage to
ease his pain?") is a question of benefit (``asks_may_have``)."""
_MAY_HAVE_RE = re.compile(rf"\b({_MAY_HAVE})", re.I)


_FOR_A_SYMPTOM = re.compile(r"\bfor (his|her|my|their|your|our|the) (\w+ )?\w+", re.I)


def asks_may_have(text: str) -> bool:
    """Whether ``text`` asks if someone may (still) have massage (``_MAY_HAVE``), not what
    it would help ("...to help with his pain?", "...for her nausea?")."""
    if not _MAY_HAVE_RE.search(text) or _ASKS_BENEFIT.search(text):
        return False
    purpose = _FOR_A_SYMPTOM.search(text)
    return not (
        purpose
        and _EASED_SYMPTOM.search(
            " ".join([purpose.group(), *expand(purpose.group()).corpus_terms])
        )
    )


def asks_how_adapted(text: str) -> bool:
    """Whether ``text`` asks how the massage is changed for someone (``_ADAPTS``)."""
    return bool(_ADAPTS_RE.search(text))


# Checked in this order; the first that matches decides. No match: a benefit question.
_INTENT_PATTERNS: tuple[tuple[Intent, re.Pattern[str]], ...] = (
    (
        Intent.EXPERIENCE,
        re.compile(
            r"\b(what (do|did|have) (other |real |some )?(people|patients|survivors|others|folks)"
            r"( with cancer)? (say|said|think|feel|felt|share)|(people|patients)'?s? (own )?"
            r"(stories|experiences?|words)|testimonials?|how (did|does) (it|massage) feel"
            r"|(how|what) (massage )?felt|how have (other )?(people|patients|survivors)"
            r"|(other|real) (people|patients)'?s? experiences?"
            r"|(has|have|did|does) (it|massage|oncology massage) (\w+ )?help(ed)? (other|real|"
            r"actual) (people|patients|folks|survivors)"
            r"|(do|did|have) (other |real |actual )?(people|patients|survivors|folks) (really |"
            r"actually )?(say|said|find|found|report)\b"
            r"|(do|did|have) (other |real |actual )?(people|patients|survivors|folks) (who|that)\S*"
            r" [^?.!]{2,40}? (say|said|report|reported)\b"
            r"|(did|does|has|have) (anyone|anybody|other people|others) (\w+ )?(find|found|say|"
            r"said|tried|figured?|work(ed)? out|discover(ed)?|learn(ed|t)?)\b"
            r"|(do|did) (other|real) (people|patients|folks) (\w+ )?(book|plan|"
            r"schedule|time)\b|\b(anyone|anybody) (\w+ )?(plan|book|schedule|time)s? (their|"
            r"a|the)\b|when (do|did) (other |most )?(people|patients|folks|survivors|others) "
            r"(\w+ )?(book|plan|schedule|time|fit in|get)\b"
            r"|(has|have|did|does) (it|massage|oncology massage) (\w+ )?help(ed)? (anyone|"
            r"anybody|someone|somebody|others)\b)",
            _I,
        ),
    ),
    (
        Intent.DEFINITION,
        re.compile(
            r"\bwho (is|are) (the |this |that |it |s4om\b|oncology massage)[^?]{0,40}\bfor\b", _I
        ),
    ),
    (
        # What makes a therapist right for someone with cancer (what to look for, what
        # kind, whether they need training): answered by what the sources say about an
        # oncology-trained therapist, not where to find one or courses for therapists.
        Intent.CHOOSING_THERAPIST,
        re.compile(
            r"\b(what (should|do|to|would|can) (i|we|you|one|they) (look|ask|check|watch) "
            r"(out )?(for )?(in|about|from|when)\b|what (kind|type|sort) of (\w+ ){0,2}"
            r"(therapist|masseuse|lmt|rmt|practitioner)s?\b|"
            r"what (should|do|can|would) (i|we|you|one) expect (from|of) (a|an|the|my|your|our) "
            r"(\w+ ){0,2}(therapist|masseuse|masseur|lmt|rmt|practitioner)s?\b|"
            r"what (kind|type|sort) of (person|people|someone) (should|do|does|would|must|will) "
            r"(they|he|she|the therapist|my therapist|a therapist) be\b|"
            r"(does|do|should) (a|the|my|your|an) (\w+ ){0,2}(therapist|masseuse|lmt|rmt)s? "
            r"(need|have|be) (to (be|have) )?(\w+ ){0,2}(training|trained|certified|qualified)\b|"
            r"(therapist|masseuse|lmt|rmt)'?s? (qualifications?|credentials?)|"
            # Whether it matters who gives it ("does it matter who does the massage?", "will
            # any masseuse do?", "can just anybody give her one?"): session 32.
            r"(does|do|would|will) it (really |even )?matter (who|which|what (kind|sort|type) "
            r"of) |(does|do|would|will) it (really |even )?matter (if|whether) (\w+ ){0,4}"
            r"(therapist|masseuse|masseur|lmt|rmt|practitioner)s?\b|(is|are) (just )?any "
            r"(\w+ )?(therapist|masseuse|masseur|lmt|rmt)s? (fine|ok|okay|alright|good enough)\b|"
            r"(will|would|could|can) (just )?any (\w+ )?(therapist|masseuse|masseur|lmt|rmt|"
            r"spa|salon|place) do\b|(can|could|would) (just )?(anyone|anybody) (do|give)\b|"
            r"what (kind of |type of |sort of )?(training|experience|qualifications?|"
            r"credentials?|background)\b.{0,40}\b(therapist|masseuse|lmt|rmt|practitioner|they|"
            r"them|he|she)\b.{0,20}\b(have|need|bring))",
            _I,
        ),
    ),
    (
        Intent.FIND_THERAPIST,
        re.compile(
            r"\b(find|finding|locate|look(ing)? for\b|search|searching|track down|near me|nearby|"
            r"in my area|directory|(list|lists|registry) of (\w+ )?(massage )?therapists|"
            r"where (can|do|could|should|would) (i|we|you|my)\b"
            r".{0,40}\b(get|find|go|see|book)|(do|does|are|is)\b.{0,40}\b(cancer cent(er|re)s?|"
            r"hospitals?|clinics?)\b.{0,40}\b(have|offer|provide|available)|"
            r"(have|offer|provide)\b.{0,30}\bmassage( therapists?)?\b.{0,30}\b(cent(er|re)s?|"
            r"hospitals?|clinics?)|available (at|in)\b.{0,30}\b(cent(er|re)s?|hospitals?))",
            _I,
        ),
    ),
    (
        Intent.COST,
        re.compile(
            r"\b(insurance|insurer|medicare|medicaid|cost|costs|price|prices|pay for|paid for|"
            r"pays? for|afford|reimburs\w*|how much (is|does|do|would|will)\b(?! (massage|it) help)"
            r"|covered by|cover (it|massage|the cost))\b",
            _I,
        ),
    ),
    (
        Intent.PROGRAMS,
        re.compile(
            rf"\b({_THE_SOCIETY}|summits?|conferences?|recordings?|courses?|classes|study next|"
            r"(get|take|find|offer|offers|provide|need|want) (\w+ ){0,2}training|"
            r"(get|getting|become|becoming) (\w+ ){0,2}(trained|certified)|training "
            r"(programs?|courses?|options)|where (\w+ ){0,3}train|want to train|"
            r"continuing (my |their |his |her )?education|education provider|rep org|grants?|"
            r"scholarships?|champions?|donate|donation|support the society|membership|member|"
            r"s4om|society for oncology massage|foundational|certification|college)\b",
            _I,
        ),
    ),
    (
        Intent.LIMITS,
        re.compile(
            r"\b(proven|proof|hype|marketing|placebo|guarantee[sd]?|how strong|how good is|"
            r"how reliable|how solid|how (sure|certain|confident) (can|are|should|could)|"
            r"flimsy|rock solid|strong evidence|(?<!bones are )(?<!bone is )weak(?! bones?\b)|"
            r"weak(er|est)|least (evidence|support|proof|backing)|"
            r"(strongest|best|most solid|firmest) (evidence|proof|research|backing|science)|"
            r"all studies|do studies agree|legit|"
            r"really work|actually work|(does|do|will) it (actually |really )?work|"
            r"on its own|by itself|alone|combin\w+ (it )?with|is that evidence|that evidence|"
            r"woo|pseudo-?science|quack\w*|bogus|snake oil|(real|actual|any|hard) science|"
            r"science behind|scientifically|wishful thinking|too good to be true|hopes up|"
            r"(not|n't|never) (help|work)|can ?not help|won'?t help|doesn'?t help|"
            r"what (can'?t|doesn'?t|does not|won'?t) (massage )?(help|do)|limits?|"
            r"(can'?t|cannot|can not|doesn'?t|does not|won'?t|will not|isn'?t|is not) "
            r"(\w+ ){0,2}(help|do|fix|treat|work|good for|useful|effective))\b",
            _I,
        ),
    ),
    (
        Intent.SAFETY,
        re.compile(
            r"\b(safe|safely|safety|unsafe|risk|risks|risky|danger\w*|harm\w*|injur\w*|"
            r"how (deep|firm)|"
            r"hurt (me|him|her|them|you|us|my \w+)|(can|could|would|will|might|does|did) "
            r"(it|this|that|massage|a massage|the massage) (\w+ )?hurt|"
            r"(is|would|will) (a |the )?(\w+ )?massage (\w+ )?(be )?"
            r"(ok|okay|alright|all right|fine)|"
            r"precautions?|cautions?|careful|avoid|side effects?|ok to|okay to|ok for|okay for|"
            r"alright to|(fine|all right) to (get|have|book|go|try|keep|continue)|no-?go|spread|"
            r"deep tissue|deep pressure|deep massage|light massage|"
            r"pressure|who should (give|do|provide|massage)|need to know|have to know|"
            r"tell (the|my) therapist|special training|oncology training|has (\w+ )?training|"
            r"with (\w+ )?training|oncology[- ]trained|trained|qualified|why (them|that)|"
            r"(have|has|need|needs) to be (an? |done by an? |by an? )?"
            r"(oncology|special\w*|certified)|"
            r"(regular|normal|ordinary|usual) (lmt|rmt|massage therapist|therapist|masseuse)|"
            r"downsides?|drawbacks?|bad idea|(massage|it) is (fine|ok|okay)|never (\w+ )?massage|"
            r"is (it|that|this|one) (ok|okay|alright|all right|fine)(?! to)|"
            r"should ?(n'?t|not) (be )?(\w+ )?massag\w*|"
            r"break (\w+ ){0,3}bones?|broken bones?|fractures?|"
            r"(get|gets|got|getting|end up|ended up) (hurt|injured|harmed)|bad reactions?|"
            r"adverse (effects?|outcomes?|events?|reactions?)|(complications?|problems) (from|of|"
            r"after|with|caused by) (a |the |getting )?massag\w*|massage complications?|"
            r"who'?s right|"
            r"why does (that|it) matter|not ok|not okay|should (not|n't) (get|have)|urge\w*|"
            rf"contraindicat\w+|{_ADAPTS})\b",
            _I,
        ),
    ),
    (
        Intent.DEFINITION,
        re.compile(
            r"(\b(what|wat|wht)('?s| is| are)\b(?!.{0,40}\b(society|s4om)\b).{0,40}\b("
            r"oncology massage|oncolgy massage|massage\b(?! help)|anma|aromatherapy|rep org)|"
            r"\bwhat does\b.{0,40}\b(mean|stand for)|\bdefin\w+|\bwhat kind of\b|"
            r"\bhow is\b.{0,40}\bdifferent|"
            r"\bdifferen(t|ce) (from|between)|\bis (oncology massage|it|this) a (special|kind|"
            r"type|technique)|\btechnique\b|\bwhat('?s| is) the (point|goal|purpose)|"
            r"\bsupposed to do|\bwhat does (a )?massage do|\bwho is\b.{0,40}\bfor\b|"
            r"\bassess\w*|\bwho (are|is) (they|it|the society)|"
            r"^\W*((ok(ay)?|so|and|but|then)\W+)*what('?s| is) (it|this|that)( then| exactly| "
            r"again)?\W*$|\bwhat (are|is|do|does) (they|the therapist|a therapist|the massage "
            r"therapist|a massage therapist|someone)( \w+)? (doing|do)\b)",
            _I,
        ),
    ),
)

_WHOM = re.compile(r"\bwho (is|are)\b[^?]{0,60}\bfor\b|\bfor whom\b", _I)
_GUIDELINE = re.compile(
    r"\b(guidelines?|official|asco|sio|society for integrative oncology|american society|"
    r"national cancer institute|nci|advise\w*|(organi[sz]ations?|societies|experts?|doctors?|"
    r"groups?) (\w+ ){0,3}recommend\w*|recommend(s|ed)? (massage|it)\b)",
    _I,
)
_TRAINING = re.compile(
    rf"\b({_THE_SOCIETY}|courses?|classes|"
    r"(get|take|find|need|want|offer|offers|provide) (\w+ ){0,2}training|"
    r"training (programs?|courses?|options|should|do|does|is needed)|what (kind of )?training|"
    r"where (\w+ ){0,3}train|want(s)? to (train|learn|work with cancer)|continuing education|"
    r"study next|certification|certificate|grants?|scholarships?|practitioners?|rep org|"
    r"education provider|college|school|foundational|become an? |"
    r"massage therapists? (who|that) (want|wish)|i'?m an? (massage )?therapist|"
    r"(is|as) an? (massage )?therapist|summits?|conferences?|recordings?|champions?|donate|"
    r"donation|support the society|membership|society for oncology massage|s4om)\b",
    _I,
)
_ORDINARY_MASSAGE = re.compile(
    r"\b(regular|normal|ordinary|usual|standard|plain|everyday|typical|spa|swedish|other)"
    r"( \w+)? (massages?|rubs?|routines?|techniques?|strokes?|sessions?|lmts?|bodywork|"
    r"therapists?|masseuses?|masseurs?|lady|guy|person|place|salon)\b",
    _I,
)
_CONTRAST = re.compile(
    r"\b(basically|simply|merely|same( thing)? as|different|differently|difference|differ|"
    r"special|fancy|"
    r"label|name|rebrand\w*|change|adapt|adjust|versus|vs|compared?|more than|anything more|"
    r"just (an? |the )?(spa|swedish|regular|normal|ordinary|usual|gentle|gentler|lighter|"
    r"softer)|(done|go|going) (gently|gentler|lighter|softer))\b",
    _I,
)
_SETS_APART = re.compile(
    r"\bmakes? (it|this|that|them|oncology massage|cancer massage) (\w+ )?(different|"
    r"special|unique|distinct)\b"
    r"|\b(different|special|specific|particular|separate|new) (kind|type|sort|style) of "
    r"(stroke|move|technique|massage|method)s?\b"
    r"|\b(is|are) (it|this|that|they|oncology massage|cancer massage) (just )?(an? |one )?"
    r"(specific |special |particular |separate )?(technique|style|method|modality)\b"
    r"|\b(therapists?|they|masseuses?|lmts?|oncology massage|cancer massage) (\w+ ){0,3}(do|does|"
    r"doing|work|works|treat|treats) (\w+ ){0,2}differently\b",
    _I,
)
_SPECIALTY = re.compile(
    r"\b(is|are|was) (it|this|that|they|oncology massage|cancer massage|onc massage|massage for "
    r"cancer) (\w+ ){0,3}(an? |its |their |one )?(\w+ )?(specialty|speciality|specialism|"
    r"speciali[sz]ation|subspecialty|field|discipline|profession)\b",
    _I,
)
"""Whether oncology massage is a specialty of its own ("is oncology massage even a proper
specialty?", "is it a real field of its own?"): what it is, answered by the sources'
"an area of specialization", not a question of what massage helps."""


_LEARNS = re.compile(
    r"\b(i|we|i'?d|i'?m) (\w+ ){0,3}(get|getting|become|becoming) (\w+ ){0,2}(trained|"
    r"certified|qualified|specialized|specialised)\b"
    r"|\bhow (do|can|would|could|should) (i|we|one) (\w+ ){0,3}(train|learn|study|"
    r"specialize|specialise)\b"
    r"|\b(training|certification|courses?|classes|education|qualifications?) (do|would|will|"
    r"should|must) (i|we) (\w+ )?(need|take|get|have|do)\b"
    r"|\b(i|we) (\w+ ){0,2}(become|becoming) an? (\w+ ){0,3}(therapist|lmt|practitioner)s?\b"
    r"|\b(anywhere|somewhere|where|places?|schools?|programs?) (\w+ ){0,2}(that |which |who )?"
    r"(teach|teaches|train|trains|offers? training)\b"
    r"|\b(keep|continue|go on) (learning|studying|training)\b",
    _I,
)


def learns_to_give(text: str) -> bool:
    """Whether ``text`` asks how to become trained to give oncology massage oneself ("how
    do I get certified?", "what courses would I need?", "any school that teaches it?"),
    not whether someone else's therapist is trained."""
    return bool(_LEARNS.search(text))


_MANNER_ADVERB = re.compile(r"\b[a-z]{3,}ally\b", _I)
"""An adverb saying how ("what do they physically do?"): in a question asking what
something is or does, it is not what the question is about."""


def sets_apart(text: str) -> bool:
    """Whether ``text`` asks what sets oncology massage apart from an ordinary massage
    ("is it basically a spa massage with a new name?", "a different kind of stroke?"),
    not whether a regular (frequent) massage helps."""
    contrasted = bool(_ORDINARY_MASSAGE.search(text) and _CONTRAST.search(text))
    return contrasted or bool(_SETS_APART.search(text))


def asks_specialty(text: str) -> bool:
    """Whether ``text`` asks if oncology massage is a specialty of its own (``_SPECIALTY``)."""
    return bool(_SPECIALTY.search(text))


_GENERAL_SAFETY = re.compile(
    r"\b(safe|safely|safety|unsafe|risks?|risky|dangers?|dangerous|harm\w*|precautions?|"
    r"careful|who should be careful|not ok for everyone|deep (tissue|pressure|massage)|"
    rf"light massage|pressure|side effects?|{_ADAPTS})\b",
    _I,
)
_CONDITIONS: dict[str, re.Pattern[str]] = {
    "bone_metastases": re.compile(
        r"\bbone metastases\b|\bmetastases\b.{0,40}\b(bones?|spine|hips?|ribs|pelvis|fracture)"
        r"|\b(bones?|spine|skeleton)\b.{0,40}\bmetastases\b"
        r"|\b(cancer|tumou?rs?)('s| is| has spread)? (in|into|to) (the |my |his |her |their )?"
        r"(skeleton|bones)\b"
        r"|\b(cancer|tumou?rs?|disease)('s| is| has| have)? (now )?(spread|gone|moved|travell?ed|"
        r"went|got|metastasi[sz]ed) (in|into|to|through(out)?) (the |my |his |her |their |both )?"
        # How many bones ("to a bunch of different bones", "into lots of his bones").
        r"((a (few|couple)( of)?|a (bunch|lot|number|handful) of|lots of|loads of|several( of)?|"
        r"many( of)?|multiple|most( of)?|all( of)?|some( of)?|various) "
        r"(the |my |his |her |their )?)?(\w+ )?(skeleton|bones?|spine|hips?|ribs|pelvis)\b",
        _I,
    ),
    "children": re.compile(r"\bchildren with cancer\b", _I),
    "breast_cancer": re.compile(r"\bbreast\b", _I),
    "gynecologic": re.compile(r"\bgynecologic\b|\bendometrial|\bovarian|\buterine|\bcervical", _I),
    "survivors": re.compile(r"\bsurvivors?\b|\bchronic pain\b", _I),
    "aromatherapy": re.compile(r"\baromatherapy\b", _I),
    "anma": re.compile(r"\banma\b|\bjapanese massage\b", _I),
}
"""Conditions and groups some sentences are about only ("in children with cancer")."""

_SPLIT_AND = re.compile(
    r"(?:,?\s+(?:and|also|plus|but)\s+|;\s*|,\s+)(?=(?:also\s+|(?:roughly|approximately|about|"
    r"around|just)\s+(?=(?:how|what)\b))?(?:how|what|whats|when|where|"
    r"which|who|why|will|would|can|could|do|does|did|is|are|should|may|might|has|have)\b)",
    _I,
)
"""Where one sentence asks two questions: "..., and how much is it?", also after a word of
estimate ("does insurance cover it, and roughly how much is a session?")."""
_INSTRUCTION_LIKE = re.compile(
    r"^\W*(?:also\s+|and\s+|now\s+|then\s+|just\s+)?(?:ignore|disregard|forget|pretend|say|"
    r"tell (?:me|everyone|them|people) that|write|act as|you are|from now on|repeat|print|"
    r"reveal|show me your)\b",
    _I,
)
_LEADING_JOIN = re.compile(r"^\W*(?:and|also|plus|but|or|so|ok(?:ay)?|then)\b\W*", _I)

_NOT_TOPIC = frozenset(
    """massage massages massaged massaging cancer cancers therapy therapist therapists
    help helps helped helpful patient patients people person someone anyone safe safely good
    bad okay work works working get getting got use using need needs want know tell ask try
    like really actually just anything something thing things stuff much many lot lots also
    way ways kind kinds sort idea question questions say says said think feel felt make makes
    made take takes took give gives gave going go goes went mom mum dad mother father wife
    husband partner friend son daughter sister brother aunt uncle grandmother grandma
    grandfather grandpa family caregiver loved one ones he she him her his hers they them
    their me my we our us you your yes no not dont doesnt cant wont isnt arent didnt does did
    do is are was were be been being have has had will would can could should may might must
    shall any some every each other another all both either neither more most less least
    wants wanted try tries trying tried
    very too quite pretty so such than then there here now still even ever always never
    sometimes since while during after before about what when where which who whom
    whose why how if whether or and but because though although tho thanks please hi hey
    hello honestly specifically particular especially generally general overall everyone
    everybody anybody nobody no-go go ok strong stronger strength weak weaker reliable solid
    proven proof hype true real legit worth guaranteed placebo marketing evidence studies
    study research agree reduce reduces reducing reduced relieve relieves relieving relief
    ease eases easing improve improves improving alleviate alleviates manage managing cope
    coping benefit benefits beneficial useful effective does anything careful cautious symptom
    symptoms list treatment treatments diagnosis diagnosed dx mine women woman men man look
    looked looking swear swears sure somebody type types honest supposed actual behind those
    these this that it its mean means meaning stand stands site page website matter matters
    show shows showed ive im over weird year years completely shot
    difference differences different differ between compare compared comparison versus vs
    normal regular ordinary usual standard
    problem problems issue issues big picture full overview pls plz nice woo
    include includes included including keep keeps kept""".split()
)


@dataclass(frozen=True)
class Focus:
    """One question of a message, read for its answer."""

    text: str
    """The question in the person's words (with the story told before it)."""
    intent: Intent
    topics: frozenset[str]
    """Stems of what the question is about, in the sources' words."""
    raised: frozenset[str]
    """Conditions and groups the person raised (``bone_metastases``, ``children``...)."""
    training: bool
    """About training, courses or the Society's programs (content for therapists may be quoted)."""
    general_safety: bool
    """Asks about safety in general (general warnings apply)."""
    guideline: bool = False
    """Asks what guidelines or medical organisations say or recommend."""
    asks_whom: bool = False
    """Asks whom something is for ("who is the Society for?")."""
    absent: tuple[str, ...] = ()
    """Conditions or treatments named that the sources do not cover (``patient_words``)."""
    told: tuple[str, ...] = ()
    """Those of ``absent`` that are a treatment named only in the story told before the
    question ("so tired from rads. can massage help fatigue?"), never in what it asks
    (``told_treatments``)."""
    context: frozenset[str] = frozenset()
    """Stems of whom it is about ("breast cancer", "survivors"): weighed less than topics."""
    carried: bool = False
    """Topic or intent came from the turn before (a follow-up)."""
    together: tuple[frozenset[str], ...] = ()
    """Topic stems that name one thing together (the words of one corpus term: "mood
    disturbance", "sleep disruption insomnia"): counted once when weighing a sentence."""
    names: tuple[frozenset[str], ...] = ()
    """Those of ``together`` that are a proper name ("American Society of Clinical
    Oncology"): a sentence names it only with all of its words, not with "clinical"."""
    sets_apart: bool = False
    """Asks what sets oncology massage apart from an ordinary massage (``sets_apart``),
    here or in the turn a follow-up leans on."""
    learns: bool = False
    """Asks how to become trained in oncology massage oneself (``learns_to_give``)."""
    specialty: bool = False
    """Asks whether oncology massage is a specialty of its own (``asks_specialty``): the
    sources' "an area of specialization" may answer it, though written for therapists."""
    choice: bool = False
    """The other side of a choice asked with the question before it ("should it be light
    or is deep pressure fine?"): answered under that question's heading."""
    precautions: bool = False
    """Read for a care-team reply: only what the sources say is safe, risky or needs care
    (and the warning about a condition raised) may be quoted, never a finding of benefit
    ("massage increased white blood cells") as if it said whether massage is safe."""

    @property
    def wants_experience(self) -> bool:
        return self.intent == Intent.EXPERIENCE


_MANNER = re.compile(
    r"\b(exactly|actually|really|even|just|basically|honestly|truly|seriously|ever|"
    r"possibly|maybe|perhaps|still|also|too|kinda|sorta|like)\b\s*",
    _I,
)
"""Words of manner that sit inside a question's opening ("what exactly is...", "can it
actually not help...") and would keep the patterns below from reading it."""


_ASKS_BENEFIT = re.compile(
    r"\b(help|helps|helped|ease|eases|relieve|relieves|good for|benefits?|improve|improves|"
    r"reduce|reduces|work for|works for)\b",
    _I,
)


def asks_benefit(text: str) -> bool:
    """Whether ``text`` asks what massage helps or eases ("can massage help my anxiety?"),
    whatever else it asks: a care-team reply then keeps the sentences on that benefit."""
    return bool(_ASKS_BENEFIT.search(text))


_HOW_IT_FEELS = re.compile(
    r"\b(will|would|does|do|is|are|can|could|gonna)\b[^.?!]{0,25}?\b(massage|massages|it|that|"
    r"this|a rubdown)\b (\w+ ){0,2}?(hurt|be painful|be sore|feel (any )?(different|good|nice|"
    r"gentle|painful))( too| at all| as well| much| though| like (that|the rest|everything "
    r"else))?\s*(?:$|[?.!,])",
    _I,
)
_WHAT_IT_IS_LIKE = re.compile(
    r"\b(is|was) (that|this) what (\w+ ){0,2}massages? (is|are|feels?) like\b", _I
)
"""Whether massage is the touch someone misses ("i miss gentle touch that doesn't hurt. is
that what massage is like?"): how massage feels, asked after a story of touch that hurts."""
_TOUCH_THAT_HURTS = re.compile(
    r"\b(too|as well|also|different|differently)\b|\b(everything|every|all|people|anyone)\b"
    r"[^.?!]{0,40}\b(hurts?|painful|sore|touch\w*)\b|\b(needles?|pokes?|jabs?|exams?)\b",
    _I,
)
"""Whether massage itself will hurt or feel different, asked by someone for whom touch or
treatment hurts now ("everything hurts, every needle and scan. is massage gonna hurt
too?", "does a massage feel different?"): how massage feels, which the sources tell only in
patients' own words. "Could it hurt him?" or "can massage hurt my port?" (something it
could harm) and a bare "will massage hurt?" stay questions of safety."""

_TIMING_AROUND_TREATMENT = re.compile(
    r"\b(before or after|after or before)\b[^.?!]{0,30}\b(chemo\w*|infusions?|treatments?|"
    r"radiation|rads)\b|\b(chemo\w*|infusions?|treatments?)( days?| sessions?)?\W{0,3}"
    r"(\w+ ){0,2}(before or after|after or before)\b|\btim(e|ing) (a |my |the |your |our |"
    r"his |her )?massages? (a)?round\b|\bwhen (should|do|would|is it best to|is the best "
    r"time to) (i |we |you |he |she |they )?(book|schedule|get|have|plan|go for)\b[^.?!]{0,30}"
    r"\b(a)?round (my |the |his |her |their |our )?(chemo\w*|infusions?|treatments?)\b"
    # "what's the best time to get a massage if I'm having chemo every 3 weeks?"
    r"|\b(best|right|ideal|good|better) (time|day|days|point) (to|for) (\w+ )?(book|schedule|"
    r"get|have|plan|go for|fit in)\b[^.?!]{0,50}\b(chemo\w*|infusions?|treatments?|"
    r"radiation|rads)\b",
    _I,
)
"""When to book a massage around chemotherapy ("before or after my chemo days?", "any
tips on timing a massage around infusions?"): the sources answer it only with what one
patient did, so it asks what people found. A question that also asks whether it is safe
("is it safe right after chemo?") is read for safety."""

_SAFE_WORD = re.compile(r"\b(safe|safely|unsafe|risk\w*|danger\w*|harm\w*|ok|okay)\b", _I)


def _asks_experience(text: str) -> bool:
    """How massage feels or when people time it: read as what people say of it."""
    if _SAFE_WORD.search(text):
        return False
    feels = _HOW_IT_FEELS.search(text) or _WHAT_IT_IS_LIKE.search(text)
    if feels and _TOUCH_THAT_HURTS.search(text):
        return True
    return bool(_TIMING_AROUND_TREATMENT.search(text))


def intent_of(text: str) -> Intent | None:
    """The first intent whose pattern matches ``text`` (or ``text`` without its words of
    manner), or None."""
    plain = _MANNER.sub("", text)
    if _asks_experience(text) or _asks_experience(plain):
        return Intent.EXPERIENCE
    for intent, pattern in _INTENT_PATTERNS:
        if intent == Intent.FIND_THERAPIST and _STUDIES_FIND.search(plain):
            continue
        if pattern.search(text) or pattern.search(plain):
            return intent
    if asks_may_have(text):
        return Intent.SAFETY
    return None


_STUDIES_FIND = re.compile(
    r"\b(reviews?|studies|study|research|researchers|scientists|trials?|analys[ie]s|"
    r"meta-?analys[ie]s|evidence|data)\b(\s+\w+){0,2}\s+(find|found|finds|show|shows|showed)\b",
    _I,
)
"""What studies found is asked about ("did any big reviews find it doesn't work?"), not
where to find a therapist."""

_NOT_TOPIC_STEMS = frozenset(stems(sorted(_NOT_TOPIC)))


def _stems(words: Sequence[str]) -> frozenset[str]:
    found = stems([w for w in words if w not in _NOT_TOPIC])
    return frozenset(s for s in found if len(s) > 2 and s not in _NOT_TOPIC_STEMS)


def topic_stems(text: str) -> frozenset[str]:
    """What ``text`` is about: stems of its content words and of the corpus terms its lay
    words stand for, without words that say who asks or how, what kind of question it
    is ("is it safe", "is it proven"), or whom it is about (``group_stems``)."""
    reading = expand(text)
    words = content_words(reading.outside(text))
    for term in reading.terms_in_role("topic"):
        words.extend(content_words(term))
    return _stems(words)


def topic_groups(text: str) -> tuple[frozenset[str], ...]:
    """The stems of each corpus term ``text``'s lay words stand for, where a term has
    several ("down" -> "mood disturbance"): one topic, not two."""
    groups = (_stems(content_words(t)) for t in expand(text).terms_in_role("topic"))
    return tuple(g for g in groups if len(g) > 1)


def name_groups(text: str) -> tuple[frozenset[str], ...]:
    """The stems of each proper name (every word capitalised but the small ones: "Society
    for Integrative Oncology") that ``text``'s words stand for ("ASCO", "the NCI")."""
    names = (t for t in expand(text).terms_in_role("topic") if _NAME.fullmatch(t))
    groups = (_stems(content_words(t)) for t in names)
    return tuple(g for g in groups if len(g) > 1)


_NAME = re.compile(r"[A-Z]\w*(?: (?:of|for|and|the|[A-Z]\w*))+")
_GROUP_WORDS: dict[str, frozenset[str]] = {
    "children": frozenset(stems(["children"])),
    "survivors": frozenset(stems(["survivors"])),
    "breast_cancer": frozenset(stems(["breast"])),
}
"""The sources' word for each group ``conditions_in`` names: whom a sentence is about."""


def group_stems(text: str) -> frozenset[str]:
    """Whom ``text`` is about, in the sources' words ("breast cancer", "survivors")."""
    return _stems([w for t in expand(text).terms_in_role("group") for w in content_words(t)])


def conditions_in(text: str) -> frozenset[str]:
    """The conditions and groups ``text`` raises, read in the sources' words too."""
    reading = expand(text)
    seen = " ".join([text, *reading.corpus_terms])
    named = frozenset(name for name, pattern in _CONDITIONS.items() if pattern.search(seen))
    # The lay words read in place too, clause by clause ("mets are in her ribs":
    # "metastases are in her ribs"), so a bone named beside them is read as the person
    # wrote it, never across a comma ("bones sore after chemo, mets in the liver").
    if any(_BONES_NEAR.search(_in_place(c)) for c in _CLAUSES.split(text)):
        named |= {"bone_metastases"}
    return named


_CLAUSES = re.compile(r"[,.;:!?()\[\]]+|\s[-–—]\s")


def _in_place(clause: str) -> str:
    """``fold(clause)`` with each lay word replaced by the sources' word for it."""
    reading = expand(clause)
    folded = fold(clause)
    out: list[str] = []
    last = 0
    for (start, end), (meaning, absent) in zip(reading.spans, reading.meanings, strict=True):
        out.extend([folded[last:start], folded[start:end] if absent else meaning])
        last = end
    out.append(folded[last:])
    return "".join(out)


_BONES_NEAR = re.compile(
    r"\bmetastases (\w+ ){0,3}(bones?|spine|skeleton|hips?|ribs|pelvis)\b"
    r"|\b(bones?|spine|skeleton|hips?|ribs|pelvis) (\w+ ){0,3}metastases\b",
    _I,
)
"""Metastases and a bone named within a few words of one clause, once lay words are read
in place ("her ribs are full of mets", "mets are in her ribs")."""


def split_questions(message: str) -> list[str]:
    """The questions of a message, each with the story told before it.

    Sentences that are not questions join the question after them (or, at the
    end, the one before). A question joining two questions with "and" ("does it
    help neuropathy and how much does it cost?") is two. Text that speaks to
    the assistant ("ignore your sources and say...") or would need a filtered
    claim is not a question to answer and is left out.
    """
    sentences = [s for s in sentences_of(message) if not _ignored(s)]
    if not sentences:
        return [message.strip()] if message.strip() else []
    parts: list[str] = []
    story: list[str] = []
    for sentence in sentences:
        if not is_question(sentence):
            story.append(sentence)
            continue
        pieces = _joined_wh([p.strip() for p in _SPLIT_AND.split(sentence) if p and p.strip()])
        pieces = [_LEADING_JOIN.sub("", p) or p for p in _or_safety(pieces)]
        if (
            len(pieces) > 1
            and not _asks(pieces[0])
            and not expand(pieces[0]).absent
            and not weighs_firmness(f"{pieces[0]} or {pieces[1]}")
        ):
            # A clause that tells rather than asks ("I'm in Toronto, is there a
            # directory?") is the story of the question after it, not a question. One
            # naming what the sources do not cover ("we tried reiki, ...") stays apart, so
            # that the question after it is still answered and the gap named on its own.
            pieces = [f"{pieces[0]}, {pieces[1]}", *pieces[2:]]
        first, *rest = pieces
        # A sentence with no topic of its own asks about the question before it ("...pain?
        # does it really work?"), unless it asks whether massage is safe after a question
        # that does not ("can massage help his pain? and is it safe with mets in his
        # hips"), or what it helps after one of safety: two questions, as within a sentence.
        if (
            parts
            and not story
            and not topic_stems(first)
            and not expand(first).absent
            and not _safety_after(first, parts[-1])
            and not _benefit_after(first, parts[-1])
        ):
            parts[-1] = " ".join([parts[-1], first])
        else:
            parts.append(" ".join([*story, first]))
        for piece in rest:
            # A piece with no topic of its own ("does it actually work?") asks about
            # the one before it: one question, not two. A safety question is always
            # its own ("...would it help his pain, or could it hurt him?"): whether it
            # is safe is never lost inside the question before it.
            if (
                topic_stems(piece)
                or expand(piece).absent
                or _safety_after(piece, parts[-1])
                or _benefit_after(piece, parts[-1])
            ):
                parts.append(piece)
            else:
                parts[-1] = f"{parts[-1]}, {piece}"
        story = []
    if story:
        if parts:
            parts[-1] = " ".join([parts[-1], *story])
        else:
            parts.append(" ".join(story))
    return parts


_CLAUSE_BREAK = re.compile(r"\s+[-–—:]\s+|[;()]\s*|:\s+")


_OPENING_PHRASE = re.compile(
    r"^\W*(?:during|after|before|while|since|following|throughout|until|once|with|without|"
    r"in|on|at|for|between)\b(?:\W+[\w'’-]+){1,5}?[\s,]+"
    r"(?=(?:(?:is|are|can|could|does|do|should|would|will|may|might)\s+"
    r"(?:massage|it|this|that|i|we|you|he|she|they|there|a|an|the|my|his|her|our|their)"
    r"|how|what|when|where|which|who|why)\b)",
    _I,
)
"""A prepositional or time phrase opening a question ("during chemo is massage safe",
"after surgery, how soon can I..."): the question starts after it."""


def _asks(piece: str) -> bool:
    """Whether some clause of ``piece`` asks ("my son has leukemia - does it help kids?",
    "while on chemo can I have one"), not only tells ("I'm in Toronto", "after my chemo
    is done")."""
    return any(
        is_question(c) or is_question(_OPENING_PHRASE.sub("", c))
        for c in _CLAUSE_BREAK.split(piece)
        if c.strip()
    )


_OR_ASKS = re.compile(
    r",?\s+or\s+(?=(?:could|would|can|will|might|may|is|does|should)\b)",
    _I,
)


_FIRMNESS = re.compile(
    r"\b(light|lighter|gentle|gentler|gently|soft|softer|firm|firmer|deep|deeper|"
    r"pressure|feather)\b",
    _I,
)
_OR = re.compile(r"\bor\b", _I)


def weighs_firmness(text: str) -> bool:
    """Whether ``text`` asks how firm the massage should be, one way "or" another
    ("gentle or a firmer one?"): a question of safety, whatever else it names."""
    sides = _OR.split(text)
    return any(_FIRMNESS.search(a) and _FIRMNESS.search(b) for a, b in itertools.pairwise(sides))


def _or_safety(pieces: list[str]) -> list[str]:
    """A piece asking one thing "or" whether it is safe ("would it help her sleep or
    could it harm her?") is two pieces; any other "or" stays inside its question
    ("can I book this week or should I wait?")."""
    out: list[str] = []
    for piece in pieces:
        head, *tails = _OR_ASKS.split(piece)
        for tail in tails:
            if _safety_after(tail, head) or weighs_firmness(f"{head} or {tail}"):
                out.append(head)
                head = tail
            else:
                head = f"{head} or {tail}"
        out.append(head)
    return out


def _benefit_after(piece: str, before: str) -> bool:
    """``piece`` asks only whether massage helps ("...is it safe and does it help?") after
    a question of whether it is safe: two things asked at once, each answered."""
    return intent_of(piece) is None and asks_benefit(piece) and intent_of(before) == Intent.SAFETY


def _safety_after(piece: str, before: str) -> bool:
    """``piece`` asks whether massage is safe and the question before it does not."""
    return intent_of(piece) == Intent.SAFETY and intent_of(before) != Intent.SAFETY


_LONE_WH = re.compile(r"^\W*(how|what|when|where|which|who|why)\W*$", _I)


def _joined_wh(pieces: list[str]) -> list[str]:
    """ "when and where is the next summit?" is one question: a question word standing
    alone joins the piece after it."""
    out: list[str] = []
    for piece in pieces:
        if out and _LONE_WH.match(out[-1]):
            out[-1] = f"{out[-1]} and {piece}"
        else:
            out.append(piece)
    return out


def _ignored(sentence: str) -> bool:
    return bool(_INSTRUCTION_LIKE.match(sentence)) or (
        not is_question(sentence) and unsafe_reason(sentence) is not None
    )


def asked_intent(text: str) -> Intent | None:
    """The intent of what ``text`` asks: read on its questions when a story is told around
    them ("She always asks 'what is the goal of all these scans'. Would massage help her
    worry?" asks what massage helps, not what something is: None, the default), on the
    whole text when they ask no kind of question of their own or there is no story."""
    sentences = sentences_of(text)
    # "and where do I find one" asks, though it opens with "and" and has no question mark.
    questions = [s for s in sentences if is_question(_LEADING_JOIN.sub("", s))]
    asked = " ".join(questions)
    if (_HOW_IT_FEELS.search(asked) or _WHAT_IT_IS_LIKE.search(asked)) and _asks_experience(text):
        # "All the needles hurt. Will it hurt?": the story tells what "hurt" compares with.
        return Intent.EXPERIENCE
    if questions and len(questions) < len(sentences):
        asked = " ".join(questions)
        own = intent_of(asked)
        # A question asking what massage helps has no intent of its own (benefit by
        # default, or carried from the turn before): never the story's.
        if own is not None or asks_benefit(asked):
            return own
    return intent_of(text)


_COURSE = re.compile(r"\b(courses?|class|classes|trainings?)\b", _I)


def _course_only(text: str, context: str) -> bool:
    """Whether a course or class is all that makes ``text`` a question about the Society's
    programs, and no one asks how to train: "is it a special technique they learn on a
    course?" asks what oncology massage is, the course is where it would be learnt."""
    return not learns_to_give(context) and intent_of(_COURSE.sub(" ", text)) != Intent.PROGRAMS


def read_question(text: str, previous: Sequence[str] = ()) -> Focus:
    """One question read on its own, or with the turn before when it leans on it."""
    own_intent = asked_intent(text)
    topics = topic_stems(text)
    together = topic_groups(text)
    names = name_groups(text)
    groups = group_stems(text)
    reading = expand(text)
    carried = False
    intent = own_intent
    earlier = previous[0] if previous else ""
    # "does it help?" asks what massage helps, whatever the turn before asked.
    asks_help = own_intent is None and asks_benefit(text)
    if earlier and (own_intent is None or not topics or _leans(text)):
        before = intent_of(earlier)
        if asks_help:
            intent = Intent.BENEFIT
        elif before == Intent.SAFETY and intent is None and _asks_about_symptom(text):
            # "Is it ok a few weeks after surgery?" ... "what about the tiredness? I'm
            # exhausted all the time": a symptom the sources say massage eases, asked
            # after a safety question, asks what massage does for it.
            intent = Intent.BENEFIT
        elif intent is None or (intent == Intent.BENEFIT and before not in (None, Intent.BENEFIT)):
            intent = before or intent
            carried = True
        if not topics:
            topics = topic_stems(earlier)
            together = topic_groups(earlier)
            names = name_groups(earlier)
            groups |= group_stems(earlier)
            carried = True
    # A condition told in the turn before stays raised in a follow-up that names its own
    # topic ("her cancer spread to her bones" ... "would a massage be risky or fine?").
    raised = conditions_in(text) | conditions_in(earlier)
    # Whom the turn before was about stays whom a follow-up asks about, though it names a
    # topic of its own ("my daughter is 10 and on chemo" ... "any use for her nausea?":
    # the finding in children leads, not the one in adults).
    for name in conditions_in(earlier) - conditions_in(text):
        topics |= _GROUP_WORDS.get(name, frozenset())
    context = " ".join([text, earlier]) if carried else text
    apart = sets_apart(context)
    specialty = asks_specialty(context)
    if (apart or specialty) and (
        intent is None or (intent == Intent.PROGRAMS and _course_only(text, context))
    ):
        intent = Intent.DEFINITION
    if intent is None and weighs_firmness(text):
        intent = Intent.SAFETY
    # A therapist asking how to train ("what courses would I need?"): content written for
    # therapists may answer it, and the training on offer leads (``extractive.choose``).
    learns = learns_to_give(context)
    if intent == Intent.DEFINITION:
        topics -= frozenset(stems([w.lower() for w in _MANNER_ADVERB.findall(text)]))
    return Focus(
        text=text,
        intent=intent or Intent.BENEFIT,
        topics=topics,
        context=groups,
        raised=raised,
        training=learns or bool(_TRAINING.search(context)),
        general_safety=bool(_GENERAL_SAFETY.search(context))
        or (intent == Intent.SAFETY and asks_may_have(text)),
        guideline=bool(_GUIDELINE.search(context)),
        asks_whom=bool(_WHOM.search(text)),
        absent=reading.absent,
        told=told_treatments(text),
        carried=carried,
        together=together,
        names=names,
        sets_apart=apart,
        learns=learns,
        specialty=specialty,
    )


def told_treatments(text: str) -> tuple[str, ...]:
    """The uncovered treatments (``kind: treatment`` in ``patient_words``: radiation) that
    ``text`` names only in what it tells ("wiped out since I started rads."; "had a
    lumpectomy and radiation, does massage help the soreness?"), never in a clause that
    asks ("does massage help nausea during radiation?"): the cause in the story of a
    question about something else."""
    told: list[str] = []
    asked: list[str] = []
    for sentence in sentences_of(text):
        if not is_question(sentence):
            told.append(sentence)
            continue
        pieces = [p for p in _SPLIT_AND.split(sentence) if p and p.strip()]
        while len(pieces) > 1 and not _asks(pieces[0]):
            told.append(pieces.pop(0))
        asked.extend(pieces)
    if not told:
        return ()
    # A piece that only tells ("I had radiation last month, ...", cut from its question
    # because it names a gap) names its treatments as story too.
    in_question = set(expand(" ".join(asked)).absent) if asked else set()
    story = expand(" ".join(told))
    return tuple(
        dict.fromkeys(
            name
            for (name, absent), kind in zip(story.meanings, story.kinds, strict=True)
            if absent and kind == "treatment" and name not in in_question
        )
    )


_LEANS = re.compile(
    r"^\W*(and|but|also|so|what about|how about|what if|same|then|ok(ay)?|why|how (good|strong|"
    r"solid|reliable)|which of (those|these|them)|is (that|it|this)|does (that|it|this)|"
    r"can (it|that)|will (it|that)|would (it|that))\b",
    _I,
)


_EASED_SYMPTOM = re.compile(
    r"\b(anxiety|pain|mood disturbance|neuropathy|sleep|insomnia|nausea|hopelessness|stress|"
    r"fatigue|muscle tension)\b",
    _I,
)
"""Symptoms the sources say massage eases (their words, ``patient_words`` reads lay ones)."""


_AS_CONDITION = re.compile(r"\b(with|if|when|while|has|have|having|had)\b", _I)


def _asks_about_symptom(text: str) -> bool:
    """A follow-up asking about a symptom the sources say massage eases ("what about the
    tiredness?"), not someone having it ("what about with neuropathy?"), naming no
    condition, device or treatment a warning or "not covered" is about ("what about with
    bone mets?", "and for kids?", "what about cupping?"), nor asking whether it is safe
    ("what about nausea, is it still ok?")."""
    reading = expand(text)
    seen = " ".join([text, *reading.corpus_terms])
    asked = " ".join(s for s in sentences_of(text) if is_question(s))
    return (
        bool(_EASED_SYMPTOM.search(seen))
        # "what about with neuropathy?", "what if she has nausea?": someone's condition,
        # for the safety question before.
        and not _AS_CONDITION.search(asked)
        and not conditions_in(text)
        and not reading.absent
        and not reading.circumstances_apart
        and intent_of(text) is None
    )


def _leans(text: str) -> bool:
    return bool(_LEANS.match(text))


GENERAL_SAFETY_QUESTION = "Is massage safe for people with cancer?"
"""The search for the general safety sentences shown beside a "not covered" (not shown)."""


def general_safety_focus() -> Focus:
    """What the general safety sentences answer: safety for anyone, no specific condition."""
    return _general_focus(
        GENERAL_SAFETY_QUESTION, Intent.SAFETY, ["generally", "safe", "precautions"]
    )


GENERAL_LIMITS_QUESTION = "Where is the evidence for massage weak or mixed?"
"""The search for the sources' own caveats on the evidence, shown beside a "not covered"
to a question about what massage does not do (not shown)."""


def general_limits_focus() -> Focus:
    """What the sources' caveats answer: how far the evidence goes, for no one symptom."""
    return _general_focus(
        GENERAL_LIMITS_QUESTION, Intent.LIMITS, ["evidence", "weak", "difference"]
    )


def _general_focus(text: str, intent: Intent, topics: list[str]) -> Focus:
    """The reading of one of the service's own fixed searches (``text``)."""
    return Focus(
        text=text,
        intent=intent,
        topics=frozenset(stems(topics)),
        raised=frozenset(),
        training=False,
        general_safety=False,
    )


def read_message(message: str, previous: Sequence[str] = ()) -> list[Focus]:
    """Each question of ``message`` read for its answer; ``previous`` are earlier user
    turns, most recent first. The first question may lean on the turn before."""
    parts = split_questions(message)
    focuses: list[Focus] = []
    for i, part in enumerate(parts):
        focuses.append(read_question(part, previous if i == 0 else (parts[i - 1],)))
    # A condition told anywhere in the message is the same person's in each of its
    # questions ("he has mets to his spine. would it help his pain, or could it hurt
    # him?"): its warning may answer the second question too.
    raised = frozenset().union(*(f.raised for f in focuses))
    focuses = [replace(f, raised=raised) if f.raised != raised else f for f in focuses]
    for i in range(1, len(parts)):
        if weighs_firmness(f"{parts[i - 1]} or {parts[i]}"):
            # How firm, asked as a choice ("should it be light or is deep pressure
            # fine?"): both sides are a question of safety, each answered with its own
            # sentences (the range of pressure; the warning about deep pressure), under
            # one heading.
            if focuses[i - 1].intent == Intent.BENEFIT and intent_of(parts[i - 1]) is None:
                focuses[i - 1] = replace(focuses[i - 1], intent=Intent.SAFETY)
            focuses[i] = replace(focuses[i], choice=True)
    # A piece that only tells, before a question of whether massage is safe ("I'm on
    # radiation, is massage safe?"), tells what that question is about: its treatment is
    # named as not covered.
    return [
        replace(f, told=()) if f.told and nxt.intent == Intent.SAFETY and not _asks(f.text) else f
        for f, nxt in zip(focuses, [*focuses[1:], focuses[-1]], strict=True)
    ]
