"""The reviewed vocabulary of routing: regex tables and word sets, data only.

Every pattern runs on text produced by ``normalise`` (lower case, contractions
expanded: "can not", "i am"; sentence punctuation as " . " and commas as " , ").
What is done with a match (negation, order of checks, which route wins) lives in
``checks.py`` and ``router.py``; this file can be reviewed on its own.

Sections: people (KIN, PERSON), negation, crisis, emergency (with the limb,
fever and treatment vocabularies), the cues a classifier-only safety vote must
touch, injection, greetings, clinical, topic and follow-ups.
"""

from __future__ import annotations

import re


def _any(*alternatives: str) -> re.Pattern[str]:
    """Compile alternatives, one per line in the source so each can be reviewed on its own."""
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


KIN = (
    r"(?:mom|mother|dad|father|husband|wife|partner|spouse|son|daughter|child|kid|baby|"
    r"sister|brother|friend|aunt|uncle|grandma|grandmother|grandpa|grandfather|granny|nana|"
    r"grandson|granddaughter|boyfriend|girlfriend|fiance|fiancee|parent|cousin|niece|nephew|"
    r"neighbor|neighbour|patient|client|loved one)s?"
)
PERSON = _any(
    r"\b(?:i|me|my|mine|myself|he|she|him|his|her|hers|himself|herself)\b",
    rf"\bmy {KIN}\b",
)
NEGATORS = frozenset(
    {"no", "not", "never", "without", "denies", "deny", "denied", "nor", "none", "neither", "free"}
)
NEGATION_EXEMPT_NEXT = frozenset(
    {
        "sure",
        "certain",
        "know",
        "knowing",
        "normal",
        "only",
        "just",
        "usually",
        "stop",
        "stopping",
        "getting",
        "go",
        "going",
    }
)
CLAUSE_BREAKS = frozenset({".", ",", "but", "though", "however", "except", "yet", "although"})
PILLS = r"(?:pills|tablets|meds|medications?|medicine|morphine|oxy\w*|opioids?|painkillers|doses?)"
SELF = r"(?:my ?self|him ?self|her ?self|them ?selves|themself)"
CLAUSE_END = r"(?= \.| ,|$| anymore| like this| living)"

