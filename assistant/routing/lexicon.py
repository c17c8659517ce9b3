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
CARE_TEAM_OWNER = _any(
    r"\bmy (?:new |old |own |lovely |regular |usual )?(?:oncologist|doctor|doc|nurse|gp|surgeon|"
    r"consultant|oncology team|care team|team|physio|pharmacist|massage therapist|therapist|"
    r"masseuse|masseur)s?\b"
)
"""A member of the care team named as the writer's ("my new oncologist is great"): it names
the writer's carer, not a condition, so it alone does not make a question personal."""
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
NEGATION_IDIOM_NEXT = frozenset({"tomorrow"})
"""A negator before these negates nothing ("drinking like there is no tomorrow")."""
CLAUSE_BREAKS = frozenset({".", ",", "but", "though", "however", "except", "yet", "although"})
NEGATION_STOPS = CLAUSE_BREAKS | {"and", "then", "now", "also", "plus"}
"""Where a negation's reach ends: "can not walk and has back pain" keeps the back pain."""
NEW_SUBJECT = frozenset({"i", "he", "she", "they", "we", "my", "his", "her", "it", "their"})
"""A negation stops at a new subject: in "no fever i can not breathe" the "no" is the fever's."""
STRONG_MEDICINE = (
    r"(?:(?:my|his|her|their|the) )?(?:morphine|oramorph|oxycodone|oxycontin|oxynorm|oxy|"
    r"fentanyl(?: patch(?:es)?)?|pain patch(?:es)?|codeine|tramadol|methadone|hydromorphone|"
    r"buprenorphine|diazepam|lorazepam|zopiclone|painkillers?|pain (?:pills|meds|killers|"
    r"tablets|medicine)|sleeping (?:pills|tablets)|opioids?)\b"
)
"""Medicines whose double dose is dangerous (opioids, sleeping tablets)."""
_GOING_PLACES = (
    r"(?:on|to|for|with|out|away|back|home|into|abroad|camping|travel\w*|visit\w*|see|"
    r"a|an|the|my|our|his|her|their)\b"
)
"""What follows "so I can go" when it is a plan (a trip, a wedding), not dying."""

LAY_MEDICINES = (
    r"(?:"
    # N06A antidepressants
    r"anti ?depressants?|ssris?|snris?|sertraline|zoloft|fluoxetine|prozac|citalopram|"
    r"escitalopram|lexapro|celexa|cipralex|venlafaxine|effexor|mirtazapine|remeron|amitriptyline|"
    r"paroxetine|paxil|seroxat|bupropion|wellbutrin|(?:mood|depression|happy) (?:pills|tablets|"
    r"meds)|"
    # N05B anxiolytics, N05C hypnotics and sedatives
    r"(?:sleeping|sleep) (?:pills|tablets|meds|medicine|medication|aids?)|zopiclone|"
    r"zolpidem|ambien|temazepam|(?:anxiety|nerve) (?:pills|tablets|meds|medicine|medication)|"
    r"diazepam|valium|lorazepam|ativan|alprazolam|xanax|clonazepam|klonopin|"
    # A04 antiemetics
    r"anti ?(?:sickness|nausea|emetics?)(?: (?:pills|tablets|meds|medicine|medication|drugs))?|"
    r"(?:sickness|nausea) (?:pills|tablets|meds|medicine|medication)|ondansetron|zofran|"
    r"metoclopramide|reglan|maxolon|domperidone|prochlorperazine|compazine|stemetil|cyclizine|"
    r"aprepitant|olanzapine|"
    # N02 analgesics (opioids, other analgesics), M01 anti-inflammatories
    r"pain ?killers?|pain (?:pills|tablets|meds|medicine|medication|patch(?:es)?|relief "
    r"(?:pills|tablets|meds|medicine|medication|patch(?:es)?))|opioids?|opiates?|morphine|"
    r"oramorph|oxycodone|oxycontin|oxynorm|oxy|codeine|co codamol|cocodamol|tramadol|"
    r"fentanyl|hydromorphone|dilaudid|hydrocodone|vicodin|percocet|norco|buprenorphine|"
    r"methadone|tapentadol|paracetamol|acetaminophen|tylenol|nsaids?|anti ?inflammator(?:y|ies)"
    r"(?: (?:pills|tablets|meds))?|ibuprofen|advil|motrin|nurofen|naproxen|aleve|aspirin|"
    r"celecoxib|celebrex|diclofenac|"
    # H02 corticosteroids
    r"steroids?|dexamethasone|decadron|prednisone|prednisolone|hydrocortisone|"
    # L02 endocrine therapy (hormone tablets and injections)
    r"hormone (?:pills|tablets|meds|medicine|medication|blockers?|injections?|jabs?)|"
    r"anti ?hormone (?:pills|tablets|meds|therapy)|aromatase inhibitors?|tamoxifen|letrozole|"
    r"femara|anastrozole|arimidex|exemestane|aromasin|zoladex|goserelin|leuprolide|lupron|"
    r"bicalutamide|enzalutamide|abiraterone|zytiga|"
    # C02, C03, C07, C08, C09 blood pressure medicines and diuretics
    r"(?:blood pressure|bp|heart) (?:pills|tablets|meds|medicine|medication)|water (?:pills|"
    r"tablets)|diuretics?|furosemide|lasix|beta blockers?|amlodipine|lisinopril|ramipril|"
    r"losartan|metoprolol|atenolol|bisoprolol|"
    # N03 antiepileptics used for nerve pain
    r"gabapentin|neurontin|pregabalin|lyrica|duloxetine|cymbalta"
    r")"
)
"""Medicines in the words patients use, by class: the WHO ATC level-2 therapeutic
groups (N06A antidepressants, N05B/N05C anxiolytics and hypnotics, A04 antiemetics,
N02 analgesics, M01 anti-inflammatories, H02 corticosteroids, L02 endocrine therapy,
C02/C03/C07/C08/C09 blood pressure medicines and diuretics, N03 antiepileptics), each
named by its lay words ("anti-sickness tablets", "water pills", "hormone tablets") and
its common generic and brand names (docs/routing.md, s30-10m)."""
CHANGE_A_MEDICINE = (
    r"(?:stop|stopping|stop taking|quit|quitting|skip|skipping|miss|misses|missing|"
    r"com(?:e|es|ing)? off|go(?:es|ing)? off|get(?:ting)? off|be off|wean(?:ing)? (?:\w+ )?off|"
    r"taper(?:ing)?(?: off| down)?|cut(?:ting)? (?:down|back|out)(?: on)?|reduc(?:e|ing)|"
    r"lower(?:ing)?|decreas(?:e|ing)|halv(?:e|ing)|take half|drop(?:ping)?|doubl(?:e|ing)|"
    r"increas(?:e|ing)|chang(?:e|ing)|switch(?:ing)?|swap(?:ping)?|replac(?:e|ing)|"
    r"delay(?:ing)?|put(?:ting)? off|postpon(?:e|ing)|paus(?:e|ing)|hold(?:ing)? off(?: on)?|"
    r"give up|giving up|ditch(?:ing)?|do without|(?:take|have) a break from|"
    r"take (?:less|fewer)|not take)"
)
"""Changing a medicine: stopping, skipping a dose, coming or weaning off, tapering, cutting
down, halving, swapping, delaying (present and -ing forms: "I stopped it last year" is a
story, not a decision to make)."""

PILLS = (
    r"(?:pills|tablets|meds|medications?|medicine|morphine|oxy\w*|opioids?|painkillers|doses?|"
    r"paracetamol|acetaminophen|tylenol|aspirin|ibuprofen|sleeping pills|sleeping tablets|"
    rf"{LAY_MEDICINES})"
)
SELF = r"(?:my ?self|him ?self|her ?self|them ?selves|themself)"
_NOT_AFTER_TREATMENT = "".join(
    f"(?<!{word} )"
    for word in (
        "chemo",
        "chemotherapy",
        "radiation",
        "radiotherapy",
        "rads",
        "treatment",
        "surgery",
        "infusion",
        "immunotherapy",
        "massage",
        "session",
        "it",
        "that",
        "this",
        "cancer",
    )
)
"""Lookbehinds: the word before is a treatment or "it", not a person ("chemo left me ...")."""
CLAUSE_END = r"(?= \.| ,|$| anymore| like this| living)"
PLAN_MADE = (
    r"\b(?:(?:have|has|got|had) (?:it|this|everything) (?:all )?|(?:it is|everything is|it has "
    r"been|everything has been) (?:all )?)(?:planned|planed|worked out|figured out|arranged|"
    r"sorted)\b"
)
MATTERS_NO_MORE = (
    r"\b(?:(?:it|this|that|any of (?:it|this)) (?:will not|would not|is not going to|does not|do "
    r"not) matter|(?:none of (?:it|this|that)|nothing) (?:will|would|is going to|does) matter|"
    r"(?:will not|would not) matter) (?:\w+ )?(?:after|"
    r"by|once|from|beyond|past|come) (?:\w+ ){0,2}(?:week|weekend|month|sunday|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|tomorrow|tonight|\d+\w*|birthday|christmas|then)\b"
)
"""C-SSRS plan with a date: "it won't matter after next week" said with a plan made."""

# -- crisis: never negated (err on the side of safety), except the lookbehinds below
EXPLANATION_DOUBTED = re.compile(
    r"\b(?:says|said|claims|claimed|insists|insisted|told (?:me|us))\b(?: \S+){0,10} "
    r"(?:but|though|except)\b"
)
"""An explanation reported and then doubted ("she says they are from the cat, but they are in
neat lines"): the accident it names does not explain a self-injury away (s32-14s)."""
_GOODBYES = (
    r"\b(?:(?:said|saying|says|say|made|done|did|bid|bade) (?:all )?(?:my|his|her|their) "
    r"(?:goodbyes|farewells)|(?:said|says|saying|bid|bade) (?:a |her |his |my )?"
    r"(?:goodbye|farewell) "
    r"to (?:everyone|everybody|(?:my|his|her|their) (?:whole )?(?:family|kids|children|friends|"
    r"sisters?|brothers?)))\b"
)
_LAST_TIME = (
    r"\b(?:last|final) (?:one|session|massage|time|visit|appointment)\b(?! (?:of|before|for "
    r"now|until|in|this|at|with the|on)\b)"
)
"""Goodbyes said to everyone, and "the last session / the last time": together, a goodbye
meant as the last (``CRISIS_PATTERNS``)."""

