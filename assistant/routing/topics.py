"""Who a message is about and which care topic it raises: what a referral should fit.

Reviewed vocabulary like ``lexicon.py``, kept apart because it shapes the
reply, not the route: a clinical reply names the topic it recognised and
offers questions for the care team chosen for that topic, and speaks to the
person themself or to the one caring for them.
"""

from __future__ import annotations

import re

from ..schema import Asker
from .lexicon import (
    DEVICE,
    HEALTH,
    KIN,
    LAB,
    MEDICATION,
    MEDICINE,
    MEDICINE_DECISION,
    SITE,
    THE_FIELD,
    TREATMENT_CHOICE,
    _any,
)

_BY_AGE = (
    r"(?:(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen)[ -]?(?:year|yr)s?[ -]old|little one|toddler|"
    r"teenager|teen|youngest|eldest|oldest)"
)
"""Someone the writer names by age or place in the family ("my 9 year old", "our little
one", "my eldest"): a child they look after, as "my son" is."""
_OTHER_NAMED = _any(
    rf"\bmy {KIN}\b",
    rf"\b(?:my|our) {_BY_AGE}\b",
    r"\b(?:my|our) (?:patient|client|loved one|neighbou?r|roommate|room mate|"
    r"best friend|friend|partner|spouse)\b",
    r"\bfor (?:someone|somebody|a friend|a relative|a family member)\b",
)
_OTHER_PRONOUN = _any(r"\b(?:he|she|him|her|his|hers|they are|they have|their)\b")
_OTHER_PATIENT = _any(
    r"\b(?:he|she) (?:has|had|is|was|got|gets|started|finished) ",
    r"\b(?:his|her) (?:cancer|chemo\w*|treatment|tumou?r|diagnosis|mets|surgery|scan|"
    r"counts?|platelets|port)\b",
)
"""A pronoun that is the patient ("she has bone mets", "his chemo")."""
_PROFESSIONAL = _any(
    r"\b(?:my|our|the|a|this) (?:\w+ ){0,2}(?:therapist|masseuse|masseur|doctor|nurse|"
    r"oncologist|surgeon|physio|physiotherapist|practitioner|provider|gp)\b"
)
"""Someone caring for the writer professionally: "her" then means the therapist, not a
person the writer cares for ("my therapist isn't trained, can I keep seeing her?")."""
_SELF = _any(
    r"\b(?:i|im|ive|my|myself)\b",
    r"\b(?:for|on|to|with) me\b",
)
_ABOUT_ONES_CARE = _any(
    r"\b(?:i|im|ive|he|she|they|we) (?:\w+ ){0,3}(?:have|has|had|got|am|is|was|are|on|in|"
    r"getting|starting|finished|diagnosed|taking|want|wants|need|needs|plan|planning|thinking|"
    r"stop|stopped|feel|feels|ache|aches|aching|hurt|hurts|suffer|suffers|suffering|struggle|"
    r"struggles|struggling|cope|copes|coping)\b",
    r"\b(?:my|his|her|their) (?:\w+ )?(?:cancer|chemo\w*|treatment|tumou?r|diagnosis|doctor|"
    r"oncologist|surgery|scan|body|skin|arms?|legs?|hands?|feet|foot|fingers|toes|neck|"
    r"shoulders?|chest|breasts?|belly|stomach|tummy|head|hips?|knees?|joints?|muscles?|back|"
    r"bones?|blood|counts?|port|scar|meds|medications?|pain|platelets?|bloods|labs?|levels?|"
    r"results?|hb|hemoglobin|haemoglobin|white count|scans?)\b",
    rf"\b(?:my {KIN}|(?:my|our) {_BY_AGE}) (?:\w+ ){{0,2}}(?:is|has|had|was|got|gets|started|"
    r"finished|on|in|getting|"
    r"taking|wants|needs|feels|hurts|cant|can't|could|can|should|might)\b",
    r"\b(?:for|on|to|with) (?:me|him|her|them)\b",
    r"\b(?:can|could|should|may) (?:i|he|she|we)\b",
    rf"\b(?:my|his|her|their) (?:\w+ ){{0,2}}{MEDICINE}\b",
)