# -- crisis: never negated (err on the side of safety), except the lookbehinds below
CRISIS_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("suicidal_thoughts", _any(r"\bsuicid\w*", r"\bunalive\b", r"\bend myself\b")),
    (
        "self_harm",
        _any(
            rf"\b(?:kill|killing|killed|hurt|hurting|harm|harming|cut|cutting|burn|burning|starve|"
            rf"starving|off) {SELF}\b",
            r"\bself ?harm\w*",
            r"\bdo (?:something|anything) (?:\w+ )?to (?:my|him|her) ?self\b",
        ),
    ),
    (
        "method",
        _any(
            r"\bjump\w* (?:off|from) (?:a |the |my )?(?:\w+ )?(?:bridge|building|roof|cliff|"
            r"balcony|"
            r"window|tower)\b",
            r"\b(?:jump\w*|step\w*|walk\w*) in front of (?:a |the )?(?:train|bus|car|truck|"
            r"traffic)\b",
            r"\b(?:hang|hanging|shoot|shooting|drown|drowning|poison|poisoning) (?:my|him|"
            r"her) ?self\b",
            r"\bgun to (?:my|his|her) head\b",
            r"\b(?:lethal|fatal|deadly) (?:dose|amount|overdose)\b",
            r"\bhow (?:many|much) (?:\w+ ){0,4}(?:pills|tablets|meds|medications?|morphine|oxy\w*|"
            r"insulin)\b(?: \w+){0,5} (?:to die|to kill|to not wake up|to never wake up|to end it|"
            r"to overdose)\b",
        ),
    ),
    (
        "wish_to_die",
        _any(
            r"(?<!not )(?<!never )\b(?:want|wants|wanted|wanting|wish|wishes|wishing|ready|trying|"
            r"going|planning|plan|hoping|hope|would like|deserve) to die\b",
            r"\b(?:painless|easy|quick|best|easiest|quickest|fastest|simplest) ways? to (?:die|go|"
            r"end (?:it|my life))\b",
            r"\bso (?:that )?(?:i|he|she) (?:can|could|will|would|might) (?:just )?die\b",
            r"\blet (?:me|him|her) die\b",
            r"\bwish (?:i|he|she) (?:was|were|could|would|had) (?:just )?(?:be )?(?:dead|die|died|"
            r"never been born|not woken up|never woke up)\b",
            r"\b(?:better off|rather be) dead\b",
        ),
    ),
    (
        "end_life",
        _any(
            r"\b(?:end|ending|ended|take|taking|took) (?:my|his|her|their) (?:own )?(?:life|"
            r"lives)\b",
            r"\b(?:to|i|just|and|can|could|will|would|should|might|of|about|plan|"
            r"planning) (?:just )?"
            r"(?:end|ending) (?:it|it all|everything|things|my suffering)\b",
        ),
    ),
    (
        "not_want_to_live",
        _any(
            r"\b(?:do not|does not|did not|not|no longer|never) (?:want|wish|care|need) to (?:live|"
            rf"be alive|exist|keep living|wake up|(?:go on|keep going|be here|be around|carry on)"
            rf"{CLAUSE_END})\b",
            r"\b(?:want|wish|wants) to (?:disappear|vanish|stop existing|not exist|not be here|"
            r"not be alive)\b",
            r"\b(?:want|wants|wish|ready|going) to stop (?:living|being alive|existing|"
            r"breathing)\b",
        ),
    ),
    (
        "hopelessness",
        _any(
            r"\bno (?:reason|point|purpose) (?:in |to |for )?(?:\w+ ){0,2}(?:living|live|going on|"
            r"keep going|keep living|being alive|being here|life|anymore)\b",
            r"\b(?:what is|do not see|see no|there is no|is there) (?:even )?(?:the |a |"
            r"any )?point "
            r"(?:of|in) (?:\w+ ){0,2}(?:living|going on|life|anymore|being here|carrying on|"
            r"continuing|being alive)\b",
            r"\bwhat is the point anymore\b",
            r"\bnot worth living\b",
            r"\b(?:life|living|everything) (?:has no|has lost (?:its|all)|without any|is without) "
            r"(?:\w+ )?(?:meaning|purpose|point)\b",
            r"\bno (?:meaning|purpose) (?:in|to) (?:my )?(?:life|living)\b",
            r"\b(?:my )?life (?:is|feels) (?:so |completely |totally )?(?:meaningless|pointless|"
            r"hopeless|worthless)\b",
            r"\blife (?:is not|is no longer|not) (?:\w+ )?worth\b",
            r"\bwant (?:it|this|everything|it all) (?:all )?to (?:be over|end|stop)\b",
            rf"\bcan not (?:(?:go on|keep going|carry on){CLAUSE_END}|do this anymore|"
            r"take (?:it|this|much more) anymore|live like this)\b",
            r"\bgiv(?:e|ing) up on (?:life|living|myself|everything|it all)\b",
            r"\b(?:want|ready|going) to give up\b(?! on (?:chemo|treatment|massage|the|my \w+))",
        ),
    ),
    (
        "never_wake",
        _any(
            r"\b(?:wish|want|hope|hoping|pray\w*) (?:\w+ ){0,7}(?:never|not) wake up\b",
            r"\bto (?:never|not) wake up\b",
            r"\b(?:think|thinking|thought|dream\w*|fantasi\w*) (?:\w+ ){0,3}(?:about |of )?"
            r"(?:not|never|no longer) wak(?:e|ing) up\b",
            r"\bi (?:do not|would rather not) (?:want to )?wake up\b",
            r"\bsleep forever\b",
        ),
    ),
    (
        "burden",
        _any(
            r"\b(?:i am|i feel|feel like|i have become|i became|i will be|i would be|of being|"
            r"such) "
            r"(?:\w+ ){0,3}burden\b",
            r"\b(?:want|wanting|hate|tired of|sick of) (?:to be|being) (?:\w+ ){0,2}burden\b",
            r"\bburden (?:to|on|for) (?:everyone|everybody|every one|my family|my kids|my children|"
            r"my husband|my wife|my partner|them|others|the people|people|him|her)\b",
            r"\bdrag\w* (?:everyone|everybody|my family|them|us|people|others) down\b",
        ),
    ),
    (
        "overdose_intent",
        _any(
            r"\b(?:thinking|thought|think|plan\w*|going|want\w*|tempted) (?:of|about|"
            r"to)? ?(?:taking|"
            rf"take|swallow\w*) (?:all|a bunch|the whole|every|enough)\b(?: \w+){{0,3}} "
            rf"(?:{PILLS}|bottle)\b",
            r"\b(?:sav|stockpil|hoard|collect|stash)\w* (?:up )?(?:my |his |her |all |"
            r"the )?(?:\w+ )?"
            r"(?:pills|meds|medications?|tablets)\b",
            r"\boverdos\w* (?:on purpose|to die|deliberately)\b",
        ),
    ),
    (
        "better_off_without",
        _any(
            r"\b(?:better off|fine|happier|okay|ok|better|easier) without (?:me|him|her)\b",
            r"\b(?:would|will|be) (?:all )?(?:be )?better off\b(?= \.|$| ,| if| when)",
        ),
    ),
)
GONE_CLAUSE = _any(
    r"\b(?:if|when|once|after) (?:i|he|she) (?:\w+ ){0,2}(?:am |was |were |is )?"
    r"(?:gone|dead|not here|not around|did not exist|disappeared|died)\b"
)
OTHERS_BETTER = _any(r"\b(?:better|happier|easier|notice|care|miss|relief|relieved|burden)\b")
ACCIDENTAL_HURT = _any(
    r"\b(?:can|could|might|would|will) (?:i|you|he|she) (?:\w+ )?hurt (?:my|him|her|your) ?self "
    r"(?:with|using|by|during|doing|if|when|on)\b(?: \w+){0,3} (?:massage\w*|roller|gun|ball|"
    r"stretch\w*|exercis\w*|pressure|tool|device|theragun)\b"
)