CRISIS_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "suicidal_thoughts",
        _any(
            # not a figure of speech ("social suicide", "career suicide", "suicide squad")
            r"(?<!social )(?<!career )(?<!political )(?<!fashion )(?<!professional )"
            r"\bsuicid\w*\b(?! (?:squad|drills?|doors?|sprints?|mission|bid)\b)",
            # s37-10s: the family, not one form ("unaliving myself", "unalived")
            r"\bun ?aliv(?:e|es|ed|ing)\b",
            r"\bend myself\b",
            r"\bsewer ?slid\w*",
        ),
    ),
    (
        "self_harm",
        _any(
            rf"\b(?:kill|killing|killed|hurt|hurting|harm|harming|cut|cutting|burn|burning|starve|"
            rf"starving|off) {SELF}\b",
            r"\bself ?harm\w*",
            r"\bdo (?:something|anything) (?:\w+ )?to (?:my|him|her) ?self\b",
            r"\b(?:hitting|hit|banging|bang|bashing|bash|slamming|slam|smashing) (?:my|his|her) "
            r"head (?:\w+ )?(?:against|into) (?:the |a )?(?:wall|walls|floor|door|headboard)\b",
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
            rf"\bhow (?:many|much) (?:\w+ ){{0,4}}(?:{PILLS}|insulin)\b(?: \w+){{0,3}} (?:would|"
            r"will|"
            r"could|does it take to|to) (?:kill|be fatal|be lethal|end it|end my)\b",
            r"\bhow (?:many|much) (?:\w+ ){0,4}(?:pills|tablets|meds|medications?|morphine|oxy\w*|"
            r"insulin)\b(?: \w+){0,5} (?:to die|to kill|to not wake up|to never wake up|to end it|"
            r"to overdose)\b",
        ),
    ),
    (
        "wish_to_die",
        _any(
            r"(?<!not )(?<!never )\b(?:want|wants|wanted|wanting|wish|wishes|wishing|ready|trying|"
            r"going|planning|plan|hoping|hope|would like|deserve) to die\b(?! of (?:boredom|"
            r"embarrassment|shame|laughter|laughing|curiosity|envy|jealousy|cringe|heat|hunger))",
            r"\b(?:painless|easy|quick|best|easiest|quickest|fastest|simplest) ways? to (?:die|go|"
            r"end (?:it|my life))\b",
            r"\bso (?:that )?(?:i|he|she) (?:can|could|will|would|might) (?:just )?die\b",
            r"\blet (?:me|him|her) die\b",
            r"\bwish(?:es|ed)? (?:i|he|she) (?:was|were|could|would|had) (?:just )?(?:be )?(?:dead|"
            r"die|"
            r"died|"
            r"never been born|not woken up|never woke up)\b",
            r"\b(?:better off|rather be) dead\b",
            r"\bwish(?:es|ed)? (?:i|he|she) (?:was|were|had|did) (?:not|never) (?:alive|here|born|"
            r"been born|"
            r"around|exist)\b",
            # s37-10s: a wish told as an errand first ("i want to stop all my treatment and
            # just die"), and thoughts of not being here (C-SSRS passive ideation)
            r"\b(?:want|wants|wanted|wish|wishes|wishing) to (?:\w+ ){1,6}and (?:just )?die\b"
            r"(?! (?:happy|laughing|of (?:laughter|embarrassment|shame)))",
            r"\b(?:think\w*|thought|dream\w*|fantasi[sz]\w*) (?:a lot |more and more |a bit )?"
            r"(?:about|of) (?:just )?(?:not being (?:here|around|alive)|no longer being (?:here|"
            r"around|alive)|not existing|disappearing for good)\b"
            # not a fear of missing what comes ("not being here for my kids growing up")
            r"(?! (?:for|to see|to watch|when|at|by the time|in time|anymore for)\b)",
            r"\bwish(?:es|ed)? (?:i|he|she) (?:could|would) (?:just )?(?:disappear|vanish|"
            r"stop existing|not "
            r"exist|cease to exist)\b",
        ),
    ),
    (
        "end_life",
        _any(
            r"\b(?:end|ending|ended|take|taking|took) (?:my|his|her|their) (?:own )?(?:life|"
            r"lives)\b",
            r"\b(?:to|i|id|how|me|him|her|just|and|can|could|will|would|should|might|of|about|plan|"
            r"planning|except|than|but) (?:just )?"
            r"(?:end|ending) (?:it|it all|everything|things|my suffering)\b",
            r"\b(?:no|only|one|see no|do not see a|can not see a|the only) (?:other )?way out\b"
            r"(?: \S+){0,4} (?:end|ending|die|dying|death|kill\w*|go)\b",
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
            r"\b(?:what is|(?:do|does|did|can|could) not (?:really |even )?see|see no|there is no|"
            r"is there) (?:even )?(?:the |a |any )?point "
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
            r"\b(?:want|ready|going) to give up(?= \.| ,|$| now| completely| already| altogether|"
            r" and| "
            r"on (?:life|living|everything|myself|it all)|(?: \w+)? (?:anymore|any more))",
        ),
    ),
    (
        "never_wake",
        _any(
            r"\b(?:wish\w*|want\w*|hop(?:e|es|ed|ing)|pray\w*) (?:\w+ ){0,7}(?:never|not) "
            r"wake up\b",
            r"\bto (?:never|not) wake up\b",
            r"\b(?:think|thinking|thought|dream\w*|fantasi\w*) (?:\w+ ){0,3}(?:about |of )?"
            r"(?:not|never|no longer) wak(?:e|ing) up\b",
            r"\bi (?:do not|would rather not) (?:want to )?wake up\b",
            r"\bsleep forever\b",
            r"\b(?:go to sleep|fall asleep|sleep) and (?:never|not) (?:have to )?(?:deal with|face|"
            r"feel|come back|see)\b(?: \w+){0,5} (?:again|anymore|ever)\b",
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
            r"\boverdos\w* (?:on purpose|to die|deliberately)\b",
            rf"\b{PILLS}\b(?: \S+){{0,12}} (?:thinking|think|plan\w*|going|gonna|want\w*|tempted|"
            r"ready|about) (?:of |about |to )?(?:take|taking|swallow\w*|down|neck\w*) (?:them all|"
            r"those all|these all|all of (?:them|those|these|it)|the (?:whole )?lot)\b",
            r"\b(?:plan\w*|going|want\w*|thinking|thought|think|tempted|consider\w*|intend\w*|"
            r"ready) (?:of |about |to )?(?:take |taking |do |doing |have |having )?(?:an |a )?"
            r"overdose\b",
        ),
    ),
    (
        "better_off_without",
        _any(
            r"\b(?:better off|fine|happier|okay|ok|better|easier) without (?:me|him|her)\b",
            r"\b(?:easier|better|happier|simpler|freer) (?:life|lives|time|days|future) without "
            r"(?:me|him|her)\b",
            r"\b(?:would|will|d) be better dead\b",
            r"\b(?:would|will|be) (?:all )?(?:be )?better off\b(?= \.|$| ,| if| when)",
        ),
    ),
    (
        "wish_to_die",
        _any(
            r"\b(?:would|will|might|could) be (?:so )?(?:easier|better|a relief|kinder|best|"
            r"simpler) (?:for (?:everyone|everybody|all of us|them|my family) )?if (?:the cancer|"
            r"cancer|it|this|god|death|the tumou?r) (?:just )?(?:took|takes|take|killed|kills|"
            r"finished|finishes|got|gets|came for) (?:me|him|her)\b",
            r"\b(?:hop\w*|pray\w*|wish\w*|want\w*) (?:\w+ ){0,4}(?:the cancer|cancer|it|god|"
            r"death|the tumou?r|a clot|the clot|an infection|a stroke|a heart attack|pneumonia) "
            r"(?:(?!not |never |does |do )\w+ ){0,6}(?:takes?|took|kills?|gets?|"
            r"finish\w*) (?:me|him|her)(?: (?:quickly|soon|fast|now|already|first))?\b",
            r"\blet (?:it|the cancer|cancer|nature|god|death) (?:just )?(?:take|have|win|finish) "
            r"(?:me|him|her)\b",
            r"\b(?:would|had|d) (?:much )?rather (?:just )?(?:die|be dead|not be here|"
            r"not wake up)\b",
            r"\bwant (?:this|it|everything|it all) (?:all )?(?:to be )?over with\b",
            r"\b(?:i|he|she) (?:want|wants) (?:this|it|everything|it all) (?:all )?over\b",
            r"\b(?:i|he|she) (?:have|has|is) had enough\b(?= \.| ,|$| of (?:being alive|being here|"
            r"life|living|everything|"
            r"it all|this life))",
        ),
    ),
    (
        "never_wake",
        _any(
            r"\b(?:go|going|went|goes) to sleep (?:and |to )?(?:never|not) wake up\b",
            r"\b(?:better|easier|nice|nicer|peaceful|good|lovely|a relief|best) (?:\w+ ){0,3}"
            r"(?:not|never|no) (?:to )?(?:wak(?:e|ing) up|waking)\b",
            r"\bnever wak(?:e|ing) up (?:again )?(?:sounds|seems|would be|feels)\b",
        ),
    ),
    (
        "burden",
        _any(
            r"\b(?:will not|would not) be (?:a )?(?:problem|burden|bother|trouble|nuisance) "
            r"(?:to anyone |for anyone |to you |for you |to them |for them |to my family )?"
            r"(?:much longer|for (?:much )?longer|for long|anymore|soon)\b",
        ),
    ),
    (
        "intent",
        _any(
            r"\b(?:do not|please do not|dont) (?:try to |even try to )?(?:talk|persuade) (?:me|him|"
            r"her) out of (?:it|this)\b",
            r"\blook like an accident\b",
            r"\b(?:kill|shoot) me(?: now)?\b(?: \w+){0,4} (?:seriously|i mean it|not joking|"
            r"i am not "
            r"joking|for real)\b",
            r"\b(?:made|make|making|have|has|got) (?:up )?(?:my|his|her) mind (?:up )?to (?:die|"
            r"end it|go|do it|kill)\b",
        ),
    ),
    (
        "method",
        _any(
            r"\b(?:thinking|thought|think|want\w*|tempted|going|plan\w*|could|might|urge|wish\w*|"
            r"consider\w*|feel like|picturing|picture|imagining|imagine|fantasi[sz]\w*) "
            r"(?:of |about |to )?(?:just |myself |me )?(?:driv\w*|crash\w*|steer\w*|"
            r"swerv\w*) (?:\w+ ){0,3}(?:into|off) (?:a |the |an )?(?:tree|wall|bridge|cliff|lorry|"
            r"road|motorway|highway|edge|"
            r"truck|oncoming (?:traffic|car|lorry|truck)|traffic|river|lake|sea|pole|barrier|"
            r"pillar|quarry)\b",
            r"\b(?:scissors|knife|knives|blade|razor|razors|glass|shard) (?:\w+ ){0,2}(?:against|"
            r"to|on|across|into|over) (?:my|his|her) (?:wrists?|throat|neck|veins?|arms?|skin)\b",
            r"\b(?:has|have|got|found|know|knows) (?:\w+ ){0,2}(?:own )?(?:way|plan|means) (?:of|"
            r"to|"
            r"for) (?:doing it|do it|end it|ending it|ending things|end things|going)\b",
            r"\b(?:have|has|had|made|making|got) (?:a|the|my|his|her) (?:\w+ )?plan (?:to|for) "
            r"(?:end|kill|die|do it|how|when)\b",
            r"\b(?:almost|nearly) (?:jumped|jump|went through with it|did it|hung|overdosed)\b",
            r"\b(?:rope|noose|ligature)\b(?: \w+){0,6} (?:neck|myself|himself|herself|hang\w*|"
            r"beam|loft)\b",
            r"\b(?:plastic bag over|bag over) (?:my|his|her) head\b",
            r"\b(?:use|turn|point|aim) (?:it|the gun|a gun|his gun|her gun|the knife|a knife) on "
            r"(?:my|him|her) ?self\b",
            r"\b(?:crash\w*|driv\w*|steer\w*|swerv\w*|wreck\w*) (?:\w+ ){0,3}(?:on purpose|"
            r"deliberately|intentionally)\b",
            r"\bhow (?:i|he|she) (?:would|could|will|might|am going to|is going to|would) do it\b",
            r"\b(?:car|engine) (?:running )?in (?:the|a) (?:closed )?garage\b",
        ),
    ),
    (
        "stopping_treatment_to_die",
        _any(
            rf"\b(?:stop\w*|quit\w*|refus\w*|skip\w*|not taking|throw\w* away|threw away|flush\w*|"
            rf"hiding|hid|ditch\w*) (?:\w+ ){{0,4}}(?:{PILLS}|chemo\w*|treatment|insulin|tablets|"
            r"eating|food|drinking|fluids|dialysis|oxygen|feeds?|tube feeds?)\b(?: \w+){0,6} "
            r"(?:on purpose|deliberately|intentionally|so (?:that )?(?:it is|it will be|"
            r"it would be|"
            # "so I can go" is dying said gently; "so I can go on a trip" is a plan.
            rf"it ends?|i can go(?! {_GOING_PLACES})|i go(?! {_GOING_PLACES})|i die|i can die|"
            r"he can die|she can die|this ends|it is over|"
            r"it goes) ?(?:quicker|faster|sooner|over|all over)?|so (?:that )?(?:it|this|"
            r"everything|"
            r"things|it all|i|he|she) (?:can |will |would |could |might )?(?:end|ends|be over|"
            r"is over|"
            r"die|dies|stop|stops)\b|to (?:die|speed (?:it|things) "
            r"up|hurry (?:it|things) (?:up|along)|end (?:it|this|things)|go quicker|get it over))",
            rf"\b(?:on purpose|deliberately|intentionally)\b(?: \w+){{0,4}} (?:stop\w*|quit\w*|"
            rf"skip\w*|not taking|refus\w*) (?:\w+ ){{0,3}}(?:{PILLS}|chemo\w*|treatment|eating|"
            r"food|tablets)\b",
            r"\b(?:stop\w*|stopped|not|quit|refus\w*) (?:eating|drinking)\b(?: \w+){0,4} (?:to die|"
            r"so (?:i|he|she|it|this) (?:can|will|could|would) (?:just )?(?:die|go|end|be over))\b",
        ),
    ),
    (
        "preparatory_acts",
        _any(
            r"\b(?:will not|would not) need (?:\w+ ){0,2}(?:anything|it|them|any of (?:it|this|"
            r"them)|"
            r"my things|my stuff|money|clothes)\b(?: \w+){0,2} (?:soon|much longer|anymore|"
            r"for long|"
            r"where i am going|after)\b",
            r"\b(?:writ\w*|wrote|written|left|leaving|leave|recorded|recording) (?:\w+ ){0,3}"
            r"(?:goodbye|suicide|farewell|final|last) (?:letters?|notes?|messages?|videos?)\b",
            r"\b(?:say\w*|said) (?:my )?goodbyes? to (?:everyone|everybody|my family|my kids|"
            r"my children|"
            r"them all|all of them|the kids)\b",
            r"\b(?:writ\w*|wrote|written) (?:\w+ ){0,2}letters? to (?:\w+ ){0,2}(?:in case|for "
            r"when i am gone|for after)\b",
        ),
    ),
    (
        # asking how much of a medicine it would take, a weapon looked at for a long time,
        # not planning to be around, choosing one's own ending, "do it myself" after dying
        "method",
        _any(
            rf"\bhow (?:many|much) (?:of )?(?:my |his |her |the |these |those )?(?:\w+ ){{0,2}}"
            rf"{PILLS}\b(?: \w+){{0,3}} (?:it )?(?:would|will|could) (?:it )?take\b"
            r"(?! to (?:help|work|feel|kick in|ease|get (?:to )?sleep|sleep))",
            r"\b(?:looked up|looking up|look up|googled|googling|searched|searching|researched|"
            r"researching|checked) (?:\w+ ){0,3}(?:how high|how tall|how deep|how far down|how far "
            r"the drop)\b(?: \w+){0,5} (?:bridge|building|cliff|drop|overpass|car park|parking "
            r"garage|tower|balcony|roof)\b",
            r"\b(?:looked up|looking "
            r"up|googled|googling|searched|searching|researched|researching) "
            r"(?:\w+ ){0,3}(?:lethal dose|fatal dose|overdose|how to hang|painless "
            r"way|quickest way "
            r"to die|how to die)\b",
        ),
    ),
    (
        "intent",
        _any(
            r"\bnot (?:planning|plan|going|intending) (?:on|to) (?:be|being|stay|staying|stick|"
            r"sticking) (?:around|here)\b",
            r"\b(?:choose|choosing|chose|pick|picking|decide|deciding) (?:my|his|her) own "
            r"(?:ending|end|death|time to go|exit|way out)\b",
            r"\b(?:die|dying|death|dead|wake up|waking up|end it|ending|alive|hospice)\b"
            r"(?: \S+){0,14} "
            r"(?:do it|end it|end things) (?:my|him|her) ?self\b",
        ),
    ),
    (
        "better_off_without",
        _any(
            r"\bbetter (?:off )?with one (?:less|fewer)\b",
            r"\b(?:better|easier) for (?:everyone|everybody|all of us|us all|all|the family|"
            r"my family|them) if (?:i|he|she) (?:was|were|is|am) (?:not|no longer|gone|dead)\b",
        ),
    ),
    (
        "self_harm",
        _any(
            rf"\b(?:hit|hits|hitting|punch\w*|slap\w*|scratch\w*|bash\w*) {SELF}\b",
        ),
    ),
    (
        "aborted_attempt",
        _any(
            r"\b(?:stood|standing|stand|sat|sitting|was|been|went|climbed|walked) (?:\w+ ){0,3}"
            r"(?:on|at|to|up|onto|over) (?:the |a )?(?:(?:edge|top) of (?:the |a )?)?(?:\w+ )?"
            r"(?:bridge|"
            r"ledge|cliff|roof|rooftop|railway|tracks|platform edge|balcony|car park|parking "
            r"garage|multistorey|multi storey|building|tower|overpass)\b(?: \w+){0,10} (?:did not|"
            r"could not|did not do it|almost|nearly|for (?:a )?(?:long|hours|ages)|for (?:an|"
            r"half an|"
            r"over an|about an|almost an) hour)\b",
        ),
    ),
    # -- C-SSRS wording told indirectly (session 21): the same concepts in the roundabout
    # words people use; each entry is a concept with several lay wordings, not a sentence.
    (
        # wish to be dead, passive: would not mind / be at peace if they did not wake up
        "never_wake",
        _any(
            r"\b(?:would not|would|will not|do not|does not|wouldn t) (?:really )?(?:mind|be "
            r"(?:okay|ok|fine|happy|glad|at peace|relieved|content))\b(?: \S+){0,4} (?:if|when) "
            r"(?:i|he|she) (?:just )?(?:did not|do not|does not|never|were to not|was to never) "
            r"(?:wake|woke|get up|come back)\b",
            r"\b(?:go|goes|went|going) to sleep and (?:that is|that was|that would be|it is|"
            r"it was) "
            r"(?:the end|it)\b",
            r"\b(?:sleep|asleep) and (?:never|not) (?:come|came) back\b",
            r"\b(?:would not|wouldn t|do not|does not|will not) (?:really |even )?mind (?:not|"
            r"never) (?:wak(?:e|i?ng) up|being here|being alive|being around|existing)\b",
        ),
    ),
    (
        "wish_to_die",
        _any(
            # death or not existing as a relief
            r"\b(?:relief|blessing|mercy|peaceful|peace|easier|kinder|nicer) (?:\w+ ){0,3}(?:to "
            r"(?:just )?)?(?:not (?:exist|be here|be around|be alive)|stop existing|be gone|die|be "
            r"dead)\b",
            r"\b(?:dying|death|being dead|not existing) (?:\w+ ){0,2}(?:sounds|seems|feels|would "
            r"be|looks) (?:\w+ ){0,2}(?:peaceful|like a relief|a relief|nice|welcome|easier|"
            r"better|good|like rest)\b",
            r"\b(?:think\w*|thought) (?:\w+ ){0,2}about (?:dying|death|being dead)\b"
            r"(?: \S+){0,10} (?:peaceful|relief|does not scare|do not scare|not scared|welcome|"
            r"comfort|ready)\b",
            # the illness asked to hurry up
            r"\b(?:cancer|tumou?r|disease|illness|it) (?:would |will |could |to |should |"
            r"can )?(?:just )?(?:hurry up|get on with it|finish (?:the job|me off|him off|her off)|"
            r"do its job|win already)\b",
            # pretending to want to live; done with everything
            r"\b(?:pretend\w*|act\w*|fak\w*) (?:that |like )?(?:i|he|she) (?:want|wants|like|"
            r"likes) (?:to )?(?:be here|be alive|live|living|keep going|go on)\b",
            r"\bwant (?:it )?to be (?:all )?done\b(?: \S+){0,6} (?:everything|with life|with "
            r"living|for good|forever|with it all)\b",
            r"\b(?:ready|want|wants|wanting) (?:for )?(?:it|this|everything|it all) (?:all )?to "
            r"(?:stop|end|be over)\b",
        ),
    ),
    (
        "hopelessness",
        _any(
            r"\b(?:stopped|stop|lost|losing) (?:\w+ )?(?:any|a|the|my|all) "
            r"(?:reason|point|purpose|will) (?:in |to |for )?(?:\w+ ){0,2}(?:living|live|going on|"
            r"go on|keep going|keep living|being alive|being here|carry on|carrying on|stay|"
            r"staying|continue|continuing|fight|fighting)\b",
            # treatment pointless because they will not be here
            r"\b(?:point|use|sense) (?:of|in|to) (?:\w+ ){0,5}(?:chemo\w*|treatment|radiation|"
            r"scans?|trying|fighting|going on|eating|taking|any of it)\b(?: \S+){0,6} (?:if|when|"
            r"since|because) (?:i|he|she) (?:will not|am not going to|is not going to|will never|"
            r"am not|is not|do not|does not) (?:even )?(?:be (?:here|around|alive)|make it|"
            r"survive|last|see)\b",
            r"\bhow (?:much )?longer (?:do|must|can|will) (?:i|he|she) (?:have to )?(?:keep "
            r"(?:going|living|pretending|fighting|this up)|go on|live like this|be here)\b",
        ),
    ),
    (
        "burden",
        _any(
            r"\b(?:i am|i feel|feel like|i have become|being|i will be|i would be|i am just|"
            r"he is|she is|he feels|she feels) (?:\w+ ){0,2}(?:a|such a|the|nothing but a|just a) "
            r"(?:\w+ )?(?:weight|drain|load|millstone|nuisance|inconvenience|dead weight) (?:on|to|"
            r"for) (?:everyone|everybody|my \w+|his \w+|her \w+|them|others|people|him|her|us)\b",
        ),
    ),
    (
        "better_off_without",
        _any(
            r"\b(?:would|will|could) (?:\w+ ){0,2}(?:be )?(?:freer|free|lighter|relieved|"
            r"better|happier|easier|fine|okay|ok|manage|cope|move on)\b(?: \S+){0,4} (?:if|once|"
            r"when) (?:i|he|she) (?:was|were|am|is|had) (?:not around|not here|gone|no longer "
            r"(?:here|around)|dead|died|out of the way|out of the picture)\b",
        ),
    ),
    (
        # means: the medicines that would do it, enough put aside, how many is too many
        "overdose_intent",
        _any(
            rf"\b(?:which|what|how many|how much|enough) (?:of )?(?:my |his |her |the |these |"
            rf"those )?"
            rf"(?:\w+ ){{0,2}}{PILLS}\b(?: \S+){{0,4}} (?:would|will|could|might) (?:do it|do the "
            r"job|be enough|finish (?:me|him|her)|end it|be too many|be too much)\b",
            rf"\benough (?:\w+ ){{0,2}}(?:{PILLS} )?(?:put aside|set aside|put by|stashed|"
            r"squirrel\w* away|saved up|stockpiled|hidden away|tucked away)\b",
            rf"\b{PILLS}\b(?: \S+){{0,8}} how (?:many|much) (?:\w+ ){{0,3}}(?:would|will|is|are|"
            r"does it take to) (?:be )?(?:too many|too much|fatal|lethal|enough to)\b",
            # s37-10s: the number worked out for oneself, the pills named before it (C-SSRS
            # preparatory acts: "got a few saved now ... i know how many i would need")
            rf"\b{PILLS}\b(?: \S+){{0,30}} (?:know|knows|worked out|figured out|calculated|"
            r"counted|checked) (?:exactly )?how (?:many|much) (?:i|he|she) (?:would|will|d) "
            r"(?:need|have to take)\b",
        ),
    ),
    (
        "method",
        _any(
            r"\b(?:tracks|railway|railroad|train|bridge|cliff|edge|roof|balcony|motorway|highway|"
            r"traffic|river|lake|sea|pills|tablets|knife|gun|rope|car|garage|overpass)\b"
            r"(?: \S+){0,8} (?:how easy|how quick|how quickly|how simple) (?:it )?(?:would|could) "
            r"be\b",
            r"\b(?:how easy|how quick|how simple) it (?:would|could) be to (?:just )?(?:end|stop|"
            r"go|"
            r"not be here|step|jump|drive|swerve|take|let go|disappear)\b",
            r"\b(?:have|has|got|had) (?:it|this|everything) (?:all )?(?:planned|planed|worked out|"
            r"figured out|arranged|sorted)\b(?: \S+){0,12} (?:last|final|goodbye|gone|not (?:be )?"
            r"(?:here|around))\b",
            # a plan, and a date after which nothing will matter, in either order
            rf"{PLAN_MADE}(?: \S+){{0,12}} {MATTERS_NO_MORE}",
            rf"{MATTERS_NO_MORE}(?: \S+){{0,12}} {PLAN_MADE}",
            # a plan said with an end to it ("after the wedding I'm done, I've worked out how")
            r"\b(?:i am|he is|she is) (?:so |just )?(?:done|finished|out)\b(?! with)(?: \S+){0,6} "
            r"(?:i|he|she) (?:have |has |had )?(?:worked out|figured out|planned|decided|know|"
            r"knows) (?:exactly )?(?:how|when)(?= \.| ,|$| and| until| so)",
            r"\b(?:i|he|she) (?:have |has |had )?(?:worked out|figured out|planned|decided) "
            r"(?:exactly )?how(?= \.| ,| and)(?: \S+){0,6} (?:i am|he is|she is) (?:so |just )?"
            r"done\b(?! with)",
        ),
    ),
    (
        # indifference to dying: "if I got hit by a bus I would not mind"
        "wish_to_die",
        _any(
            r"\bif (?:i|he|she) (?:just )?(?:got hit by|get hit by|died|dropped dead|did not wake "
            r"up|never woke up|was gone|were gone|was dead|were dead|passed away|got run over|"
            r"crashed|got killed)\b(?: \S+){0,6} (?:would not|wouldn t|will not|do not|does not) "
            r"(?:\w+ ){0,2}(?:mind|care|be (?:\w+ )?(?:upset|bothered|sad|sorry))\b",
            r"\b(?:i|he|she) (?:hope|hopes|wish|wishes|pray|prays|want|wants) (?:that )?(?:i|he|"
            r"she) (?:just |could |would |can |will )?(?:slip|slips|drift|drifts|fade|fades|pass|"
            r"passes) (?:away|off)\b(?: \S+){0,5} (?:soon|tonight|now|already|quickly|sooner)\b",
            r"\bsleep for good\b",
        ),
    ),
    (
        "hopelessness",
        _any(
            r"\bno future (?:for (?:me|him|her)|left|ahead of (?:me|him|her))\b",
            r"\bnothing(?:s| is)? (?:ever )?(?:going to|will|gonna) (?:get|be) (?:any )?better\b"
            r"(?: \S+){0,4} (?:why|what is the point|no point)\b",
            r"\bwhy (?:even )?(?:keep|bother) (?:trying|going on|fighting|living)\b(?! (?:to|"
            r"with|for|new|different|other|another|a|the|it|that|this)\b)",
        ),
    ),
    (
        "stopping_treatment_to_die",
        _any(
            r"\bso (?:that )?(?:the cancer|cancer|it|this|things|the end|death|the tumou?r) "
            r"(?:goes|go|will go|moves|spreads|comes|happens|will happen|ends|is over) (?:\w+ )?"
            r"(?:faster|quicker|sooner|more quickly)\b",
        ),
    ),
    (
        "wish_to_die",
        _any(
            r"\b(?:stop|stopped|stopping) (?:being here|existing|being alive|being around)\b",
            r"\b(?:pray\w*|hop\w*|wish\w*) (?:\w+ ){0,3}(?:will not|won t|do not|does not|never) "
            r"(?:see|make it to|wake to|live to see) (?:the |another )?(?:morning|tomorrow|day|"
            r"christmas|new year)\b",
            r"\b(?:only|one) thing (?:stopping|keeping|holding) (?:me|him|her) (?:back )?(?:from )?"
            r"(?:ending|doing|going|here|alive|killing|taking)\b",
        ),
    ),
    (
        "overdose_intent",
        _any(
            rf"\b{PILLS}\b(?: \S+){{0,4}} (?:would|will|could|to) (?:shut|kill|destroy|fry|wreck|"
            r"stop) (?:\w+ )?(?:my|your|his|her|the|a) (?:liver|kidneys|heart|breathing)\b",
        ),
    ),
    (
        "preparatory_acts",
        _any(
            r"\b(?:call\w*|phon\w*|ring\w*|rang|text\w*|messag\w*|visit\w*|writ\w*|wrote|went "
            r"round) (?:\w+ ){0,3}(?:everyone|everybody|all of us|the family|people|friends|"
            r"all (?:his|her|my|our) \w+|the kids|each of us) to say (?:a final |their |his |her |"
            r"my )?goodbyes?\b",
            r"\bletters?\b(?: \S+){0,8} (?:when|after|once|for when|in case) (?:i|he|she) "
            r"(?:am |is |have |has |was )?(?:gone|dead|died|passed|not here|not around)\b"
            rf"(?=(?: \S+){{0,12}} {PILLS}\b)",
        ),
    ),
    # s31-13c: the C-SSRS wish to be dead told as sleep that lasts, and a goodbye that is
    # meant as the last one (988 / SPRC warning signs: saying goodbye)
    (
        "never_wake",
        _any(
            r"\b(?:fall|falling|go|going) (?:to sleep|asleep) and (?:stay|staying) asleep (?:for "
            r"good|forever|for ever|and never)\b",
            r"\b(?:relief|peace|peaceful|bliss|a blessing|a mercy) (?:\w+ ){0,3}(?:to|if (?:i|he|"
            r"she)) (?:just )?(?:fall asleep|go to sleep|sleep) (?:and|then) (?:never|not) "
            r"(?:wake|come back)\b",
        ),
    ),
    (
        "preparatory_acts",
        _any(
            r"\bsay (?:a |my )?(?:proper |last |final |real )?goodbye\b(?: \S+){0,6} (?:do not|"
            r"will not|never|not) (?:think|expect|going) (?:\w+ ){0,3}(?:speak|talk|see|hear from) "
            r"(?:to )?(?:him|her|them|you) again\b",
        ),
    ),
    # s32-14s: goodbyes said, with a last or final session or time, in either order and
    # told by the person or by someone else (988 / SPRC warning signs: saying goodbye)
    (
        "preparatory_acts",
        _any(
            rf"{_GOODBYES}(?: \S+){{0,15}} {_LAST_TIME}",
            rf"{_LAST_TIME}(?: \S+){{0,15}} {_GOODBYES}",
        ),
    ),
    # s31-13c: self-injury seen on someone (a therapist, a parent): fresh cuts in rows or
    # lines on the forearms or thighs, hidden when seen (NHS / Samaritans warning signs)
    (
        "self_harm",
        _any(
            r"\b(?:fresh|new|neat|straight|parallel|rows of|lines of) (?:\w+ ){0,2}(?:cuts|"
            r"slashes|razor marks)\b(?: \S+){0,3} (?:on|across|along|up|down) (?:her|his|their|"
            r"both|my|the) (?:\w+ )?(?:forearms?|wrists?|thighs?|inner arms?|arms)\b"
            r"(?!(?: \S+){0,6} (?:from|after|by) (?:the |her |his |a |their |my )?(?:cat|cats|dog|"
            r"kitten|puppy|garden|gardening|roses?|brambles|surgery|biopsy|drip|cannula|fall|port|"
            r"op|operation))",
            r"\b(?:cuts|slashes|scratches|scars)\b(?: \S+){0,6} (?:neatly |all )?in (?:neat |"
            r"straight |even )?(?:rows|lines)\b",
            # s32-14s: scratches in neat lines or rows, the explanation given told between
            # ("... she says are from the cat, but they are in neat straight lines")
            r"\b(?:cuts|slashes|scratches|scratch marks)\b(?: \S+){0,14} (?:neatly |all )?in "
            r"(?:(?:neat|straight|even|perfect|perfectly|parallel|very|really) ){1,3}"
            r"(?:rows|lines)\b",
            r"\b(?:neat|straight|parallel|rows of|lines of) (?:\w+ ){0,2}(?:scratches|"
            r"scratch marks|"
            r"cuts)\b(?: \S+){0,3} (?:on|across|along|up|down) (?:her|his|their|both|my|the) "
            r"(?:\w+ )?(?:forearms?|wrists?|thighs?|inner arms?|arms?)\b"
            r"(?!(?: (?!says|said|claims|claimed|insists)\S+){0,6} (?:from|after|by) (?:the |her |"
            r"his |a |their |my )?(?:cat|cats|dog|kitten|puppy|garden|gardening|roses?|brambles|"
            r"surgery|biopsy|drip|cannula|fall|port|op|operation))",
        ),
    ),
    # s33-14e: a plan to end one's life told formally as arrangements, a decision or an
    # intent, with no word for death ("I have made my own arrangements to end matters on
    # Wednesday"): C-SSRS plan and preparatory acts; not ending a lease, a treatment or a
    # relationship ("to end things with him"), nor finishing work
    (
        "preparatory_acts",
        _any(
            r"\b(?:made|make|making|have|has|had|got|put in place|sorted|finalised|finalized) "
            r"(?:all )?(?:my|his|her|the|our) (?:own )?(?:necessary |final |last )?(?:arrangements|"
            r"plans|preparations) (?:\w+ ){0,2}to (?:end|finish|close|bring) (?:matters|things|it "
            r"all|everything|my life|his life|her life|it)\b(?! (?:with|at|off|up|for|on (?:the|my|"
            r"his|her) (?:house|flat|lease|business|shop|job)))",
            r"\b(?:arranged|planned|planning|intend|intends|intending|decided|resolved|mean|means|"
            r"meant|going|determined) to (?:quietly |simply |just |finally )?(?:end|finish) "
            r"(?:matters|it all|everything|my life|his life|her life|my own life|his own life|her "
            r"own life)\b(?! (?:with|at|off|up|for))",
            r"\b(?:arranged|planned|planning|intend\w*|decided|resolved|going|made arrangements) "
            r"to (?:\w+ )?bring (?:everything|it all|things|matters|my life|his life|her life|it) "
            r"to (?:a close|an end)\b(?! (?:with|at|for))",
            r"\b(?:end|finish|conclude) (?:matters|things|it all|everything) "
            r"(?:my|him|her) ?self\b",
        ),
    ),
)
MEANS_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # C-SSRS "means" and preparatory acts that ordinary lives also have (a rope for the
    # garden, a week's pills in a pill box, a hunter's rifle, clothes given away): each
    # is a red flag alone, unless the message gives it an ordinary use (``ORDINARY_MEANS``)
    # and says nothing of distress or intent (``DISTRESS_SIGNAL``), checks.find_crisis.
    (
        "overdose_intent",
        _any(
            r"\b(?:sav|stockpil|hoard|collect|stash)\w* (?:up )?(?:my |his |her |all |"
            r"the )?(?:\w+ )?"
            rf"{PILLS}\b(?! (?:from|at) (?:the )?(?:pharmacy|chemist|drugstore|hospital|clinic|"
            r"doctor))",
            rf"\b(?:have|has|had|got|keep|keeps|keeping) (?:the|my|his|her|all the|all my|all his|"
            r"all "
            rf"her|enough) (?:\w+ )?{PILLS} "
            r"(?:ready|lined up|saved|stashed|hidden|counted|set aside)\b",
            rf"\b{PILLS}\b(?: \S+){{0,10}} (?:sav|stockpil|hoard|stash|collect)\w* (?:them|those|"
            r"these|it)(?: up)?\b",
            # the doses cut down kept back ("cutting down my morphine and saving the rest")
            rf"\b{PILLS}\b(?: \S+){{0,10}} (?:sav\w*|keep\w*|kept|stash\w*|hoard\w*|hid\w*|"
            r"put\w* (?:\w+ )?aside|set\w* (?:\w+ )?aside) (?:up )?(?:the |my |all the )?(?:rest|"
            r"extras?|leftovers?|spares?|others|ones i do not take|ones i skip)\b(?! of\b)",
            r"\b(?:a|my|his|her) (?:\w+ )?(?:stash|stockpile|hoard|secret supply) of "
            rf"(?:\w+ ){{0,3}}{PILLS}\b",
            # s31-13c: a few kept back each week "just in case" (C-SSRS preparatory acts)
            r"\b(?:put\w*|set\w*|keep\w*|kept|tuck\w*|squirrel\w*|sav\w*|stash\w*|hid\w*|"
            r"hold\w* back|held back) (?:aside |away |back )?(?:\w+ ){0,4}"
            rf"{PILLS}\b(?: \S+){{0,5}} (?:just )?in case(?= \.| ,|$)",
        ),
    ),
    (
        "method",
        _any(
            r"\b(?:use|using|get|got|buy|bought|load|loaded|loading|clean|cleaning|cleaned) "
            r"(?:\w+ ){0,2}(?:his|her|my) (?:\w+ )?(?:gun|rifle|pistol|shotgun|revolver)\b",
            r"\b(?:gun|rifle|pistol|shotgun|revolver)\b(?: \S+){0,10} (?:look|looking|looked|stare|"
            r"staring|stared|hold|holding|held|sit with|sitting with) (?:at )?it\b",
            r"\b(?:where|asking for|asked for|asks for|looking for|find|hunting for) (?:\w+ ){0,4}"
            r"(?:his |her |my |the )?(?:gun|rifle|pistol|shotgun|revolver|ammo|ammunition|bullets|"
            r"shells|shotgun shells|cartridges)\b",
            r"\b(?:rope|noose|ligature)\b(?: \w+){0,6} (?:tie|tied|ready|bought|garage)\b",
            r"\b(?:bought|buy|buying|got|getting|have|has|found|hid|hidden|keep|keeps|kept) "
            r"(?:a |some |the |my |his |her )?(?:rope|noose)\b(?! (?:for|to) (?:the |my |a )?"
            r"(?:garden|boat|tent|climb\w*|exercis\w*|gym|skip\w*|swing|dog|tie|washing|clothes))",
        ),
    ),
    (
        "preparatory_acts",
        _any(
            r"\b(?:giv\w*|gave|given) (?:away (?:all )?|all )(?:of )?(?:my|his|her|their) "
            r"(?:\w+ )?(?:jewel\w*|things|stuff|belongings|possessions|valuables|savings|"
            r"guns?|pets?|dogs?|cats?|treasures?|prized \w+|rings?|watch(?:es)?|collection)\b",
            r"\b(?:giv\w*|gave|given) (?:my|his|her|their) (?:\w+ )?(?:jewel\w*|belongings|"
            r"possessions|valuables|things|stuff) away\b",
        ),
    ),
)
BURDEN_SAID_BY_ANOTHER = _any(
    r"(?<!\bi )(?<!\bwe )\b(?:calls?|called|calling|tells?|told|telling|says?|said|saying|"
    r"shouts?|shouted|shouting|yells?|yelled|yelling|screams?|screamed|screaming|reminds?|"
    r"reminded|swears?|swore) (?:at )?(?:\w+ ){0,5}(?:a |the |such a |nothing but a |just a )?"
    r"burden\b"
)
"""Being told one is a burden by someone else (s35-10): with harm or control beside it,
emotional abuse (NCEA), not a self-perceived burden."""
IMPENDING_DOOM = _any(
    # told as a feeling, a belief, a fear or words said, not wished for (s36-10)
    r"\b(?:feel|feels|felt|feeling) (?:like|as if|as though) (?:i|he|she|they|we) (?:am|is|are|"
    r"was|were) (?:going to die|about to die|dying)\b",
    r"\b(?:think|thinks|thought|thinking|say|says|said|saying|convinced|sure|scared|afraid|"
    r"terrified|frightened|worried|panicking|certain|fears?|feared) (?:that )?(?:i|he|she|they|"
    r"we) (?:am|is|are) (?:going to die|about to die|dying)\b",
    r"\b(?:sense|feeling) of (?:impending )?doom\b",
    r"\bimpending doom\b",
    r"\bsomething (?:terrible|awful|bad|horrible|dreadful) is (?:about to|going to) happen\b",
)
"""A sense of impending death (s36-10): with signs of a body in distress it is a sign of
shock, sepsis, anaphylaxis, a heart attack or a clot in the lung (UKONS triage; NICE NG51),
an emergency, not a wish to die."""
NOT_DOOM = re.compile(
    r"\b(?:dying|die) (?:inside|of (?:boredom|embarrassment|shame|laughter|laughing|curiosity|"
    r"envy|jealousy|cringe|heat|hunger|thirst))\b|\bdying (?:for|to)\b"
)
"""Figures of speech a doom wording can end in ("I feel like I am dying inside")."""
BODY_IN_DISTRESS = _any(
    r"\b(?:clammy|cold sweats?|sweat\w*|drenched|pale|pallid|gr[ae]y (?:skin|colou?r|face|"
    r"lips)|(?:gone|going|turned|turning|looks?|looking|is) gr[ae]y|mottled|blue (?:lips|skin|"
    r"fingers|tinge)|(?:lips|fingers|skin) (?:are |look |looking |turning |went |gone )?blue|"
    r"turning blue|breathing (?:\w+ )?(?:fast|hard|heavy|heavily|quick|quickly|rapidly|funny)|"
    r"rapid breathing|breathless\w*|short of breath|out of breath|gasp\w*|can not (?:breathe|"
    r"catch (?:my|his|her|their) breath)|struggling to breathe|heart (?:is )?(?:racing|pounding|"
    r"thumping)|racing heart|palpitations|shiver\w*|shaking uncontrollably|rigors?|chills|"
    r"fever\w*|burning up|high temp\w*|dizz\w*|faint\w*|light ?headed|pass\w* out|collaps\w*|"
    r"drowsy|not making sense|chest (?:pain|is tight|tightness|pressure|feels tight)|crushing|"
    r"(?:throat|tongue|lips|face) (?:is |are )?(?:swelling|swollen|closing)|"
    r"(?:not|has not|have not|had no) (?:had a |been for a )?(?:wee|pee|urinated)\w*)\b"
)
"""Signs of a body in distress told beside a sense of doom (s36-10)."""
SIGNALLED_MEANS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # A means named in any words ("putting my tablets away", "dad's rifle", "a razor") is a
    # red flag only with a second signal of distress or intent (``DISTRESS_SIGNAL``) in
    # the message (988 / SPRC: access to means with hopelessness, a plan or withdrawal).
    (
        "overdose_intent",
        _any(
            rf"\b(?:put\w*|keep\w*|kept|hid\w*|hiding|tuck\w*|squirrel\w*|stor\w*|sav\w*|"
            rf"collect\w*|count\w*|gather\w*|stash\w*) (?:away |aside |up )?(?:\w+ ){{0,2}}"
            rf"{PILLS}\b"
        ),
    ),
    (
        "overdose_intent",
        _any(
            rf"\bhow (?:many|much) (?:\w+ ){{0,3}}{PILLS}\b(?: \S+){{0,4}} (?:would|will|is|are|"
            r"could) (?:be )?(?:too (?:many|much)|an overdose)\b",
            # s37-10s: the most of a medicine a person could take, asked with distress beside
            # it ("the max amount of X someone could take ... im done with all this")
            rf"\b(?:max\w*|most|highest|lethal|fatal|deadly) (?:amount|dose|number|quantity) "
            rf"(?:of )?(?:\w+ ){{0,2}}{PILLS}\b(?: \S+){{0,4}} (?:someone|somebody|a person|anyone|"
            r"one|you|i|he|she) (?:could|can|would|might) (?:take|survive|swallow)\b",
        ),
    ),
    (
        "method",
        _any(
            r"\b(?:guns?|rifles?|pistols?|shotguns?|revolvers?|firearms?|ammo|ammunition|"
            r"bullets|ropes?|noose|hose ?pipe|exhaust|razors?|blades?)\b"
        ),
    ),
)
ORDINARY_MEANS = _any(
    r"\b(?:hammocks?|garden\w*|swings?|climb\w*|boat\w*|sail\w*|camp\w*|tents?|skipping|"
    r"washing line|clothes ?line|towing|tow rope|leads?|leash\w*|pill ?box\w*|"
    r"(?:pill |medication |medicine )?organi[sz]er\w*|dosette|blister packs?|compartments?|"
    r"for the (?:week|month|trip|holiday|holidays|journey|weekend)|weekly|while (?:i|we) am away|"
    r"so (?:i|he|she|we) (?:do not|does not|will not|never) (?:forget|miss|run out)|"
    r"pharmac\w*|chemist|dispos\w*|take (?:them |it )?back|return (?:them|it)|"
    r"hunt\w*|shooting|clay|targets?|range|gun (?:safe|cabinet)|locked|collector|army|"
    r"military|police|farm\w*|foxes|deer|stalking|fishing|charity|charity shop|fit|fits|"
    r"too big|too small|do not fit|does not fit|outgrown|spring clean\w*|declutter\w*|"
    r"moving house|downsiz\w*)\b"
)
"""An ordinary use told with a means (a rope hammock for the garden, a week's pills in
a pill box, a hunter's rifle in the gun safe, clothes that no longer fit)."""
FICTION = _any(
    r"\b(?:film|films|movie|movies|tv|telly|series|show|book|novel|news|newspaper|paper|"
    r"article|documentary|story|programme|program|episode|character|hero|heroine|actor|"
    r"actress|play|game|video game|podcast)\b"
)
"""A method told of a film, a book or the news ("the hero jumped off a bridge")."""
SCREEN_CHARACTER = _any(
    r"\b(?:watched|watching|saw|seen|read|reading|listened to|listening to) (?:\w+ ){0,4}(?:film|"
    r"movie|tv|telly|drama|series|show|episode|book|novel|documentary|soap|programme|program|"
    r"podcast)\b(?: \S+){0,6} (?:where|in which|about|when) (?:a|an|the|this|one|some) (?:\w+ )?"
    r"(?:man|woman|guy|girl|boy|character|patient|lady|bloke|person|kid|child|doctor|nurse|hero|"
    r"heroine|actor|actress|client|therapist)\b",
    # a sign told in a story by where it happens ("in a TV series a woman fainted")
    r"\b(?:in|on) (?:a|an|the|this|that|one) (?:\w+ )?(?:film|movie|tv show|tv series|tv drama|"
    r"drama|soap|soap opera|sitcom|novel|episode|documentary)\b",
    r"\b(?:the|a|an|one) (?:main )?(?:character|protagonist|heroine|actress)\b",
)
REAL_PERSON = _any(r"\b(?:my|our|me|us|myself|i am|i have|i had|i feel|i felt|i keep|i was)\b")
"""The writer or their own people in a sentence: a sign there is real, even told with a
film ("watching TV when my dad had a fit")."""
"""An alarm sign that happens to a character in a film, a drama or a book the writer
watched or read ("watched a drama where a man had a fit during a massage"): not a sign in
anyone real (``checks.find_emergency``)."""
DISTRESS_SIGNAL = _any(
    r"\b(?:die|dying|dead|death|suicid\w*|kill\w*|end (?:it|things|my life|everything|it all)|"
    r"over with|no point|pointless|hopeless\w*|burden|better off|can not (?:go on|cope|take|"
    r"do this|bear|stand)|give up|giving up|had enough|done with|goodbyes?|will not need|"
    r"(?:not|no longer) (?:be )?(?:here|around)|for good|when the time comes|"
    r"(?:gets|get|got|becomes) (?:all )?too much|all too much|secret\w*|nobody knows|"
    r"no one knows|without telling|do not tell|forever|"
    r"disappear\w*|trapped|desperate|depressed|withdrawn|not (?:been )?(?:himself|herself|"
    r"myself)|(?:so|very|feeling|been|really) low|frightened|despair\w*|worthless|"
    r"the bad (?:days|nights)|keeps? thinking|kept thinking|can not stop thinking|"
    r"do the same|tempted|urges?|not doing (?:well|good|great|okay|ok)|struggling|"
    r"asking for (?:myself|a friend)|"
    # a plan kept for later (C-SSRS: a plan, "I know what I will do when it gets bad") and
    # secrecy asked of the one who was told
    r"(?:know|knows|knew|worked out|decided|planned) (?:exactly )?(?:what|how) (?:i|he|she|they) "
    r"(?:will|would|is going to|am going to|are going to) (?:do|end it|go)|"
    r"(?:not|never) to tell (?:anyone|anybody|a soul|the family|my family|his family|her family|"
    r"the doctors?|his doctors?|her doctors?)|when (?:it|things|the pain) (?:gets|get|becomes) "
    r"(?:too )?(?:bad|worse|unbearable))\b"
)
"""A second signal of distress or intent: with it a means is a red flag whatever use the
message gives it."""
HYPERBOLE = _any(
    r"\bif (?:i|you|he|she|we) (?:keep|keeps|carry on|carries on|continue|continues|do|does) "
    r"(?:\S+ ){1,6}(?:i|you|he|she|we) (?:will|would|ll|are going to|am going to|is going to) "
    r"(?:kill|hurt|do) (?:my|your|him|her|our) ?sel(?:f|ves)\b(?: \S+){0,3} (?:lol|haha|ha|"
    r"joke|joking|kidding|\.)",
)
"""An overdoing hyperbole ("if I keep doing this much yoga I'll kill myself lol")."""
FIGURATIVE = _any(
    r"\b(?:will|would|is going to|are going to|going to|gonna|ll) be the death of (?:me|him|her|"
    r"us)\b",
    r"\b(?:sick|bored|scared|worried|tired|fed up|frozen|freezing) to death\b",
    r"\b(?:killing|killed|kills|kill|smashing|smashed) it\b",
    r"\bdying (?:to|for) (?:try|get|see|know|go|have|book|hear|meet|a|some|one)\b",
    r"\b(?:to die for|over my dead body|drop dead gorgeous|dead on my feet|dead tired|"
    r"scared the life out of (?:me|him|her))\b",
    r"\b(?:this|these|that|those|the) (?:\w+ ){0,5}(?:is|are|has been|have been|was|were) "
    r"(?:\w+ )?killing (?:me|us)\b",
    r"\bmy (?:back|neck|shoulders?|feet|knees?|head|hands?|legs?|hips?|joints|bones|knots|"
    r"brain|fog|job|work|commute|boss|kids|phone|printer|feet)(?: \w+)? (?:is|are|has been|"
    r"have been|was|were) (?:\w+ )?killing me\b",
    # sleep so good one would stay in it (s31-13c): "slept so deeply after the massage I never
    # wanted to wake up"
    r"\b(?:sleep|slept|sleeping|sleeps|nap\w*|dozed?) (?:\w+ ){0,2}so (?:deeply|well|soundly|"
    r"heavily|peacefully|good|blissfully)\b(?: \S+){0,8} (?:never|not|did not|do not) "
    r"want(?:ed)? to wake up\b",
    r"\bafter (?:a|the|my|that|this|every|each) (?:\w+ )?massage\b(?: \S+){0,8} (?:never|not|did "
    r"not|do not) want(?:ed)? to wake up\b",
    r"\b(?:nervous|worried|anxious|careful|scared|afraid|wary) (?:about|of|not to) (?:hurting|"
    r"harming|hurt|harm) (?:me|her|him|them|you|my \w+)\b",
    r"\b(?:i will|i ll|i am going to|i am gonna|gonna|i could|i would) (?:\w+ )?(?:strangle|kill|"
    r"murder|throttle|smack|slap|punch|hit) (?:him|her|them|the \w+|my \w+|that \w+)\b"
    r"(?: \S+){0,3} (?:haha\w*|lol|lmao|jk|kidding|joking)\b",
    # s33-14e: too much of something that is no medicine ("overdosing on cancer forums",
    # "OD'ing on chocolate"): a figure of speech, not an overdose
    r"\b(?:overdos\w*|od ing|oding|od d) on (?:\w+ ){0,2}(?:forums?|news|google|googling|"
    r"information|info|internet|netflix|tv|telly|box ?sets|chocolate|sugar|sweets|cake|biscuits|"
    r"coffee|caffeine|podcasts?|articles|reading|research|social media|tiktok|instagram|"
    r"facebook|reddit|websites?|blogs?|videos?|youtube|content|self help|advice|books|"
    r"love|kindness|hugs|cuddles|carbs|crisps|cheese|pasta|work|facts|statistics|stats|"
    r"studies|threads|posts|stories|shows|films|movies|series|memes)\b"
    r"(?! (?:\w+ )?(?:pills|tablets|meds|medicines?|capsules|patches|doses))",
)
"""Figures of speech that carry an alarm word ("these knots will be the death of me", "sick
to death of hospital food", "I'll strangle him haha"): a safety vote's cue word inside one
does not count, and no crisis pattern is read inside one."""
NOT_LITERAL = _any(
    # s33-14e: a sign the writer says is not meant literally ("my chest feels so tight. not
    # literally lol, I mean emotionally"): the clause it is in, or the one just before it
    r"(?:[^.?!]{0,80} [.?!,] )?[^.?!]{0,80}\b(?:not literally|not physically|figuratively|"
    r"metaphorically|(?:i|i just|just) mean(?:t)? (?:it )?(?:emotionally|figuratively|"
    r"metaphorically|mentally|in my head)|emotionally not physically|(?:in|as) a figure of "
    r"speech)\b"
    # the disclaimer stands alone ("not literally lol, I mean ..."), not "not literally a
    # question about massage", which disclaims something else
    r"(?: (?:lol|haha\w*|obviously|of course|speaking|i mean|just))*(?= ?[.,!?;-]|$| i mean| "
    r"i just mean| it is| its| more| but| emotionally| mentally)",
)
"""An emergency sign disclaimed by the writer: read by the emergency checks and the
emergency vote only (a crisis told with "not literally" is still asked about)."""
REPORTING_FRAME = _any(
    rf"\b(?:(?:my|our) (?:{KIN}|mum|nan|nanna|gran|granny|grandad|hubby|other half|carer)|"
    r"mum|mom|dad|he|she|they)\b(?: \w+){0,2} (?:says|said|keeps saying|kept saying|"
    r"keeps telling (?:me|us)|kept telling (?:me|us)|tells (?:me|us|everyone)|told (?:me|us)|"
    r"has been saying|has said|has started saying|texted(?: me| us)?|messaged(?: me| us)?|"
    r"admitted|confided|whispered|mentioned|let slip|wrote|keeps talking about|talks about|"
    r"has been talking about|started talking about)(?: to (?:me|us))?(?: that)? "
)
"""Someone else's words reported ("my husband says ...", "mom keeps saying ...", "he told
me ..."): a red flag told by a relative is read in the first person too, as the vote
was fitted on (``checks.first_person_reading``)."""
NAMED_TOPIC = _any(
    r"(?:domestic (?:violence|abuse)|elder abuse|child abuse|intimate partner violence|"
    r"coercive control|financial abuse|emotional abuse|suicid\w*|unalive|self ?harm\w*|"
    r"self ?injur\w*|neutropenic sepsis|"
    r"sepsis|septic|neutropenic fever|febrile neutropenia)"
)
"""A red flag named as a topic: it can be the subject of a course, an essay or a campaign."""
STUDY_BEFORE = _any(
    r"\b(?:blog|blogs|blog post|essay|article|articles|dissertation|thesis|assignment|coursework|"
    r"course|courses|module|training|lecture|seminar|webinar|workshop|research|study|studies|"
    r"paper|report|presentation|statistics|stats|leaflet|poster|campaign|podcast|documentary|"
    r"book|job ad|job advert|certificate|cpd|curriculum|class|talk|guidance|policy|"
    r"fundrais\w*|charity|news|story|stories|leaflets?|film|programme|program|"
    # the same in Spanish, Portuguese and French, whose "suicidio", "suicídio" and
    # "suicide" this vocabulary also reads (every message reaches it)
    r"articulos?|artigos?|estudios?|estudos?|tesis|tese|these|memoire|libro|livro|livre|"
    r"documental|documentario|documentaire|investigacion|pesquisa|recherche|reportaje|"
    r"reportagem|charla|palestra|conferencia|curso|taller|campana|campanha|campagne|noticias?|"
    r"ensayos?|monografia|informe|tarea|trabajo (?:escolar|final|de (?:clase|investigacion|"
    r"fin de \w+)|sobre))\b"
    r"(?: (?!(?:but|and|i|me|my|y|e|et|pero|mas|mais|yo|eu|je|mi|meu|minha|mon|ma)\b)"
    r"[^\s.,]+){0,8} $",
    r"\b(?:recogni[sz]\w*|spot|spotting|screen\w* for|identify\w*|learn\w* (?:about|to spot)|"
    r"read\w* (?:about|up on)|heard about|writ\w* (?:about|on)|teach\w* (?:about|on)|research\w*|"
    r"aware\w* of|signs of|raise awareness of|raising awareness of)\b"
    r"(?: (?!(?:but|and|i|me|my)\b)[^\s.,]+){0,3} $",
)
"""Told before a named topic when it is studied, written or taught about: "an essay on elder
abuse", "a blog post on how therapists can recognise elder abuse"."""
STUDY_AFTER = _any(
    r"^ (?:(?:prevention|awareness|risk|first aid|and self harm|and abuse) )?(?:prevention|"
    r"awareness|training|statistics|stats|research|course|courses|module|certificate|"
    r"certification|policy|policies|guidance|hotline|helpline|charity|campaign|seminar|webinar|"
    r"workshop|screening|rates?|risk factors?|protocols?|pathways?|studies|first aid)\b"
)
"""Told after a named topic: "suicide prevention training", "abuse awareness certificate"."""
LIVED = _any(
    r"\b(?:happen\w* to (?:me|us|her|him|my \w+)|going through (?:it|this|that)|"
    r"sounds? like (?:me|my|us|what (?:he|she|i))|that is (?:me|us|my life)|"
    r"describ\w* (?:me|us|my (?:\w+ )?(?:husband|wife|partner|boyfriend|girlfriend|marriage|"
    r"relationship|home|life|situation))|i am (?:a )?(?:victim|survivor)|"
    r"recogni[sz]ed? (?:myself|my (?:husband|wife|partner|situation|marriage|relationship))|"
    r"(?:i|he|she) (?:have|has|had|keep|keeps) (?:been )?(?:having |had )?(?:thoughts|"
    r"thinking about (?:it|doing it|ending))|(?:want|wants|wanted) to (?:do it|end it|die))\b",
    r"\b(?:i am|i feel|i have been|i get|i got|feeling|felt) (?:\w+ )?suicidal\b",
    r"\bsuicidal (?:myself|too|again)\b",
    r"\b(?:i|he|she) (?:\w+ )?(?:think|thinks|thought|thinking) about (?:it|doing it|that|this) "
    r"(?:every|all the time|a lot|constantly|often|lately|daily|most)\b",
)
"""Said with a studied topic, it is lived, not studied ("I read an article on coercive
control and it describes my marriage")."""
LIVED_BEFORE = _any(
    r"\b(?:this|it|that) (?:is|was|counts as|sounds like|might be|could be|may be|feels like) "
    r"(?:\w+ )?$"
)
"""Just before a named topic, it is the writer's own situation ("I think this is coercive
control")."""
GONE_CLAUSE = _any(
    r"\b(?:if|when|once|after) (?:i|he|she) (?:\w+ ){0,2}(?:am |was |were |is )?"
    r"(?:gone|dead|not here|not around|did not exist|disappeared|died)\b"
)
GIVING_AWAY = _any(
    r"\b(?:giv\w*|gave|given|hand\w* out|handing out|handed|hands|pass\w* on|sign\w* over) "
    r"(?:away )?(?:(?:me|us|him|her|them|(?:my|our|the|a|his|her|their) \w+) )?(?:all )?"
    r"(?:of )?(?:my|his|her|their) (?:\w+ ){0,2}(?:jewel\w*|things|stuff|belongings|"
    r"possessions|valuables|savings|guns?|pets?|dogs?|cats?|treasures?|rings?|watch(?:es)?|"
    r"collection|books|clothes|car|keys|car keys|records|tools|photos|money|bike|guitar|house|"
    r"medals?|trophies|rods?|clubs|cameras?|paintings?|furniture|instruments?|coins|stamps|"
    r"albums?|vinyl|lead|leash|bird|horse|fishing \w+|golf \w+|guitars|cars|bikes|tools|"
    r"watches)\b",
    r"\b(?:cancel\w*|called off) (?:all )?(?:of )?(?:my|his|her) (?:\w+ )?(?:appointments|plans|"
    r"subscriptions|treatment|chemo|follow ups?|scans?|check ups?|bookings?|prescriptions?|"
    r"(?:phone |mobile )?contracts?|lease|insurance|direct debits?|memberships?)\b",
    r"\b(?:sorted|made|wrote|written|updated|finished|finalised|finalized|signed) (?:out )?"
    r"(?:my|his|her|the) (?:\w+ )?(?:will|funeral)\b",
    r"\b(?:dog|dogs|cat|cats|pets?|puppy|kitten)\b(?: \w+){0,2} (?:has |have )?(?:gone|went|been "
    r"given|given) (?:away )?to (?:my|his|her|a|the|our) \w+\b",
    r"\brehom\w* (?:my|his|her|the|our) (?:dogs?|cats?|pets?)\b",
    r"\b(?:dog|dogs|cat|cats|pets?|puppy|kitten|bird|horse) (?:has|have|got|now has) (?:a )?new "
    r"(?:home|owner|owners|family)\b",
    r"\b(?:sorted|arranged|planned|decided|worked out|found out|settled) (?:out )?(?:where|who) "
    r"(?:my|his|her|the|our) (?:dogs?|cats?|pets?|bird|horse)\b(?: \w+){0,2} (?:will|would|can|"
    r"is going to|are going to|should) (?:go|live|stay|end up)\b",
    r"\b(?:a (?:new )?home|someone|somebody) (?:to (?:take|have|look after) |for )(?:my|his|her|"
    r"the|our) (?:dogs?|cats?|pets?|bird|horse)\b",
)
"""Giving things away (to someone or not) or cancelling everything: a preparatory act only
with ``FINALITY``."""
FINALITY = _any(
    r"\b(?:will not|would not|do not|does not|am not going to|is not going to) (?:be )?"
    r"need(?:ing)? (?:them|it|those|these|any of (?:it|this|them)|anything|my \w+|his \w+|"
    r"her \w+)\b",
    r"\b(?:feels|it is|seems) like (?:it is )?(?:the )?time\b(?! (?:to|for|of|off|out|with|"
    r"since|when|i|we|has|is|flies|goes|passes)\b)",
    r"\b(?:say|said|saying|says) (?:\w+ )?goodbyes?\b",
    r"\b(?:affairs|things) in order\b",
    r"\b(?:done|finished|through|tired of) (?:with )?fighting\b(?! (?:with|over|about)\b)",
    r"\b(?:going to|gonna|will|ll) (?:finish|end) (?:it|it all|everything|things)(?= \.| ,|$)",
    r"\b(?:calm|peaceful|at peace) (?:all of a sudden|suddenly)\b",
    r"\b(?:weirdly|strangely|oddly|unusually|so|really|very) (?:calm|peaceful|at peace|"
    r"settled)\b",
    r"\b(?:wrote|written|writing|write|left|leaving) (?:\w+ )?(?:letters?|notes?|cards?) "
    r"(?:to|for) (?:everyone|everybody|all (?:of )?(?:my|the)|each of|each (?:kid|child|son|"
    r"daughter|grandchild)|every one of|my (?:whole )?family|"
    r"all my|(?:my|the|his|her) (?:kids|children|grandchildren|grandkids|husband|wife|partner|"
    r"sons?|daughters?|boys|girls|family))\b",
    r"\bsuddenly (?:calm|peaceful|at peace)\b",
    r"\b(?:when|after|once) (?:i|he|she) (?:am|is) gone\b",
    r"\b(?:last|final) (?:time|memory|goodbye|wishes)\b",
    r"\bone (?:last|final) (?:\w+ )?(?:massage|meal|trip|visit|treat|time|thing)\b",
    # a date chosen, for nothing named (C-SSRS: plan with a time)
    r"\b(?:picked|chosen|chose|set|settled on|decided on|fixed) (?:a|the|my) (?:date|day)\b"
    r"(?! (?:for|to|of|with|when|that|and time for)\b)",
    r"\b(?:will not|would not|do not|does not) be (?:needing|needed|around|here) (?:\w+ ){0,2}"
    r"after (?:sunday|monday|tuesday|wednesday|thursday|friday|saturday|tomorrow|tonight|"
    r"this week|the \w+)\b",
)
ORDINARY_REASON = _any(
    r"\b(?:because|since|as|now that|after|when) (?:\w+ ){0,3}(?:moving|moved|moves|downsiz\w*|"
    r"bought|buying|got|getting|upgrad\w*|replac\w*|clear\w* out|declutter\w*|retir\w*|"
    r"emigrat\w*|relocat\w*)\b"
)
"""An everyday reason for giving things away ("since she is moving in with us", "after
buying a new one"): not a preparatory act."""
"""Said with ``GIVING_AWAY``: not needing things any more, saying goodbye, sudden calm
(suicide warning signs: giving away prized possessions, putting affairs in order)."""
OTHERS_BETTER = _any(
    r"\b(?:better|happier|easier|freer|lighter|notice|care|miss|relief|relieved|burden)\b"
)
ACCIDENTAL_HURT = _any(
    r"\b(?:can|could|might|would|will) (?:i|you|he|she) (?:\w+ )?hurt (?:my|him|her|your) ?self "
    r"(?:with|using|by|during|doing|if|when|on)\b(?: \w+){0,3} (?:massage\w*|roller|gun|ball|"
    r"stretch\w*|exercis\w*|pressure|tool|device|theragun)\b"
)