_BLOOD_THINNERS = _any(
    r"\b(?:blood thinners?|anticoagulants?|warfarin|coumadin|jantoven|eliquis|apixaban|xarelto|"
    r"rivaroxaban|savaysa|lixiana|edoxaban|pradaxa|dabigatran|heparin|lovenox|enoxaparin|"
    r"fragmin|dalteparin|plavix|clopidogrel)\b",
    r"\b(?:blood )?clots?\b",
    r"\bdvt\b",
    r"\bpulmonary embol\w*\b",
)
_BRUISING = _any(r"\bbruis\w*", r"\bbleed\w* (?:\w+ )?easily\b")
_BONE_METS = _any(
    r"\b(?:mets|metasta\w*)\b(?: \w+){0,3} (?:bones?|spine|hips?|ribs?|pelvis|skull|femur)\b",
    r"\b(?:bones?|spine|hips?|ribs?|pelvis|spinal) (?:\w+ ){0,2}(?:mets|metasta\w*)\b",
    r"\bbone mets\b",
    r"\b(?:spread|spreading) to (?:the |my |his |her )?(?:bones?|spine|hips?|ribs?)\b",
    r"\b(?:cancer|tumou?rs?) in (?:the |my |his |her |their )?(?:\w+ )?(?:bones?|spine)\b",
    r"\b(?:fragile|brittle|weak) bones?\b",
)
_LYMPHEDEMA = _any(
    r"\blymph\s?o?edema\b",
    r"\blymph nodes? (?:\w+ ){0,2}(?:removed|taken|out)\b",
    r"\b(?:took|taken|removed) (?:out )?(?:my |his |her )?lymph nodes?\b",
    r"\bswollen (?:arm|hand)\b",
    r"\b(?:arm|hand) (?:\w+ ){0,2}(?:swollen|swelling|swells|puffy)\b",
)
_RADIATION = _any(r"\bradiat\w*", r"\bradiotherapy\b", r"\brads\b")
_DEVICE_SITE = _any(
    r"\b(?:port|ports|port a cath|portacath|mediport|power port|picc|pic line|central line|"
    r"catheter|drains?|stents?|ostomy|colostomy|ileostomy|stoma|feeding tube|tissue expanders?|"
    r"expanders?|implants?)\b",
    r"\b(?:incisions?|scars?|stitches|sutures|staples|wounds?|surgical site|surgery site|"
    r"biopsy site|mastectomy|lumpectomy|reconstruction|surgery|operation)\b",
)
_FEVER = _any(r"\b(?:fever|feverish|temperature|temp|infection|infected|antibiotics)\b")

TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("medicine", MEDICINE_DECISION),
    ("clots", _BLOOD_THINNERS),
    ("blood_counts", LAB),
    ("blood_counts", _BRUISING),
    ("bone_mets", _BONE_METS),
    ("lymphedema", _LYMPHEDEMA),
    ("radiation_skin", _RADIATION),
    ("device_site", _DEVICE_SITE),
    ("fever", _FEVER),
    ("medicine", MEDICATION),
)
"""Care topics in order of precedence: a decision about a medicine comes first."""

_PET = _any(
    r"\b(?:my |our |the )?(?:dog|dogs|puppy|cats|kitten|pets|horse|pony|rabbit|bunny|"
    r"ferret|parrot|bird|hamster|guinea pig)\b",
    # not a scan named by its acronym ("a PET-CT", "my CAT scan results")
    r"\b(?:my |our |the )?(?:cat|pet)\b(?! (?:scans?|scanners?|ct|mri|imaging|tracer|results?))",
)
_SCAN_ACRONYM = re.compile(r"\b(?:PET|CAT)\b")
"""A scan named by its acronym in capitals ("next PET is in two weeks")."""
_ACRONYM_WORD = re.compile(r"\b(?:pet|cat)\b")
_NO_CANCER = _any(
    r"\b(?:i|we) (?:do not|dont|never|have never) (?:have|had) (?:any )?cancer\b",
    r"\b(?:i am|im) not (?:a )?cancer (?:patient|survivor)\b",
    r"\bwithout cancer\b",
    r"\bno cancer\b(?! (?:patients?|survivors?))",
)
_CANCER_IN_SELF_OR_OTHER = _any(
    r"\b(?:has|have|had|with|diagnosed|fighting|beat|survivor) (?:\w+ ){0,2}cancer\b",
    r"\bchemo\w*|\bradiation\b|\boncolog\w*",
)