# -- emergency: (detail, pattern, negatable)
EMERGENCY_PATTERNS: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    (
        "breathing",
        _any(
            r"\b(?:can not|could not|unable to|hard to|hardly|barely|struggling to|struggle to|"
            r"trouble|difficulty|difficult to|problems?|hard time|fighting to|"
            r"fight to) (?:\w+ ){0,3}"
            r"(?:breath(?:e|ing|in)?|air)\b",
            r"\bbreath(?:e|ing)? (?:is |are |has been |feels |getting |gets |got |is getting )?"
            r"(?:really |very |so |super |kind of |a bit )?(?:hard|difficult|bad|labou?red|shallow|"
            r"fast|rapid|noisy|raspy|tough|weird|off|funny|strange|heavy|loud|gurgling|rattling)\b",
            r"\bshort(?:ness)? of breath\b",
            r"\bout of breath\b",
            r"\bbreathless\w*",
            r"\bgasping\b",
            r"\bsuffocat\w*",
            r"\bchoking\b",
            r"\bcan not get (?:enough )?air\b",
            r"\bnot (?:been )?(?:able to )?breath(?:e|ing)\b",
        ),
        True,
    ),
    (
        "blue_lips",
        _any(
            r"\b(?:lips|face|fingers|skin) (?:are |is )?(?:turning |going |look |"
            r"looks )?(?:blue|gray|grey)\b"
        ),
        True,
    ),
    (
        "chest_pain",
        _any(
            r"\bchest (?:\w+ ){0,2}(?:pain|pains|hurts?|hurting|ache|aches|aching|tight|tightness|"
            r"pressure|heavy|heaviness|squeez\w*|burning|crushing)\b",
            r"\b(?:pain|pains|pressure|tightness|heaviness|ache|squeezing|burning|crushing|hurts) "
            r"(?:in|on|across|around|through) (?:my |his |her |the )?chest\b",
            r"\bheart attack\b",
            r"\bchest (?:\w+ ){0,3}(?:on fire|elephant|sitting on|weight on|being crushed|"
            r"in a vise)\b",
            r"\bchest\b(?: \w+){0,8} (?:jaw|left arm)\b",
        ),
        True,
    ),
    (
        "coughing_blood",
        _any(
            r"\b(?:cough\w*|spit\w*|vomit\w*|throw\w* up|threw up|"
            r"puk\w*) (?:up )?(?:\w+ ){0,5}blood\b",
            r"\bblood in (?:my |his |her |the )?(?:vomit|puke|cough|spit|stool|poop|sputum)\b",
            r"\b(?:black|tarry) (?:tarry )?(?:stool|poop)s?\b",
        ),
        True,
    ),
    (
        "heavy_bleeding",
        _any(
            r"\b(?:heavy|heavily|severe|lots of|a lot of|so much|too much|tons of|gushing|pouring|"
            r"profuse\w*|uncontroll\w*|massive) (?:\w+ ){0,2}(?:bleed\w*|blood)\b(?! flow| "
            r"circulation| cells?| tests?| work| pressure| counts?| sugar| thinners?)",
            r"\bbleed\w* (?:\w+ ){0,2}(?:heavily|a lot|so much|badly|profusely|everywhere|non stop|"
            r"nonstop)\b",
            r"\b(?:will not|would not|does not|can not|not|never) stop (?:the )?bleed\w*",
            r"\b(?:bleed\w*|blood)\b(?: \w+){0,8} (?:will not|would not|does not|can not|is not|"
            r"not) "
            r"stop(?:ping)?\b",
            r"\bblood everywhere\b",
            r"\bhemorrhag\w*",
            r"\bsoak\w* (?:through )?(?:\w+ ){0,2}(?:pads?|bandages?|dressings?|towels?)\b",
        ),
        True,
    ),
    (
        "stroke_signs",
        _any(
            r"\bslurr(?:ed|ing)\b",
            r"\b(?:face|mouth|smile) (?:\w+ ){0,2}droop\w*",
            r"\bdroop\w* (?:face|mouth|smile)\b",
            r"\bone side of (?:my |his |her |the )?(?:body|face)\b",
            r"\b(?:having|had|has|is having|having had) a stroke\b",
            r"\b(?:stroke (?:symptoms|signs)|signs of (?:a )?stroke)\b",
        ),
        True,
    ),
    (
        "sudden_weakness_or_confusion",
        _any(
            r"\b(?:sudden|suddenly|all of a sudden)\b(?: \w+){0,4} (?:confus\w*|weak\w*|numb\w*|"
            r"dizz\w*|can not (?:talk|speak|see|move|walk|stand)|slurr\w*|droop\w*|paraly\w*|blind|"
            r"collaps\w*)",
            r"\bcan not (?:move|feel) (?:my |his |her )?(?:right |left )?(?:arm|leg|legs|hand|face|"
            r"side)\b",
            r"\bcan not (?:find|get) (?:my|his|her|their) words\b",
        ),
        True,
    ),
    (
        "confusion",
        _any(
            rf"\b(?:he|she|they|{KIN}) (?:is|are|seems|seem|became|becoming|got|gets|getting|looks|"
            r"acting|has been|is acting)(?: \w+){0,2} (?:confus(?:ed|ion)|disoriented|delirious)\b",
            r"\bconfus(?:ed|ion) and (?:dizzy|weak|drowsy|sleepy|disoriented)\b",
            rf"\b(?:he|she|they|{KIN}) (?:is |are )?not making (?:any )?sense\b",
            r"\bdelirious\b",
        ),
        True,
    ),
    (
        "unresponsive",
        _any(
            r"\b(?:barely|can not|could not|hard to|not able to) (?:wake|rouse) (?:him|her|them|me|"
            r"up)\b",
            r"\b(?:will not wake up|not waking up|unresponsive|unconscious|lost consciousness)\b",
            r"\b(?:will not|would not|does not|is not|can not|not) (?:answer|answering|respond|"
            r"responding)(?: to)? (?:me|us)\b",
            r"\b(?:is not|not) responding\b",
        ),
        True,
    ),
    (
        "fainting",
        _any(
            r"\bfaint(?:ed|ing)?\b",
            r"\bpass(?:ed|ing|es)? out\b",
            r"\bblack(?:ed|ing)? out\b",
            r"\bcollaps(?:ed|ing|e)\b",
        ),
        True,
    ),
    ("seizure", _any(r"\bseizures?\b", r"\bconvuls\w*"), True),
    (
        "spinal_cord",
        _any(
            r"\bcan not (?:feel|move) (?:my |his |her )?legs\b",
            r"\b(?:lost|losing|lose|no) control (?:of|over) (?:my |his |her )?(?:bladder|bowels?|"
            r"pee|"
            r"poop)\b",
        ),
        True,
    ),
    (
        "allergic_reaction",
        _any(
            r"\bthroat (?:\w+ ){0,4}(?:closing|swell\w*|tight\w*)\b",
            r"\b(?:tongue|lips?) (?:\w+ ){0,2}(?:swell\w*|swollen)\b",
            r"\banaphyla\w*",
            r"\bsevere allergic\b",
        ),
        True,
    ),
    (
        "overdose",
        _any(
            r"\b(?:took|taken|take|taking|swallowed|swallow|ate)\b(?: \w+){0,3} (?:too many|"
            r"too much|"
            r"a bunch of|a handful of|the whole bottle of|a whole bottle of|all (?:of )?(?:my|the|"
            r"his|"
            rf"her))\b(?: \w+){{0,3}} {PILLS}\b",
            r"\boverdos\w*",
        ),
        True,
    ),
    (
        "severe_pain",
        _any(
            r"\b(?:worst|sudden|severe|unbearable|excruciating|terrible) (?:\w+ )?headache\b",
            r"\b(?:unbearable|excruciating) pain\b",
            r"\bpain is (?:unbearable|excruciating|10 out of 10)\b",
        ),
        True,
    ),
    (
        "possible_clot",
        _any(
            r"\b(?:think|worried|afraid|scared|feel like|might|may)\b(?: \w+){0,3} (?:have|has|got|"
            r"having|is|be) (?:a )?(?:blood )?(?:clot|dvt)\b",
            r"\b(?:could|do|might|does) (?:i|he|she) have (?:a )?(?:blood )?(?:clot|dvt)\b",
        ),
        True,
    ),
    (
        "asks_for_emergency_help",
        _any(
            r"\b(?:call|dial|calling|phone) (?:an ambulance|911|999|112|000)\b",
            r"\b(?:go|going|take \w+|get \w+) to (?:the )?(?:er|emergency room|"
            r"emergency department|"
            r"a and e)\b",
            r"\b(?:is (?:this|it|that)|this is|it is) an emergency\b",
            r"\bambulance\b",
        ),
        False,
    ),
)
LEGS_FAILING = _any(
    r"\blegs? (?:are |is |feel |feels |went |have gone |getting |keep )?(?:\w+ ){0,2}(?:numb|"
    r"weak|giving out|give out|gave out|paralyz\w*)\b"
)
BACK_PAIN = _any(
    r"\bback\b(?: \w+){0,4} (?:pain|hurts?|hurting|killing|aching|agony)\b",
    r"\b(?:pain|hurts?|ache) (?:in )?(?:my |his |her )?(?:lower |upper )?back\b",
)
LIMB_LEG = frozenset({"calf", "calves", "leg", "legs", "thigh", "thighs", "ankle", "knee"})
LIMB_ARM = frozenset({"arm", "arms", "forearm"})
SWELLING = frozenset(
    {"swollen", "swelling", "swelled", "swells", "puffy", "bigger", "enlarged", "larger", "fatter"}
)
LEG_SIGNS = frozenset(
    {
        "red",
        "redness",
        "hot",
        "warm",
        "painful",
        "pain",
        "hurts",
        "hurting",
        "hurt",
        "sore",
        "tender",
        "throbbing",
        "aching",
        "achy",
        "cramping",
    }
)
ARM_SIGNS = frozenset({"red", "redness", "hot", "warm"})
FEVER = _any(
    r"\b(?:fever\w*|febrile|burning up|temperature|temp|thermometer|rigors|shaking "
    r"chills|chills)\b"
)
STRONG_FEVER = frozenset(
    {"fever", "fevers", "feverish", "febrile", "burning up", "rigors", "shaking chills"}
)
NUMBER = _any(r"\b(\d{2,3}(?:\.\d+)?)(?: degrees)?(?: (f|c|fahrenheit|celsius))?\b")
TREATMENT = _any(
    r"\b(?:chemo\w*|chemotherapy|infusions?|immunotherapy|treatment|transplant|neutropeni\w*|"
    r"radiation|cancer|oncolog\w*|port|picc|leukemia|lymphoma|myeloma)\b",
    r"\b(?:low (?:white|counts|blood counts)|counts are low)\b",
)