# -- self-harm (C-SSRS: non-suicidal self-injurious behaviour): an act on one's own body
BODY = (
    r"(?:wrists?|arms?|forearms?|thighs?|legs?|skin|stomach|belly|tummy|scars?|face|head|chest|"
    r"body|cheeks?|inside of (?:my|his|her) (?:cheek|mouth|lip)|lips?|hands?|hips?|port|"
    r"port site|wounds?|incisions?|stitches|sores?|scabs?|bruises?|breasts?|hair|scalp|neck|"
    r"fingers?|nails?|cuticles?|knuckles?|feet|foot|shins?|ankles?|eyebrows?|eyelashes|gums?|"
    r"forehead|fists?)"
)
SELF_HARM_SITE = r"(?:wrists?|arms?|forearms?|thighs?|legs?|stomach|belly|hips?)"
SELF_HARM_WOUND = (
    r"(?:cuts|slashes|slash marks|razor marks|razor cuts|blade marks|cigarette burns|"
    r"self harm marks)"
)
UNTIL_INJURED = (
    rf"(?:till|until) (?:my|his|her) (?:\w+ )?{BODY} (?:is |are |start |starts )?(?:bled|bleeds?|"
    r"bleeding|bruised?|bruises|bruising|split|splits|raw|swell\w*|swollen)"
)
"""An act kept up until the body part bleeds or bruises: meant, whatever it was done on."""
CAUSE_TOLD = r"(?! (?:\w+ )?(?:from|off|after|by|because of) (?:the|a|an|her|his|my|their|our)\b)"
"""Wounds the writer gives an ordinary cause ("cuts from the rose bushes") are not the
warning sign; unexplained ones, or an excuse reported ("she says it was the cat"), are."""
SELF_HARM_ACT = _any(
    r"\b(?:cut|cuts|cutting|slash\w*|slit\w*|carv\w*|scratch\w*|scrap\w*|burn|burns|burned|"
    r"burnt|burning|hit|hits|hitting|punch\w*|slap\w*|bit|bite|bites|biting|pinch\w*|stab\w*|"
    r"bang\w*|smack\w*|slam\w*|press\w*|squeez\w*|dig|digs|digging|pick\w*|pull\w* out|rip\w*|"
    r"tear\w*|gouge\w*) "
    rf"(?:\w+ ){{0,3}}(?:my|his|her) (?:own )?(?:\w+ )?{BODY}\b",
    r"\b(?:cut|cutting|burn|burns|burned|burnt|burning|scald\w*|hit|hitting|punch\w*|"
    r"starv\w*|hurt\w*|harm\w*) (?:my|him|her) ?self\b",
    r"\b(?:punch\w*|hit|hits|hitting|bang\w*|kick\w*|smash\w*) (?:the |a )?(?:\w+ )?(?:wall|"
    r"walls|door|doors)\b",
    # s37-10s: picking or tearing at a scar, a wound or the skin, whoever's ("pick at the
    # scar on purpose until it bleeds"): self-harm only with the intent beside it
    r"\b(?:pick\w*|scratch\w*|dig\w*|gouge\w*|tear\w*|rip\w*|peel\w*) (?:at |open )?(?:the |my |"
    r"his |her |their )?(?:\w+ )?(?:scars?|skin|scabs?|wounds?|stitches|incision|cuticles?)\b",
)
HARM_BY_ANOTHER = re.compile(
    rf"\b(?P<owner>my|her|his|our) (?:ex (?:husband |wife |partner )?|step ?(?:dad|mom|mum|father|"
    rf"mother|son|daughter) |carer |caregiver |{KIN} )(?:\w+ ){{0,2}}?(?:burnt|burned|burns|"
    rf"scalded|scalds|cut|cuts|slashed|stabbed|stabs|hit|hits|punched|punches|slapped|slaps|bit|"
    rf"bites|stubbed|pressed|held|put) (?:\w+ ){{0,4}}?(?P<target>my|her|his) (?:own )?(?:\w+ )?"
    rf"{BODY}\b"
)
"""An act that reads as self-harm done by someone the writer names to the person it
happened to (s36-10): "her husband burnt her arm with a cigarette", "my dad burned my
hand"; abuse when the body is the writer's or the one the doer's owner word points to
("her husband ... her arm"); "my son cut his arm" may be his own act and stays self-harm."""
HARM_INSTRUMENT = _any(
    r"\b(?:cigarettes?|lighter|lit match|matches|iron|curling iron|knife|blade|razor|scissors|"
    r"boiling water|kettle|hot pan|belt)\b"
)
"""A burning or cutting thing named with an act done by someone else (``HARM_BY_ANOTHER``)."""
SELF_HARM_WITH_SHARP = (
    r"\b(?:cut\w*|scratch\w*|carv\w*|gouge\w*|slash\w*) (?:\w+ ){0,3}(?:my|his|her|"
    rf"their) (?:own )?(?:\w+ )?(?:{SELF_HARM_SITE}|skin)(?: \w+){{0,3}} with "
    r"(?:a |an |the |my |his |her |their )?(?:\w+ )?(?:compass|compass point|safety pin|pins?|"
    r"needles?|blades?|razor blades?|razors?|sharpener|sharpener blade|paper ?clips?|"
    r"broken glass|glass|shards?)\b"
)
"""s36-10b: scratching or cutting an arm, a thigh or the skin with a sharp thing, with words
between ("scratching her arms raw with a compass point"): NSSI told by a parent or the
person; an accident ("while shaving") is still taken out (``checks._accidental``)."""
SELF_HARM_STRONG = _any(
    r"\b(?:press\w*|hold\w*|held|put\w*|touch\w*) (?:a |the )?(?:lit |hot |burning |lighted )?"
    rf"(?:match|matches|lighter|cigarette|iron|knife|blade|razor) (?:\w+ )?(?:to|on|against|into) "
    rf"(?:my|his|her) (?:own )?(?:\w+ )?{BODY}\b",
    r"\b(?:cut|cuts|cutting|slash\w*|slit\w*|carv\w*) (?:\w+ ){0,2}(?:my|his|her) (?:own )?"
    r"(?:wrists?|arms?|forearms?|thighs?|skin|stomach|belly|veins?)\b",
    r"\b(?:been|started|start|keep|kept|still|was|am|is) cutting (?:again|myself|herself|himself|"
    r"every|when|at night)\b",
    r"\bcutting again\b",
    # "I cut" with no object: the act itself, told with when it happened (NSSI)
    r"\b(?:i|he|she) (?:have |has |had )?(?:cut|cut again)(?= (?:again|(?:last night|yesterday|"
    r"today|tonight|this morning|earlier)(?= \.| ,|$| after| and| again| when)|after (?:the|my|"
    r"his|her)|\.|,)|$)",
    r"\b(?:burn\w*|cut\w*|scratch\w*|carv\w*) (?:\w+ ){0,3}(?:my|his|her) (?:own )?(?:arms?|"
    r"wrists?|thighs?|skin|legs?|hands?|stomach) with (?:a |the |my |his |her )?(?:cigarettes?|"
    r"lighter|matches|iron|candle|blade|razor|knife|scissors|compass|glass)\b",
    r"\b(?:punch\w*|hit\w*|bang\w*|slap\w*|scratch\w*|cut\w*|burn\w*) (?:\w+ ){0,3}(?:my|his|"
    r"her) own (?:head|face|body|legs?|arms?|stomach|skin|wrists?|thighs?)\b",
    r"\b(?:i|he|she) (?:cut|cuts|burn|burns) (?:myself|himself|herself)\b",
    # wounds seen on someone's body (988, NSPCC: unexplained cuts, often covered or excused)
    rf"\b(?:my|his|her|their) (?:\w+ ){{0,3}}{SELF_HARM_SITE} (?:is |are |were |was )?(?:all )?"
    rf"(?:covered (?:in|with)|full of|criss crossed with|lined with|all) (?:\w+ ){{0,2}}"
    rf"{SELF_HARM_WOUND}\b{CAUSE_TOLD}",
    rf"\b(?:fresh|new|deep|lots of|rows? of|lines of|razor|blade|straight|neat) "
    rf"(?:\w+ )?{SELF_HARM_WOUND} (?:\w+ ){{0,2}}(?:on|across|up|down|all over|along|in) "
    rf"(?:my|his|her|their) (?:\w+ )?{SELF_HARM_SITE}\b{CAUSE_TOLD}",
    SELF_HARM_WITH_SHARP,
)
SELF_HARM_INTENT = _any(
    r"\b(?:on purpose|deliberately|intentionally|to feel something|to feel (?:better|real|"
    r"anything)|to punish|punish (?:my|him|her) ?self|i deserve|deserves? (?:it|the pain|to hurt|"
    r"this|to suffer)|hate (?:my|him|her) ?self|hate (?:my|his|her) body|disgust\w*|"
    r"when i (?:feel|get) (?:bad|sad|low|angry|upset|overwhelmed|numb|awful|like this)|"
    r"(?:till|until) (?:it|i|they) (?:bled|bleeds|bleed|bleeding|hurts?|hurting|bruise\w*|"
    r"really hurts)|"
    rf"{UNTIL_INJURED}|do not know why i do (?:it|this)|i do not know why i do (?:it|this)|"
    r"can not stop (?:myself|doing it|doing this)|make (?:it|myself) bleed|"
    # self-injury as a way to cope (NSSI: relief from unbearable feelings)
    r"when (?:it|things|everything|(?:the|my|his|her) \w+)(?: all)? (?:gets?|got) (?:too much|"
    r"overwhelming|unbearable)|takes? the edge off|only thing that (?:helps|works|calms)|"
    r"to cope|to calm (?:my|him|her) ?self down|to get through (?:it|the night|the day)|"
    # wounds kept hidden (NSSI warning signs: injuries hidden under clothes)
    r"where (?:nobody|no one|no body|people|anyone) (?:can |could |will |would )?(?:see|notice)|"
    r"so (?:nobody|no one|people do not|they do not) (?:can )?(?:see|sees|notice|notices)|"
    r"(?:to|so i can|so she can|so he can) hide (?:it|them|the (?:cuts|marks|scars|burns)))\b"
)
ACCIDENT = _any(
    r"\b(?:by accident|accidentally|accidental|on (?:a|the) (?:\w+ )?(?:door|glass|knife|corner|"
    r"edge|fence|tin|can|table|cupboard|shelf|oven|stove|pan|iron|kettle|radiator)|chopping|"
    r"cooking|slipped|shaving|gardening|fell|tripped|while (?:cooking|cleaning|shaving|"
    r"gardening|opening)|in the kitchen|with (?:a|the) (?:knife|scissors|razor) (?:while|when))\b"
)
ITCH = _any(r"\b(?:itch\w*|scratchy)\b")
DELIBERATE = _any(
    r"\b(?:on purpose|deliberately|intentionally|to feel something|to punish|punish (?:my|him|"
    r"her) ?self|i deserve|hate (?:my|him|her) ?self)\b",
)
UNTIL_INJURED_RE = _any(rf"\b{UNTIL_INJURED}\b")
"""An itch explains scratching till it bleeds (radiation skin, chemo rash); said as meant
("on purpose", "to punish myself") it is self-injury whatever the skin does."""