def asker(norm: str) -> Asker | None:
    """``other`` when the message is about the care of someone the writer looks after,
    ``self`` when about the writer's own, None when it is not about one person."""
    if _ABOUT_ONES_CARE.search(norm) is None and MEDICINE_DECISION.search(norm) is None:
        return None
    if (
        _OTHER_NAMED.search(norm)
        or _OTHER_PATIENT.search(norm)
        or (_OTHER_PRONOUN.search(norm) and not (_PROFESSIONAL.search(norm) and _SELF.search(norm)))
    ):
        return "other"
    if _SELF.search(norm):
        return "self"
    return None


def tells_of_health(norm: str) -> bool:
    """The message tells of a person's health or care (a symptom, a treatment, a
    condition, a part of the body, a medicine), not only of where they live or what they
    do ("I'm in Toronto, is there a directory?", "I'm a therapist, where can I train in
    oncology massage?"): what the safety net line of an answer follows."""
    text = THE_FIELD.sub(" ", norm)
    return any(p.search(text) for p in (HEALTH, LAB, DEVICE, SITE))


def care_topic(norm: str) -> str | None:
    """The first care topic the message raises, or None."""
    for name, pattern in TOPICS:
        if pattern.search(norm):
            return name
    return None


_TREATMENT_DECISION = _any(
    r"\b(?:stop|stopping|quit|quitting|skip|skipping|pause|pausing|delay|delaying|refuse|"
    r"refusing|give up|giving up|postpone|postponing) (?:\w+ ){0,4}(?:chemo\w*|immunotherapy|"
    r"radiation|radiotherapy|treatment|hormone therapy|infusions?)\b",
    r"\b(?:cbd|cannabis|marijuana|supplements?|herbs?|herbal \w+|turmeric|vitamins?|essential "
    r"oils?)\b(?: \w+){0,8} (?:chemo\w*|immunotherapy|treatment|meds|medications?|infusions?)\b",
    r"\b(?:chemo\w*|immunotherapy|treatment|meds|medications?)\b(?: \w+){0,8} (?:cbd|cannabis|"
    r"supplements?|herbs?|turmeric|vitamins?)\b",
)
_NEW_SIGN = _any(
    r"\b(?:new |a |this |the )?(?:lump|lumps|bump|mole|moles|growth|spot|nodule|mass)\b",
    r"\bis (?:this|it|that) (?:\w+ )?(?:cancer|a tumou?r|coming back)\b",
    r"\b(?:cancer|it) (?:is )?coming back\b",
)
_SPREAD = _any(
    r"\b(?:spread|spreading|metasta\w*|mets)\b(?: \w+){0,3} (?:liver|lungs?|brain|belly|abdomen|"
    r"organs?|lymph nodes?|skin)\b",
    r"\b(?:liver|lung|brain) (?:mets|metasta\w*)\b",
)
_IN_TREATMENT = _any(
    r"\b(?:chemo\w*|immunotherapy|radiotherapy|infusions?|targeted therapy|hormone therapy|"
    r"treatment)\b"
)
REPLY_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("medicine", _TREATMENT_DECISION),
    ("medicine", MEDICINE_DECISION),
    # a choice between treatments ("surgery first or chemo first, which is better for me?")
    # names neither a site nor radiation skin, whatever options it lists
    ("treatment_choice", TREATMENT_CHOICE),
    *TOPICS,
    ("new_sign", _NEW_SIGN),
    ("spread", _SPREAD),
    ("treatment", _IN_TREATMENT),
)
"""The topic a clinical reply names: the care topics first, then ones that only shape the
reply (a treatment decision or a supplement with treatment, a new lump or mole, cancer
that has spread to an organ, massage during treatment). Routing never uses these: naming
chemotherapy does not make a general question clinical."""


def reply_topic(norm: str) -> str | None:
    """The topic a clinical reply should name, or None."""
    for name, pattern in REPLY_TOPICS:
        if pattern.search(norm):
            return name
    return None


def is_about_a_pet(norm: str, raw: str) -> bool:
    """A question about an animal (massage for a pet, a pet's tumour); "PET" or "CAT"
    written in capitals (in a message not all in capitals) is a scan, not an animal."""
    if _SCAN_ACRONYM.search(raw) and not raw.isupper():
        norm = _ACRONYM_WORD.sub(" ", norm)
    return _PET.search(norm) is not None


def has_no_cancer(norm: str) -> bool:
    """The writer says they do not have cancer and names no one who does."""
    if _NO_CANCER.search(norm) is None:
        return False
    rest = _NO_CANCER.sub(" ", norm)
    return _CANCER_IN_SELF_OR_OTHER.search(rest) is None