# Broad vocabularies a classifier-only safety vote must touch: they keep the
# classifier to paraphrases of real symptoms or distress, not idioms that merely
# sound like them ("the summit took my breath away").
EMERGENCY_CUES = _any(
    r"\b(?:breath\w*|air|chest|heart|blood|bleed\w*|pain\w*|hurt\w*|swell\w*|swollen|fever\w*|"
    r"temp\w*|faint\w*|pass\w* out|dizz\w*|confus\w*|numb\w*|weak\w*|collaps\w*|seizure\w*|"
    r"vomit\w*|throw\w* up|cough\w*|lips|jaw|throat|tongue|blue|gray|grey|emergency|"
    r"ambulance|wake|not (?:respond|answer)\w*|unconscious|fell|fall\w*|head|stroke|slurr\w*|"
    r"droop\w*|chok\w*|gasp\w*|wheez\w*|racing|pounding|sweat\w*|clammy|pale|legs?|arm|calf|"
    r"speak|talk\w*)\b"
)
CRISIS_CUES = _any(
    r"\b(?:die|dying|dead|death|suicid\w*|kill\w*|hurt\w*|harm\w*|burden|hopeless\w*|"
    r"worthless|pointless|alive|live|living|life|gone|disappear\w*|without me|better off|"
    r"wake up|pills|overdose|bridge|jump\w*|gun|rope|cut\w*|goodbye|letters?|anymore|give up|"
    r"giving up|tired of|sick of|done with|want out|no point|no reason|nothing matters|"
    r"favou?r|exist\w*|end (?:it|my life|things|everything))\b"
)
SAFETY_CUES = {"emergency": EMERGENCY_CUES, "crisis": CRISIS_CUES}