# -- abuse (HITS: hurt, insult, threaten, scream; elder abuse suspicion index; domestic
# violence hotline guidance): someone hurting, threatening or controlling the person
HELD_MEDS = (
    r"(?:meds|medications?|medicines?|pills|tablets|capsules|painkillers|pain relief|patches|"
    r"inhaler|insulin|oxygen|morphine|oxy\w*|chemo|doses|prescriptions?|tamoxifen|letrozole|"
    r"anastrozole|capecitabine|xeloda|steroids|dexamethasone)"
)
MEDS_AS_CONTROL = (
    r"(?:when (?:we|they|he|she|i) (?:argue|argued|fight|fought|row|rowed|disagree|fall out|fell "
    r"out)|when (?:he|she|they) (?:is|are|gets?|was|were) (?:angry|cross|mad|drunk|upset|annoyed|"
    r"in a (?:mood|temper))|(?:i|she|he|we) (?:have |has |had )?missed|(?:gone|go|goes|went|been|"
    r"going) without|to punish|punish\w* (?:me|her|him)|(?:says|said) (?:i|she|he) (?:deserves?|"
    r"do not need|does not need)|unless (?:i|she|he)|until (?:i|she|he) (?:do|does|say|says|sign|"
    r"signs|give|gives|apolog\w*|beg\w*|behave\w*))"
)
NOT_SAFE_KEEPING = (
    r"(?! from (?:the |my |our |his |her )?(?:kids|children|grand\w*|toddlers?|little ones|baby|"
    r"dogs?|cats?|pets?))"
)
"""Medicines held back as control, told by what goes with it (a row, a mood, missed doses, a
condition, a punishment), not their safe keeping ("hides my tablets from the grandkids")."""
AGENT = (
    r"(?:he|she|they|husband|wife|partner|spouse|boyfriend|girlfriend|fiance|fiancee|ex|"
    r"ex husband|ex wife|ex partner|son|daughter|dad|father|mom|mother|stepdad|stepfather|"
    r"stepmom|stepmother|brother|sister|uncle|aunt|grandson|granddaughter|nephew|niece|"
    r"son in law|daughter in law|in laws?|carer|caregiver|care giver|aide|home aide|helper|"
    r"care worker|support worker|home help|nurse|staff|"
    r"cleaner|lodger|roommate|flatmate|landlord|neighbou?r|boyfriend|family)s?"
)
VICTIM = (
    r"(?:me|her|him|us|them|(?:my|his|her|their) (?:\w+ )?(?:mom|dad|mother|father|son|daughter|"
    r"kids?|children|"
    r"child|baby|wife|husband|partner|grandma|grandmother|grandpa|grandfather|sister|brother|"
    r"nan|nana|granny|patient)|the (?:kids|children|baby|child))"
)
NOT_POSSESSIVE = (
    r"(?! (?:hand|hands|arm|arms|leg|legs|finger|fingers|thumb|head|foot|feet|toe|toes|knee|"
    r"knees|elbow|back|tongue|lip|lips|mouth|face|skin|chest|shoulder|neck|hip|self|own|way|"
    r"food|dinner|breakfast|lunch|tea|coffee|toast|hair|shin|ankle|wrist|nose|eye|eyes|ear|"
    r"cheeks?|feelings|bottom|bum|stomach|tummy|belly|side|shins|chin|forehead|heel|sunburn|"
    r"scar|wound|on (?:chess|cards|games?|tennis|golf|scrabble|a game)|at (?:chess|cards|"
    r"games?|tennis|golf|scrabble|a game|it)|to it|to the)\b)"
)
"""After a verb, "her"/"his" followed by a body part or thing is a possessive ("she burned
her hand cooking", "he beat me at chess"), not a person being hurt."""
KIN_AGENT = (
    r"(?:husband|wife|partner|spouse|boyfriend|girlfriend|fiance|fiancee|ex|ex husband|ex wife|"
    r"son|daughter|dad|father|mom|mother|stepdad|stepfather|stepmom|stepmother|brother|sister|"
    r"uncle|aunt|grandson|granddaughter|son in law|daughter in law|carer|caregiver|care giver|"
    r"aide|helper)s?"
)
"""A person at home or caring: their "hurts her" is abuse; a therapist's "hurt me" is not."""
HURT_VERBS = (
    r"(?:hit|hits|hitting|slap\w*|punch\w*|kick\w*|shov\w*|beat|beats|beating|beaten|chok\w*|"
    r"strangl\w*|throttl\w*|smack\w*|whack\w*|thump\w*|bit|bites|biting|pinch\w*|headbutt\w*|"
    r"kneed|knees|burn\w*|spat on|spits on|scratch\w*|pins?|pinned|pinning|restrain\w*|"
    r"tie\w* up|tied up|attack\w*|assault\w*|beat up|beats up|beaten up|rough\w* up)"
)
SILENCING_THREAT = (
    r"(?:(?:end up|put me|send me|be put|go|going) (?:\w+ )?in(?:to)? (?:a|the) (?:home|care home|"
    r"nursing home)|leave (?:me|us)|stop (?:coming|visiting|helping|feeding|caring)|hurt|kill|"
    r"never see|lock|take (?:the kids|my|away)|kick (?:me|us) out|throw (?:me|us) out|cut me off|"
    r"make (?:me|you) (?:sorry|pay)|regret)"
)
"""What a threat for telling holds: a care home, being left, hurt, locked in, cut off."""
CONDUCT = (
    r"(?:behave\w*|misbehave\w*|been good|is good|was good|good girl|good boy|does as (?:she|he|"
    r"i) (?:is|am) told|do as (?:i am|she is|he is) told|did as (?:she|he|i) (?:was )?told|does "
    r"what (?:she|he|i) (?:is|am) told|does what (?:he|she|they) (?:says|wants)|obey\w*|keeps "
    r"quiet|stays quiet|kept quiet|says sorry|said sorry|apologi\w*|earned it|earns it)"
)
"""Good conduct asked for in return ("only if she behaves", "if he has been good")."""
ABUSE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # silence demanded with a threat (elder-abuse suspicion index: threatened, made afraid):
    # "she says i will end up in a home if i tell", "he said he would leave me if i told"
    _any(
        rf"\b(?:{KIN_AGENT}|he|she|they) (?:\w+ ){{0,6}}(?:says|said|told me|tells me|"
        rf"threaten\w*|warn\w*) (?:\w+ ){{0,10}}{SILENCING_THREAT}(?: \w+){{0,4}} if (?:i|we|mom|"
        r"mum|dad|she|he) (?:ever )?(?:tell|tells|told|say|says|said|report\w*|call\w*|speak\w*|"
        r"talk\w*)\b",
        rf"\b(?:{KIN_AGENT}|he|she|they) (?:\w+ ){{0,4}}(?:says|said|told me|tells me|warn\w*) "
        r"(?:me )?not to (?:tell|say anything to) (?:\w+ ){0,6}(?:or|otherwise) (?:else|she|he|"
        rf"they|i)\b(?: \w+){{0,3}} {SILENCING_THREAT}",
    ),
    # threats that use status or dependence to control (DV hotline: immigration abuse)
    _any(
        r"\b(?:threaten\w*|says|said|will|would|going to|gonna) (?:\w+ ){0,3}(?:call|report|"
        r"tell|ring|phone) (?:\w+ ){0,2}(?:immigration|the home office|border (?:force|agency))\b",
        r"\b(?:get|have|having|getting) (?:me|her|him) deported\b",
    ),
    # physical harm by another person (or by the person writing, to the one they care for)
    _any(
        rf"\b{AGENT} (?:\w+ ){{0,5}}{HURT_VERBS} {VICTIM}\b{NOT_POSSESSIVE}",
        rf"\b{KIN_AGENT} (?:\w+ ){{0,3}}(?:hurt|hurts|hurting|harm\w*|abus\w*|mistreat\w*) "
        rf"{VICTIM}\b{NOT_POSSESSIVE}(?! (?:feelings|by accident|accidentally))",
        rf"\b{AGENT} (?:\w+ ){{0,3}}(?:hit|hits|bang\w*|slam\w*|smash\w*|push\w*|shov\w*) "
        r"(?:my|her|his) head (?:against|into|on) (?:the |a )?(?:wall|floor|door|table|"
        r"window|car|counter)\b",
        rf"\b{AGENT} (?:\w+ ){{0,3}}(?:push\w*|shov\w*) {VICTIM} (?:\w+ )?(?:down|over|back|"
        r"around|into|against|away|off|out of|to the (?:floor|ground))\b",
        # s35-10: the same act told after "and", its doer named earlier in the sentence
        r"\band (?:then |also |even )?(?:pushed|shoved|slammed|threw) (?:me|her|him|us) "
        r"(?:\w+ )?(?:against|into|onto|to the (?:floor|ground)|down (?:the )?stairs)\b",
        rf"\b{AGENT} (?:\w+ ){{0,3}}(?:grab\w*|yank\w*|drag\w*) {VICTIM} by (?:the|my|her|his) "
        r"(?:arms?|hair|throat|neck|wrists?|shoulders?|collar|face)\b",
        rf"\b{AGENT} (?:\w+ ){{0,4}}(?:shak(?:e|es|ing|en)|shook) {VICTIM}\b(?! (?:hand|awake|up))",
        rf"\b{AGENT} (?:\w+ ){{0,5}}(?:throw\w*|threw|thrown) (?:\w+ ){{0,2}}(?:things|stuff|"
        r"objects|plates|a \w+|the \w+|his \w+|her \w+|food|drinks?) at (?:me|her|him|us|"
        r"(?:my|her|his) (?:head|face))\b",
        r"\b(?:i|we|he|she) (?:\w+ ){0,3}(?:hit|slap\w*|punch\w*|kick\w*|shov\w*|chok\w*|"
        r"pinch\w*|smack\w*|thump\w*|whack\w*) (?:my|his|her) (?:\w+ )?(?:mom|dad|mother|father|"
        r"wife|husband|partner|son|daughter|child|kid|baby|grandma|grandmother|grandpa|"
        r"grandfather|patient|nan|nana|granny)\b(?! (?:hand|s hand|feelings|up))",
        r"\b(?:get|got|gets|getting|was|were|been|being|am|is) (?:\w+ )?(?:hit|slapped|punched|"
        r"kicked|beaten|beat up|choked|strangled|shoved|pushed around|knocked about|"
        r"knocked around) (?:by|when|if|every|whenever|again)\b(?! (?:a|the) (?:car|bus|ball|"
        r"truck|bike|van|door))",
        r"\b(?:leaves?|left|leaving|gives?|gave|giving) (?:\w+ )?bruises? (?:on|all over) "
        r"(?:me|my|her|his|him)\b",
        r"\bbruises? (?:\w+ ){0,4}(?:from|after|where|when) (?:he|she|they|the (?:carer|"
        r"caregiver|aide|helper)|my (?:husband|wife|partner|boyfriend|girlfriend|son|daughter)) "
        r"(?:\w+ )?(?:grab\w*|squeez\w*|hit\w*|held|holds|pinch\w*|push\w*|kick\w*)\b",
        r"\bflinch\w* (?:\w+ ){0,2}(?:when|whenever|every time|if) (?:he|she|they|the \w+|"
        r"my \w+|his \w+|her \w+)\b",
        r"\bshow (?:me|her|him) what (?:real )?pain\b",
        # injuries seen, and a relative or carer named as the one who did it (EASI; DV screening)
        r"\b(?:bruis\w*|marks|burns?|cuts|welts|black eye|scratches)\b(?: \S+){0,12} (?:said|says|"
        r"told me|admitted|let slip) (?:that )?(?:her|his|my|their) (?:\w+ )?(?:son|daughter|"
        r"husband|wife|partner|boyfriend|girlfriend|carer|caregiver|father|mother|dad|mum|mom|"
        r"stepdad|stepfather|stepmum|stepmom|brother|sister|uncle|aunt|nephew|niece|grandson|"
        r"granddaughter|ex) (?:did|caused|made|gave (?:her|him|me)) (?:it|them|this|those|that)\b",
        r"\b(?:is|are|gets|got|was|been|being|very|so|too) (?:\w+ )?rough with (?:me|her|him|them|"
        r"my \w+|mum|mom|dad|nan|nana|gran|granny|grandma|grandpa)\b",
        rf"\b{AGENT} (?:\w+ ){{0,3}}(?:squeez\w*|press\w*|dig\w*|pok\w*|jab\w*|twist\w*) "
        r"(?:\w+ ){0,6}(?:to (?:show|teach|punish|hurt)|until (?:i|she|he) (?:scream|cry|cries)|"
        r"on purpose)\b",
    ),
    # threats, stalking, fear of a person or of going home
    _any(
        r"\bthreaten\w* (?:me|us|to (?:kill|hurt|hit|beat|burn|stab|shoot|strangle|throw me|"
        r"kick me|take (?:the|my|our) (?:kids|children|baby)|stop my|leave me|put me|cut me|"
        r"report me|lock me))\b",
        rf"\b{AGENT} (?:\w+ ){{0,3}}threaten\w* (?:her|him|my \w+)\b",
        r"\b(?:says|said|saying|tells|told|keeps saying|swore|swears) (?:\w+ )?(?:he|she|they) "
        r"(?:will|would|is going to|are going to|going to|gonna) (?:kill|hurt|hit|beat|burn|"
        r"strangle|choke|stab|shoot) (?:me|us|her|him|the kids|my \w+)\b",
        r"\b(?:stalking|stalks|stalked) (?:me|her|him)\b",
        r"\b(?:keeps|kept) (?:turning|showing) up (?:at|outside)\b",
        r"\b(?:scared|afraid|frightened|terrified|worried|fear) (?:that )?(?:he|she|they|my ex|"
        r"my husband|my wife|my partner|my boyfriend|my girlfriend) (?:will|would|might|is going "
        r"to|are going to|going to|gonna) (?:find|hurt|kill|hit|follow|come after|track|"
        r"beat) (?:me|us|her|him)\b",
        r"\b(?:scared|afraid|frightened|terrified) (?:of|to be (?:\w+ )?with|to be left with) "
        r"(?:him|her) (?=\.|,|and |when |because |so |whenever |now )",
        r"\b(?:scared|afraid|frightened|terrified) (?:of|to be (?:\w+ )?with|to be left with) "
        r"(?:him|my (?:husband|wife|partner|boyfriend|girlfriend|son|daughter|carer|caregiver|"
        r"ex|dad|father|stepdad|brother|aide)|the (?:carer|caregiver|aide|helper))\b(?! (?:dying|"
        r"leaving|getting|being|having|not|losing|suffering|going|passing|falling|finding|"
        r"seeing|knowing|worrying|finding out|reading|hearing))",
        r"\b(?:scared|afraid|frightened|terrified|fear\w*|dread\w*) (?:\w+ ){0,2}"
        r"(?:to go|of going|going|to return|of returning|to get) (?:back )?home\b(?!(?: \w+){0,4} "
        r"(?:because (?:i|she|he) (?:live|lives|am|is) (?:alone|on (?:my|her|his) own|by "
        r"(?:my|her|him)self)|after (?:my |her |his |the )?(?:surgery|operation|discharge)|from "
        r"(?:the )?hospital|alone|on (?:my|her|his) own))",
        r"\b(?:not|never|do not feel|does not feel) (?:feel )?safe (?:at home|in (?:my|our|her|"
        r"his) "
        r"(?:own )?(?:home|house)|with (?:him|my \w+|her husband|his wife))\b",
        r"\b(?:go|going|went|get|move|moved|stay|staying|call|called|phone) (?:\w+ ){0,2}(?:to |"
        r"in |at )?(?:a |the )?(?:women s |womens |domestic violence |dv )?(?:shelter|refuge|"
        r"safe house)\b",
    ),
    # coercive control: money, medicines, movement, decisions
    _any(
        r"\b(?:controls?|controlling|controlled) (?:all )?(?:of )?(?:my|her|his|the|our|all the) "
        r"(?:\w+ )?(?:money|finances|bank|cards?|cash|pension|benefits|checks|cheques|accounts?|"
        r"phone|keys|life|every)\w*",
        r"\bcontrols? (?:everything|every aspect|who (?:i|she|he) (?:see|sees|talk|talks)|where "
        r"(?:i|she|he) (?:go|goes)|what (?:i|she|he) (?:eat|eats|do|does|spend|spends|wear))\b",
        rf"\b{AGENT} (?:\w+ ){{0,3}}(?:steal\w*|stole|stolen) from (?:me|her|him|(?:my|his|her) "
        r"\w+)\b",
        rf"\b{AGENT} (?:\w+ ){{0,3}}(?:steal\w*|stole|stolen|nick\w*|pinch\w*|tak\w*|took) "
        r"(?:\w+ ){0,2}(?:money|cash|pension|savings|jewel\w*|cards?|checks?|cheques?) (?:from|out "
        r"of) (?:me|her|him|my|his|her)\b",
        rf"\b{AGENT} (?:\w+ ){{0,2}}(?:took|takes|taking|has taken|keeps|kept|hides|hid|hiding|"
        r"stole|steals|stealing) (?:away )?(?:my|her|his) (?:\w+ )?(?:money|bank ?cards?|cards?|"
        r"cash|pension|benefits|phone|keys|car keys|passport|savings|wallet|purse)\b",
        # medicines hidden, kept or refused as a means of control (DV hotline: controlling
        # medication), told with a row, a mood, missed doses, a condition or a punishment;
        # not kept safe ("locked away from the grandchildren")
        rf"\b{AGENT} (?:\w+ ){{0,2}}(?:hides|hid|hiding|withhold\w*|holds? back|rations?|locks? "
        r"(?:up|away)|locked (?:up|away)|keeps?|kept|takes?|took|throws? away|threw away|"
        r"flushe?s?d?|puts? away) (?:\w+ )?"
        rf"(?:my|her|his) (?:\w+ ){{0,2}}{HELD_MEDS}\b(?: \S+){{0,10}} (?:from (?:me|her|him)|so "
        rf"(?:i|she|he) can not|away\b{NOT_SAFE_KEEPING}|when (?:i|she|he)\b|{MEDS_AS_CONTROL})",
        r"\b(?:will not|would not|does not|refuses? to|never|wont) (?:let|allow) (?:me|her|him) "
        r"(?:\w+ ){0,2}(?:leave|go out|out of|see|call|talk to|phone|visit|contact|have (?:my|her|"
        r"his) (?:meds|pain)|take (?:my|her|his) (?:meds|pain)|get (?:my|her|his) (?:meds|pain)|"
        r"drive|speak to|have any money|have money|go to (?:the |my |her |his )?(?:\w+ )?(?:doctor|"
        r"hospital|appointments?|chemo|treatment|radiotherapy|clinic))\b",
        r"\b(?:will not|would not|does not|refuses? to|never|wont) (?:give|pay for) (?:me|her|him) "
        r"(?:\w+ )?(?:my|her|his|any) (?:\w+ )?(?:meds|medications?|pills|painkillers|pain meds|"
        r"tablets|money|food)\b",
        r"\bif (?:i|she|he) (?:do not|does not|will not|would not|refuse to|refuses to) "
        r"(?:sign|hand over|give (?:him|her|them))\b",
        r"\bmakes? (?:me|her|him) (?:sign|hand over|give (?:him|her|them) (?:my|her|his|all)|"
        r"pay for (?:his|her|their))\b",
        r"\b(?:the )?only one who (?:decides|controls|chooses|gets to decide)\b",
        rf"\b{AGENT} (?:\w+ ){{0,3}}(?:tell|get|make|have) (?:the )?(?:doctors?|nurses?|hospital|"
        r"oncologist|team) "
        r"(?:to )?(?:stop|cancel|withhold|end|refuse) (?:my|her|his) (?:treatment|chemo|meds|"
        r"medication|care|pain relief)\b",
        rf"\b{AGENT} (?:\w+ ){{0,2}}(?:says|said|tells|told|keeps saying) (?:me |her |him )?"
        r"(?:i am|she is|he is) (?:just )?(?:a waste of (?:space|time)|worthless|useless|pathetic|"
        r"faking it|faking)\b",
        rf"\b{AGENT} (?:\w+ ){{0,3}}(?:shouts?|shouting|screams?|screaming|yells?|yelling|"
        r"swears?|swearing) at (?:me|her|him|us|my \w+)\b(?: \w+){0,4} (?:every|all the time|"
        r"constantly|always|whenever|when (?:i|she|he))\b",
        rf"\b{AGENT} (?:\w+ ){{0,3}}(?:steal\w*|stole|stolen|nick\w*|pinch\w*|tak\w*|"
        r"took) (?:\w+ )?"
        r"(?:money|cash) (?:from|out of)\b(?: \w+){0,6} (?:shouts?|screams?|yells?|swears?) at\b",
        r"\bcalls? (?:me|her|him) (?:\w+ )?(?:useless|worthless|stupid|pathetic|a burden|"
        r"disgusting|a waste|a cripple|a freak)\b",
        r"\b(?:forces?|forced|makes?|made) (?:me|her|him) (?:to )?(?:have sex|do sexual|sleep "
        r"with)\b",
        r"\b(?:touch\w*|grop\w*|fondl\w*) (?:me|her|him) (?:\w+ ){0,3}(?:inappropriately|without "
        r"(?:my|her|his) consent|when (?:i|she|he) (?:do not|did not|said no|say no))\b",
        r"\b(?:raped|rapes|raping|sexually assault\w*|molest\w*)\b",
        # A treatment or a massage "left me exhausted for days" or "with hiccups for days" is
        # a side effect, not someone leaving the person alone.
        _NOT_AFTER_TREATMENT + r"\b(?:leaves?|left|leaving) (?:me|her|him) "
        r"(?!with (?!no |nothing |none ))(?:\w+ ){0,4}(?:for days|without (?:food|water|"
        r"meds|medication|help|care|heating|pads)|in (?:my|her|his) own (?:mess|urine|waste))\b",
        r"\b(?:locks?|locked|locking) (?:me|her|him) (?:in|out|up)\b",
        r"\b(?:owe|owes|owed) (?:him|her|them) sex\b",
        rf"\b{AGENT} (?:\w+ ){{0,2}}(?:makes?|made|making) (?:me|her|him) (?:do stuff|do things|"
        r"touch (?:him|her|them))\b",
        r"\b(?:says|said|tells|told|threaten\w*)\b(?: \S+){0,8} (?:die|hurt|kill|leave|beat|hit|"
        r"regret|sorry|trouble|go away|taken away)\b(?: \S+){0,4} if (?:i|you|we|she|he) (?:ever )?"
        r"(?:tell|tells|told|say anything)\b",
        r"\b(?:leaves?|left|leaving) (?:me|her|him) (?:\w+ ){0,3}in (?:dirty|soiled|wet) "
        r"(?:pads|nappies|diapers|sheets|clothes|bed)\b",
        r"\b(?:texts|messages|phone|emails)\b(?: \S+){0,8} (?:not|never) let\w* (?:me|her|him|you) "
        r"(?:go|leave|see|talk|out)\b",
        r"\b(?:meds|medications?|medicines?|pills|painkillers|tablets|insulin)\b(?: \S+){0,4} "
        r"only (?:gives?|gave|hands?|lets? (?:me|her|him) have) (?:them|it) (?:back |over )?"
        r"(?:to (?:me|her|him) )?(?:if|when|after|once)\b",
        r"\b(?:meds|medications?|medicines?|pills|painkillers|tablets|insulin|money|food|phone|"
        r"keys)\b(?: \S+){0,8} (?:if|unless|until) (?:i|she|he) (?:do|does|did) (?:exactly )?what "
        r"(?:he|she|they) (?:says|say|wants|tells (?:me|her|him))\b",
        r"\b(?:threw|throws|thrown|hurled|flung) (?:\w+ ){0,2}at (?:my|her|his) (?:head|face)\b",
        r"\bonly (?:gives?|gave|lets?|let) (?:me|her|him) (?:have )?(?:my|her|his|the) "
        r"(?:\w+ ){0,2}"
        r"(?:meds|medications?|medicines?|pills|painkillers|pain meds|tablets|money|food) (?:if|"
        r"when|after|once) (?:i|she|he)\b",
        rf"\b{AGENT} (?:\w+ ){{0,2}}(?:will not|would not|refuses to|does not|did not|never|"
        r"stopped|stops) (?:give|giving|hand|handing|let (?:me|her|him) have) (?:me |her |him )?"
        r"(?:over |back )?"
        rf"(?:my|her|his) (?:\w+ ){{0,2}}{HELD_MEDS}\b(?: \S+){{0,6}} (?:unless|until|if) "
        r"(?:i|she|he)\b",
        rf"\b{AGENT} (?:\w+ ){{0,2}}(?:withhold\w*|withheld) (?:\w+ ){{0,2}}(?:meds|medications?|"
        r"medicines?|pills|painkillers|pain meds|tablets|food|insulin|oxygen)\b(?! (?:before|"
        r"until after) (?:the |her |his |my )?(?:surgery|operation|procedure|scan))",
        r"\bif (?:i|she|he|we) (?:ever )?(?:leave|leaves|left|go|goes|tell|tells|call|calls|report|"
        r"interfere|interferes|object|objects|complain|complains|say anything)"
        r"\b(?: \S+){0,4} (?:he|she|they) (?:will|would|is going to|are going to|is gonna) "
        r"(?:make sure|kill|hurt|take|never let|stop|cut)\b",
        rf"\b{AGENT} (?:\w+ ){{0,4}}(?:emptying|emptied|empties|draining|drained|drains|"
        r"cleaning out|cleaned out|cleans out) (?:\w+ ){0,2}(?:bank )?(?:account|accounts|savings|"
        r"pension)\b",
        rf"\b{AGENT} (?:\w+ ){{0,3}}(?:broke|smashed|smashes|breaks|took away|takes away|"
        r"hides|hid) (?:my|her|his) (?:phone|mobile|cell ?phone|hearing aids?|glasses|walker|"
        r"wheelchair)\b",
    ),
    # named outright
    _any(
        r"(?<!substance )(?<!drug )(?<!alcohol )(?<!opioid )(?<!drugs )\b(?:abusing|abuses) "
        r"(?:me|her|him|us|them|my \w+)\b",
        r"\babusive (?:husband|wife|partner|boyfriend|girlfriend|relationship|marriage|carer|"
        r"caregiver|son|daughter|ex|home|family|father|mother|dad|mom|stepdad)\b",
        r"\b(?:am|is|are|being|been|getting|get) (?:\w+ )?abused\b",
        # (not when studied, written or taught about: ``checks.studied``)
        r"\b(?:domestic (?:violence|abuse)|elder abuse|intimate partner violence|coercive control|"
        r"financial abuse|emotional abuse)\b",
    ),
    # warning signs told without a cue word (session 21): financial exploitation, threats
    # tied to leaving, telling or treatment, fear of what a person will do, neglect
    _any(
        # money disappearing, anger when asked (elder abuse suspicion index: financial)
        r"\b(?:do not|does not|never) know where (?:my|her|his|our|the) (?:money|pension|"
        r"savings|cash|benefits) (?:goes|went|is going|has gone)\b",
        r"\b(?:money|bank|account|pension|savings|cards?|cash|meds|medicines?|pills|tablets)\b"
        r"(?: \S+){0,12} (?:gets?|got|becomes?|goes) (?:really |very |so )?(?:angry|furious|mad|"
        r"nasty|violent|aggressive|scary|threatening) (?:\w+ )?(?:if|when|whenever|every time) "
        r"(?:i|she|he) (?:ask|asks|asked|question|questions|mention|mentions|bring it up|"
        r"brings it up|say something|says something)\b",
        rf"\b{AGENT} (?:\w+ ){{0,3}}(?:took over|has taken over|takes over|got hold of|has "
        r"control of|has got) (?:all )?(?:my|her|his) (?:\w+ )?(?:bank ?cards?|cards?|accounts?|"
        r"pension|savings|money|benefits|finances)\b(?: \S+){0,10} (?:do not know|does not know|"
        r"will not (?:tell|show|let)|angry|shouts?|gone|missing|disappear\w*)\b",
        # a conditional threat: if I do X he will take the children / put me in a home ...
        r"\b(?:says|said|tells|told|threaten\w*|warns?|warned|keeps saying|swore|swears) "
        r"(?:me |her |him )?(?:that )?(?:if|unless) (?:i|she|he|we) (?:\S+ ){0,7}(?:he|she|"
        r"they) (?:will|would|is going to|are going to|is gonna|ll) (?:\S+ ){0,2}(?:leave (?:me|"
        r"us|her|him|and)|take (?:the|my|our|her|his) (?:kids|children|baby|son|daughter|house|"
        r"money|car|grandchildren)|put (?:me|her|him) (?:in|into) (?:a|the) (?:\w+ )?home|sell "
        r"(?:the|my|our) house|throw (?:me|her|him|us) out|kick (?:me|her|him|us) out|cut (?:me|"
        r"her|him) off|stop (?:paying|my|her|his)|lock (?:me|her|him)|hurt|kill|beat|make (?:me|"
        r"her|him) (?:pay|regret|sorry)|have (?:me|her|him) (?:put away|committed|sectioned))",
        r"\b(?:says|said|tells|told|threaten\w*|warns?|warned|keeps saying|swore|swears)\b"
        r"(?: \S+){0,10} (?:put (?:me|her|him) (?:in|into) (?:a|the) (?:\w+ )?home|sell (?:the|"
        r"my|our) house|take (?:the|my|our) (?:kids|children|baby|grandchildren)|throw (?:me|"
        r"her|him|us) out|kick (?:me|her|him|us) out|cut (?:me|her|him) off|leave (?:me|us))\b"
        r"(?: \S+){0,6} if (?:i|she|he|we|you) (?:ever )?(?:tell|tells|told|say|says|complain\w*|"
        r"report\w*|call|calls|mention\w*|speak|speaks|talk|talks|ask\w*|go|goes|leave|leaves)\b",
        # fear of what a person will do; not wanting to go home because of it
        r"\b(?:scared|afraid|frightened|terrified|fear\w*) (?:of )?what (?:he|she|my (?:husband|"
        r"wife|partner|boyfriend|girlfriend|son|daughter|ex|dad|father|stepdad|brother|carer|"
        r"caregiver)) (?:will|would|might|is going to|could|is gonna) do\b",
        r"\b(?:do not|does not|did not) want to go (?:back )?home\b(?: \S+){0,8} (?:scared|"
        r"afraid|frightened|terrified|because (?:he|she) (?:is|will|has|gets|hits|shouts)|"
        r"drinking|drunk)\b",
        # coercive control: who decides, compliance demanded, keys or phone taken away
        rf"\b{AGENT} (?:\w+ ){{0,2}}(?:decides|chooses|controls) (?:if|whether|when|what|how "
        r"much|who) (?:i|she|he) (?:can|may|get|gets|eat|eats|see|sees|go|goes|have|has|take|takes|"
        r"spend|spends)\b",
        r"\bunless (?:i|she|he) (?:do|does|obey|obeys|agree|agrees|do as|does as) (?:exactly |"
        r"everything )?(?:what|as) (?:he|she|they) (?:says|say|wants|tells|told)\b",
        rf"\b{AGENT} (?:\S+ ){{0,8}}so (?:that )?(?:i|she|he) (?:can not|could not|am not able "
        r"to|is not able to) (?:get to|go to|go out|leave|see|drive|call|phone|get out|escape|"
        r"get help|get away)\b",
        r"\b(?:nobody|no one|no body) (?:will|would|is going to) (?:ever )?believe (?:me|her|him|"
        r"you|a (?:man|woman|boy|girl|kid|child|cripple)|an? (?:old|sick|dying|crazy|disabled) "
        r"\w+|anything (?:i|you|she|he) (?:say|says))\b",
        r"\btell (?:everyone|everybody|people|the doctors?|the nurses?) (?:that )?(?:i am|she is|"
        r"he is) (?:crazy|mad|insane|lying|making it up|senile)\b",
        # fear of telling; a person coming into a child's room at night
        r"\b(?:scared|afraid|frightened|terrified) (?:to|of) (?:tell|telling|say|saying) "
        r"(?:\w+ ){0,3}(?:what|about what) (?:he|she|they|my \w+) (?:does|did|do|says|said)\b",
        rf"\b{AGENT} (?:\w+ ){{0,2}}(?:comes|came|sneaks|snuck|creeps|crept|gets|got) (?:in|"
        r"into) (?:my|her|his) (?:bed|bedroom|room)\b(?: \S+){0,6} (?:at night|when (?:mum|"
        r"mom|dad|no one|nobody|everyone)|while)\b",
        # the person cared for lashing out; medicines taken for someone else's use
        r"\b(?:lash\w* out|lashed out|goes for|went for|turns on|turned on) (?:at )?(?:me|her|"
        r"him|us|my \w+)\b(?: \S+){0,8} (?:split|cut|bruis\w*|black eye|bleed\w*|hurt|"
        r"scared|frightened|afraid)\b",
        r"\b(?:split|bust\w*|burst) (?:my|her|his) lip\b",
        rf"\b{AGENT} (?:\w+ ){{0,4}}(?:keeps? taking|keeps? stealing|steal\w*|stole|sell\w*|"
        r"sold) (?:my|her|his) (?:\w+ )?(?:meds|medications?|medicines?|pills|painkillers|pain "
        r"meds|tablets|morphine|oxy\w*|patches|fentanyl)\b",
        r"\b(?:carer|caregiver|care giver|aide|helper|care worker|support worker|home help)\b"
        r"(?: \S+){0,12} (?:marks|bruises|burns|grip marks|finger marks) (?:\w+ )?on (?:his|her|"
        r"my) (?:wrists?|neck|upper arms?|inner thighs?)\b",
        rf"\b(?:he|she|{KIN_AGENT}) (?:\w+ ){{0,2}}(?:will not|would not|does not|do not|refuses? "
        r"to|never|wont) (?:let|allow) (?:my|her|his|our) (?:\w+ ){0,2}(?:to )?(?:visit|see "
        r"(?:me|her|him)|come (?:over|round|in|to see)|call|phone)\b",
        rf"\b{AGENT} (?:is |has |s )?got (?:all )?(?:my|her|his) (?:\w+ )?(?:bank ?cards?|cards?|"
        r"pension|savings|money|benefits|pin)\b(?: \S+){0,10} (?:will not (?:let|tell|show|give)|"
        r"won t let|does not let|no money left|nothing left|angry|shouts?)\b",
        rf"\b{AGENT} (?:\w+ ){{0,6}}(?:getting|gets|got|become|becoming|becomes|is|has been) "
        r"(?:really |very |so |more )?(?:violent|ag+res+ive)\b(?: \S+){0,10} (?:hit|hits|bit|"
        r"bites|punch\w*|kick\w*|slap\w*|scratch\w*|push\w*|shov\w*|bruis\w*|scared|afraid|"
        r"frightened|hurt)\b",
        r"\b(?:punched|hit|slapped|kicked|bit|headbutted|elbowed|smacked|thumped) (?:me|her|him) "
        r"(?:in|on|across) (?:the|my|her|his) (?:face|head|eye|mouth|nose|jaw|stomach|chest|"
        r"ribs)\b",
        r"\b(?:scared|afraid|frightened|terrified) (?:of (?:him|her)|to be (?:\w+ )?(?:with|"
        r"near) (?:him|her)) at night\b",
        r"\bflinch\w* (?:\w+ ){0,2}(?:when|whenever|every time|if) (?:\w+ ){0,4}(?:he|she|"
        r"they|carers?|caregivers?|staff|nurses?|aides?|husband|wife|son|daughter|partner|dad|"
        r"mom|mum|father|mother) (?:comes?|walks?|gets?|goes|moves|raises|touches|is near|near)\b",
        r"\b(?:like|as if|as though) (?:he|she|they) (?:is|has|was|had|s) been (?:tied|held|"
        r"pinned|strapped) (?:down|up)\b",
        r"\b(?:scared|afraid|frightened|terrified) to (?:say|tell) (?:anything|anyone|anybody|"
        r"the (?:nurse|doctor|staff))\b",
        r"\b(?:marks|bruises|burns|grip marks|finger marks) (?:\w+ )?on (?:his|her|my) (?:wrists?|"
        r"neck|upper arms?|inner thighs?)\b(?: \S+){0,12} (?:carer|caregiver|care giver|aide|"
        r"helper|care worker|support worker|home help|staff)s?\b",
        r"\bmakes? (?:my |his |her )?(?:mum|mom|dad|nan|gran|grandma|grandpa|mother|father|wife|"
        r"husband) (?:sign|hand over|give)\b",
        r"\b(?:too|so) (?:scared|afraid|frightened|terrified) to (?:refuse|say no|say anything|"
        r"tell|speak up|complain|leave)\b",
        rf"\b{AGENT} (?:\w+ ){{0,2}}(?:threw|throws|thrown|chucked|chucks|binned|bins|flushed|"
        r"flushes|tipped|tips) (?:away )?(?:out )?(?:my|her|his) (?:\w+ ){0,2}(?:meds|"
        r"medications?|medicines?|pills|painkillers|tablets|morphine|oxygen|insulin)\b",
        r"\b(?:grabbed|grabs|pulled|pulls|yanked|yanks|dragged|drags) (?:me |her |him )?(?:by )?"
        r"(?:my|her|his) hair\b",
        r"\b(?:dragged|drags|dragging) (?:me|her|him) (?:off|out of|across|along|down|up|by|"
        r"from)\b",
        r"\b(?:he|she|they) (?:said|says|will|would|is going to|are going to|d|ll|swore) "
        r"(?:\w+ ){0,2}make (?:me|her|him|us) pay\b",
        r"\bunless (?:i|she|he) (?:give|gives|hand|hands|sign|signs|pay|pays) (?:\w+ ){0,3}"
        r"(?:money|pin|card|pension|cheques?|checks?|savings|house|will)\b",
        r"\b(?:scared|afraid|frightened|terrified|dread\w*) (?:\w+ ){0,2}(?:to go|of going|going) "
        r"back (?:to )?(?:the|our|my) (?:house|flat|apartment|place)\b",
        # injuries shaped like a grip or a hand, seen on someone (elder abuse suspicion
        # index; DV screening): not when a massage, a session or a cannula left them
        r"\b(?:finger ?tips?|finger ?shaped|fingers|finger|grip ?shaped|grip|thumb ?prints?|"
        r"hand ?shaped|hand) "
        r"(?:shaped )?(?:bruis\w*|marks)\b(?!(?: \S+){0,6} (?:from|after|during|since) (?:the |my |"
        r"a |her |his |their )?(?:\w+ ){0,2}(?:massage|session|therap\w*|physio\w*|cupping|cannula|"
        r"drip|bloods?|blood test|injection|scan|surgery|op|operation)\b)",
        r"\bhand ?prints? (?:\w+ ){0,2}(?:on|across) (?:my|her|his|their) (?:\w+ )?(?:back|face|"
        r"cheek|cheeks|arms?|neck|throat|thighs?|legs?|bottom|chest)\b",
        r"\bbruis\w* (?:\w+ ){0,3}(?:in the shape of|shaped like|that look like|like) (?:a hand|"
        r"fingers|fingertips|finger tips|finger marks|a handprint|hand prints?)\b",
        # a partner or relative growing rough, rough in a row, or threatening a line or drain
        r"\b(?:he|she|husband|wife|partner|boyfriend|girlfriend|carer|caregiver|aide) (?:\w+ ){0,2}"
        r"(?:getting|got|gets|grown|grows|become|becoming|"
        r"becomes) (?:a lot |much |so |really |even )?(?:rougher|more physical|handsy)\b"
        r"(?!(?: \S+){0,3} (?:pressure|massage|session|strokes|technique|deep tissue))",
        rf"\b{AGENT} (?:\w+ ){{0,2}}(?:yank\w*|grab|grabs|grabbed|grabbing|shov\w*|push\w*|pull\w*|"
        r"twist\w*|rip\w*|tore|slam\w*|threw|throw\w*|kick\w*|tug\w*)"
        r"(?! (?:a |my |his |her |their )?(?:\w+ )?(?:muscle|hamstring|back|calf|groin|tendon|"
        r"ligament|shoulder|neck|knee)\b) "
        r"(?:\w+ ){0,5}(?:during|"
        r"in the middle of|mid|in) (?:a |an |the |our |one of our )?(?:row|fight|argument|rage|"
        r"temper|screaming match|shouting match|blazing row)\b",
        r"\b(?:he|she|they) (?:will|would|is going to|are going to|is gonna) (?:rip|pull|yank|tear|"
        r"cut) (?:it|them|that|(?:my|her|his|the) (?:\w+ )?(?:port|line|picc|drain|tube|"
        r"catheter|bag|stoma bag|cannula|drip|oxygen|feeding tube)) (?:out|off)\b",
        # neglect by a person at home or caring
        rf"\b{AGENT} (?:\w+ ){{0,3}}(?:leaves?|left|leaving) (?:me|her|him|(?:my|his|her) "
        r"(?:\w+ )?\w+) (?:\w+ ){0,3}in (?:dirty|soiled|wet|her own|his own|my own) (?:pads|"
        r"nappies|diapers|sheets|clothes|bed|mess|urine|waste)\b",
        rf"\b{AGENT} (?:\w+ ){{0,3}}(?:does not|do not|never|will not|refuses? to|barely|hardly "
        r"(?:ever )?)(?: \w+)? (?:feed|feeds|wash|washes|bathe|bathes|change|changes|clean|cleans) "
        r"(?:me|her|him|(?:my|his|her) \w+)\b(?: \w+){0,2} (?:properly|enough|for days|at all|"
        r"regularly|anything|all day|for hours)\b",
    ),
    # a carer who takes the person's medicines or money, or yells at them (elder abuse
    # suspicion index: medication and financial abuse, verbal abuse by a carer)
    _any(
        r"\b(?:looks? after|looking after|cares? for|caring for|takes? care of|carers?|"
        r"caregivers?|care givers?|aides?|helpers?|home help)\b(?: \w+){0,8} (?:steals?|stole|"
        r"stealing|takes?|took|taking|keeps?|hides?|hid|withholds?|withheld|pockets?) "
        r"(?:all )?(?:my|his|her|their) (?:\w+ )?(?:pills|meds|medications?|medicines?|"
        r"painkillers|pain pills|money|pension|savings|bank card|cash)\b",
        r"\b(?:looks? after|looking after|cares? for|caring for|takes? care of|carers?|"
        r"caregivers?|care givers?|aides?|helpers?|home help)\b(?: \w+){0,8} (?:yells?|yelled|"
        r"yelling|screams?|screamed|screaming|shouts?|shouted|shouting|swears?|swore) at "
        r"(?:me|him|her|them)\b",
    ),
    # abuse told through its effects, not named (s31-13c; CDC intimate partner violence and
    # National Center on Elder Abuse warning signs): dread of a person coming home, a
    # person checking the phone or where one goes, money doled out of one's own pension,
    # medicines or food given only as a reward or locked away, injuries explained away,
    # appointments missed because keys were hidden, a person who cries or freezes when a
    # carer or relative arrives, neglect since a carer started, a child who dreads home
    _any(
        rf"\b(?:dread\w*|scared|afraid|frightened|terrified|panic\w*|knot in my stomach|"
        r"stomach drops|tense up|tenses up|freeze|freezes|froze|shak(?:e|es|ing)|heart "
        r"(?:races|pounds|sinks)|hold my breath|holds her breath|holds his breath) (?:\w+ ){0,6}"
        r"(?:when|whenever|every time|as soon as) (?:i |she |he |we )?(?:hear |hears |see |sees )?"
        rf"(?:{KIN_AGENT}|my \w+|her \w+|his \w+|he|she|the (?:aide|carer|caregiver|helper)) "
        r"(?:\w+ ){0,3}(?:comes? (?:home|in|back|round|over)|gets? (?:home|back|in)|walks? in|"
        r"arrives?|is (?:home|around|back)|pulls? in|key in the (?:door|lock)|car in the drive|"
        r"car pull\w* in|turns? up|visits)\b",
        r"\bnever know (?:what|which) (?:mood|state|temper) (?:he|she|they) (?:will|ll|is going "
        r"to|is gonna) be in\b",
        r"\bwalk\w* on eggshells\b",
        rf"\b{AGENT} (?:\w+ ){{0,3}}(?:reads?|checks?|checking|goes through|went through|going "
        r"through|monitors?|tracks?|tracking|spies on) (?:all |every |each )?(?:of )?"
        r"(?:my|her|his) "
        r"(?:\w+ )?(?:messages|texts|emails|calls|phone|location|post|mail)\b(?! (?:for (?:me|her|"
        r"him)|to (?:me|her|him)|out loud|aloud)\b)",
        rf"\b{AGENT} (?:\w+ ){{0,3}}(?:tracks?|tracking|follows?|following|checks? up on) (?:where "
        r"(?:i|she|he) (?:go|goes|am|is)|my location|her location|his location)\b",
        r"\b(?:takes?|took|taking) (?:it|my phone|her phone|his phone|the phone) (?:off|from|away "
        r"from) (?:me|her|him)\b(?: \S+){0,4} so (?:i|she|he) (?:can not|could not|will not be "
        r"able to) (?:call|phone|ring|text|contact|talk|speak)\b",
        r"\b(?:not|never) allowed to (?:see|look at|touch|have|open) (?:\w+ ){0,2}"
        r"(?:my|her|his|the) "
        r"(?:own )?(?:bank )?(?:statements|accounts?|money|bank cards?|pension|post|mail|friends|"
        r"family)\b",
        r"\b(?:gives|hands|allows|lets) (?:me|her|him) (?:\w+ ){0,4}(?:out of|from) (?:my|her|his) "
        r"(?:own )?(?:pension|money|savings|benefits|wages|account)\b",
        r"\bonly (?:gives?|hands? over|lets? (?:me|her|him) have|hands? (?:me|her|him)) "
        rf"(?:me |her |him )?(?:my|her|his) (?:\w+ ){{0,2}}{HELD_MEDS}\b(?: \S+){{0,3}} "
        r"(?:if|when) (?:i|she|he) "
        r"(?:have|has|had|do|does|did|am|is|behave|behaves)\b",
        r"\b(?:decides|decided|chooses|says) what (?:i|she|he) (?:am|is) (?:allowed|let) to (?:eat|"
        r"have|wear|spend|buy|do|say)\b",
        r"\b(?:padlock\w*|lock\w*) (?:on |up )?(?:the )?(?:fridge|food|kitchen|cupboards?|pantry)\b"
        r"(?! (?:because|for|from) (?:the |my |our )?(?:kids|children|grand\w*|toddlers?|dog|"
        r"dogs|cat|diet))",
        r"\bwalked into (?:a|the) door\b(?: \S+){0,4} (?:but|though|which|and) (?:it|that) (?:was "
        r"not|is not|was no|never was)\b",
        r"\b(?:fell|fall|walked into|bumped into|slipped)\b(?: \S+){0,8} (?:but|though) "
        r"(?:it|that) "
        r"(?:was not|is not|was no|wasn t) (?:really )?(?:a |an |the |what )?(?:door|fall|stairs|"
        r"accident|cupboard|what happened)\b",
        r"\b(?:clumsy|accident prone|covered in bruises|always bruised) (?:\w+ ){0,3}since "
        rf"(?:{KIN_AGENT}|her \w+|his \w+|my \w+|he|she) (?:\w+ )?(?:moved in|came|started|took "
        r"over|came back|got back)\b",
        r"\balways (?:a|an|some) (?:story|excuse|explanation|reason) (?:\w+ ){0,3}(?:about|for) "
        r"(?:the )?(?:stairs|bruises|marks|cupboard|door|falls?|her face|his face|her arms|"
        r"his arms)\b",
        r"(?<!\bi )(?<!\bwe )\b(?:hid|hides|hidden|took|takes|taken|keeps) (?:the |my |her |"
        r"his )?(?:car )?keys\b(?: \S+){0,8} (?:missed|miss|can not get to|could not get to|"
        r"never made it to) (?:my|her|his|the|two|three|all|several) (?:\w+ ){0,2}(?:appointments?|"
        r"visits?|chemo|treatments?|scans?|sessions|infusions?)\b",
        r"\b(?:cries|crying|cry|panics|panicking|shakes|shaking|freezes|goes quiet|goes silent|"
        r"flinches|hides|trembles) (?:\w+ ){0,3}(?:when|whenever|every time|as soon as) (?:the|"
        r"her|his|my|our) (?:\w+ )?(?:aide|carer|caregiver|care giver|helper|care worker|support "
        r"worker|home help|stepdad|stepfather|stepmom|stepmother|boyfriend|girlfriend) (?:\w+ )?"
        r"(?:arrives|comes|walks in|gets home|is around|visits|comes in|comes home|is there)\b",
        r"\b(?:aide|carer|caregiver|care giver|helper|care worker|support worker|home help)\b"
        r"(?: \S+){0,12} (?:new|fresh|unexplained|more) (?:marks|bruises|scratches|burns)\b",
        r"\b(?:new|fresh|unexplained) (?:marks|bruises|scratches|burns)\b(?: \S+){0,12} (?:aide|"
        r"carer|caregiver|care giver|helper|care worker|support worker|home help)\b",
        rf"\b{AGENT} (?:\w+ ){{0,3}}(?:leaves?|left|leaving) (?:me|her|him|(?:my|his|her) (?:\w+ )?"
        r"\w+) (?:\w+ ){0,2}in the same (?:clothes|pad|nappy|diaper|sheets|bed) (?:\w+ ){0,2}"
        r"(?:for days|all day|all week|for hours|overnight)\b",
        r"\b(?:lost (?:\w+ ){0,3}weight|not (?:being )?fed|hungry all the time|bed ?sores|pressure "
        r"sores|dehydrated|filthy|unwashed) (?:\w+ ){0,3}since (?:she|he|they|the (?:\w+ )?(?:aide|"
        r"carer|caregiver|helper|care worker)) (?:\w+ )?(?:started|came|took over|moved in|"
        r"began)\b",
        r"\b(?:hate|dread\w*|scared of|afraid of|terrified of|frightened of|do not want to be) "
        r"(?:going|coming|being|to go) (?:back )?home\b(?: \S+){0,8} (?:because of (?:how|what) "
        r"(?:my|her|his) \w+ (?:gets|is|does|acts|says)|when (?:he|she|my \w+) (?:drinks|is drunk|"
        r"has been drinking|gets angry|is angry|loses (?:it|his temper|her temper)))\b",
        r"\bi (?:\w+ ){0,2}(?:shook|shake|shaking) (?:her|him|my \w+)\b(?! (?:hand|hands|awake|up|"
        r"gently|by the hand|off)\b)",
        r"\b(?:grabbed|gripped|squeezed|yanked|grabbing|gripping) (?:her|his|my \w+ s|my \w+) "
        r"(?:arm|arms|wrist|wrists|shoulder|shoulders) (?:too hard|so hard|hard|roughly)\b",
        r"\b(?:scared|afraid|frightened|terrified) (?:of )?what i (?:might|will|could|may) do to "
        r"(?:her|him|them|my \w+)\b",
        r"(?<!seat )\b(?:bruis\w*|marks|welts|weals|stripes)\b(?: \S+){0,4} (?:shaped like|in "
        r"the shape of|the shape of|like) (?:a )?(?:belt|buckle|cord|strap|cable|wire|stick|"
        r"coat hanger)\b",
        r"(?<!seat )\b(?:belt|buckle|cord|strap|cable) ?(?:shaped|marks|welts)\b",
        r"\b(?:said|says|told (?:me|us|the \w+)|claims?|claimed) (?:that )?(?:she|he|they) "
        r"(?:had )?(?:walked|ran|bumped|banged) into (?:a|the) (?:door|doorframe|door frame|"
        r"cupboard)\b",
        r"\b(?:jumps|jumped|startles|startled|cowers|cowered|shrinks back|goes rigid|went rigid)\b"
        r"(?: \w+){0,3} (?:when|whenever|every time|as soon as) (?:he|her husband|his wife|her "
        r"partner|her son|her boyfriend|the husband|my husband|my dad|my father|my stepdad|her "
        r"father|his father) (?:comes|walks|gets|enters|speaks|raises|moves|is)\b",
        r"\b(?:says|said|will|would|threaten\w*) (?:\w+ ){0,3}(?:send me away|send me to|put me "
        r"in care|throw me out|kick me out|disown me) (?:\w+ ){0,3}if (?:i|we) (?:ever )?(?:tell|"
        r"talk to|say anything to|speak to)\b",
        # s32-14s: a carer or partner who never lets the family see the person alone, and an
        # injury explained away by someone else ("he says she fell"): NCEA elder-abuse red
        # flags (isolation; injuries explained by the caregiver), CDC IPV (isolation)
        rf"\b{KIN_AGENT}\b(?: \S+){{0,4}} (?:will not|would not|does not|do not|never) (?:let|"
        r"allow|leave) (?:us|me|anyone|anybody|the family|her family|his family|visitors|(?:my|"
        r"her|his) \w+) (?:to )?(?:see|visit|talk to|speak to|be alone with|alone with|be with|"
        r"phone|call) (?:her|him|them|me|mum|mom|dad|gran|granny|grandma|grandpa|nan|(?:my|our) "
        r"\w+)\b(?: \S+){0,3} (?:on (?:her|his|their|my) own|alone|by (?:herself|himself)|in "
        r"private|without (?:her|him|them) (?:there|present|in the room|listening))\b",
        rf"\b{KIN_AGENT}\b(?: \S+){{0,4}} never (?:leaves|let) (?:(?:us|me|anyone|anybody|the "
        r"family|visitors) ){1,2}(?:be )?alone with (?:her|him|them|mum|mom|dad|gran|granny|"
        r"grandma|grandpa|nan|"
        r"(?:my|our) \w+)\b",
        r"\b(?:bruis\w*|black eye|cut lip|split lip|marks|burns?|welts|cuts|scratches)\b"
        r"(?: \S+){0,12} "
        r"(?:\bhe (?:said|says|claims|claimed|insists|insisted|told (?:us|me)) (?:that )?she|\bshe "
        r"(?:said|says|claims|claimed|insists|insisted|told (?:us|me)) (?:that )?he) (?:\w+ )?"
        r"(?:fell|slipped|tripped|bumped|walked into|knocked)\b",
        # s33-14e: medicine, food or care given only for good conduct, or kept back as a
        # punishment with the person going without (NCEA elder-abuse red flags: withholding
        # medication, food or care as control), told by the person or by a relative
        rf"\b(?:{HELD_MEDS}|food|meals?|feeds?|fed|feeding|eat|eating|dinner|drinks?|water)\b"
        rf"(?: \S+){{0,20}} (?:if|when|unless|until|once) (?:i|she|he) (?:\w+ ){{0,2}}{CONDUCT}\b",
        rf"\b{HELD_MEDS}\b(?: \S+){{0,6}} (?:as (?:a )?punishment|to punish (?:me|her|him))\b",
        rf"\b{HELD_MEDS}\b(?: \S+){{0,12}} (?:otherwise|or else) (?:i|she|he) (?:goes|go|went|"
        r"has to go|have to go|had to go) without\b",
        # s33-14e: marks or injuries said to come from a partner or relative ("the bruises
        # are from my husband"), not from something of theirs ("my husband's massage")
        rf"\b(?:bruis\w*|black eyes?|marks|welts|cuts|burns|scratches|split lip|injur\w*)\b"
        rf"(?: \S+){{0,8}} (?:are |were |is |was |all )?(?:from|because of|(?:done|made|caused) "
        rf"by) (?:my|her|his) {KIN_AGENT}(?= ?(?:\.|,|!|\?|$| he | she | and | but | who | when | "
        r"after | because | says | said | did ))",
    ),
)