# -- injection and attempts to change the assistant
INJECTION_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "instruction_override",
        _any(
            r"\b(?:ignore|disregard|forget|override|bypass|drop) (?:\w+ ){0,3}(?:instructions?|"
            r"rules?|prompts?|guidelines?|directions?|programming|restrictions?|guardrails?|safety|"
            r"polic(?:y|ies)|filters?|previous|above|everything|all that|training)\b",
            r"\bnew instructions\b",
            r"\bfrom now on\b(?: \w+){0,3} (?:you|answer|respond|reply|always|only|say)\b",
            r"\b(?:developer|dan|admin|sudo|root|god) mode\b",
            r"\bjailbr\w*",
            r"\bno (?:restrictions|filters|limits|safety rules|rules)\b",
            r"\b(?:unrestricted|unfiltered|you must obey)\b",
            r"^(?:system|developer|admin|assistant) \.",
            r"\b(?:system|developer) (?:message|override|note)\b",
            r"\bverified (?:physician|doctor|clinician|nurse|admin\w*|developer)\b",
            r"\b(?:so|therefore|which means) you (?:can|may|are allowed to|must|should) (?:now )?"
            r"(?:tell|give|share|reveal|ignore|answer|skip|bypass)\b",
            r"\bact as dan\b",
        ),
    ),
    (
        "prompt_request",
        _any(
            r"\b(?:system|hidden|initial|original|secret|developer|internal) (?:prompts?|messages?|"
            r"instructions?|settings?|rules)\b",
            r"\b(?:reveal|show|print|display|repeat|output|tell me|give me|list|share|dump|"
            r"what are|"
            r"what is|what were) (?:me )?(?:\w+ ){0,2}(?:your|the) (?:\w+ )?(?:prompts?|"
            r"instructions|"
            r"rules|settings|configuration|config|guidelines|directives)\b",
            r"\brepeat (?:\w+ ){0,2}(?:text|words|everything|message) above\b",
            r"\bwhat (?:ai |language )?model are you\b",
            r"\bwho (?:made|built|programmed) you\b",
        ),
    ),
    (
        "role_play",
        _any(
            r"\b(?:act|acting|behave|respond|answer|talk|speak|reply) (?:as|like) (?:a|an|my|the|"
            r"if|"
            r"one|though)\b",
            r"\bpretend(?:ing)? (?:to be|you are|that you|you)\b",
            r"\brole ?play\w*",
            r"\b(?:you are now|imagine you are)\b",
            r"\byou are (?:\w+ ){0,2}(?:doctor|physician|oncologist|nurse|surgeon|pharmacist|dr|md|"
            r"psychiatrist|human|character) now\b",
            r"\byou are (?:now |going to be |a |an |my )+(?:\w+ )?(?:doctor|physician|oncologist|"
            r"nurse|surgeon|pharmacist|dr|md|psychiatrist|human|character)\b",
        ),
    ),
)