INJURY_MARKS = _any(
    r"\b(?:bruis\w*|black eyes?|marks|welts|cuts|burns|scratches|split lip|injur\w*|wounds?|"
    r"scars?)\b"
)
"""Marks or injuries on the body (s33-14e: what an earlier turn tells before a later one says
who made them)."""
ATTRIBUTED_TO_KIN = _any(
    r"\b(?:they are|they were|these are|those are|it is|it was|that is|that was|this is|they "
    r"re|theyre|its|all) (?:all |both )?(?:from|because of|(?:done|made|caused) by) (?:my|her|his) "
    rf"{KIN_AGENT}\b",
    rf"\b(?:my|her|his) {KIN_AGENT} (?:did|does|made|caused|gave (?:me|her|him)) (?:it|them|this|"
    r"these|that|those)\b(?! (?:for|as|with|to|on purpose for))",
)
"""Who made the marks told in a later turn ("they're from my partner", "my husband did it"):
abuse when the turn before told of marks or injuries (``checks.injury_told_across_turns``)."""

HIVES = (
    r"(?:hives|welts|wheals|nettle rash|urticaria|(?:raised|itchy|red) (?:itchy |red |raised )?"
    r"(?:lumps|bumps|blotches|weals))"
)
ALLERGY_SIGN = (
    r"(?:breath\w*|wheez\w*|throat|lips?|tongue|dizzy|faint\w*|swallow\w*|(?:face|eyes|eyelids|"
    r"cheeks|mouth|lips?|tongue|throat) (?:\w+ ){0,3}(?:swell\w*|swollen|puff\w*|blew up|blow\w* "
    r"up|balloon\w*))"
)
"""Hives in lay words with a sign of anaphylaxis (the face, mouth or throat swelling,
breathing, swallowing, fainting); a limb swelling with itchy bumps is not one."""
MANY_TIMES = (
    r"(?:(?:\w+ (?:or|to) )?(?:[4-9]|[1-9]\d|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty)|several|many|so many|loads of|lots of|countless) times"
)
"""Four or more times: the UKONS threshold for vomiting or diarrhoea in a day."""

# -- emergency (UKONS 24-hour triage red flags; oncologic emergencies): (concept, pattern,
# negatable). Each concept is a list of lay wordings; the co-occurrence concepts (fever on
# treatment, cord compression, clot, fall with bone metastases, SVC swelling, drowsy and
# muddled) are put together in checks.py from the vocabularies after this table.
INFUSION_SITE = (
    r"(?:(?:iv|drip|cannula|canula|infusion|needle|picc|port|chemo)(?: \w+)? (?:site|spot|area)|"
    r"where (?:the |my |his |her )?(?:chemo |infusion )?(?:iv|drip|cannula|canula|needle|line|"
    r"infusion|picc)s? (?:went|goes|was|is|had gone|has been)(?: in)?)"
)
"""Where a chemotherapy infusion went in: a cannula, drip, line or port site."""
_STOPS_FOR_AIR = (
    r"(?:stop|stops|stopping|stopped|pause|pauses|pausing) (?:\w+ ){0,2}(?:for|to get|to catch) "
    r"(?:\w+ )?(?:air|breath)"
)
"""Has to stop for air (read with words or sentences: not "a stop for a breath of fresh air")."""
_RANGE_OF_MOTION = (
    r"(?! (?:\w+ )?(?:all the way |fully |properly |very far |far |much |high |higher )?"
    r"(?:up )?(?:above|over|past|higher than|behind|to|up to) (?:my|his|her|their|the) "
    r"(?:head|shoulders?|back|hair|top shelf|shelf|cupboard)\b)"
)
"""s36 (lead): an arm that will not lift above the head or past the shoulder is how people
tell the stiff shoulder after breast or lymph node surgery, not a stroke's sudden weakness
("can't lift my arm above my head since the mastectomy")."""

EMERGENCY_PATTERNS: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    (
        # the drug leaking into the tissue around the infusion site (UKONS triage red flag;
        # vesicant extravasation: burning, stinging, swelling, redness, blisters)
        "extravasation",
        _any(
            rf"\b{INFUSION_SITE}\b(?: \S+){{0,10}} blister\w*",
            rf"\b{INFUSION_SITE}\b(?: \S+){{0,10}} (?:burn\w*|sting\w*)\b(?: \S+){{0,6}} "
            r"(?:swell\w*|swollen|red|hard|blister\w*|puff\w*)\b",
            rf"\b{INFUSION_SITE}\b(?: \S+){{0,10}} (?:swell\w*|swollen|red|hard|puff\w*)\b"
            r"(?: \S+){0,6} (?:burn\w*|sting\w*|blister\w*)",
            r"\b(?:chemo|drug|infusion|drip)\b(?: \w+){0,2} (?:leaked|leaking|leaks|tissued|went "
            r"into the (?:skin|tissue|arm))\b",
        ),
        True,
    ),
    (
        "breathing",
        _any(
            r"\b(?:can not|could not|unable to|hard to|hardly|barely|struggling to|struggle to|"
            r"trouble|difficulty|difficult to|problems?|hard time|fighting to|"
            r"fight to) (?:\w+ ){0,3}"
            r"(?:breath(?:e|ing|in)?|air)\b",
            r"\bbreath(?:e|ing)? (?!(?:exercises?|techniques?|space|room|work)\b)(?:\w+ ){0,3}"
            r"(?:hard|difficult|labou?red|shallow|fast|rapid|noisy|raspy|weird|funny|strange|"
            r"gurgling|rattling|wheezy)\b",
            r"\bbreath(?:e|ing)? (?:is |are |has been |feels |getting |gets |got |is getting )?"
            r"(?:really |very |so |super |kind of |a bit |\w+ )?(?:hard|difficult|bad|labou?red|"
            r"shallow|"
            r"fast|rapid|noisy|raspy|tough|weird|off|funny|strange|heavy|loud|gurgling|rattling)\b",
            r"\bshort(?:ness)? of breath\b",
            r"\bout of breath\b",
            r"\bbreathless\w*",
            r"\bgasping\b",
            r"\bsuffocat\w*",
            r"\bchoking\b",
            r"\bcan not get (?:enough )?air\b",
            # stops for air after a few words (UKONS: unable to complete sentences)
            rf"\b(?:words?|sentences?|talking|speaking)\b(?: \w+){{0,6}} {_STOPS_FOR_AIR}\b",
            rf"\b{_STOPS_FOR_AIR}\b(?: \w+){{0,3}} (?:after|between|every|mid) (?:\w+ ){{0,3}}"
            r"(?:words?|sentences?)\b",
            r"\bnot (?:been )?(?:able to )?breath(?:e|ing)\b",
            r"\b(?:struggling|fighting|gasping|fight) for (?:breath|air)\b",
            r"\b(?:out of puff|puffed out|winded)\b",
            r"\bsob (?:just |even |only |when |while )?(?:walking|climbing|going up|on exertion|"
            r"at rest|lying|sitting|doing|getting up|after (?:\d+|a few|walking|climbing|the)|"
            r"with (?:any|every|the slightest)|on the stairs|on stairs)\b",
            r"\b(?:hurts?|pain\w*|sore|stabbing|sharp|agony) (?:\w+ ){0,5}when (?:i|he|she|they) "
            r"(?:breathe|breathes|take a (?:deep )?breath|takes? a (?:deep )?breath|breathe in|"
            r"breathes in|inhale|inhales)\b",
            r"\b(?:can not|could not|unable to|can barely|can hardly) (?:\w+ )?(?:finish|complete|"
            r"get (?:out|through)) (?:a|one|her|his|my) (?:whole |full |single )?sentences?\b"
            r"(?! without (?:laugh\w*|giggl\w*|cry\w*|swear\w*|smil\w*|cough\w*))",
            r"\b(?:lips|face|fingers|skin|fingertips|fingernails|nails) (?:are |is )?(?:turning |"
            r"going |look |looks |gone |went |have gone |has gone )?(?:a bit |a little |slightly |"
            r"kind of |quite |really |very |all )?(?:blue|bluish|gray|grey|purple)\b",
        ),
        True,
    ),
    (
        "chest_pain",
        _any(
            r"\bchest (?:\w+ ){0,2}(?:pain|pains|hurts?|hurting|ache|aches|aching|tight|tightness|"
            r"pressure|heavy|heaviness|squeez\w*|burning|crush\w*|squash\w*|clamp\w*)\b",
            # s37-10s: told with an auxiliary, or as a likeness ("my chest has been really
            # tight", "chest feels like it is being crushed")
            r"\bchest (?:has been|have been|had been|has felt|is getting|has got|keeps getting|"
            r"is feeling) (?:\w+ ){0,2}(?:pain\w*|hurt\w*|ache|aching|tight|tightness|pressure|"
            r"heavy|heaviness|squeez\w*|crush\w*)\b",
            r"\bchest (?:feels?|felt|feeling) (?:like|as if|as though) (?:\w+ ){0,5}(?:crush\w*|"
            r"squeez\w*|squash\w*|(?:sat|stood|sitting|standing) on|an elephant|a (?:heavy )?"
            r"weight(?! (?:has |had |was |is )?(?:been )?(?:lifted|gone|off))|in a vi[cs]e|"
            r"a tight band|clamp\w*)\b",
            r"\b(?:pain|pains|pressure|tightness|heaviness|ache|squeezing|burning|crushing|hurts) "
            r"(?:in|on|across|around|round|through) (?:my |his |her |the )?chest\b",
            r"(?<!gave me a )(?<!give me a )(?<!gives me a )(?<!gave him a )(?<!gave her a )"
            r"(?<!nearly had a )(?<!almost had a )\bheart attack\b",
            r"\b(?:crushing|squeezing|tight|heavy|pressing|burning|stabbing|sharp|tearing) "
            r"(?:\w+ ){0,2}(?:in|on|across|around|round|through) (?:my |his |her |the )?chest\b",
            r"\b(?:squeez\w*|crush\w*|press\w*|tight\w*|heavy|weight) (?:on |in |around |across )?"
            r"(?:my|his|her|the) chest\b",
            r"\bchest (?:\w+ ){0,3}(?:on fire|elephant|sitting on|weight on|being crushed|"
            r"in a vise|(?:like )?(?:in )?a (?:vice|vise|tight band)|being squeezed)\b",
            r"\bchest\b(?: \w+){0,8} (?:jaw|left arm)\b",
            r"\bpain (?:\w+ ){0,4}(?:goes|going|went|spreads?|spreading|radiat\w*|shoots?|"
            r"shooting|moving) (?:down|into|to|up) (?:my |his |her |the )?(?:left arm|jaw)\b",
            # told by the gesture, or by where it spreads (ESC / BHF lay warning signs)
            r"\b(?:clutch\w*|grabb\w*|gripp\w*|clasp\w*|holding) (?:at )?(?:my|his|her|their) "
            r"chest\b",
            r"\bchest\b(?: \S+){0,10} (?:spread\w*|radiat\w*|shoot\w*|going|goes|went|moving) "
            r"(?:down |up )?(?:in)?to (?:my |his |her |their |the )?(?:jaw|left arm|neck and jaw|"
            r"shoulder and arm)\b",
        ),
        True,
    ),
    (
        "bleeding",
        _any(
            r"\b(?:cough\w*|spit\w*|vomit\w*|throw\w* up|threw up|"
            r"puk\w*) (?:up )?(?:\w+ ){0,5}blood\b",
            # s37-10s: however many words of amount or likeness between ("coughed up what looks
            # like a good spoonful of bright red blood"), none a negation or a clause break
            r"\b(?:cough\w*|spit\w*|spat|vomit\w*|throw\w* up|threw up|puk\w*|bring\w* up|"
            r"brought up) (?:up )?(?:(?!(?:no|not|never|without|any|but|and|or|if)\b)\w+ ){0,10}"
            r"blood\b(?! (?:pressure|tests?|counts?|sugars?|work|cells?|results?|thinners?|levels?|"
            r"type|bank|donor|donation|orange)\b)",
            r"\bblood in (?:my |his |her |the )?(?:vomit|puke|cough|spit|stool|poop|poo|sputum|"
            r"sick)\b",
            r"\b(?:black|tarry) (?:tarry )?(?:stool|poop|poo)s?\b",
            r"\b(?:poo|poop|stools?|bowel movements?|motions)\b(?: \w+){0,5} (?:black|tarry|"
            r"like tar|maroon|full of blood|bloody)\b",
            r"\b(?:vomit\w*|throw\w* up|threw up|sick|puk\w*|bring\w* up|brought up)\b"
            r"(?: \w+){0,8} coffee (?:grounds?|granules?)\b",
            r"\b(?:dark|black|brown) (?:\w+ ){0,2}like coffee (?:grounds?|granules?)\b",
            r"\b(?:vomit\w*|throw\w* up|threw up|sick|puk\w*|bring\w* up|brought up)\b"
            r"(?: \w+){0,6} (?:ground|instant) coffee\b",
            r"\b(?:bruis\w*|purple spots|tiny red spots)\b(?: \w+){0,5} (?:for no reason|without "
            r"(?:bumping|knocking|hitting|banging|a knock|any knock|falling)|out of nowhere|"
            r"all over (?:her|his|my) body)\b",
            r"\b(?:heavy|heavily|severe|lots of|a lot of|so much|too much|tons of|gushing|pouring|"
            r"profuse\w*|uncontroll\w*|massive) (?:\w+ ){0,2}(?:bleed\w*|blood)\b(?! flow| "
            r"circulation| cells?| tests?| work| pressure| counts?| sugar| thinners?)",
            r"\bbleed\w* (?:\w+ ){0,4}(?:heavily|a lot|so much|badly|profusely|everywhere|non stop|"
            r"nonstop)\b",
            r"\b(?:will not|would not|does not|can not|not|never) stop (?:the )?bleed\w*",
            r"\b(?:bleed\w*|bled|blood|nose ?bleeds?)\b(?: \w+){0,8} (?:will not|would not|"
            r"does not|"
            r"can not|is not|has not|not) (?:stop(?:ping|ped)?|quit|let up|ease (?:up|off)|"
            r"settle)\b",
            r"\bnose ?bleeds? (?:\w+ ){0,3}(?:for|over|more than|lasting|lasted|gone on for|going "
            r"for|been going for|been going) (?:over |more than |about |nearly |almost )?"
            r"(?:half an hour|an hour|"
            r"(?:[2-9]\d|\d{3}) minutes|\d+ hours?|hours)\b",
            r"\bstill bleed\w* (?:\w+ ){0,2}(?:through|after (?:an|\d+|half an|a few) (?:hour|"
            r"hours|minutes))\b",
            r"\bbleed\w* (?:right )?through (?:\w+ ){0,2}(?:towels?|tea towels|bandages?|"
            r"dressings?|pads?|gauze|clothes|shirt|sheets?)\b",
            r"\bblood everywhere\b",
            # blood in the urine (UKONS bleeding; haematuria told in lay words)
            r"\bblood (?:\w+ ){0,2}in (?:my |his |her |the |their )?(?:pee|urine|wee|wees)\b",
            r"\b(?:pee|peeing|urine|wee|weeing|wees)\b(?: \w+){0,5} (?:bloody|like blood|full of "
            r"blood|with blood|blood red|blood clots?)\b",
            r"\b(?:peeing|passing|weeing|pissing) (?:\w+ ){0,2}blood\b",
            r"\bhemorrhag\w*",
            r"\bsoak\w* (?:through )?(?:\w+ ){0,2}(?:pads?|bandages?|dressings?|towels?)\b",
        ),
        True,
    ),
    (
        "stroke",
        _any(
            r"\bslurr(?:ed|ing)\b",
            r"\b(?:face|mouth|smile) (?:\w+ ){0,2}droop\w*",
            r"\bdroop\w* (?:face|mouth|smile)\b",
            r"\b(?:face|mouth|smile) (?:has |is )?(?:gone |went |looks |look )?(?:lopsided|"
            r"crooked|dropped|fallen)\b",
            r"\bone side of (?:my |his |her |the )?(?:body|face)\b",
            r"\b(?:having|had|has|is having|having had) a stroke\b",
            r"\b(?:stroke (?:symptoms|signs)|signs of (?:a )?stroke)\b",
            r"\b(?:sudden|suddenly|all of a sudden|all at once|out of (?:nowhere|the blue)|without "
            r"(?:any )?warning)\b(?: \w+){0,4} (?:confus\w*|weak\w*|numb\w*|"
            r"dizz\w*|can not (?:talk|speak|see|move|walk|stand)|slurr\w*|droop\w*|paraly\w*|blind|"
            r"collaps\w*)",
            r"\bcan not (?:move|feel|lift|raise) (?:my |his |her )?(?:right |left )?(?:arm|leg|"
            rf"legs|hand|face|side)\b{_RANGE_OF_MOTION}",
            r"\bcan not (?:find|get) (?:my|his|her|their) words\b",
            # s37-10s: a limb or face gone weak, told as sudden after it (not numb or dead
            # from lying on it)
            r"\b(?:arm|leg|hand|face|side) (?:\w+ ){0,2}(?:went|gone|going|is|was|has gone|felt|"
            r"feels) (?:all )?(?:weak|floppy|heavy)\b(?: \w+){0,2} (?:all at once|suddenly|all "
            r"of a sudden|out of (?:nowhere|the blue)|without (?:any )?warning)\b"
            r"(?!(?: \w+){0,4} (?:slept|sleeping|lying|lay|leaning) on)",
            r"\b(?:words|speech|talking) (?:\w+ ){0,2}(?:jumbled|garbled|coming out wrong|all "
            r"wrong)\b",
            r"\bwords (?:\w+ )?(?:come|comes|came|coming) out (?:all )?(?:funny|wrong|weird|"
            r"strange|"
            r"jumbled|muddled|backwards|slurred|like nonsense)\b",
            r"\b(?:suddenly|since (?:this morning|last night|lunch|an hour)|all of a sudden) "
            r"(?:\w+ ){0,3}"
            r"(?:see|seeing|sees) double\b",
            r"\b(?:arm|leg|hand|side of (?:his|her|my) body) (?:\w+ ){0,2}(?:went|gone|has gone|"
            r"is) "
            r"(?:limp|floppy|dead|useless)\b",
            r"\b(?:lost|losing|loss of) (?:the )?(?:vision|sight) in one eye\b",
        ),
        True,
    ),
    (
        "confusion",
        _any(
            rf"\b(?:he|she|they|{KIN}) (?:is|are|seems|seem|became|becoming|got|gets|getting|looks|"
            r"acting|has been|is acting)(?: \w+){0,2} (?:confus(?:ed|ion)|disorient\w*|delirious|"
            r"muddled)\b(?! (?:about|by|with|over|as to|whether|which|what|how|when|where)\b)",
            r"\bconfus(?:ed|ion) and (?:dizzy|weak|drowsy|sleepy|disoriented)\b",
            rf"\b(?:he|she|they|{KIN}) (?:is |are )?not making (?:any )?sense\b",
            r"\bdelirious\b",
            r"\b(?:does not|do not|did not|can not|is not|not|"
            r"barely) (?:\w+ )?recogni[sz]\w* (?:me|"
            r"us|anyone|anybody|her own|his own|my \w+|family)\b",
            r"\bcall\w* (?:me|us|her|him) (?:by )?(?:the wrong name|(?:my|his|her) (?:\w+ )?"
            r"(?:sister|brother|mother|mom|mum|dad|father|husband|wife|son|daughter)s? name|"
            r"(?:someone|somebody) else name)\b",
            r"\b(?:hallucinat\w*|seeing things that are not there)\b",
            # s37-10s: whoever or whatever is seen or heard ("seeing people in the room who
            # are not there", "hears voices that are not real")
            r"\b(?:seeing|sees|saw|seen|hearing|hears|heard|talking to|talks to|talked to) "
            r"(?:\w+ ){0,2}(?:things|people|someone|somebody|animals|bugs|insects|spiders|children|"
            r"kids|faces|voices|figures|men|women|a man|a woman|a child|cats|dogs)\b(?: \w+){0,8} "
            r"(?:are not|is not|were not|was not|not) (?:really )?(?:there|real)\b"
            r"(?! (?:any ?more|now|these days)\b)",
            r"\b(?:talking|speaking|saying|mumbl\w*|mutter\w*|babbl\w*) (?:\w+ )?(?:nonsense|"
            r"gibberish|rubbish that makes no sense)\b",
            # s36-10b: confusion told as "talking rubbish / jibberish / drivel" (NICE NG51 new
            # confusion in lay words), not an insult to the reader nor a view "about" a topic
            r"(?<!you are )(?<!you re )\b(?:talking|talkin|speaking|saying|mumbl\w*|mutter\w*) "
            r"(?:\w+ )?(?:rubbish|jibberish|drivel|garbage|double dutch|utter nonsense)\b"
            r"(?! (?:about|on|when it comes)\b)",
            r"\bi (?:do not|did not|can not) (?:seem to )?know where i (?:am|was)\b",
            # lost in one's own home, the date, muddled (NICE NG51 new confusion; delirium)
            r"\b(?:keeps?|kept|keep on|started|is|was) (?:asking|ask) where (?:she|he|they|i) "
            r"(?:is|are|am|was|were)\b",
            r"\b(?:thinks?|thought|convinced|insists?) (?:that )?it is (?:19\d\d|"
            r"the (?:19)?[4-9]0s|(?:the )?war|christmas)\b",
            r"\b(?:got|gets|getting|get) lost in (?:my|his|her|their|our) own (?:house|home|"
            r"kitchen|flat|street|road|garden|bedroom)\b",
            r"\b(?:losing|lost|lose|loses) track of where (?:i|he|she|they) "
            r"(?:am|is|are|was|were)\b",
            rf"\b(?:{KIN}|he|she|they|my client|my patient|client|patient)(?: \w+){{0,3}} "
            r"(?:muddled|disorient\w*|befuddled|not with it|away with the fairies)\b(?! (?:up|"
            r"about|by|with|over|as to|whether|which|what|how|the|my|his|her|our|their|them|"
            r"it)\b)",
            r"\b(?:arrived|woke up|came home|came in|seems|seemed) (?:all |very |really )?"
            r"(?:confused|"
            r"muddled|disorient\w*)\b(?! (?:about|by|with|over|as to|whether|which|what|how)\b)",
            r"\b(?:does not|do not|did not|can not) (?:seem to )?know (?:where (?:he|she|they) "
            r"(?:is|are|was|were)|what (?:day|year|month) it is|"
            r"who (?:i am|we are|he is|she is)|(?:me|"
            r"us) anymore)\b",
            r"\b(?:does not|do not|did not|can not|could not) (?:seem to )?(?:know|remember|tell "
            r"(?:me|us)) what (?:day|year|month) it (?:is|was)\b",
            r"\b(?:barely|can not|could not|hard to|not able to) (?:wake|rouse) (?:him|her|them|me|"
            r"up)\b",
            r"\b(?:hard|difficult|impossible) to (?:wake|rouse)(?= ,| \.|$| and| today| now)",
            r"\b(?:will not wake up|not waking up|unresponsive|unconscious|lost consciousness)\b",
            r"\b(?:will not|would not|does not|is not|can not|not) (?:answer|answering|respond|"
            r"responding)(?: to)? (?:me|us)\b",
            r"\b(?:is not|not) responding\b",
            # too drowsy to stay awake while talking, or to follow what is said (UKONS: new
            # drowsiness or confusion)
            r"\b(?:nodd\w*|nods|drift\w*|doz\w*|falls?|falling|fell) (?:off|asleep) (?:\w+ )?"
            r"(?:mid|in the middle of|halfway through) (?:a )?(?:sentence|conversation|talking|"
            r"speaking|eating|a meal)\b",
            r"\b(?:nodd\w*|nods|drift\w*|doz\w*|falls?|falling|fell) (?:off|asleep) (?:\w+ )?"
            r"(?:while|whilst|when) (?:she is |he is |i am |they are )?(?:talking|speaking|eating|"
            r"in the middle)\b",
            rf"\b(?:{KIN}|he|she|they|my client|my patient|client|patient)(?: \w+){{0,3}} "
            r"(?:can not|could not|could no longer|can no longer) (?:follow|keep up with) (?:what "
            r"(?:i|we|you|anyone) (?:am|are|was|were|is) saying|(?:a|the|our|any) conversation)\b",
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
            r"\bkeel(?:ed|s)? over\b",
            # told without the word (UKONS: collapse, loss of consciousness): everything went
            # black, came round on the floor, found slumped, dropped to the floor
            r"\b(?:everything|it all|the world|(?:my|his|her) (?:vision|eyes|sight)) "
            r"(?:just |suddenly )?(?:went|goes|going|turned|started going|go) (?:all )?(?:black|"
            r"dark|grey|gray|white|fuzzy|dim)\b",
            r"\b(?:woke|wake|waking|wakes|came round|come round|coming round|comes round|came to|"
            r"come to) (?:up )?(?:\w+ ){0,2}on the (?:\w+ )?(?:floor|ground|pavement)\b",
            r"\b(?:found|find|finding) (?:him|her|them|mum|mom|dad|my \w+) (?:\w+ ){0,3}(?:on the "
            r"(?:\w+ )?(?:floor|ground)|slumped|unresponsive|not breathing)\b",
            r"\b(?:dropped|crumpled|slumped|fell) (?:down )?(?:to|on|onto) the (?:\w+ )?(?:floor|"
            r"ground)\b(?! (?:to (?:do|play|stretch|sit)|for|and (?:did|do|stretch)))",
            r"\b(?:went|goes|going) down like a (?:sack|stone|tree|log|ton)\b",
            r"\b(?:found|find|finding) (?:myself|himself|herself|themselves) (?:\w+ ){0,2}on the "
            r"(?:\w+ )?(?:floor|ground|pavement)\b",
            r"\bmust have (?:dropped|blacked out|passed out|gone down|fainted|collapsed) for a "
            r"(?:second|moment|minute|few seconds|bit)\b",
            r"\b(?:had|has|having|is having|was having) (?:a |another )?"
            r"(?:funny|strange|weird|dizzy) (?:turn|do|spell)\b",
            r"\b(?:went|gone|goes|turned|going) (?:all )?(?:grey|gray|white|pale|floppy) and "
            r"(?:\w+ )?(?:dropped|fell|slumped|went down|crumpled|slid)\b",
            r"\b(?:can not|could not|cannot|did not|were not able to) (?:get|make) (?:him|her|them|"
            r"mum|mom|dad|my \w+) (?:to )?(?:wake|respond|answer (?:us|me)|come round|open "
            r"(?:his|her|their) eyes)\b",
        ),
        True,
    ),
    (
        "seizure",
        _any(
            r"\bseizures?\b",
            r"\bconvuls\w*",
            r"\beyes (?:\w+ )?(?:rolling|rolled|roll|rolls) (?:back|up)\b",
            r"\b(?:twitching|jerking|shaking|thrashing) (?:all over|uncontrollabl\w*|and "
            r"jerking|and twitching)\b",
            r"\b(?:had|having|has|is having|was having|had another|having another) (?:a |another )?"
            r"fit\b(?! (?:of|for|to)\b)",
            r"\b(?:is|was|started|been|keeps|began) fitting\b",
            r"\b(?:shaking|jerking|twitching|thrashing) (?:all over|"
            r"uncontrollabl\w*)\b(?: \w+){0,4} "
            r"(?:minutes?|mins?|seconds|could not|would not|did not respond|unresponsive|eyes|"
            r"stiff|foam\w*)",
            r"\beyes (?:rolled|rolling) (?:back|up)\b",
            # went stiff and jerked (NICE CG137 / Epilepsy Action lay description)
            r"\b(?:went|gone|goes|going|was|is|got|became) (?:all |really |very )?(?:rigid|stiff)\b"
            r"(?: \S+){0,5} (?:jerk\w*|twitch\w*|shak\w*|thrash\w*|trembl\w*|fitting)\b",
            r"\b(?:jerk\w*|twitch\w*|shak\w*|thrash\w*)(?: \S+){0,5} (?:went|gone|going|was|is|"
            r"got|became) (?:all |really |very )?(?:rigid|stiff)\b",
            r"\b(?:jerk\w*|twitch\w*|thrash\w*|convuls\w*|(?:went|gone|goes|became) (?:all )?"
            r"(?:stiff|rigid))\b(?: \S+){0,10} (?:bit|bitten|biting|bites) (?:his|her|my|their) "
            r"(?:own )?tongue\b",
        ),
        True,
    ),
    (
        "cord_compression",
        _any(
            r"\bcan not (?:feel|move) (?:my |his |her )?legs\b",
            r"\b(?:lost|losing|lose|no) control (?:of|over) (?:my |his |her )?(?:bladder|bowels?|"
            r"pee|poop|poo|legs)\b",
            r"\bnumb (?:\w+ ){0,2}from the (?:waist|hips?|belly button|chest) down\b",
            r"\b(?:can not|could not) feel (?:\w+ ){0,3}from the (?:waist|hips?|belly button|"
            r"chest) down\b",
            r"\b(?:numb|no feeling) (?:between|around|down) (?:my |his |her )?(?:legs|bottom|bum|"
            r"buttocks|groin|private parts)\b",
            r"\bsaddle (?:numbness|anaesthesia|anesthesia)\b",
            # s37-10s: the saddle area numb or not felt, told alone (NICE NG234 / cauda equina:
            # a red flag by itself)
            r"\b(?:can not|could not|can hardly|can barely) (?:\w+ )?feel (?:my|his|her|their) "
            r"(?:bum|bottom|backside|buttocks|groin|private parts)(?: and (?:my |his |her |their )?"
            r"inner thighs)?\b",
            r"\b(?:numb\w*|no feeling|tingl\w*|pins and needles)\b(?: \S+){0,5} (?:the )?saddle "
            r"(?:area|region)\b|\bsaddle (?:area|region)\b(?: \S+){0,4} (?:numb\w*|tingl\w*|no "
            r"feeling)\b",
        ),
        True,
    ),
    (
        "allergic_reaction",
        _any(
            r"\bthroat (?:\w+ ){0,4}(?:closing|swell\w*|tight\w*)\b",
            r"\b(?:tongue|lips?) (?:\w+ ){0,3}(?:swell\w*|swollen|puff\w*|blew up|blow\w* up|"
            r"balloon\w*)\b",
            r"\banaphyla\w*",
            r"\bsevere allergic\b",
            r"\b(?:having|is having|am having|think i am having|going into|gone into) (?:an? )?"
            r"(?:bad |serious |severe )?(?:allergic reaction|reaction)\b",
            r"\bhives\b(?: \w+){0,8} (?:breath\w*|wheez\w*|throat|lips?|tongue|dizzy|faint\w*|"
            r"swell\w*)\b",
            r"\b(?:breath\w*|wheez\w*|throat|lips?|tongue|swell\w*)\b(?: \w+){0,8} hives\b",
            rf"\b{HIVES}\b(?: \S+){{0,10}} {ALLERGY_SIGN}\b",
            rf"\b{ALLERGY_SIGN}\b(?: \S+){{0,10}} {HIVES}\b",
            # the face or eyes swelling up with swallowing or breathing getting hard
            r"\b(?:face|eyes|eyelids|cheeks) (?:\w+ ){0,3}(?:swell\w*|swollen|puff\w*|blew up|"
            r"blow\w* up|ballooned|ballooning)\b(?: \S+){0,10} (?:hard|difficult|struggl\w*|"
            r"trouble|can not|could not) (?:\w+ )?(?:to )?(?:swallow\w*|breath\w*)\b",
        ),
        True,
    ),
    (
        "dehydration",
        _any(
            r"\bcan not (?:\w+ )?keep (?:\w+ ){0,3}down\b",
            # s37-10s: told as what will not stop ("can not stop vomiting", "will not stop being
            # sick"): UKONS vomiting that is not controlled
            r"\b(?:can not|could not|will not|would not|does not|not) stop (?:vomit\w*|being sick|"
            r"throwing up|puking|retching)\b",
            # mouth sores or a sore throat so bad nothing goes down (UKONS mucositis: unable
            # to eat or drink)
            r"\b(?:can not|could not|unable to|not able to|(?:have|has|had) not been able to) "
            r"(?:even )?(?:swallow|get down) (?:\w+ ){0,2}(?:water|liquids?|fluids?|drinks?|"
            r"(?:my|his|her) (?:own )?(?:spit|saliva)|sips?)\b",
            # s37-10s: "not even water" after a thing that cannot be swallowed or kept down
            r"\b(?:can not|could not) (?:\w+ )?(?:swallow|drink|keep|get)\b(?: \S+){0,4} not even "
            r"(?:a sip of |a drop of |a mouthful of )?(?:water|liquids?|fluids?|drinks?|sips?|"
            r"(?:my|his|her) (?:own )?(?:spit|saliva))\b",
            r"\b(?:can not|could not|unable to|not able to) (?:even )?get (?:even )?(?:water|"
            r"liquids?|fluids?|drinks?|a sip|sips|anything) down\b",
            r"\b(?:vomit\w*|throw\w* up|threw up|puk\w*|being sick|been sick|was sick|is sick|"
            rf"sick) (?:\w+ ){{0,3}}(?:like )?{MANY_TIMES}\b",
            r"\b(?:vomit\w*|throw\w* up|threw up|puk\w*) (?:\w+ ){0,3}(?:all day|all night|non "
            r"stop|nonstop|constantly|every (?:hour|half hour|few minutes|\d+ minutes)|"
            r"everything|since (?:yesterday|last night)|for (?:over |more than )?(?:\d+|several|"
            r"many|"
            r"hours|a day|two|three|twelve|24) (?:hours?|days?))\b",
            r"\b(?:diarrh\w*|the runs|runny poo|watery poo|watery stools?|loose stools?|"
            r"(?:poop|poo|pooh)\w* (?:water|liquid|runny|loose)\w*|(?:watery|runny|liquid|loose) "
            r"(?:poo\w*|bowel movements?|motions|bms?))\b"
            rf"(?: \w+){{0,5}} (?:{MANY_TIMES}|all day|all night|non stop|nonstop|constantly|every "
            r"(?:hour|half hour)|can not stop)\b",
            # s37-10s: the count told before the word ("10 lots of diarrhoea today", "six bouts
            # of the runs"): UKONS four or more a day
            r"\b(?:[4-9]|[1-9]\d|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:lots|bouts|"
            r"episodes|goes|rounds|trips) of (?:diarrh\w*|the runs|watery poo\w*|runny poo\w*|"
            r"vomit\w*|being sick)\b",
            r"\b(?:has not|have not|had not|not|no) (?:\w+ ){0,2}(?:peed|pee|weed|wee|urinated|"
            r"passed "
            r"(?:any )?urine|passed water)\b(?: \w+){0,3} (?:since|all day|in (?:\d+|a day|over)|"
            r"for (?:\d+|a day|a whole day|over))",
        ),
        True,
    ),
    (
        "sepsis_signs",
        _any(
            r"\b(?:skin|legs|knees|arms|hands|feet|he|she|i) (?:is |are |looks? |has gone |"
            r"have gone |gone |went |getting |turned )?(?:all |really |very |a bit )?(?:mottled|"
            r"marbled|ashen)\b",
            r"\b(?:cold|clammy) and (?:blotchy|mottled|blue|grey|gray)\b",
            # s36-10b: an ashen colour told as grey (NICE NG51 "ashen appearance"): a colour
            # the person went, or the face, skin or lips gone grey (not hair gone grey)
            r"\b(?:gone|went|turned|turning|going|looks?|looking|is|was) (?:a |an )?(?:\w+ )?"
            r"(?:grey|gray|greyish|grayish|grey ish|gray ish|ashen) (?:colou?r|shade|tinge)\b",
            r"\b(?:face|skin|lips) (?:\w+ ){0,2}(?:gone|went|turned|turning|going|is|looks?) "
            r"(?:all |really |very |a bit |kind of |sort of )?(?:grey|gray|greyish|grayish)\b",
            # a rash that does not fade under a pressed glass, or a stiff neck with a headache
            # (NICE NG51 sepsis and the glass test for meningococcal disease)
            r"\b(?:rash|spots|marks|blotches)\b(?: \S+){0,8} (?:does not|do not|did not|will not|"
            r"would not|not) (?:fade|go away|disappear|blanch|go pale|change)\b(?: \S+){0,8} "
            r"(?:press\w*|glass|tumbler|push\w*)\b",
            r"\b(?:glass|tumbler) (?:test|on it|on them)\b(?: \S+){0,6} (?:rash|spots|marks|still "
            r"there|not fad\w*|does not fade|do not fade)\b",
            r"\bnon ?blanching\b",
            r"\b(?:bad|terrible|awful|severe|splitting|really bad) headache\b(?: \S+){0,6} stiff "
            r"neck\b|\bstiff neck\b(?: \S+){0,6} (?:bad|terrible|awful|severe|splitting|really "
            r"bad) headache\b",
            r"\b(?:blotchy|mottled) and (?:cold|clammy)\b",
            r"\b(?:barely|hardly|only just) (?:\w+ )?(?:peed|weed|urinated|passed (?:any )?"
            r"(?:urine|water)|had a wee|had a pee)\b(?: \w+){0,3} (?:today|all day|since|in (?:\d+|"
            r"a day|over)|for (?:\d+|a day|over))",
        ),
        True,
    ),
    (
        "overdose",
        _any(
            r"\b(?:took|taken|swallowed|ate)\b(?: \w+){0,3} (?:too many|"
            r"too much|"
            r"a bunch of|a handful of|the whole bottle of|a whole bottle of|all (?:of )?(?:my|the|"
            r"his|"
            rf"her))\b(?: \w+){{0,3}} {PILLS}\b",
            r"\b(?:overdosed|overdosing|(?:taken|took|had|has had|have had|taking) an overdose|an "
            r"overdose of)\b",
            # a double dose of a strong medicine told in lay words
            rf"\b(?:doubled up on|double dos\w*|a double dose of|twice the dose of|two doses of|"
            rf"(?:two|three|four|five|2|3|4|5) (?:\w+ )?(?:patches|doses|lots) instead of "
            rf"(?:one|1|the one))\b(?: \w+){{0,3}} {STRONG_MEDICINE}",
            rf"{STRONG_MEDICINE}(?: \w+){{0,4}} (?:twice|two times|double|doubled) (?:by "
            rf"(?:mistake|accident)|without thinking|in one go)\b",
            rf"\b(?:two|three|four|five|2|3|4|5) {STRONG_MEDICINE} instead of (?:one|1)\b",
            # a whole week's supply taken at once
            r"\b(?:took|taken|taking|swallowed|had|has had)\b(?: \w+){0,2} (?:whole|entire|full|"
            r"a|all (?:of )?(?:the|his|her|my)) (?:week|weeks|month|fortnight|days|day|box|packet|"
            r"pack|strip|bottle|supply)\b(?: \w+){0,4} (?:at once|in one go|all at once|"
            r"together|in one day)\b",
        ),
        True,
    ),
    (
        "severe_pain",
        _any(
            r"\b(?:worst|sudden|severe|unbearable|excruciating|terrible) (?:\w+ )?headache\b",
            # A first time, compared with now: "never had a headache this bad".
            r"\bnever (?:had|felt|been in|known) (?:a |such a |such )?(?:\w+ ){0,4}?(?:headache|"
            r"pain)(?: \w+){0,4} (?:like this|like that|this bad|so bad|as bad|this severe|this "
            r"strong|this intense)\b",
            r"\b(?:unbearable|excruciating) pain\b",
            r"\bpain is (?:unbearable|excruciating|10 out of 10)\b",
            r"\bpain\b(?: \S+){0,6} (?:a )?(?:9|10|nine|ten) (?:out of|outta) (?:10|ten)\b",
            r"\b(?:doubled (?:up|over)|writhing|screaming|rolling around|curled up) (?:\w+ ){0,2}"
            r"(?:in|with|from) (?:the )?(?:pain|agony)\b",
        ),
        True,
    ),
    (
        "clot",
        _any(
            r"\b(?:think|worried|afraid|scared|feel like|might|may)\b(?: \w+){0,3} (?:have|has|got|"
            r"having|is|be) (?:a )?(?:blood )?(?:clot|dvt|pulmonary embolism|pe)\b",
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

# -- a blocked bowel (s37-10s; UKONS triage "constipation" red flags: no bowels open with
# vomiting or a distended abdomen; malignant bowel obstruction in ovarian and bowel cancer)
VOMIT_BILE = _any(
    r"\b(?:vomit\w*|throw\w* up|threw up|puk\w*|bring\w* up|brought up|being sick|been sick|"
    r"is sick|was sick|sick) (?:\w+ ){0,3}(?:(?:(?:dark |bright |yellow )?green\w*|brown|"
    r"smelly) (?:stuff|liquid|gunk|fluid|bile|sick|vomit|slime|goo|water|muck)|bile|bilious|"
    r"like poo|what smells like poo)\b",
)
"""Green or bilious vomit, or vomit that smells of stool."""
VOMITING = _any(
    r"\b(?:vomit\w*|throw\w* up|threw up|puk\w*|being sick|been sick|keeps being sick|retch\w*)\b"
)
NO_STOOL = _any(
    r"\b(?:not|no|never|without) (?:\w+ ){0,2}(?:pooped|pooed|poo|poop|pooh|bowel movements?|"
    r"bowel motions?|motions?|stools?|a poo|opened (?:my|his|her|their) bowels|had (?:a )?"
    r"(?:poo|poop|bowel movement)|passed (?:any )?(?:wind|gas|stools?|a stool|motions?)|wind|"
    r"gas|farted|farts?)\b(?: \S+){0,6} (?:for|in|since) (?:over |more than |about |nearly )?"
    r"(?:\d+|two|three|four|five|six|seven|several|a few|a couple of|days|a week|over a week)"
    r"(?: days?| weeks?)?\b",
)
"""No stool or wind for days."""
BELLY_DRUM = _any(
    r"\b(?:belly|tummy|stomach|abdomen|tum)\b(?: \S+){0,4} (?:like a (?:drum|balloon)|hard as a "
    r"(?:drum|rock)|(?:swollen|bloated|distended|blown up) (?:and )?(?:hard|tight|rock hard)|"
    r"(?:hard|tight|rock hard) (?:and )?(?:swollen|bloated|distended)|massively (?:swollen|"
    r"bloated)|distended)\b",
)
"""A belly swollen hard or tight, as a drum."""

SEPSIS = _any(r"\b(?:neutropenic sepsis|sepsis|septic|neutropenic fever|febrile neutropenia)\b")
"""Named outright (an INFORMATIONAL framing, "signs of sepsis", is not a sign)."""

_WEATHER_OR_WATER = (
    r"(?!(?: \w+){0,3} (?:pool|plunge|shower|bath|sauna|water|sea|lake|snow|outside|wind|"
    r"weather|sun)\b)"
)
HOT_THEN_COLD = (
    rf"\b(?:boiling|roasting|sweating|burning up|baking)\b{_WEATHER_OR_WATER}(?: \w+){{0,3}} "
    r"(?:then|and then|one minute|the next|next minute) (?:\w+ ){0,3}(?:freezing|icy|ice cold|"
    rf"shivering|shaking)\b{_WEATHER_OR_WATER}",
    rf"\b(?:freezing|icy|ice cold|shivering)\b{_WEATHER_OR_WATER}(?: \w+){{0,3}} (?:then|and "
    r"then|one minute|the next|next minute) (?:\w+ ){0,3}(?:boiling|roasting|sweating|burning "
    rf"up|baking)\b{_WEATHER_OR_WATER}",
)
"""Hot and cold in turn, told in stronger words (UKONS: "hot and cold or shivery")."""

# -- fever on treatment (neutropenic sepsis: UKONS "temperature 37.5 C or above, or below
# 36 C, or feeling unwell, hot and cold or shivery, on systemic anti-cancer treatment")
FEVER = _any(
    r"\b(?:fever\w*|febrile|burning up|temperature|temp|thermometer|rigors|shaking "
    r"chills|chills|chilled|shiver\w*|the shakes|teeth (?:are )?chattering)\b",
    r"\b(?:hot and cold|cold and hot|hot then cold|hot one minute|hot and shiv\w*|"
    r"cold and (?:shiv\w*|clammy|shaky)|clammy and cold)\b",
    *HOT_THEN_COLD,
    r"\b(?:shaking|shivering|shakes|trembling) (?:\w+ ){0,4}(?:even )?(?:under|wrapped in|in) "
    r"(?:the |a |my |two |three |all the )?(?:duvet|blankets?|covers|quilt)\b",
    r"\b(?:can not stop|uncontrollabl\w*) (?:shaking|shivering)\b",
    r"\bshaking (?:all over|uncontrollabl\w*)\b",
    r"\brun+ing (?:a |at )?(?:(?:9|10)\d{1,2}(?:\.\d)?|3[7-9](?:\.\d)?|4[0-2](?:\.\d)?|a temp\w*|"
    r"a fever|a high temp\w*)\b",
    r"\b(?:3[4-9]|4[0-2])\.\d\b(?! ?(?:kg|kilos?|lbs?|pounds|mg|ml|cm|mm|hours?|weeks?|years?|"
    r"percent|miles|km|k|minutes)\b)",
    # s32-14s: a Fahrenheit reading told bare ("read 100.6 a minute ago")
    r"\b(?:99|10[0-6])\.\d\b(?! ?(?:kg|kilos?|lbs?|pounds|mg|ml|cm|mm|hours?|weeks?|years?|"
    r"percent|miles|km|k|minutes|fm|dollars|bucks|euros?)\b)",
)
"""Fever words, and a reading such as "38.3" or "100.6" (a decimal in the range of body
temperatures)."""
STRONG_FEVER = frozenset(
    {"fever", "fevers", "feverish", "febrile", "burning up", "rigors", "shaking chills"}
)
LAY_FEVER = _any(
    r"\b(?:burning up|rigors|shaking chills|shiver\w*|the shakes|teeth (?:are )?chattering|"
    r"chills|burning hot|boiling hot|roasting hot|hot to (?:the )?touch)\b",
    r"\b(?:have|has|had|got|running|runs|run|with) (?:a )?(?:high |slight |bit of a |raging )?"
    r"(?:temperature|temp)\b(?! (?:of |is |was )?\d)",
    r"\b(?:hot and cold|cold and hot|hot then cold|hot one minute|hot and shiv\w*|"
    r"cold and (?:shiv\w*|clammy|shaky)|clammy and cold)\b",
    *HOT_THEN_COLD,
    r"\b(?:shaking|shivering|shakes|trembling) (?:\w+ ){0,4}(?:even )?(?:under|wrapped in|in) "
    r"(?:the |a |my |two |three |all the )?(?:duvet|blankets?|covers|quilt)\b",
    r"\b(?:can not stop|uncontrollabl\w*) (?:shaking|shivering)\b",
    r"\bshaking (?:all over|uncontrollabl\w*)\b",
    # running hot, toasty (UKONS: fever on treatment, told without the word)
    r"\b(?:running|feels?|feeling|felt|am|is|a bit|really|so) (?:a bit |really |very |quite |"
    r"kinda |kind of |sort of |pretty |super )?(?:hot and (?:shaky|shivery|sweaty|achy)|toasty|"
    r"feverish|fevery)\b",
    r"\brunning (?:hot|warm)\b",
    # s32-14s: the body felt hot like fire, or very hot, told without a number
    r"\b(?!(?:sauna|pool|bath|water|weather|sun|room|kitchen|stove|oven|shower|day|stones?|tub|"
    r"it|car|house|office|food|soup|tea|pan)\b)\w+ (?:is|was|feels?|felt|are|am|been|gets|"
    r"getting) (?:very |so |really |just )?(?:hot|burning) (?:like|as) (?:fire|an oven|a furnace|"
    r"a stove|coal|an iron)\b",
    r"\b(?:body|forehead|skin) (?:is|was|feels?|felt|has been|became|is getting|getting) "
    r"(?:very |so |really |too |extremely |burning )?hot\b(?! (?:tub|stone|stones|water|shower|"
    r"bath|weather|sauna|compress|pack|towel|room|after|from|because|due|in the|when)\b)",
)
"""How people say they have a fever without the word: these count without a thermometer."""
UNWELL = _any(
    r"\b(?:feel|feels|feeling|felt|look|looks|looking|seems?) (?:really |very |so |extremely |"
    r"awfully |just )(?:unwell|ill|poorly)\b",
    r"\b(?:suddenly|all of a sudden) (?:\w+ ){0,2}(?:unwell|ill|poorly)\b",
    r"\b(?:flu ?like|like (?:i have |he has |she has )?(?:the )?flu|fluey|flu ?ish)\b",
    rf"\b(?:he|she|they|{KIN}) (?:is|are|has been|seems?|looks?) (?:just )?not (?:right|himself|"
    r"herself|themselves)\b(?! (?:about|for|to)\b)",
    r"\bnot (?:feeling|looking) right\b",
    r"\bsomething is (?:really |very )?(?:wrong|not right)\b",
    r"\b(?:is|are|gone|went|very|really|so|all|seems?) (?:\w+ )?(?:floppy|lethargic)\b",
)
"""Feeling really unwell on treatment: a UKONS red flag even without a temperature."""
NOT_A_TEMPERATURE = _any(
    r"\b(?:bmi|platelets?|plts?|hemoglobin|haemoglobin|hgb|hb|wbc|neutrophils?|anc|inr|calcium|"
    r"potassium|sodium|glucose|sugar|weight|albumin|psa|cea|score|count|counts|levels?|size|"
    r"weigh|weighs|kg|age|aged|waist|inches)\b(?: \w+){0,3} $"
)
"""A lab value, weight or size just before a bare number such as "38.5": not a temperature."""
NUMBER = _any(r"\b(\d{2,4}(?:\.\d+)?)(?: degrees)?(?: ?(f|c|fahrenheit|celsius))?\b")
TREATMENT = _any(
    r"\b(?:(?:mid|post|pre)?chemo\w*|chemotherapy|infusions?|immunotherapy|treatment|transplant|neutropeni\w*|"
    r"radiation|radiotherapy|cancer|oncolog\w*|port|picc|leukemia|lymphoma|myeloma)\b",
    r"\b(?:low (?:white|counts|blood counts)|counts are low)\b",
    r"\b(?:capecitabine|xeloda|keytruda|opdivo|pembrolizumab|nivolumab|ipilimumab|carboplatin|"
    r"cisplatin|oxaliplatin|paclitaxel|taxol|docetaxel|taxotere|folfox|folfiri|folfirinox|"
    r"r ?chop|abvd|gemcitabine|temozolomide|lenalidomide|revlimid|palbociclib|ibrance|"
    r"methotrexate|cyclophosphamide|doxorubicin|adriamycin|epirubicin|5fu|fluorouracil|"
    r"etoposide|vincristine|rituximab|car t|stem cell|bone marrow|targeted therapy)\b",
    r"\b(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|last|latest|next) "
    r"(?:cycle|round|dose|infusion|session of chemo)\b",
    r"\bcycles? (?:\d+ )?of \w+\b",
    r"\b(?:cycle|round) \d+\b",
)

# -- spinal cord compression: new back or neck pain with legs failing, or bladder or bowel
LEGS_FAILING = _any(
    r"\blegs? (?:are |is |feel |feels |went |have gone |has gone |getting |keep |keeps )?"
    r"(?:\w+ ){0,2}(?:numb|weak|giving out|give out|gave out|giving way|gave way|give way|"
    r"buckl\w*|paralyz\w*|like jelly|wobbly|heavy|dead)\b",
    r"\b(?:tripping|stumbling|falling) over (?:my|his|her) (?:own )?feet\b",
    r"\b(?:keep|keeps|kept|been) (?:tripping|stumbling|falling)\b",
    r"\bcan not (?:walk|stand)(?: up)?\b(?! (?:far|much|long|as|very|the|to|for|without|more "
    r"than|around the|up stairs|upstairs|all day))",
    r"\bunsteady on (?:my|his|her) feet\b",
    # s37-10s: legs that went from under the person, or stopped working (NICE NG234 new leg
    # weakness in lay words)
    r"\blegs? (?:\w+ ){0,2}(?:went|go|goes|gone|going|gave|giving|give) (?:out )?from under\b",
    r"\blegs? (?:\w+ ){0,2}(?:are not|is not|were not|was not|not|stopped|stop) working\b",
    r"\bnumb (?:\w+ ){0,2}from the (?:waist|hips?) down\b",
    r"\bweak(?:ness)? in (?:my|his|her|both) legs\b",
    # s35-10: legs or feet told as not one's own, and tripping told as frequent (NICE NG234
    # lay descriptions of new leg weakness or altered sensation)
    r"\b(?:feet|legs?) (?:\w+ ){0,2}(?:feel|feels|felt|seem|seems) like (?:they are |it is )?"
    r"(?:not (?:mine|his|hers|theirs|(?:my|his|her|their) own)|(?:someone|somebody) else(?: s|s)?|"
    r"(?:they |it )?belongs? (?:to|2) (?:someone|somebody) else|"
    r"(?:rubber|cotton wool|lead|concrete|dead weights?))\b",
    r"\b(?:feet|legs?) (?:\w+ ){0,2}(?:do not|does not|did not) (?:feel|seem) like "
    r"(?:(?:they are|it is) )?(?:mine|his|hers|theirs|(?:my|his|her|their) own)\b",
    r"\b(?:tripping|stumbling)(?: over| up)? (?:a lot|all the time|constantly|loads|so much|"
    r"more and more|more often|every few steps)\b",
    # s36-10b: feet that cannot be lifted or drag (foot drop; NICE NG234 new leg weakness)
    r"\b(?:can not|could not|can hardly|can barely|unable to|struggl\w* to) (?:\w+ )?lift "
    r"(?:my|his|her|their|both) (?:feet|foot|legs?)\b",
    r"\b(?:feet|foot|legs?) (?:are |is |keep |keeps |have been |has been )?(?:dragging|drag|drags|"
    r"scuffing|flopping|slapping)\b",
    r"\bdragging (?:my|his|her|their) (?:feet|foot|legs?)\b(?! (?:about|over|on)\b)",
)
SPINAL_CANCER = _any(
    r"\b(?:spinal (?:mets|metastas\w*|tumou?rs?|cancer|secondaries)|(?:mets|metastas\w*|"
    r"secondaries|cancer|tumou?rs?) (?:\w+ ){0,2}(?:in|on|to) (?:my |his |her |the )?(?:spine|"
    r"vertebra\w*|spinal cord))\b",
)
"""Cancer in the spine itself (NICE NG234: new leg weakness or numbness with spinal
metastases is an emergency)."""
LEGS_TINGLING = _any(
    r"\b(?:feet|foot|toes|legs?) (?:are |is |feel |feels |have been |went |gone )?(?:\w+ )?"
    r"(?:tingl\w*|pins and needles|numb)\b",
    r"\b(?:tingl\w*|pins and needles|numbness) (?:\w+ ){0,2}(?:in|down) (?:my |his |her |both )?"
    r"(?:feet|foot|toes|legs?)\b",
    r"\b(?:can not|could not|can hardly|can barely) (?:\w+ )?feel (?:my|his|her|"
    r"their|both) (?:feet|foot|toes|legs?)\b",
    # s35-10: numbness of the saddle area told in lay words (NICE NG234 / cauda equina
    # red flags: saddle numbness); an emergency with a bladder or bowel sign
    r"\b(?:can not|could not|can hardly|can barely) (?:\w+ )?feel (?:my|his|her|"
    r"their) (?:bum|bottom|backside|buttocks|bum cheeks|groin|private parts|inner thighs|"
    r"inside of (?:my|his|her|their) (?:thighs|legs))\b",
    r"\b(?:bum|bottom|backside|buttocks|groin|private parts|inner thighs) (?:\w+ ){0,2}"
    r"(?:numb|tingl\w*|dead|no feeling)\b",
)
"""Tingling feet are common with chemotherapy: they count only with a bladder or bowel sign."""
BLADDER_BOWEL = _any(
    r"\b(?:can not|could not|unable to|not able to|trouble|difficulty|struggling to) (?:\w+ )?"
    r"(?:pee|wee|urinate|pass urine|pass water|empty (?:my|his|her) bladder)\b",
    r"\b(?:accident|accidents) in (?:my|his|her) (?:pants|trousers|knickers|underwear|bed)\b",
    r"\bwet (?:my|him|her) ?self\b",
    r"\bcan not (?:control|hold) (?:my|his|her) (?:bladder|bowels?|wee|pee|poo)\b",
    r"\b(?:lost|losing|no) control (?:of|over) (?:my |his |her )?(?:bladder|bowels?)\b",
    r"\bincontinen\w*",
    # s37-10s: accidents told with the organ, and not feeling oneself pass urine
    r"\baccidents? (?:with|of) (?:my|his|her|their|the) (?:bladder|bowels?|waterworks)\b",
    r"\b(?:can not|could not) feel (?:my|him|her|them) ?(?:self|selves) (?:pee|wee|urinate|go)\b",
    r"\bcan not (?:tell|feel) when (?:i|he|she) (?:need|needs) (?:to )?(?:pee|wee|go|poo)\b",
)
BACK_PAIN = _any(
    r"\b(?:back|neck|spine)\b(?: \w+){0,4} (?:pain|hurts?|hurting|killing|aching|agony|sore)\b",
    r"\b(?:pain|hurts?|ache|agony) (?:in )?(?:my |his |her )?(?:lower |upper |middle )?"
    r"(?:back|neck|spine)\b",
    r"\bband of pain\b",
    # s35-10: pain told as a band or belt round the trunk (radicular pain of a compressed
    # cord, NICE NG234)
    r"\b(?:band|belt|ring|girdle)\b(?: \w+){0,3} (?:round|around|across) (?:my|his|her|their|"
    r"the) (?:middle|waist|chest|ribs|tummy|belly|stomach|trunk|body)\b",
    r"\b(?:pain|ache|aching|squeez\w*)\b(?: \w+){0,3} (?:round|around) (?:my|his|her|their) "
    r"(?:middle|waist|ribs|trunk)\b(?: like a (?:band|belt))?",
    # cancer in the spine itself (NICE NG234: new leg weakness with spinal metastases)
    SPINAL_CANCER.pattern,
)

# -- clot: one swollen, red, hot or painful leg (or arm with a line)
LIMB_LEG = frozenset({"calf", "calves", "leg", "legs", "thigh", "thighs", "ankle", "knee"})
LIMB_ARM = frozenset({"arm", "arms", "forearm"})
SWELLING = frozenset(
    {
        "swollen",
        "swelling",
        "swelled",
        "swells",
        "puffy",
        "bigger",
        "enlarged",
        "larger",
        "fatter",
        "fat",
        "puffed",
    }
)
DUSKY = frozenset({"purplish", "bluish", "blueish", "dusky", "discoloured", "discolored"})
"""A limb's colour gone purple or blue (not "blue": a bruise is blue)."""
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
        "hard",
        "purple",
        "tight",
        *DUSKY,
    }
)
LEG_HEAT = frozenset({"red", "redness", "hot", "warm"})
ARM_SIGNS = frozenset({"red", "redness", "hot", "warm"}) | DUSKY
"""An arm swollen with heat, redness or a purple or blue colour (s32-14s: an arm clot by a
port or line is told by its colour)."""
SWELLING_PHRASE = _any(
    r"\b(?:double|twice|two times|three times) (?:the|its|his|her|my) (?:normal |usual )?size\b",
    r"\bbigger than the other(?: one)?\b",
    r"\b(?:twice|double|two times|three times) as (?:thick|big|fat|wide|swollen|chunky) as\b",
    r"\b(?:thicker|fatter|wider|chunkier) than (?:the|his|her|my) (?:other|left|right)\b",
    r"\b(?:much|a lot|way) (?:bigger|fatter|larger)\b",
)
"""Lay ways of saying one limb is swollen; read as "swollen"."""
HEAT_OF_WEATHER = _any(
    r"\b(?:when|if) (?:it is|the weather is|it gets|its) (?:\w+ )?(?:hot|warm)\b",
    r"\b(?:in the heat|hot weather|warm weather|hot days?|heatwave|hot baths?|hot showers?|"
    r"hot water)\b",
)
"""Heat of the weather or a bath, not a hot limb."""
BOTH_LIMBS = _any(
    r"\b(?:both|two) (?:of )?(?:my |his |her )?(?:legs|ankles|feet|calves|arms|hands)\b",
    r"\b(?:legs|ankles|feet) (?:both )?(?:swell|swelling|are swollen|get swollen|puff up)\b"
    r"(?: \w+){0,6} (?:evening|evenings|night|heat|hot weather|end of the day|when it is hot|"
    r"flight|sitting)",
)
"""Both legs swelling (in the heat, by evening) is not the one-sided swelling of a clot."""

# -- fall or fracture with bone metastases
BONE_METS = _any(
    r"\bbone (?:mets|metastas\w*|spread|cancer|secondaries|lesions?|damage|disease|"
    r"involvement)\b",
    r"\bmets (?:in|to) (?:the |my |his |her )?(?:bones?|spine|hips?|ribs?|pelvis|femur|skull)\b",
    # s36-10b: three words between ("cancer that has gone to the bones")
    r"\b(?:cancer|tumou?rs?|spread|secondaries|it|mets) (?:\w+ ){0,3}(?:in|to|into) (?:the |my |"
    r"his |her )?(?:bones?|spine|skeleton)\b",
    r"\bmyeloma\b",
    r"\b(?:osteolytic|lytic lesions?)\b",
    r"\bmetastatic (?:to (?:the )?)?bones?\b",
)
FALL = _any(
    r"\b(?:fell|fall|falls|fallen|slipped|slip|tripped|stumbled|went down|took a tumble|had a "
    r"tumble|hit the floor|fell over|fell down|went flying)\b",
)
FALL_HARM = _any(
    r"\bcan not (?:get up|stand|put (?:any )?weight|bear (?:any )?weight|walk|move (?:it|her|"
    r"him|my|his)?|lift)\b",
    r"\b(?:heard|felt) (?:a |something )?(?:crack|snap|pop|give|break)\b",
    r"\bsomething (?:gave|give|snapped|cracked|went|broke)\b",
    r"\b(?:agony|excruciating|unbearable|screaming|screams?|screamed|yells?|yelled|cries out|"
    r"cried out)\b",
    r"\b(?:hurts?|hurting|pain\w*|sore) (?:so much|a lot|really bad|badly|like hell|terribly)\b",
    r"\b(?:terrible|severe|awful|excruciating|unbearable|really bad|so much|a lot of) pain\b",
    r"\breally (?:hurts?|painful|sore)\b",
    r"\bhit (?:my|his|her) head\b",
    r"\b(?:hip|hips|leg|arm|ribs?|back|wrist|shoulder|spine|pelvis|thigh|neck) (?:\w+ ){0,3}"
    r"(?:hurts?|hurting|agony|pain\w*|sore|swollen|at a funny angle|deformed)\b",
    r"\b(?:broken|fractur\w*|break)\b",
    r"\b(?:looks?|is|at a|gone) (?:\w+ )?(?:bent|deformed|twisted|wonky|funny angle|the wrong "
    r"way)\b",
    r"\b(?:weird|odd|strange|awkward|wrong|unnatural) angle\b",
    r"\bhanging (?:\w+ )?(?:limp|funny|weird|wrong|oddly|crooked|loose)\b",
    r"\b(?:crooked|misshapen)\b",
)
SEVERE_BONE_PAIN = _any(
    r"\b(?:heard|felt) (?:a |something )?(?:loud |sudden |sharp |horrible |sickening |big )?"
    r"(?:crack|snap|pop|give|break|crunch)\b",
    r"\bsomething (?:gave|give|snapped|cracked|broke)\b",
    r"\b(?:agony|excruciating|unbearable|screaming|scream)\b",
    r"\bcan not (?:put (?:any )?weight|bear (?:any )?weight|move without)\b",
    # new bone pain getting worse fast or waking at night (NICE NG234 / MASCC: an
    # impending fracture or cord compression with bone metastases)
    r"\b(?:new|sudden)\b(?: \w+){0,4} (?:pain|ache)\b(?: \w+){0,10} (?:getting worse|worse and "
    r"worse|worse every|worse by the|worse fast|wakes (?:me|him|her|them)|waking (?:me|him|her|"
    r"them)|keeps (?:me|him|her|them) (?:up|awake))\b",
)

# -- superior vena cava obstruction: face and neck (or arm) swelling, chest veins
FACE_NECK_SWELLING = _any(
    r"\b(?:face|neck|eyes|eyelids)\b(?: \w+){0,2} (?:and|,) (?:my |his |her |the )?(?:face|neck|"
    r"arms?|eyes|upper body|chest)\b(?: \w+){0,5} (?:swollen|swelling|swelled|puffy|puffed up|"
    r"puffier|bloated|fat|fuller|swell\w*)\b",
    r"\b(?:swollen|swelling|swelled|puffy|puffed up|puffier|bloated|swell\w*) (?:\w+ ){0,3}"
    r"(?:face|neck) (?:and|,) (?:my |his |her |the )?(?:face|neck|arms?|eyes)\b",
    r"\bface\b(?: \w+){0,6} (?:swollen|swelling|swelled|puffy|puffed up)\b(?: \w+){0,4} neck\b",
    r"\bneck\b(?: \w+){0,6} (?:swollen|swelling|swelled|puffy|puffed up)\b(?: \w+){0,4} face\b",
    r"\b(?:face|neck) (?:\w+ ){0,3}(?:swollen|swelling|swelled|puffy|puffed up|bloated)\b"
    r"(?: \w+){0,8} (?:worse|more) when (?:i|he|she) (?:bend|bends|lie|lies|lying|bending)\b",
    # the collar that no longer fastens (Stokes' collar sign), with the face swelling
    r"\b(?:face|neck)\b(?: \S+){0,6} (?:swollen|swelling|swelled|puffy|puffed up|puffier|"
    r"bloated|fat|fatter|fuller)\b(?: \S+){0,10} (?:collars?|necklaces?|top buttons?)\b"
    r"(?: \S+){0,3} (?:will not|would not|does not|do not|can not|no longer|too) (?:\w+ )?"
    r"(?:button|do up|close|fasten|fit|meet|tight)\b",
    r"\b(?:collars?|necklaces?|top buttons?)\b(?: \S+){0,3} (?:will not|would not|does not|"
    r"do not|can not|no longer|too) (?:\w+ )?(?:button|do up|close|fasten|fit|meet|tight)\b"
    r"(?: \S+){0,10} (?:face|neck)\b(?: \S+){0,4} (?:swollen|swelling|swelled|puffy|puffed "
    r"up|puffier|bloated|fat|fatter|fuller)\b",
)
CHEST_VEINS = _any(
    r"\bveins? (?:\w+ ){0,4}(?:chest|neck)\b(?: \w+){0,4} (?:sticking out|bulging|swollen|"
    r"more visible|very visible|look weird|looks weird|look strange|prominent|standing out|"
    r"popping)\b",
    r"\b(?:chest|neck) veins? (?:\w+ ){0,3}(?:sticking out|bulging|swollen|visible|weird|"
    r"prominent|standing out|popping)\b",
)

# -- drowsy and muddled (high calcium, infection, brain)
DROWSY = _any(
    r"\b(?:so|really|very|extremely|unusually|abnormally|too) (?:drowsy|sleepy)\b",
    r"\b(?:drowsy|sleepy) all (?:day|the time)\b",
)
MUDDLED = _any(
    r"\b(?:confus\w*|muddled|disorient\w*|not making (?:any )?sense|talking nonsense|"
    r"not (?:herself|himself)|thirsty|does not know where)\b(?! (?:about|by|with|over|as to|"
    r"whether|which|what|how)\b)"
)
HYPERCALCAEMIA_SIGNS = (
    _any(
        r"\b(?:thirst\w*|parched|drinking (?:loads|so much|all the time|gallons))\b",
        # drinking told by the amount ("glass after glass", "jugs of water", "gulping water
        # all day")
        r"\b(?:drink\w*|gulp\w*|down\w*|knock\w* back|guzzl\w*) (?:\w+ ){0,2}(?:jugs?|litres?|"
        r"liters?|bottles?|pints?|gallons?|glass after glass|cup after cup|water (?:all day|"
        r"all the time|constantly|non stop|like (?:a|there\w*)))\b",
        r"\bcan not stop drinking\b",
    ),
    _any(
        r"\b(?:confus\w*|muddled|foggy|disorient\w*|can not (?:remember|think straight)|"
        r"forgetting|talking nonsense)\b",
        # confusion and drowsiness in lay words
        r"\b(?:away with the fairies|not with it|not making (?:any )?sense|all over the place in "
        r"(?:his|her|my) head|(?:so |really |very )?(?:drowsy|sleepy|dopey)|can (?:barely|hardly) "
        r"(?:stay awake|keep (?:my|his|her) eyes open)|keeps? (?:dozing|nodding) off)\b",
    ),
    _any(
        r"\b(?:constipat\w*|bunged up|blocked up|(?:not|have not|has not) (?:pooed|been to the "
        r"toilet|opened (?:my|his|her) bowels))\b"
    ),
    _any(
        r"\b(?:pee\w*|wee\w*|urinat\w*|going to the (?:toilet|loo|bathroom)) (?:\w+ )?(?:loads|"
        r"a lot|all the time|constantly|so much|every hour)\b"
    ),
    _any(r"\b(?:vomit\w*|being sick|throwing up|nause\w*|sick all|queasy|retching)\b"),
)
"""Hypercalcaemia of malignancy in lay words (Marie Curie, UKONS: thirst, confusion,
constipation, passing a lot of urine, sickness): three of them together are an emergency."""