GREETING = _any(
    r"^(?:(?:hi|hello|hey|heya|hiya|howdy|yo|greetings|good (?:morning|afternoon|evening|night|"
    r"day)|thanks|thank you|thankyou|many thanks|ok|okay|k|cool|great|awesome|nice|got it|bye|"
    r"goodbye|good bye|see you|see ya|cheers|how are you(?: doing)?(?: today)?|nice to meet you|"
    r"you are welcome|welcome|appreciate it)(?: there| so much| very much| again| all| everyone|"
    r" you| a lot| bot| friend| today| for (?:your|the) help| for helping)*(?: [.,])*\s*)+$"
)

# -- clinical
LAB = _any(
    r"\b(?:platelets?|plts?|plt count|wbc|white (?:blood )?(?:cell )?counts?|white cells|"
    r"neutrophils?|anc|hemoglobin|haemoglobin|hgb|hematocrit|inr|labs?|lab (?:results?|work|"
    r"values?|tests?)|blood ?work|bloodwork|blood tests?|tumou?r markers?|psa|ca 125|cea|"
    r"neutropeni\w*|anemic|anaemic|thrombocytopeni\w*)\b",
    r"\b(?:blood|white|red|platelet|cell|wbc|rbc|low|their|his|her|my) counts?\b",
    r"\bcounts (?:are|were|is|was|have been|came back) (?:\w+ )?(?:low|down|dropping|up|high|bad|"
    r"weird)\b",
)
DEVICE = _any(
    r"\b(?:port|ports|port a cath|portacath|mediport|power port|picc|pic line|central line|"
    r"iv line|catheter|cath|drains?|stents?|ostomy|colostomy|ileostomy|urostomy|stoma|"
    r"feeding tube|chest tube|g tube|peg tube|pump|tissue expanders?|expanders?|implants?|"
    r"pacemaker|nephrostomy|tracheostomy|trach)\b"
)
SITE = _any(
    r"\b(?:incisions?|scars?|stitches|sutures|staples|wounds?|surgical site|surgery site|"
    r"biopsy site|mastectomy|lumpectomy|reconstruction|lymphedema|lymphoedema|radiated|"
    r"irradiated)\b",
    r"\bradiat\w* (?:\w+ ){0,3}(?:skin|site|area|burns?|field|rash)\b",
    r"\b(?:skin|area|site)\b(?: \w+){0,4} radiat\w*",
    r"\blymph nodes? (?:\w+ ){0,2}(?:removed|taken|out)\b",
    r"\b(?:took|taken|removed) (?:out )?(?:my |his |her )?lymph nodes?\b",
    r"\b(?:arm|hand|leg|ankle|foot|feet|breast|chest|neck|belly|abdomen|stomach) (?:\w+ ){0,3}"
    r"(?:swollen|swelling|swells|puffy)\b",
    r"\bswollen (?:arm|hand|leg|ankle|foot|feet|breast)\b",
    r"\b(?:swelling|swollen|puffiness) (?:in|of|on) (?:my|his|her|the) (?:\w+ )?(?:arm|hand|leg|"
    r"ankle|foot|feet|breast|chest|neck)\b",
)
MEDICATION = _any(
    r"\b(?:blood thinners?|anticoagulants?|warfarin|coumadin|eliquis|apixaban|xarelto|"
    r"rivaroxaban|heparin|lovenox|enoxaparin|plavix|clopidogrel|aspirin|ibuprofen|advil|motrin|"
    r"tylenol|acetaminophen|naproxen|doses?|dosage|dosing|mgs?|milligrams?|steroids?|"
    r"dexamethasone|decadron|prednisone|opioids?|morphine|oxycodone|oxy|hydrocodone|fentanyl|"
    r"dilaudid|tramadol|ativan|lorazepam|xanax|meds|medications?|pills?|tamoxifen|letrozole|"
    r"anastrozole|exemestane|herceptin|keytruda|opdivo|neulasta|neupogen|filgrastim|zometa|"
    r"xgeva|capecitabine|xeloda|prescriptions?|chemo (?:pills?|drugs?))\b",
    r"\b\d+ ?mg\b",
    r"\b(?:my|his|her) (?:\w+ )?medicines?\b",
)
CANCER_QUESTION = _any(
    r"\b(?:lump|bump|mass|knot|spot|mole|growth|nodule|swelling)\b(?: \w+){0,6} (?:cancer\w*|"
    r"tumou?r|malignant)\b",
    r"\b(?:is|could|might|can|would) (?:this|it|that|these|those) (?:\w+ ){0,4}(?:be )?"
    r"(?:cancer\w*|a tumou?r|malignant)\b",
    r"\bmy (?:\w+ )?cancer (?:\w+ ){0,2}(?:spread\w*|back|returned|coming back|come back|growing|"
    r"grown|worse|progress\w*)\b",
    r"\b(?:mean|means|meaning|sign|signs) (?:that )?(?:my|his|her|the) (?:\w+ )?(?:cancer|"
    r"tumou?r)\b",
    r"\bdo (?:i|you think i) have cancer\b",
    r"\b(?:tumou?r|cancer) (?:is )?(?:growing|spreading)\b",
)
DECISION = _any(
    rf"\b(?:should|can|could|do|must|ought to|shall) (?:i|we|he|she|my {KIN})\b(?: \w+){{0,4}} "
    r"(?:stop|skip|cancel|delay|postpone|pause|quit|change|switch|refuse|miss|reschedule|avoid|"
    r"wait|up|increase|double|lower|decrease|halve|adjust|raise|push|move|hold|put off|drop)\b",
    r"\b(?:up|increase|double|raise|lower|decrease|halve|adjust|change|skip|stop) (?:my|his|her) "
    r"(?:\w+ )?(?:dose|dosage|meds|medications?|pills)\b",
    rf"\b(?:i|he|she|my {KIN}) (?:want|wants|am going|is going|plan|plans|am thinking|is thinking|"
    r"thinking|might|may) (?:\w+ ){0,2}(?:stop|quit|give up on|give up|skip|end|refuse) "
    r"(?:my |his |her )?(?:chemo\w*|treatment|radiation|meds|medications?|immunotherapy|"
    r"surgery)\b",
)
DECISION_OBJECT = _any(
    r"\b(?:chemo\w*|chemotherapy|treatment|radiation|meds|medications?|medicine|pills?|doses?|"
    r"dosage|infusions?|surgery|massages?|appointments?|sessions?|immunotherapy|therapy)\b"
)
COND_TERMS = (
    r"(?:chemo\w*|chemotherapy|radiation|radiotherapy|treatment|infusions?|immunotherapy|surgery|"
    r"operation|transplant|cancer|leukemia|lymphoma|myeloma|tumou?rs?|mets|metastas[ei]s|"
    r"metastatic|lymphedema|neuropathy|clots?|dvt|osteoporosis|fractures?|neutropenic|anemic|"
    r"immunocompromised|stage \w+|rash|bruis\w*|swelling|swollen|pain|numb\w*|tingling|fever|"
    r"scars?|biopsy|mastectomy|lumpectomy|port|diagnosis|diagnosed|oncologist)"
)
PERSONAL_CONDITION = _any(
    rf"\b(?:i|he|she|we|my {KIN}|{KIN})\b (?:still |just |recently |also |currently |now )?"
    r"(?:(?:have|has|had|got|am|is|was|are|started|start|starting|finished|finishing|undergoing|"
    r"being|diagnosed|on|in)\b(?: \w+){0,4} |(?:get|gets|getting|receive|receiving) "
    rf"(?:my |his |her )?){COND_TERMS}\b",
    rf"\b(?:my|his|her) (?:\w+ )?{COND_TERMS}\b",
)
STRONG_PERMISSION = _any(
    r"\b(?:safe|ok|okay|alright|all right|fine|allowed|too much|dangerous|risky|a good idea|bad|"
    rf"good) for (?:me|him|her|us|my {KIN})\b"
)
PERMISSION = _any(
    rf"\b(?:can|could|may|should|shall|must) (?:i|he|she|we|my {KIN})\b (?:still |even |safely |"
    r"really |just |now |ever )?(?:get|have|book|go|do|receive|lie|use|put|massage|rub|schedule|"
    r"try|keep|continue|start|return|resume|let|apply|wait|stop|skip|cancel)\b",
    r"\bam i (?:allowed|able|ok|okay|safe|cleared)\b",
    r"\b(?:is|would|will) it be (?:safe|ok|okay|fine|alright) (?:if|when|for) (?:i|he|she|me|"
    r"him|her)\b",
    r"\b(?:when|how soon|how long) (?:can|should|until|before|do) (?:i|he|she)\b",
    r"\bis it too (?:soon|early|late)\b",
    r"\b(?:ok|okay|safe|fine|alright) to (?:get|have|book|do|go|put|use|lie)\b",
    r"\bis (?:a |it |this |that )?(?:\w+ ){0,3}(?:safe|ok|okay|fine|alright|allowed|too much)\b"
    r"(?= \.|$| ,| for| right now| today)",
    r"\b(?:can|could|should|may) (?:it|that|this|those|they|these|the area|the site|my \w+) "
    r"(?:still |safely )?be (?:massaged|touched|worked on|rubbed)\b",
    r"\b(?:would|will|could|can) (?:a |an |the |my )?(?:\w+ ){0,2}(?:therapist|masseuse|spa|"
    r"clinic) (?:\w+ ){0,2}(?:see|treat|work on|massage|take|accept) (?:me|him|her)\b",
)
PERSONAL_FEVER = _any(
    rf"\b(?:i|he|she|my {KIN}) (?:have|has|had|got|am running|is running|running|feel|feels) "
    r"(?:a )?(?:fever|temperature|temp|feverish)\b"
)