# -- past and resolved: an emergency sign in a sentence like these was, not is
RESOLVED = _any(
    r"\b(?:it|that|this|they|the \w+)(?: has| is| was| had| have| are)? (?:all |completely )?"
    r"gone(?= \.| ,|$| now| away| down| completely| since| after| by| again)",
    r"\bgone (?:now|away|down)\b",
    r"\blong (?:gone|over|behind (?:me|us|her|him))\b",
    # explained since: "turned out to be heartburn", "was just a migraine in the end"
    r"\bturned out to (?:be|have been) (?:only |just |nothing but )?(?:nothing|heartburn|"
    r"indigestion|reflux|wind|gas|anxiety|a panic attack|panic|muscular|a pulled muscle|a cold|"
    r"a virus|a chest infection|low (?:blood )?sugar|dehydration|a migraine|a sprain|cramp|"
    r"constipation|a side effect|an infection|a water infection|a uti|an ear infection|"
    r"low blood pressure|nerves|stress)\b",
    r"\b(?:was|were) (?:only|just) (?:\w+ ){1,3}in the end\b",
    r"\bwent (?:away|down)\b",
    r"\b(?:stopped|settled|cleared|eased|passed) (?:on its own|by itself|after (?:\d+|a few|"
    r"a couple of|five|ten|two) (?:minutes|mins|seconds)|quickly|within (?:\d+|a few) minutes)\b",
    r"\b(?:fine|better|ok|okay|normal) now\b",
    r"\b(?:that is|it is|which is|this is) (?:quite |pretty |totally |perfectly )?(?:normal|"
    r"usual) for (?:me|him|her|them)\b",
    r"\b(?:never|not once|nothing|none|not one|no more) since\b",
    r"\bback to normal\b",
    r"\bcleared up\b",
    # s32-14s: a sign on the massage table gone once the position changed ("it was just the
    # face cradle, moved and it was fine")
    r"\b(?:moved|shifted|sat up|adjusted|readjusted|changed position|repositioned|rolled over|"
    r"turned over|got up)\b(?: \w+){0,3} (?:and|then) (?:it|that|this|everything|i|she|he) "
    r"(?:was|went|is|felt|were|feel|feels) (?:\w+ )?(?:fine|ok|okay|away|better|normal|gone)\b",
    r"\b(?:doctor|doctors|gp|oncologist|nurse|nurses|paramedics|hospital|a and e|er|team|"
    r"consultant|specialist|they)\b(?: \w+){0,3} (?:checked|examined|saw|seen|sorted|cleared|"
    r"looked at) (?:me|her|him|them|it|us)\b",
    r"\b(?:doctor|doctors|gp|oncologist|nurse|nurses|paramedics|hospital|a and e|er|team|"
    r"consultant|specialist)\b(?: \w+){0,2} (?:said|says|told (?:me|us|her|him)) (?:it is |it was "
    r"|she is |he is |i am |that it is |that it was )?(?:fine|ok|okay|nothing|a virus|"
    r"muscular|a pulled muscle|normal|not serious|not an emergency)\b",
    r"\b(?:gp|doctor|oncologist|team|nurse) (?:knows|is aware|already knows)\b",
    r"\b(?:scan|scans|mri|ct|x ray|xray|bloods?|blood tests?|tests|results) (?:was|were|came "
    r"back|are|is) (?:all )?(?:clear|fine|normal|ok|okay|good)\b",
    r"\b(?:scan|scans|mri|ct|ecg|ekg|x ray|xray|blood|bloods|blood tests?|tests|results|"
    r"everything)\b(?: \w+){0,3} all (?:clear|fine|normal|ok|okay|good)\b",
    r"\b(?:sent|discharged|let) (?:me|her|him|us|them) (?:back )?home\b",
    r"\b(?:doctor|doctors|gp|oncologist|nurse|nurses|paramedics|hospital|a and e|er|team|"
    r"consultant|specialist|they)\b(?: \w+){0,2} (?:said|says|told (?:me|us|her|him)) (?:it "
    r"(?:is|was) )?(?:just )?(?:reflux|indigestion|heartburn|wind|anxiety|a panic attack|a cold|"
    r"a chest infection|a virus|a sprain|cramp|muscular|constipation)\b",
)
"""Someone says it has gone, or a professional has seen it: a past sign, not a present one."""
PAST_TIME = _any(
    r"\b(?:(?:\d+|a|one|two|three|four|five|six|a few|a couple of|couple of|several|many) "
    r"(?:weeks?|months?|years?|yrs?|wks?|mths?|mos?)|years|months|weeks) ago\b",
    r"\blast (?:week|month|year|summer|winter|spring|autumn|fall|christmas|time)\b",
    r"\bin (?:19|20)\d\d\b",
    # a month named as when it happened: "my chest pain in march", "back in january", "last
    # october" ("may" is left out: it is also a verb)
    r"\b(?:in|back in|last|this past|during|since last) (?:january|february|march|april|june|"
    r"july|august|september|october|november|december)\b",
    r"\bback (?:when|then)\b",
    r"\bused to\b",
    r"\bhistory of\b",
    r"\bin the past\b(?! (?:few|couple|\d+|hour|day|24))",
    r"\b(?:when i was|as a) (?:a )?(?:kid|child|teen\w*|young\w*|little)\b",
)
ONGOING = _any(
    r"\b(?:still|again|now|right now|today|tonight|getting worse|worse|worsening|keeps?|"
    r"keeping|since|is back|came back|coming back|currently|at the moment|started|starting|"
    r"this morning|this evening|this afternoon|just now|again now)\b"
)
"""Words that put a sign in the present even beside a past or resolved one."""
STILL_UNWELL = _any(
    r"\bstill (?:feel |feels |feeling |looks? |looking |is |am |are |seems? |so |really |very |"
    r"a bit |quite |all )*(?:clammy|sweaty|grey|gray|ashen|pale|dizzy|woozy|faint|light ?headed|"
    r"confused|muddled|drowsy|breathless|short of breath|shaky|shaking|shivering|numb|weak|"
    r"floppy|not right|not with it|racing|pounding|bleeding|in agony)\b",
    r"\b(?:heart|pulse) (?:is |keeps )?still (?:racing|pounding|going like)\b",
)
"""s37-10s: a sign told as over, then the body still unwell after it ("blacked out, hit the
floor. i am fine now i think but still feel clammy"): the sign is not resolved."""
DATED_AFTER = _any(
    r" [,.] (?:but |and )?(?:that|this|it|which|all that|all of that) (?:was|were|happened|"
    r"is from) "
)
"""The clause after a sign that dates it ("i fainted once at work, that was 3 yrs ago"), read
with ``match`` where the sign's clause ends: the sign is past when that clause holds a
``PAST_TIME`` and no ``ONGOING`` word."""
FIGURE_OF_PLEASURE = _any(
    r"\b(?:almost|nearly|could have|could|about to|i could) (?:pass(?:ed)? out|faint(?:ed)?|"
    r"black(?:ed)? out|keel(?:ed)? over)\b(?: \S+){0,6} (?:so good|so relaxing|so nice|bliss\w*|"
    r"heaven\w*|amazing|incredible|fantastic|wonderful|lovely|relief|relaxed|so relaxed)\b",
    r"\b(?:so good|so relaxing|so nice|bliss\w*|heaven\w*|amazing|incredible|fantastic|"
    r"wonderful|lovely|so relaxed)\b(?: \S+){0,6} (?:almost|nearly|could have|could|about to) "
    r"(?:pass(?:ed)? out|faint(?:ed)?|black(?:ed)? out|keel(?:ed)? over)\b",
)
"""A faint told as a figure of how good something felt ("when the knot let go I nearly
passed out, it was so good"): not a sign."""
INFORMATIONAL = _any(
    r"\b(?:watch(?: out)? for|look(?: out)? for|keep an eye out for|signs? of|symptoms? of|in "
    r"case of|what counts as|what is considered|what temperature|when to call|when should (?:i|we) "
    r"call|how do (?:i|you|we) know if)\b",
    r"\b(?:call|ring|phone|contact)\b(?: \w+){0,3} if\b",
    r"\bif (?:\w+ ){0,2}(?:temp\w*|fever|it) (?:goes|gets|is|rises|reaches|ever goes) "
    r"(?:above|over|"
    r"higher than|to|past)\b",
    # a hypothetical about a client or patient, or a story from the news
    r"\b(?:hypothetically|what if|if) (?:a |the |my |your |one of (?:my|your) )?"
    r"(?:client|patient|customer|person|someone|somebody)s?\b",
    r"\bhypothetical(?:ly)?\b",
    r"\b(?:documentary|news (?:story|report|article|item)|article|podcast|film|movie|tv show|"
    r"programme|program on tv) (?:\w+ ){0,3}(?:where|about|in which|that showed|said|showed)\b",
)
"""Told what to watch for, or asking what counts: information, not a sign in someone now."""
GENERIC = _any(
    r"\b(?:in general|generally|people|patients|a person|clients|what if|hypothetically)\b",
    # "a client" in general, not "my client" who is on the table now
    r"\b(?:a|any|each|every|some) client\b(?! (?:is|was|has|had|came|arrived|said|says|told|"
    r"started|went|just|suddenly|looks?|seems?|keeps?|on my)\b)",
    r"\bif (?:you|they|a patient|someone|a client|one)\b",
)
"""A question about people in general, not a sign in one person."""

# -- crisis in the remote past, with recovery said: "I was suicidal years ago, I'm well now"
REMOTE_PAST = _any(
    r"\b(?:years|decades|a long time|long ago|(?:\d+|many|several|a few|two|three|four|five|"
    r"six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty) years) ago\b",
    r"\b(?:when i was|as a) (?:a )?(?:kid|child|teen\w*|young\w*|little|student|in my)\b",
    r"\bin my (?:teens|twenties|thirties|20s|30s|youth)\b",
    r"\bback in (?:19|20)\d\d\b",
    r"\b(?:a few|some|many|several|\d+|two|three|four|five|ten|twenty) years back\b",
)
TOLD_LONG_AGO = _any(
    r"^ [,.] (?:but |and )?(?:that|this|it|which|all that|all of that) (?:was|were|happened|ended|"
    r"stopped) (?:\w+ ){0,2}(?:years|decades|a long time|long|(?:\d+|many|several|a few|two|"
    r"three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty) years) ago\b"
)
"""The clause after a sign that dates it long ago ("my ex used to hit me, that was years ago"):
read as the sign's own remote past."""
RECOVERED = _any(
    r"\b(?:in a (?:good|better|much better) place|doing (?:well|much better|better|fine|ok|"
    r"okay|great)|much better now|feel safe|feels safe|feel safer|therapy (?:really )?helped|"
    r"recovered|got help|(?:been|doing|am|feel|felt) (?:fine|well|good|ok|okay|great) (?:for|"
    r"since|ever since)|no longer (?:feel|think)|not (?:like that|that way|feeling that way) "
    r"anymore|those days are (?:over|behind me)|well now|(?:cuts|wounds|scars|burns|it|they) "
    r"(?:have|has|are|is) (?:all |fully )?healed|(?:i am|i feel|he is|she is|"
    r"feeling) (?:fine|well|good|ok|okay|great|safe|happy) (?:now|these days)|(?:been|felt|"
    r"lived|living) (?:\w+ )?(?:safe|happy|safe and happy|happy and safe) (?:ever )?since|"
    r"(?:i|she|he) (?:left|got out|escaped)\b(?: \S+){0,4} (?:safe|happy))\b"
)
RECURRING = _any(
    r"\b(?:again|lately|recently|these days|this week|(?<!years )(?<!while )back|starting to|"
    r"creeping|returning|now i|but now|right now|today|tonight|"
    r"(?<!counsellor i )(?<!counselor i )(?<!therapist i )(?<!who i )"
    r"still(?! (?:see|seeing|go to|going to|talk to|"
    r"visit|meet|check in with) (?:a |my |the |her |his )?(?:counsell?or|therapist|"
    r"psychologist|psychiatrist|doctor|gp|support group|group)))\b"
)

# Broad vocabularies a classifier-only safety vote must touch: they keep the
# classifier to paraphrases of real symptoms or distress, not idioms that merely
# sound like them ("the summit took my breath away").
RESIDENCE = (
    rf"(?! (?:with (?:us|them|him|her|me|(?:my|our|his|her|their|a|an|the) (?:\w+ )?(?:{KIN}|"
    r"mum|mums|family|folks|in laws?|roommates?|flatmates?|carers?|kids))|in|at|alone|"
    r"on (?:my|his|her|our|their) own|by (?:my|him|her|our|them)sel\w*|"
    r"near|nearby|close|far|next door|here|there|abroad|locally|out of town|upstairs|downstairs|"
    r"together|an? (?:hour|mile|few|couple)|\d+|about|around|just)\b(?<! in(?= (?:constant |daily "
    r"|such )?(?:fear|pain|agony|misery|hell|dread|torment|despair|limbo)\b)))"
)
"""Where someone lives ("I live in Leeds", "living with my sister", "live alone") is not a
crisis cue; wanting to live, "to live", living in fear or pain and living with this (pain,
cancer) are."""
EMERGENCY_CUES = _any(
    r"\b(?:breath\w*|air|chest|heart|blood|bleed\w*|pain\w*|hurt\w*|swell\w*|swollen|fever\w*|"
    r"temp\w*|faint\w*|pass\w* out|dizz\w*|confus\w*|numb\w*|weak\w*|collaps\w*|seizure\w*|"
    r"vomit\w*|throw\w* up|cough\w*|lips|jaw|throat|tongue|blue|gray|grey|emergency|"
    r"ambulance|wake|not (?:respond|answer)\w*|unconscious|fell|fall\w*(?! out\b(?! of\b))|head|"
    r"stroke|slurr\w*|"
    r"droop\w*|chok\w*|gasp\w*|wheez\w*|racing|pounding|sweat\w*|clammy|pale|legs?|arm|calf|"
    r"speak|talk\w*)\b"
)
CRISIS_CUES = _any(
    r"\b(?:die|dying|dead|death|suicid\w*|kill\w*|hurt\w*|harm\w*|burden|hopeless\w*|"
    rf"worthless|pointless|alive|(?<=to )live|live{RESIDENCE}|living{RESIDENCE}|life|gone|"
    r"disappear\w*|without me|better off|"
    r"wake up|overdose|jump\w*|cut(?! (?:down|back)\b)|cuts|cutting(?! (?:down|back)\b)|"
    r"goodbye|letters?|anymore|give up|"
    r"giving up|tired of|sick of|done with|want out|no point|no reason|nothing matters|"
    r"favou?r|exist\w*|end (?:it|my life|things|everything))\b"
)
# -- a practitioner's sexual misconduct or exploitation (ABMP / NCBTMB codes of ethics:
# sexual contact, touching without consent and exploitation of a client are misconduct)
PRACTITIONER = _any(
    r"\b(?:(?:massage |oncology |home |my |the |her |his |a )(?:therapist|practitioner)|masseur|"
    r"masseuse|massage (?:guy|man|woman|lady)|(?:the|my|her|his) (?:reflexologist|physio))\b",
    # s35-10: the practitioner told by what they do
    r"\b(?:guy|man|woman|lady|person|bloke|chap|girl|one) (?:who (?:did|does|was doing|gave|"
    r"gives|was giving)|doing|giving) (?:my |the |her |his |our |a )?(?:\w+ s )?(?:massage|"
    r"session|treatment|reflexology)\b",
)
"""Someone giving the massage or bodywork ("the therapist", "the masseur", "the guy doing my
massage")."""
BODYWORK_SETTING = _any(
    r"\b(?:massag\w*|spa|reflexolog\w*|bodywork|treatment room|massage table|(?:my|her|his|the) "
    r"(?:session|appointment))\b"
)
"""Where bodywork happens (s35-10): an intimate touch someone did there, told with a plain
refusal of consent, is misconduct whoever the writer names ("at the spa he slid his hand
under the towel and I froze"); fear of a touch asked about ("scared it will hurt to have my
breasts massaged") is not."""
TOUCH_DONE_BY_ANOTHER = _any(
    r"\b(?:he|she|they|(?:the|a|this|that) (?:man|guy|woman|lady|person|bloke))\b(?: \w+){0,3} "
    r"(?:put|slid|slipped|moved|rubbed|touched|grabbed|stroked|squeezed|pulled|lifted|fondled|"
    r"groped|reached|went)\b"
)
REFUSED = _any(
    r"\b(?:without (?:asking|my consent|consent|permission|my permission)|(?:did not|never) "
    r"ask\w*|i froze|froze|i said (?:stop|no)|told (?:him|her|them) (?:to stop|no)|even after|"
    r"kept (?:going|touching|rubbing)|would not stop|violated|did not want)\b"
)
"""The plain words of a touch not agreed (``UNWANTED`` without the feelings that a touch only
feared also has: "scared", "uncomfortable")."""
INTIMATE_TOUCH = _any(
    r"\b(?:touch\w*|rubb\w*|rubs|strok\w*|grabb\w*|squeez\w*|fondl\w*|caress\w*|massag\w*|"
    r"felt|feeling|put (?:his|her|their) hands? (?:on|under|between|inside|in))\b(?: \w+){0,4} "
    r"(?:my|her|his) (?:breasts?|boobs?|nipples?|genitals?|private (?:parts|area)|privates|crotch|"
    r"groin|vagina|penis|bum|butt|buttocks|bottom|inner thighs?)\b",
    r"\b(?:between (?:my|her|his) legs|under (?:the|my|her|his) (?:towel|sheet|drape|underwear|"
    r"bra|knickers|pants|briefs|boxers|gown|top))\b",
    r"\b(?:pulled|took|lifted|moved) (?:the|my|her|his) (?:sheet|towel|drape) (?:down|off|away)\b",
)
"""Touching an intimate part, or uncovering the person (what a consent breach is told by)."""
UNWANTED = _any(
    r"\b(?:without (?:asking|my consent|consent|permission|my permission)|(?:did not|never) "
    r"ask\w*|i froze|froze|i said (?:stop|no)|told (?:him|her|them) (?:to stop|no)|even after|"
    r"did not want|i did not like|(?:felt )?violated|scared|frightened|uncomfortable|shaking|"
    r"kept (?:going|touching|rubbing|doing)|would not stop|sexual\w*|aroused|erection|kiss\w*|"
    r"said it was (?:part of|lymph|normal|the treatment|drainage))\b"
)
"""Words saying the touch was not agreed ("without asking", "I froze", "even after I said
stop", "said it was lymph work")."""
CONSENTED = _any(
    r"\b(?:after asking|asked (?:me )?(?:first|before|if|permission|whether)|with my "
    r"(?:permission|consent|ok|okay)|explained (?:why|what|first)|i asked (?:her|him|them) to)\b"
)
"""Consent told ("after asking", "with my permission"): a near miss, not misconduct."""
EXPLOITATION = _any(
    r"\b(?:grop\w*|fondl\w*|molest\w*) (?:me|my|her|him|mum|mom|dad)\b",
    # a genital touch is never part of a massage, asked or not
    r"\b(?:touch\w*|rubb\w*|rubs|strok\w*|grabb\w*|fondl\w*|caress\w*|massag\w*|felt|put "
    r"(?:his|her|their) hands? (?:on|under|between|inside|in))\b(?: \w+){0,6} (?:my|her|his) "
    r"(?:genitals?|private (?:parts|area)|privates|crotch|vagina|penis|testicles|vulva)\b",
    r"\b(?:asked|asking|asks|wanted|wants|pressur\w*|offered|offering)(?: me| her| him)? "
    r"(?:for |to have )?(?:sex|sexual favou?rs?)\b|\bsex in exchange\b",
    r"\b(?:photo\w*|pictures?|pics|videos?|filmed)\b(?: [^ ]+){0,10} (?:posted|shared|put|"
    r"ended up|found (?:them|it)|uploaded)\b(?: \w+){0,3} (?:online|on (?:her|his|their|the) "
    r"(?:\w+ )?(?:instagram|facebook|tiktok|website|page|social media|snapchat)|on (?:instagram|"
    r"facebook|tiktok|social media|the internet))",
    r"\b(?:told|asked|made)(?: me| her| him| my \w+)? (?:not to|never to) (?:mention|tell) "
    r"(?:her|him|them|anyone|anybody)\b(?: \w+){0,2} (?:to|about)\b",
    r"\bif (?:i|she|he) (?:tell|tells|told) (?:anyone|anybody|someone|my \w+)\b(?: \w+){0,8} "
    r"(?:will|would) (?:post|share|send|publish|hurt|ruin|stop|leave|cut)\b",
)
"""Exploitation a practitioner is told of: groping, sex asked for, the person's photos
posted, silence asked about the practitioner, a threat for telling."""

ABUSE_CUES = _any(
    r"\b(?:hit\w*|hurt\w*|harm\w*|beat\w*|punch\w*|slap\w*|kick\w*|push\w*|shov\w*|grab\w*|"
    r"chok\w*|strangl\w*|throat|twist\w*|pinn\w*|threw|throw\w*|threat\w*|bruis\w*|marks?|"
    r"scared|afraid|frighten\w*|fear\w*|terrifi\w*|unsafe|safe|lock\w*|tie|ties|tied|trapped|"
    r"not allowed|will not let|does not let|do not let|won t let|let me|control\w*|checks?|"
    r"track\w*|follow\w*|money|pension|bank|card|account|savings|steal\w*|stole|tak\w* my|"
    r"took|hid\w*|neglect\w*|left alone|leaves? (?:me|him|her)|soiled|sores?|starv\w*|food|"
    r"shout\w*|scream\w*|yell\w*|swear\w*|insult\w*|touch\w*|forc\w*|sex\w*|rape\w*|"
    r"abus\w*|violen\w*|rough|kill|police)\b"
)
"""Words an abuse vote must touch: violence, fear, control, money, neglect (the
domestic-violence and elder-abuse warning signs)."""
CHOSEN_ARRANGEMENT = _any(
    r"\b(?:because|since|as|after) (?:i|we) (?:asked|wanted|told) (?:him|her|them|\w+ \w+) to\b"
    r"(?! (?:stop|leave|give|not|go|move|get out|back off))",
    r"\bi asked (?:him|her|them|my \w+(?: in law)?) to (?:\w+ )?(?:handle|manage|look after|"
    r"take over|take care of|keep track|keep an eye|help|do|run|sort|pay|deal with|hold)\b",
    r"\b(?:i|we) (?:asked|wanted|told) (?:him|her|them) to\b(?= [.,]| $|$)",
    r"\b(?:at|on) my (?:own )?request\b",
    r"\b(?:it was|that was|that is|it is|was) (?:my|our) (?:own )?(?:idea|choice|decision|"
    r"request|wish)\b",
    r"\bi (?:chose|decided|wanted) to (?:let|have) (?:him|her|them|my \w+)\b",
    r"\bi (?:gave|signed) (?:him|her|them|my \w+(?: in law)?) (?:\w+ ){0,2}(?:power of attorney|"
    r"access)\b",
    r"\bwith my (?:full )?(?:permission|blessing|consent|agreement)\b",
    # Spanish (read without accents)
    r"\bporque (?:yo )?se lo (?:pedi|rogue)\b",
    r"\b(?:a|por) (?:peticion|pedido|decision) mia\b",
    r"\b(?:fue|es) (?:mi|nuestra) (?:idea|decision)\b",
)
"""An arrangement the person chose ("my son handles my bills because I asked him to", "at
my request", "it was my own idea"): an abuse vote on it alone is a false alarm. Not "I asked
him to stop"."""
ABUSE_HARM = _any(
    r"\b(?:hit\w*|hurt\w*|beat\w*|punch\w*|slap\w*|kick\w*|push\w*|shov\w*|grab\w*|chok\w*|"
    r"strangl\w*|threat\w*|bruis\w*|scared|afraid|frighten\w*|fear\w*|terrifi\w*|unsafe|"
    r"lock\w*|trapped|not allowed|will not let|does not let|do not let|won t let|steal\w*|"
    r"stole|stolen|forc\w*|rape\w*|abus\w*|violen\w*|shout\w*|scream\w*|yell\w*|insult\w*|"
    r"neglect\w*|starv\w*|missing|gone|empt\w*|drained|without (?:asking|telling|my)|if i tell|"
    r"anymore|no longer|refus\w*|keeps? me from|cut me off|pega\w*|golpe\w*|amenaz\w*|miedo|"
    r"grit\w*|no me deja\w*|rob\w*|quit\w*)\b"
)
"""Harm, fear or control told with a chosen arrangement: then the arrangement does not
cancel the abuse vote ("I asked her to manage my money and now my savings are gone")."""
SAFETY_CUES = {"emergency": EMERGENCY_CUES, "crisis": CRISIS_CUES, "abuse": ABUSE_CUES}
"""A means (pills, a gun, a rope, a bridge) is not a cue: ordinary lives have them too, so
a vote on a sentence that names only a means needs the model's surer ``alone`` level."""

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
    r"neutrophils?|anc|hemoglobin|haemoglobin|hgb|hb|transfusions?|hematocrit|inr|labs?|"
    r"lab (?:results?|work|values?|tests?)|blood ?work|bloodwork|blood tests?|"
    r"tumou?r markers?|psa|ca 125|cea|"
    r"neutropeni\w*|anemic|anaemic|thrombocytopeni\w*)\b",
    r"\b(?:blood|white|red|platelet|cell|wbc|rbc|low|their|his|her|my) counts?\b",
    r"\bcounts (?:are|were|is|was|have been|came back) (?:\w+ )?(?:low|down|dropping|up|high|bad|"
    r"weird)\b",
)
DEVICE = _any(
    r"\b(?:port|ports|port a cath|portacath|mediport|power port|picc|pic line|central line|"
    r"iv line|catheter|cath|drains?|stents?|ostomy|colostomy|ileostomy|urostomy|stoma|"
    r"feeding tube|chest tube|g tube|peg tube|pump|tissue expanders?|expanders?|implants?|"
    r"pacemaker|nephrostomy|tracheostomy|trach|hickman|broviac|groshong|midline|cvc|"
    r"tunnell?ed line)\b"
)
SITE = _any(
    # "wound so tight" / "wound up" is being tense, not a wound
    r"\b(?:incisions?|scars?|stitches|sutures|staples|"
    r"wounds?(?! (?:so |really |very |pretty |too |all |super )?(?:up|tight|tightly)\b)|"
    r"surgical site|surgery site|"
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
    # medicines the lay classes below do not name (blood thinners, cancer drugs by brand,
    # doses and prescriptions); every other name is in ``LAY_MEDICINES``
    r"\b(?:blood thinners?|anticoagulants?|warfarin|coumadin|eliquis|apixaban|xarelto|"
    r"rivaroxaban|heparin|lovenox|enoxaparin|plavix|clopidogrel|doses?|dosage|dosing|mgs?|"
    r"milligrams?|meds|medications?|pills?|herceptin|keytruda|opdivo|neulasta|neupogen|"
    r"filgrastim|zometa|xgeva|capecitabine|xeloda|prescriptions?|chemo (?:pills?|drugs?)|"
    r"senna|laxatives?)\b",
    rf"\b{LAY_MEDICINES}\b",
    # how many tablets to take ("how many of these can I take?", "can he take 4?")
    r"\b(?:can|could|should|may) (?:i|he|she|we) take (?:\d+|two|three|four|five|six|more|"
    r"extra|another|double)(?: more| extra)?(?= \.| ,|$| of (?:them|these|those|my|his|her|the)\b|"
    r" at once| at a time| a day| in a day| per day| tablets| pills| capsules| doses)",
    r"\bhow many (?!massages?\b|sessions?\b|courses?\b|classes\b|ceus?\b|credits?\b|"
    r"workshops?\b|lessons?\b|modules?\b|hours\b|days\b|weeks\b)(?:\w+ ){0,2}(?:can|should|"
    r"may) (?:i|he|she|we) take(?= \.| ,|$| in a day| a day| per day| at once| at a time| before"
    r"| with)",
    # cancer medicines named by their international nonproprietary name stems (WHO INN:
    # -tinib/-nib kinase inhibitors, -mab antibodies, -ciclib, -parib, -lisib, -platin,
    # -taxel, -rubicin, -trozole, -lutamide, -citabine, -relin)
    r"\b[a-z]{3,}(?:tinib|rafenib|ciclib|parib|lisib|zomib|mab|platin|taxel|rubicin|trozole|"
    r"lutamide|citabine|relin|limus)\b",
    r"\b\d+ ?mg\b",
    r"\b(?:my|his|her) (?:\w+ )?(?:medicines?|tablets|capsules)\b",
)
MEDICINE = (
    rf"(?:{LAY_MEDICINES}|meds|medications?|medicines?|pills|tablets|capsules|doses?|dosage|"
    r"prescriptions?|patch(?:es)?|chemo (?:pills|tablets)|blood thinners?|anticoagulants?|"
    r"warfarin|coumadin|eliquis|apixaban|xarelto|rivaroxaban|heparin|lovenox|enoxaparin|"
    r"capecitabine|xeloda|senna|laxatives?|[a-z]{3,}(?:tinib|ciclib|parib|mab))"
)
MEDICINE_DECISIONS = (
    # someone changing a medicine of theirs: "can I come off my antidepressants?", "could
    # I cut down my morphine if it works?", "is it ok to delay my hormone tablets?", "if he
    # misses his water tablets that day"
    rf"\b(?:i|he|she|we|they|my (?:\w+ )?{KIN}|to)\b(?: \w+){{0,3}} {CHANGE_A_MEDICINE} "
    rf"(?:taking |on |with )?(?:\w+ ){{0,3}}{MEDICINE}\b",
    # told the other way round: "could my steroids be cut down?", "are his pills ok to stop?"
    rf"\b(?:my|his|her|their|our) (?:\w+ ){{0,2}}{MEDICINE}\b(?: \w+){{0,4}} (?:be (?:stopped|"
    r"cut down|cut back|reduced|lowered|tapered|halved|skipped|dropped|changed|swapped|"
    r"delayed|paused)|to (?:stop|skip|come off|cut down|taper|halve|drop|swap|delay))\b",
    # the verb split around the medicine: "can I cut my steroids down?", "wean him off the
    # oxycodone"
    rf"\b(?:cut|cutting|bring|bringing|wean\w*|taper\w*|get|getting) (?:me |him |her )?(?:my |his "
    rf"|her |their |the )?(?:\w+ ){{0,2}}{MEDICINE} (?:down|back|off)\b",
    # massage in place of a medicine: "could I use massage instead of my painkillers?"
    rf"\binstead of (?:taking )?(?:my|his|her|their) (?:\w+ ){{0,2}}{MEDICINE}\b",
    # a change of a named hormone tablet or a kind of medicine, told without whose it is
    # ("stopping tamoxifen", "is it ok to skip the steroids before a massage?")
    r"\b(?:stop|stopping|quit|quitting|skip|skipping|change|changing|switch|switching|come off|"
    # "up" only as a verb with what it raises ("up my dose", "up the steroids"), never a
    # particle ("dressed up as medicine", "made up of medicines")
    r"coming off|go off|going off|drop|dropping|lower|lowering|halve|double|"
    r"up(?= (?:the|my|his|her|their|our|your|this|that|a) )) (?:\w+ ){0,3}"
    r"(?:tamoxifen|letrozole|anastrozole|exemestane|meds|medications?|medicines?|pills|"
    r"tablets|dose|dosage|prescriptions?|chemo pills?|hormone (?:therapy|pills|blockers?)|"
    r"steroids?|painkillers|opioids?|morphine)\b",
    r"\b(?:tamoxifen|letrozole|anastrozole|exemestane|meds|medications?|medicines?|pills)\b"
    r"(?: \w+){0,4} (?:stop|quit|skip|change|switch|come off|go off)\b",
    # another medicine to switch to ("is there a different drug he could switch to?")
    r"\b(?:drug|medicine|medication|pill|tablet|chemo|hormone therapy)\b(?: \w+){0,4} "
    r"(?:switch|change|move) (?:to|onto|over to)\b",
    r"\b(?:switch|change|move) (?:\w+ ){0,2}(?:to|onto) (?:a |another |a different |other )"
    r"(?:\w+ )?(?:drug|medicine|medication|pill|tablet|chemo)\b",
)
MEDICINE_DECISION = _any(*MEDICINE_DECISIONS)
LOWER_A_MEDICINE = (
    r"(?:cut(?:ting)? (?:down|back)(?: on)?|reduc(?:e|ing)|lower(?:ing)?|decreas(?:e|ing)|"
    r"halv(?:e|ing)|taper(?:ing)?(?: off| down)?|wean(?:ing)? (?:\w+ )?off|take (?:less|fewer)|"
    r"swap(?:ping)?|replac(?:e|ing))"
)
ASKS_TO_LOWER_A_MEDICINE = _any(
    rf"\b(?:can|could|should|may|might) (?:i|he|she|we|my (?:\w+ )?{KIN})\b(?: \w+){{0,2}} "
    rf"{LOWER_A_MEDICINE} (?:\w+ ){{0,3}}{MEDICINE}\b",
    rf"\b(?:if|whether) (?:i|he|she|we|my (?:\w+ )?{KIN}) (?:can|could|may|might|should)"
    rf"(?: \w+){{0,2}} {LOWER_A_MEDICINE} (?:\w+ ){{0,3}}{MEDICINE}\b",
    rf"\b(?:ok|okay|alright|all right|safe|fine) (?:for (?:me|him|her|us) )?to "
    rf"{LOWER_A_MEDICINE} (?:\w+ ){{0,3}}{MEDICINE}\b",
    rf"\b(?:can|could|should|may|might) (?:i|he|she|we|my (?:\w+ )?{KIN})\b(?: \w+){{0,2}} "
    rf"(?:cut|cuts|cutting|bring\w*|wean\w*|taper\w*) (?:\w+ ){{0,3}}{MEDICINE} (?:down|back|"
    r"off)\b",
)
"""Asks leave to lower a medicine ("could I cut down my morphine if massage works?"): a
care decision, which a crisis vote sure of the sentence alone does not outvote when the
message holds no crisis cue (the vote had read lowering morphine as giving up on
treatment). Saving the doses cut down, taking them all, a plan are red-flag patterns
found before the vote (``MEANS_PATTERNS``, ``overdose_intent``)."""
"""A decision about one person's medicine, in any part of the message: never a general
question ("does massage help with pain, and could I cut down my morphine if it works?"
asks two things; the second is the oncology team's). A question about people in general
("can massage reduce the need for pain medication?") names no one who decides."""
CANCER_QUESTION = _any(
    r"\b(?:lump|bump|mass|knot|spot|mole|growth|nodule|swelling)\b(?: \w+){0,6} (?:cancer\w*|"
    r"tumou?r|malignant)\b",
    r"\b(?:is|could|might|can|would) (?:this|it|that|these|those) (?:\w+ ){0,4}(?:be )?"
    r"(?:cancer\w*|a tumou?r|malignant)\b(?! (?:cent(?:er|re)s?|hospitals?|clinics?|"
    r"patients?|care|programs?|programmes?|survivors?|support|charit(?:y|ies))\b)",
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
    r"wait(?! (?:in|outside|with)\b)|up|increase|double|lower|decrease|halve|adjust|raise|push|"
    r"move|hold|put off|drop)\b",
    r"\b(?:up|increase|double|raise|lower|decrease|halve|adjust|change|skip|stop) (?:my|his|her) "
    r"(?:\w+ )?(?:dose|dosage|meds|medications?|pills)\b",
    rf"\b(?:i|he|she|my {KIN}) (?:want|wants|am going|is going|plan|plans|am thinking|is thinking|"
    r"thinking|might|may) (?:\w+ ){0,2}(?:stop|quit|give up on|give up|skip|end|refuse) "
    r"(?:my |his |her )?(?:chemo\w*|treatment|radiation|meds|medications?|immunotherapy|"
    r"surgery)\b",
    # leave asked to skip or put off one's own treatment ("would it be ok to skip my next
    # cycle?", "is it alright for her to delay radiotherapy a week?")
    r"\b(?:ok|okay|alright|all right|fine|safe|bad|wrong|a good idea|a bad idea) (?:for (?:me|"
    r"him|her|us) )?to (?:stop|skip|cancel|delay|postpone|pause|quit|miss|push back|put off|"
    r"drop|halve|lower|double) (?:my |his |her |our |the |a |one |this |that )?(?:\w+ ){0,2}"
    r"(?:chemo\w*|treatments?|radiation|radiotherapy|rads|infusions?|cycles?|rounds?|doses?|"
    r"meds|medications?|immunotherapy|tablets|pills|injections?)\b",
)
TREATMENT_CHOICE = _any(
    r"\b(?:which|what) (?:\w+ ){0,3}(?:is|would be|will be|works|is the) (?:better|best|right|"
    r"safer) (?:option |choice |one )?for (?:me|him|her|us)\b",
    r"\b(?:better|worse|safer|stronger) than (?:my|his|her|their|our) (?:current|old|last|"
    r"present|usual|first)\b",
    r"\b(?:a|another|a different|other|some other) (?:\w+ )?(?:drug|medicine|medication|"
    rf"treatment|chemo|pill|tablet|hormone therapy) (?:that )?(?:i|he|she|we|my {KIN}) "
    r"(?:could|can|should|might) (?:switch|change|move|go) (?:to|onto|over to)\b",
    r"\b(?:switch|change|move) (?:me|him|her) (?:to|onto|over to) (?:a |another |a different )",
)
"""A choice between treatments for one person ("which is better for me?", "is the new drug
better than her current one?", "is there a different drug he could switch to?"): a
decision for their oncology team; a question of which treatment is best in general is
not about massage and stays out of scope."""
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
HEALTH = _any(
    rf"\b{COND_TERMS}\b",
    rf"\b{MEDICINE}\b",
    rf"\b(?:my|his|her|their|our) (?:\w+ ){{0,2}}(?:{BODY}|back|shoulders?|knees?|joints?|"
    r"muscles?|bones?|spine|blood|counts?|platelets|labs?|levels|results|scans?)\b",
    r"\b(?:tired\w*|fatigue\w*|exhaust\w*|wiped out|nause\w*|queasy|sick|vomit\w*|"
    r"throwing up|sleep\w*|insomnia|anxi\w*|scared|frightened|afraid|terrified|panic\w*|"
    r"worr\w*|depress\w*|low mood|stress\w*|overwhelm\w*|griev\w*|grief|aches?|aching|achy|"
    r"sore\w*|stiff\w*|hurt\w*|cramp\w*|swell\w*|puffy|hot (?:flash|flush)\w*|breath\w*|"
    r"dizz\w*|faint\w*|weak\w*|constipat\w*|appetite|itch\w*|tingl\w*|headaches?|"
    r"migraines?|bleed\w*|lymph\w*|hospice|palliative|end of life|dying|terminal\w*|"
    r"hospital\w*|surviv\w*|remission|recover\w*|ill|illness|unwell|side effects?|symptoms?|"
    r"health|diagnos\w*|pregnan\w*|arthritis|fibromyalgia|injur\w*|osteopor\w*|diabet\w*|"
    r"disease|immun\w*|infection|temperature|hot flashes|treatments|shak\w*|shiver\w*|"
    r"chills|hot and cold|hopeless\w*|no hope|hopes up|what is the point|nervous|sad|lonely|"
    r"crying|cry|upset|emotional|despair\w*)\b",
    r"\bfeel\w* (?:\w+ ){0,2}(?:hot|cold|unwell|off|rough|awful|terrible|bad|weird|funny|"
    r"strange|low|down|lost|empty|numb)\b",
    # a treatment cycle or a temperature reading ("day 9 after my cycle", "read 100.6")
    r"\b(?:my|his|her|this|last|next|each|every) (?:\w+ )?cycles?\b",
    r"\b(?:9[89]|10[0-6])\.\d\b|\b3[5-9][.,]\d\b",
)
"""A person's health or care: a condition or treatment (``COND_TERMS``), a medicine, a
part of their body, a symptom or feeling, being ill, in hospital or hospice, surviving.
What the safety net line follows (``topics.tells_of_health``)."""
THE_FIELD = _any(
    r"\b(?:oncology|cancer) (?:massage\w*|therap\w*|trained|training|certif\w*|courses?|"
    r"classes|programs?|programmes?|care|cent(?:er|re)s?|hospitals?|clinics?|charit\w*|"
    r"societ\w*|organi[sz]ations?|support groups?|community|research|patients|survivors|"
    r"clients|massage therapists?|practitioners?|specialists?|conferences?|summit|awareness|"
    r"units?|wards?)\b",
    r"\b(?:people|patients|clients|folks|those|anyone|someone|survivors) (?:\w+ ){0,2}(?:with|"
    r"living with|affected by|after|going through|having|in|touched by) (?:\w+ )?(?:cancer|"
    r"treatment|chemo\w*)\b",
    r"\bmassage (?:for|in) (?:people with |those with )?(?:cancer|oncology)\b",
)
"""Cancer or oncology naming the field, a group or a place ("oncology massage training", "a
cancer centre", "people with cancer"), not anyone's health."""
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
RUBBING = (
    r"(?:massages?|rubdowns?|rub downs?|back rubs?|foot rubs?|bodywork|hands on (?:work|therapy|"
    r"treatment)|reflexology)"
)
"""Massage in the words people use for it ("a rubdown", "hands-on work")."""
BENEFIT_QUESTION = _any(
    r"\b(?:can|could|would|will|does|do|might|may|is)(?: \w+){0,3} "
    rf"{RUBBING} (?:\w+ ){{0,3}}(?:help|helps|ease|reduce|relieve|improve|calm|soothe|"
    r"do anything|do something|be good for|good for|make a difference|shrink|cure|slow|fight|"
    r"beat)\b",
    # whether it helped others ("did it help anyone else waiting for surgery?")
    r"\b(?:did|does|has|have) (?:massage|it|that|this|bodywork|reflexology) (?:ever |really |"
    r"actually )?(?:help|helped) (?:anyone|anybody|others|other people|other patients|people|"
    r"someone)\b",
    r"\b(?:massage|it|that) (?:help|helps|helped) (?:him|her|me|them|us) (?:with|cope|feel|"
    r"sleep|relax|calm)\b",
    r"\bany (?:evidence|research|studies|proof) (?:that )?massage\b",
    r"\b(?:evidence|research|studies|proof|anything|something|data) (?:\w+ ){0,2}(?:showing|shows|"
    r"show|suggesting|suggests|saying|says) (?:that )?(?:massage|bodywork|reflexology|touch|it|"
    r"hands on (?:work|therapy|treatment)) "
    r"(?:\w+ ){0,2}(?:help|helps|works?|reduces?|eases?|improves?)\b",
    # "is there real proof massage lifts low mood?" (s31-r2r)
    r"\b(?:evidence|research|studies|proof|data)(?: that)? (?:massage|bodywork|reflexology) "
    r"(?:\w+ ){0,2}(?:helps?|works?|reduces?|eases?|improves?|lifts?|boosts?|lowers?)\b",
    r"\bis (?:massage|bodywork|reflexology|touch therapy|aromatherapy|it) (?:\w+ ){0,2}(?:advised|"
    r"recommended|helpful|useful|beneficial|worth it|worth trying) for\b(?! (?:me|him|her|them|"
    r"my|his|our|someone like me)\b)",
)
"""Asks whether massage helps with something: general information, even about one person
("could massage help him with the anger?"), unless it also asks permission or safety."""
PERMISSION_OR_SAFETY_WORDS = _any(
    r"\b(?:safe|safely|ok|okay|alright|allowed|risk\w*|danger\w*|harm\w*|hurt|should|"
    r"too soon|too early|cleared|avoid)\b",
    # whether something told is a problem for the massage ("I have a port, is that a
    # problem?", "will his drain be an issue?", "does my port matter?")
    r"\b(?:is|will|would|could|might) (?:that|this|it|\w+ \w+) (?:be )?(?:a |an |any )?"
    r"(?:problem|issue|concern)\b",
    r"\b(?:does|do|would|will) (?:\w+ ){1,3}matter\b",
)
WHERE_TO_GET = _any(
    r"\b(?:where|how) (?:can|could|do|should|would|might) (?:i|we|he|she|my \w+) (?:\w+ ){0,2}"
    r"(?:get|find|book|go for|see)\b"
)
"""Asks where or how to get a massage ("where can I get a massage at my cancer center?"):
finding one, not asking permission."""
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
    r"oncology massage)\b",
    # paying for it: in this chat "does insurance cover it?" is about the massage
    r"(?<!car )(?<!home )(?<!house )(?<!life )(?<!travel )(?<!pet )(?<!auto )\binsurance\b",
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
    r"does that|is that|would that|and if|what for|who says so|says who)\b"
)