# -- topic
IN_SCOPE = _any(
    r"\b(?:massag\w*|masseu\w*|therap\w*|oncolog\w*|cancer\w*|chemo\w*|radiation|tumou?rs?|"
    r"lymphedema|s4om|society|summit|courses?|grants?|practitioners?|champions?|rep org|"
    r"phoenix college|education|educational|reflexology|aromatherapy|neuropathy|anxiety|nausea|"
    r"fatigue|pain|sleep|insomnia|insurance|caregiv\w*|treatment|surgery|mastectomy|platelets?|"
    r"patients?|survivors?|spa|bodywork|reiki|relax\w*|stress|mets|metasta\w*|leukemia|"
    r"lymphoma|myeloma|hospice|palliative|infusions?|side effects?|symptoms?|wellbeing|"
    r"well being|quality of life|hopeless\w*|depress\w*|mood|lotion|oils?|deep tissue|swedish|"
    r"back rub|touch|counts|port|scar|incision|biopsy|diagnos\w*|clinic|hospital|cure|"
    r"appointments?|sessions?|oncologists?|nurses?|care team|muscles?|soft tissue|benefits?)\b"
)
OFF_TOPIC = _any(
    r"\b(?:weather|forecast|rain|snow|python|javascript|java|sql|html|css|debug\w*|code|coding|"
    r"program(?:ming)?|algorithm|excel|spreadsheet|super bowl|world cup|nba|nfl|football|soccer|"
    r"baseball|basketball|hockey|tennis|golf|stocks?|bitcoin|crypto|invest\w*|mortgage|taxes|"
    r"recipe|cook\w*|bake|baking|dinner|lunch|movies?|films?|tv shows?|songs?|music|lyrics|"
    r"netflix|poem|poetry|story|essay|jokes?|riddle|capital of|president|prime minister|"
    r"elections?|politic\w*|flights?|airport|hotel|directions to|homework|math|equation|"
    r"translate|translation|car|cars|brakes|tires?|tyres?|phone|laptop|computer|wifi|password|"
    r"dating|horoscope|lottery|video games?|minecraft|fortnite)\b",
    r"\b\d+ (?:times|plus|minus|divided by|x) \d+\b",
)
MEDICAL_NOT_MASSAGE = _any(
    r"\b(?:survival (?:rate|rates|odds|chances?)|life expectancy|prognosis|cure\w*|diet|foods?|"
    r"eat|eating|supplements?|vitamins?|sugar|herbs?|causes?|screening|mammograms?|"
    r"colonoscopy|genetic testing|clinical trials?)\b",
    r"\bbest (?:\w+ )?(?:chemo\w*|treatments?|drugs?|medicines?|hospitals?|doctors?|"
    r"oncologists?|surgeons?)\b",
)
LEISURE_REQUEST = _any(
    r"\b(?:recommend|suggest)\w* (?:me )?(?:a |an |some )?(?:good |great |fun )?(?:book|novel|"
    r"movie|film|show|series|podcast|app|game|song|restaurant|recipe)s?\b"
)
MASSAGE_TOPIC = _any(
    r"\b(?:massag\w*|masseu\w*|therapists?|bodywork|reflexology|aromatherapy|reiki|touch|s4om|"
    r"society|summit|courses?|grants?|practitioners?|champions?|rep org|education\w*|"
    r"oncology massage)\b"
)
CREATIVE_TASK = _any(
    r"\bwrite (?:me )?(?:a|an|some) (?:\w+ )?(?:poem|story|essay|song|email|letter|code|function|"
    r"program|script|haiku|limerick|joke)\b",
    r"\btell me a joke\b",
)
FOLLOW_UP_REFERENCE = _any(r"\b(?:it|that|this|they|them|those|these|one|there)\b(?! (?:is|are) )")
"""A pronoun with nothing in the message to point at leans on the turns before."""
FOLLOW_UP_START = _any(
    r"^(?:what about|how about|and|also|what if|same|ok and|okay and|but|or|plus|then|so|even|"
    r"does that|is that|would that|and if|what for)\b"
)