# -- general framing: a question told about a past, resolved event, a hypothetical or a
# course, is general information (docs/routing.md, "General framing")
STORY_OVER = _any(
    r"\b(?:all |fully |completely |now )?healed\b",
    r"\b(?:all|everything|she is|he is|i am|i feel|feeling|been) (?:fine|ok|okay|well) "
    r"(?:now|since)\b",
    r"\b(?:fully|all|completely) (?:treated|recovered|resolved)\b",
    r"\b(?:cleared me|i am cleared|(?:she|he) is cleared|cleared (?:me|her|him) for)\b",
    r"\b(?:counts?|levels?|numbers?|they|it)\b(?: \w+){0,2} (?:are|is|were|have|has) (?:\w+ )?"
    r"back (?:up|to normal)\b",
    r"\bfeeling (?:much |loads |a lot |far )?better\b",
    r"\b(?:much|loads|a lot|far) better now\b",
    r"\boff (?:the |her |his |my )?(?:\w+ ){0,1}(?:anticoagulants|blood thinners|steroids|"
    r"antibiotics|meds|medication) now\b",
    r"\b(?:it is |it was |all )settled\b",
    r"\bwhile everything (?:is )?(?:normal|fine|ok|okay)\b",
    # a fever told back to normal, a stay in hospital ended ("temp's been normal for 2 days",
    # "they sent me home Monday")
    r"\b(?:temp|temps|temperature|fever)\b(?: \w+){0,2} (?:has been|have been|been|is back to|"
    r"back to|went back to|gone back to|came back down to|settled to) (?:totally |completely |"
    r"completely back to |back to )?normal\b",
    r"\b(?:sent|let) (?:me|her|him|them|us) home\b",
)
"""Words telling a personal event as over ("all healed", "fully treated", "counts back up")."""
STILL_GOING = _any(
    # "came back" as a recurrence, not a result ("bloods came back fine")
    r"\b(?:still|currently|at the moment|getting worse|worse|worsening|is back|"
    r"came back(?! (?:all |totally |completely )?(?:fine|normal|clear|ok|okay|good|negative))|"
    r"coming back|recovering|started|starting|this morning|today|tonight)\b",
    r"\b(?:on|having|in the middle of|between) (?:my |his |her )?(?:chemo\w*|"
    r"chemotherapy|radiotherapy|radiation|rads|treatment|cycles?|infusions?)\b",
)
"""Words putting a told-as-over event back in the present ("still on chemo", "recovering")."""
_LONG_TIME = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|"
    r"several|many|a few|a couple of) (?:months?|years?)"
)
TREATMENT_LONG_OVER = _any(
    r"\b(?:finished|completed|ended|done with|came off|come off|stopped) (?:all )?(?:of )?"
    r"(?:my |his |her |their |the )?(?:\w+ )?(?:chemo\w*|chemotherapy|treatments?|radiotherapy|"
    rf"radiation|rads|immunotherapy)\b(?: \w+){{0,2}} {_LONG_TIME} (?:ago|back)\b",
    r"\b(?:chemo\w*|chemotherapy|treatments?|radiotherapy|radiation|rads|immunotherapy) "
    rf"(?:finished|ended|was over|stopped) {_LONG_TIME} (?:ago|back)\b",
    r"\b(?:done|finished|off) (?:with )?(?:all )?(?:my |his |her )?(?:chemo\w*|chemotherapy|"
    r"treatments?|radiotherapy|radiation|rads|immunotherapy) since (?:last (?:year|spring|summer|"
    r"autumn|fall|winter)|\d{4})\b",
    rf"\b(?:in remission|cancer free|all clear|no evidence of disease) for {_LONG_TIME}\b",
)
"""Treatment told as over for months or years ("I had a temperature during chemo, but I
finished treatment 8 months ago"): the story is past; a lab value, device, site or
medicine told now, or a sign in the present ("still", "is swollen now"), keeps it
personal (``checks.general_framing``)."""
DURING_PAST_TREATMENT = _any(
    r"\b(?:had|got|ran|run|kept (?:getting|having|spiking|running)|spiked|developed|used to "
    r"(?:get|have|run)|would (?:get|run|spike)|(?:was|were) (?:often |always |very |so )?"
    r"(?:feverish|febrile|running))\b(?:(?! now| today| tonight| this (?:week|morning|"
    r"evening)| yesterday| days? ago| since).){0,80}?\b(?:during|while (?:i|he|she|they) "
    r"(?:was|were) on|all through|throughout|through|on|with|after "
    r"(?:each|every|most|some|many|all) (?:of )?"
    r"(?:my |his |her |their |the )?)(?: (?:my|his|her|their|the|each|every))? ?(?:chemo\w*|"
    r"chemotherapy|treatments?|radiotherapy|radiation|rads|immunotherapy|cycles?|rounds?|"
    r"infusions?)\b",
    r"\b(?:during|while (?:i|he|she|they) (?:was|were) on|all through|throughout) (?:my |his |her |"
    r"their |the )?(?:chemo\w*|chemotherapy|treatments?|radiotherapy|radiation|rads|immunotherapy|"
    r"cycles?|rounds?|infusions?)\b,? (?:\w+ ){0,3}?(?:had|got|ran|spiked|developed|kept "
    r"(?:getting|having|spiking|running))\b",
)
"""A sign told in the past tense as had during a treatment ("I had fevers during chemo",
"kept spiking temps on radiotherapy", "got a temperature after most of my cycles"), read in the
sign's sentence; with ``TREATMENT_LONG_OVER`` it is over (``checks.fever_long_over``)."""
TOLD_NOW = _any(
    r"\b(?:is|are|am|has|have|feels?|looks?|keeps?) (?:\w+ ){0,4}now\b",
    r"\bnow (?:has|have|is|are|gets?|keeps?|feels?)\b",
)
"""A sign told in the present after a story of treatment long over ("...but his arm is
swollen now")."""
PRESENT_LAB = _any(
    r"\b(?:platelets?|counts?|levels?|hb|haemoglobin|hemoglobin|neutrophils?|white cells?|"
    r"bloods?|markers?)\b (?:is|are|am|keeps?|stays?|remains?)\b",
)
"""A lab value told in the present ("my platelets are low"), not one had during treatment."""
ASK_GENTLER = _any(
    r"\bshould (?:i|we|he|she|my \w+) (?:ask|tell|request|get)\b(?: \w+){0,4} (?:to )?(?:go |use "
    r"|be |keep it |do )?(?:a |an |the )?(?:lighter|gentler|softer|shorter|slower|light|gentle|"
    r"soft|short|less)\b",
)
"""Whether to ask the therapist for lighter pressure or a shorter session: what to ask
the therapist, unless a lab value, device, site, medicine or fever is told with it."""
TIMING_AROUND_TREATMENT = _any(
    # "should I book a massage beforehand?", "should we have massage before or after chemo?"
    r"\b(?:should|do|would|could|shall) (?:(?:i|we|she|he|you|they|people) )?(?:book|schedule|"
    r"have|get|plan|go for|time|fit in) (?:a |my |the |her |his |their |our )?massages? "
    r"(?:\w+ ){0,2}(?:beforehand|before or after|ahead of time)\b",
    # "book massage before chemo or after", "getting a massage before the operation"
    r"\b(?:book|booking|schedule|scheduling|have|having|get|getting|plan|planning|time|timing) "
    r"(?:a |my |the |her |his |their |our )?massages? (?:before|ahead of) (?:my |his |her |the "
    r"|each |their |our )?(?:chemo\w*|infusions?|treatments?|radiation|radiotherapy|rads|cycles?|"
    r"surgery|operation|op|procedure)\b",
    r"\b(?:book|booking|schedule|have|get|plan|time|timing) (?:a |my |the |her |his |their )?"
    r"massages? (?:after|around) (?:my |his |her |the |each |their )?(?:chemo\w*|infusions?|"
    r"radiation|radiotherapy|rads|cycles?)(?: days?| sessions?)?(?: or (?:before|after))?\b",
    # "would a massage beforehand be a good idea?"
    r"\b(?:would|will|could|is|might) (?:getting |having |booking )?(?:a |some )?massages? "
    r"(?:\w+ ){0,2}(?:beforehand|before (?:the|my|his|her|their) (?:surgery|operation|op|"
    r"procedure)|in the days before)\b(?: \w+){0,2} (?:be )?(?:a good idea|help|wise|worth it|"
    r"sensible|smart|a bad idea)\b",
    # a follow-up: "how many days before is good?"
    r"\bhow (?:many|few) (?:days|hours) before\b(?: \w+){0,3} (?:is|would be|should|works?)\b",
)
"""When to have a massage before an operation or in a treatment's rhythm (before or after
chemo days): general timing the pages speak to, unless a lab value, device, medicine or
fever is told with it (then the team's call)."""
HOW_LONG_TO_WAIT = _any(
    r"\bhow (?:long|many (?:days|weeks|months)|soon) (?:after (?:\w+ ){1,3})?(?:should|do|must|"
    r"would|does|have to) (?:i|we|he|she|they|you|people|someone|one|patients)\b(?: \w+){0,2} "
    r"wait\b",
)
"""How long to wait after an operation or a treatment before a massage: general timing,
unless the person's own date or wound is told (``OWN_TIMING``)."""
OWN_TIMING = _any(
    r"\b(?:\d+|a|one|two|three|four|five|six|few|couple of) (?:days?|weeks?) (?:ago|since|old)\b",
    r"\b(?:yesterday|last week|this week|on (?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)|next week|tomorrow)\b",
    r"\b(?:stitches|staples|stitch|wound|scar|incision|drain)\b",
)
"""One person's own date or wound with a question of timing ("my surgery was five days
ago, how long should I wait?"): their surgeon's call."""
HYPOTHETICAL_ASKER = _any(
    r"\bhypothetical(?:ly)?\b",
    r"\b(?:an? |my )?(?:assignment|essay|dissertation|coursework|case study)\b",
    r"\b(?:for|in) (?:my|a|our) (?:massage )?(?:diploma|course|class|studies|exam|module)\b",
    r"\bi am an? (?:\w+ )?(?:massage )?student\b",
    r"\b(?:massage )?therapist here\b",
    r"\ba client (?:who|with|had|has|is)\b",
    r"\bin general\b(?! (?:for|with) (?:me|her|him|my))",
    r"\bjust (?:wondering|curious)\b|\bjust want to know for (?:the )?future\b",
    # what is usual for everyone ("is deep tissue generally fine once you're done?")
    r"\b(?:generally|usually|typically|normally) (?:fine|ok|okay|safe|allowed|recommended|"
    r"advised|done)\b",
    r"\b(?:a|the|any) (?:usual|typical|normal|standard|recommended) (?:waiting period|wait|"
    r"waiting time|gap|rule|guideline)\b",
)
"""Hypothetical, a course assignment, a therapist about a client, "in general", "just
wondering", what is usual ("generally fine", "a usual waiting period")."""
FACT_CHECK = _any(
    r"\b(?:any truth (?:to|in) (?:it|that|this)|is (?:that|this|it) (?:really )?(?:true|a myth|"
    r"an old wives tale)|or is (?:that|this|it) (?:just )?(?:a myth|an old wives tale)|"
    r"true or (?:false|not)|fact or (?:myth|fiction))\b",
    r"\bis (?:that|this|it) (?:really |actually )?(?:real|right|correct|accurate|legit|so|a thing|"
    r"a real thing)(?= \.|$| ,| or)",
    # a sentence that only asks whether the claim before it holds ("...raises counts?? true?")
    r"(?:^|\. )(?:is (?:that|this|it) )?(?:really |actually )?true(?: or not)?(?= \.|$)",
)
"""Checking a claim heard from someone ("a nurse told me rubbing a child's back raises their
blood counts, any truth to that?"): what the pages say, not one person's care."""
OWN_RESULT = _any(
    r"\b(?:my|his|her|our) (?:\w+ ){0,2}(?:counts?|platelets?|levels?|results?|labs?|bloods|"
    r"blood ?work|scans?|markers?|temperature|temp)\b",
    r"\b\d+(?:\.\d+)?\b",
)
"""A result of the person's own (or a number): a claim checked against it is their care."""
PRACTICAL_QUESTION = _any(
    r"\b(?:what|how) (?:should|do|can|would) (?:i|we) (?:tell|say to|ask) (?:the|my|her|his|a) "
    r"(?:massage )?therapist\b",
    r"\bshould (?:i|we) tell (?:her|him|them|the therapist|my therapist)\b",
    r"\b(?:insurance|medicare|medicaid|insurer)\b(?: \w+){0,3} (?:pay|cover|covers|paying)\b",
    r"\b(?:discounts?|concessions?|how much (?:does|do|is|will|would) (?:a |it )?(?:\w+ )?"
    r"(?:massage|session)s? cost)\b",
    r"\b(?:someone|somebody|a therapist|one) (?:\w+ ){0,2}(?:oncology|cancer) (?:trained|"
    r"qualified)\b",
    r"\b(?:with|have|has) (?:oncology|cancer) (?:massage )?training\b",
    # how to book or pay: online, by phone, with a voucher or a health savings account
    r"\b(?:book|booking|reserve|schedule|make an appointment|pay|paying)\b(?: \w+){0,4} "
    r"(?:online|by phone|over the phone|by email|by text|in advance|on (?:the|their) "
    r"(?:website|app)|through (?:the|their|a) (?:website|app|portal))\b",
    r"\b(?:gift (?:cards?|vouchers?|certificates?)|hsa|fsa|health savings account|flexible "
    r"spending)\b",
    # what a therapist does about a device, a scar or a treatment, and what to look for in one
    r"\b(?:will|would|does|do|should|can|could) (?:(?:the|my|a|an|your|most|all|other) )?"
    r"(?:(?:massage|oncology|oncology massage|cancer massage) )?therapists? "
    r"(?:\w+ )?(?:change|adapt|adjust|modify|alter|work around|avoid|do anything different|"
    r"know what to do|know how to (?:work|handle|deal|adapt|manage|cope)|know (?:about|how to "
    r"work around))\b",
    # whether what a therapist did or asked is usual ("is that a normal part of oncology
    # massage?", "is this standard for a cancer massage?")
    r"\bis (?:that|this|it|all that) (?:a |an )?(?:normal|usual|standard|typical|common|routine) "
    r"(?:part of|thing (?:in|for|with)|practice (?:in|for)|for|in|with) (?:an? |the )?(?:oncology "
    r"|cancer )?(?:massages?|massage sessions?|sessions?|intakes?|first visits?)\b",
    # whether the therapist needs to be told ("do I need to tell the therapist I have...")
    r"\b(?:do|should|would|must) (?:i|we|she|he|they) (?:need to |have to |)(?:tell|mention "
    r"(?:\w+ )?to|let|inform) (?:the|my|her|his|their|a|an) (?:massage |oncology )?therapist\b",
    # how a therapist tells what is safe ("how will the therapist know what's safe for me?")
    r"\bhow (?:will|would|does|do|can|could) (?:the|my|a|an|your) (?:massage |oncology )?"
    r"therapists? (?:\w+ )?(?:know|tell|decide|work out|figure out|find out|check|judge|assess)\b",
    r"\b(?:what|who) (?:should|do|can|would) (?:i|we) (?:look|be looking) for in (?:a|an|the) "
    r"(?:\w+ )?(?:massage )?therapist\b",
    # which kind of therapist, or what training one should have (s31-r2r)
    r"\b(?:what|which) (?:sort|kind|type) of (?:\w+ )?(?:massage )?therapists? (?:should|do|can|"
    r"would) (?:i|we|she|he|they) (?:look|be looking|search|ask) for\b",
    r"\bwhat (?:training|qualifications?|certifications?|experience) (?:should|does|do|would|must) "
    r"(?:the|a|an|my|her|his|their) (?:massage )?therapists? (?:have|need)\b",
    # who may be in the room ("can my son sit in with me during the massage?")
    r"\b(?:stay|stays|be|sit|sits|wait|waits|come|comes|be present)\b (?:\w+ ){0,2}(?:in (?:the "
    r"|treatment |massage )?room|into the (?:treatment |massage )?room|in with (?:me|him|her|us)|"
    r"with (?:me|him|her|us) (?:during|for|while|in)|along (?:with|to))\b",
    # when to book a massage in a treatment's rhythm, not whether one person may have one
    r"\b(?:when|what day|which day|what time|best time) (?:\w+ ){0,3}(?:book|schedule|have|get|"
    r"plan|fit in) (?:a |my |the |her |his )?massages? (?:around|between|in between|before or "
    r"after|in relation to|in) (?:my |his |her |the |each )?(?:chemo\w*|infusions?|treatments?|"
    r"radiation|radiotherapy|cycles?)\b",
)
"""What to tell the therapist, what it costs, whether to find one with oncology training:
practical questions about massage, never a decision about one person's care."""
_NAMED_CONDITION = (
    r"(?:with|if|during|while|whilst|after|on|for (?:people|someone|anyone|patients|a person)|"
    r"when you)\b(?! (?:it|that|this|these|those|them|him|her|me)\b)"
)
MASSAGE_SAFETY_QUESTION = _any(
    r"\b(?:is|are|would|will) (?:a |an |the )?(?:\w+ ){0,2}massages? (?:\w+ ){0,2}(?:safe|ok|"
    r"okay|alright|allowed|permitted|risky|dangerous|a bad idea|a good idea|a concern|advisable) "
    rf"{_NAMED_CONDITION}",
    r"\bis it (?:safe|ok|okay|alright|fine) to (?:have|get) (?:a |an )?(?:\w+ )?massages? "
    rf"{_NAMED_CONDITION}",
    r"\b(?:is|would) (?:that|this|it) (?:be )?(?:safe|ok|okay|alright|fine|allowed|permitted) "
    r"(?:with|if (?:you|i|someone) (?:have|has|got)) (?:a|an)\b",
)
CARER = _any(
    rf"\b(?:caring for|looking after|nursing|care for) (?:my |our )?(?:\w+ )?{KIN}\b",
    r"\b(?:i am|i have been|i have become|as) (?:a |the |her |his |their |my \w+ (?:s )?)?"
    r"(?:main |full time |only )?(?:carer|caregiver|care giver)\b",
)
FOR_MYSELF = _any(
    r"\b(?:for|on) (?:my own|myself|me myself)\b",
    r"\bmy own (?:\w+ )?(?:neck|back|shoulders?|hands?|feet|legs?|head|jaw|body|stress|"
    r"tension|sleep|aches?)\b",
    r"\bself massage\b",
)
"""A carer asking about their own body ("caring for my dad through his chemo... any
self-massage for my own shoulders?"): the cancer is someone else's, so with no condition
of the asker's own the question is general."""
DEVICE_STATE = _any(
    r"\b(?:put in|fitted|inserted|placed|went in|came out|removed|new|fresh)\b",
    r"\b(?:\d+|a|one|two|three|four|five|six|few|couple of) (?:days?|weeks?) (?:ago|old|since)\b",
    r"\b(?:oozing|leaking|weeping|infected|swollen|bruised|sore|tender|healing|scabb?\w*|blocked|"
    r"itchy|hot|red)\b",
)
"""How one person's device is now (fitted on Monday, oozing, tender): a question whether
massage is allowed with a port or a drain stops being general when it says this."""
WAIT_TILL_OVER = _any(
    r"\bhow (?:long|many (?:days|weeks|months)|soon) (?:after (?:\w+ ){1,3})?(?:should|do|must|"
    r"would|have to) (?:i|we|he|she|they|you)\b(?: \w+){0,2} wait\b",
    r"\b(?:or )?(?:should|do|must) (?:i|we|he|she|they|you) (?:just )?wait (?:until|till|til|for) "
    r"(?:the |my |his |her |it is |i have |i am |he is |she is |they are |treatment is |chemo is )?"
    r"(?:\w+ )?(?:finished|done|over|ended|complete|completed|the end)\b",
)
"""Whether to put off a massage until treatment is over ("...or should I wait until I have
finished?"): the general question of massage during treatment, not a decision about the
treatment itself (``DECISION``)."""
NOT_GENERAL = _any(
    r"\bnormal for (?:me|him|her)\b",
    # whether this person is ready yet ("am I ready to start scar massage or too soon for me?")
    r"\b(?:am i|is (?:he|she)|are we) ready\b|\btoo (?:soon|early) for (?:me|him|her)\b",
    r"\b(?:get|have) (?:it|this|that|them) (?:looked at|checked)\b",
    r"\b(?:doses?|dosage|\d+ ?mg)\b",
)
"""A question about one person's own sign or dose, whatever its framing."""
FREQUENCY_QUESTION = _any(
    rf"\bhow often (?:should|can|could|do|would|must) (?:i|we|he|she|they|you|my {KIN}) "
    r"(?:\w+ ){0,2}(?:go|get|have|book|see|schedule|do)\b",
    r"\bhow (?:many|often) (?:massages?|sessions?|times a (?:week|month))\b",
)
"""How often to go ("...and how often should he go?"): a practical question about massage,
unless a lab value is told with it."""
AFTER_MASSAGE = _any(
    r"\b(?:after|since|following|post) (?:my |a |the |her |his |our |each |every |last |that |"
    r"this )?(?:\w+ )?massages?\b",
)
USUAL_QUESTION = _any(
    r"\bis (?:that|this|it) (?:\w+ )?(?:normal|common|usual|typical|expected|to be expected)\b"
    r"(?! for (?:me|him|her|us))",
    r"\bis it (?:normal|common|usual|typical) (?:to|for (?:people|someone|anyone|patients))\b",
    r"\b(?:do|does) (?:other |most )?(?:people|patients|others|everyone|anyone|clients) (?:\w+ )?"
    r"(?:feel|get|have|find)\b",
    r"\bhow long (?:does|do|will|should|would) (?:that|this|it|the \w+) (?:usually |normally |"
    r"typically )?last\b",
)
AFTER_MASSAGE_SIGN = _any(
    r"\b(?:bruis\w*|bleed\w*|swell\w*|swollen|lumps?|bumps?|rash\w*|blisters?|fever\w*|temp|"
    r"temperature|numb\w*|tingl\w*|clots?|red|redness|hot|warm|shaky|shivers?|chills?|breath\w*|"
    r"chest|faint\w*|dizz\w*|collaps\w*|confus\w*)\b",
)
"""How someone felt after a massage, asked as whether it is usual ("wiped out the day after my
massage, is that normal?", "do people feel emotional after one?"): what the pages say about
after-effects, unless the feeling is a sign for the care team (bruising, swelling, a rash,
a temperature: ``AFTER_MASSAGE_SIGN``)."""
TREATMENT_ONLY = _any(
    r"^(?:chemo\w*|chemotherapy|immunotherapy|treatment|infusions?|cancer|diagnosis|diagnosed|"
    r"oncologist)$",
)
"""The conditions that are only "having cancer and being treated for it": massage during
treatment is the general question the sources answer ("my wife wants a massage, she's on
chemo, is that ok?"). Any other condition term (``COND_TERMS``) is one person's detail."""
COND_WORD = _any(rf"\b{COND_TERMS}\b")
ASKS_LEAVE = _any(
    r"\b(?:can|could|may|might|should|must|ok|okay|alright|fine|safe|safely|allowed|risk\w*|"
    r"danger\w*|harm\w*|hurt|avoid|too soon|too early|cleared|careful|bad idea|good idea|wise|"
    r"advisable|concern\w*|risky)\b",
    r"\bhow (?:firm|deep|hard|much pressure|strong)\b|\bwhat pressure\b",
)
"""A question asking leave or safety: never the general question after a story."""
POINTS_BACK = _any(r"\b(?:it|that|this|one|them|those|these)\b")
"""A question that points back at the massage named before it ("is that ok?")."""
TREATMENT_DETAIL = _any(
    r"\b(?:new|start|starting|started|begin|beginning|began|switch\w*|next|nadir|cycles?|rounds?|"
    r"day \d+|same day|same week|right after|straight after|day after|day before|"
    r"vaccin\w*|jabs?|flu shot|shots?|trials?)\b",
    r"\b(?:bones?|spine|spinal|fractur\w*|brittle|damage\w*)\b",
    # a booking on a near date during treatment ("can I get a massage this week?")
    r"\b(?:today|tonight|tomorrow|this (?:week|weekend|afternoon|evening)|right now|monday|"
    r"tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    r"\bhow (?:firm|deep|hard|much pressure|strong)\b|\bwhat pressure\b",
    # a deep or firm massage for this person during treatment is a decision about them
    r"\bdeep (?:tissue|pressure|massage)\b|\b(?:firm|hard|strong) (?:pressure|massage)\b",
    r"\b(?:cbd|cannabis|marijuana|supplements?|herbs?|herbal|turmeric|vitamins?|oils?|arnica|"
    r"st john\w*|creams?|lotions?)\b",
)
"""What turns massage during treatment into one person's care decision: a treatment starting
or changing, timing within a cycle or a booking on a near date, a vaccine, a trial, the
bones, how firm or deep for this person, something put on the skin or taken with the
treatment."""
"""Whether a kind of massage is safe with a condition named as a category ("is deep tissue
massage risky with bone mets?", "is massage okay if I've got cancer in my bones?"): what
the pages say about that condition, not a decision for one person ("... safe for me?")."""
