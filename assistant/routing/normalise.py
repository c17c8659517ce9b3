"""Text normalisation: every pattern and the classifier see messages in this form.

First it folds what can hide a word from a pattern: zero-width and control
characters, fullwidth and other compatibility forms (NFKC), accents, Cyrillic or
Greek look-alike letters inside a Latin word, letters spelled out one by one
("s u i c i d e", "k-i-l-l") and digits or symbols for letters ("k1ll mys3lf",
"$uicide"). Then it lower-cases, unifies quotes, expands contractions and
texting forms ("cant", "every1", "kms", "hell do it" -> "he will do it") and
corrects near-miss typos of the words that matter for safety
(``FUZZY_VOCABULARY``), never touching real words (``PROTECTED_WORDS``).
Numbers survive: "101.5" and "38.5c" stay, "38,5" and "38 point 5" become "38.5".

``normalise`` returns a ``Normalised`` string that remembers the message as typed
(``.source``): the Spanish vocabulary reads that, because the English forms above
would mangle Spanish ("ya" is not "you").
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache
from itertools import product

from ..text import strip_marks


class Normalised(str):
    """A normalised message (a ``str``) that remembers the text it came from."""

    source: str

    def __new__(cls, value: str, source: str | None = None) -> Normalised:
        made = super().__new__(cls, value)
        made.source = value if source is None else source
        return made

    def __getnewargs__(self) -> tuple[str, str]:  # type: ignore[override]
        return (str(self), self.source)


_QUOTES = str.maketrans(
    {"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "–": "-", "—": "-"}
)
_APOSTROPHE_FORMS = [
    (re.compile(r"\bcan't\b"), "can not"),
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bain't\b"), "is not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"\bi'm\b"), "i am"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'d\b"), " would"),
    (re.compile(r"\b(it|that|what|he|she|there|here|who|where|how)'s\b"), r"\1 is"),
    (re.compile(r"\blet's\b"), "let us"),
    (re.compile(r"'s\b"), ""),
]
_TOKEN_MAP = {
    "cant": "can not",
    "cannot": "can not",
    "cnt": "can not",
    "wont": "will not",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "isnt": "is not",
    "arent": "are not",
    "wasnt": "was not",
    "werent": "were not",
    "havent": "have not",
    "hasnt": "has not",
    "hadnt": "had not",
    "shouldnt": "should not",
    "couldnt": "could not",
    "wouldnt": "would not",
    "aint": "is not",
    "im": "i am",
    "ive": "i have",
    "youre": "you are",
    "theyre": "they are",
    "thats": "that is",
    "whats": "what is",
    "theres": "there is",
    "hes": "he is",
    "shes": "she is",
    "lets": "let us",
    "wanna": "want to",
    "kinda": "kind of",
    "sorta": "sort of",
    "gonna": "going to",
    "gotta": "got to",
    "u": "you",
    "ur": "your",
    "r": "are",
    "ya": "you",
    "pls": "please",
    "plz": "please",
    "every1": "everyone",
    "evry1": "everyone",
    "some1": "someone",
    "any1": "anyone",
    "no1": "no one",
    "2day": "today",
    "2morrow": "tomorrow",
    "2moro": "tomorrow",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "b4": "before",
    "rn": "right now",
    "idk": "i do not know",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "abt": "about",
    "thx": "thanks",
    "thnx": "thanks",
    "ty": "thank you",
    "kms": "kill myself",
    "kys": "kill yourself",
    "mum": "mom",
    "mommy": "mom",
    "mama": "mom",
    "daddy": "dad",
    "papa": "dad",
    "hubby": "husband",
    "kemo": "chemo",
    "w": "with",
    "rads": "radiation",
    "youll": "you will",
    "theyll": "they will",
    "itll": "it will",
    "thatll": "that will",
    "youd": "you would",
    "theyd": "they would",
    "hed": "he would",
    "rly": "really",
    "srsly": "seriously",
    "bcuz": "because",
    "ppl": "people",
    "tho": "though",
    "thru": "through",
    "mins": "minutes",
    "hrs": "hours",
    "wk": "week",
    "wks": "weeks",
    "bf": "boyfriend",
    "gf": "girlfriend",
    "kil": "kill",
    "sucide": "suicide",
    "suiside": "suicide",
    "sucidal": "suicidal",
    "diarrhoea": "diarrhea",
    "haemorrhage": "hemorrhage",
    "oedema": "edema",
    "tumour": "tumor",
    "daughterinlaw": "daughter in law",
    "soninlaw": "son in law",
    "motherinlaw": "mother in law",
    "fatherinlaw": "father in law",
    "leukaemia": "leukemia",
    "anaemia": "anemia",
    "anaemic": "anemic",
    "tumours": "tumors",
    "paralysed": "paralyzed",
    "recognise": "recognize",
    "recognised": "recognized",
    "jewellery": "jewelry",
    # s32-14s: morphine as spelt in other languages or by ear (too far for the fuzzy match)
    "morfine": "morphine",
    "morfin": "morphine",
    "morphin": "morphine",
    "morpine": "morphine",
    "morfeen": "morphine",
}
_DECIMAL_WORD = re.compile(r"\b(\d{2,3})\s*(?:point|pt|dot)\s*(\d)\b")
_TEMPERATURE_COMMA = re.compile(r"\b(3[4-9]|4[0-2]),(\d)\b")
_CONTEXT_FORMS: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    (
        re.compile(
            r"\bhell(?= (?:use|kill|do|hurt|find|tell|be|never|go|leave|take|stop|end|"
            r"jump|shoot|make|try|get|come|just)\b)"
        ),
        "he will",
    ),
    (
        re.compile(
            r"\bshell(?= (?:use|kill|do|hurt|find|tell|be|never|go|leave|take|stop|end|"
            r"jump|shoot|make|try|get|come|just)\b)"
        ),
        "she will",
    ),
    (
        re.compile(
            r"\bill(?= (?:kill|do|end|be|never|go|take|jump|hurt|just|cut|overdose|make|"
            r"try|get|stop|call|die|finish)\b)"
        ),
        "i will",
    ),
    (
        re.compile(
            r"\bid(?= (?:rather|die|love|like|be|kill|never|want|just|sooner|prefer|do|need)\b)"
        ),
        "i would",
    ),
    (
        re.compile(r"\bshed(?= (?:rather|die|be|never|like|love|want|just|sooner|kill|do)\b)"),
        "she would",
    ),
    (
        re.compile(
            r"\bits(?= (?:getting|been|so|really|very|not|like|a|an|the|just|all|too|over|"
            r"gone|back|bleeding|spreading|hard|worse|bad|still|\d+)\b)"
        ),
        "it is",
    ),
    (
        re.compile(
            r"\b2(?= (?:die|be|live|end|kill|wake|go|get|stop|keep|do|see|hurt|harm|cut|"
            r"breathe|sleep|talk|me|my|the|him|her|myself)\b)"
        ),
        "to",
    ),
    (
        re.compile(
            r"\b(?:lung|breast|bowel|prostate|ovarian|colon|skin|throat|stomach|pancreatic|"
            r"liver|bladder|kidney|brain|blood|bone|cervical|uterine|rectal|oral|mouth|"
            r"head and neck) ca\b(?! \d)"
        ),
        lambda m: m.group(0)[:-2] + "cancer",
    ),
]
"""Forms that are only texting when the next word says so ("hell do it" is "he will")."""
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d{3}\b)")
_THOUSANDS_K = re.compile(r"\b(\d+(?:\.\d+)?)\s?k\b")
_FOR_ME = re.compile(r"\b4 (me|you|him|her|my|them|us)\b")
_INABILITY: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(can|could) no longer\b"), r"\1 not"),
    (
        re.compile(
            r"\b(?:(?:am|is|are) unable|(?:am|is|are) (?:no longer|not) able"
            r"|(?:has|have) (?:not|no longer) been able|(?:has|have) been unable) to\b"
        ),
        "can not",
    ),
    (
        re.compile(
            r"\b(?:(?:was|were) unable|(?:was|were) (?:no longer|not) able"
            r"|had (?:not|no longer) been able|had been unable) to\b"
        ),
        "could not",
    ),
)
"""A function lost, told in any of the words for it ("can no longer swallow", "is not able to
stand", "has not been able to pee", "was unable to get up"): read as "can not" / "could not",
the form the safety patterns are written in (s37-10s)."""
_SLASH_WITH = re.compile(r"\bw/o\b|\bw/")
_CLAUSE = re.compile(r"\.(?!\d)|(?<!\d)\.|[!?;:]+")
_NON_WORD = re.compile(r"[^a-z0-9.,\s]")

# Words whose misspellings matter: safety lexicon and the clinical terms people type
# on a phone. A token is corrected to one of these only when it is not itself a
# known word, starts with the same letter and is at most about one edit away.
FUZZY_VOCABULARY = frozenset(
    """
breathe breathing breath breathless chest pressure tightness heart attack suicide suicidal
myself himself herself killing bleeding blood fainted fainting faint confused confusion seizure
unconscious unresponsive swollen swelling fever feverish temperature thermometer chemo
chemotherapy platelets platelet burden everyone everybody overdose dizzy slurred numbness
weakness coughing vomiting throwing hemorrhage allergic throat collapsed hopeless alive living
radiation infusion catheter incision lymphedema neutropenic hemoglobin medication massage
therapist cancer oncology oncologist nosebleed drooping gasping choking seizures paralyzed
"""
    # the words red-flag patterns look for (UKONS, C-SSRS and abuse concepts): a typo in any
    # of them must not hide the sign
    """
abuse abused abusive agony allergic ambulance anaphylaxis anymore bandage belongings better
bladder bleeding bowels boyfriend breathe breathing breathless bridge broken bruised bruises
burden burning cannot caregiver cheques chills choked choking clammy closing coffee collapsed
confused confusion controlling controls convulsing coughed coughing couldnt crushing cutting
dehydrated deliberately delirious deserve diarrhea disappear disoriented domestic double
drooping drowsy easier elephant emergency ending excruciating fainted fainting farewell fever
feverish finances flinches fracture frightened gasping girlfriend goodbye grounds hallucinating
hanging happier harming heavily hemorrhage hopeless hurting husband incontinent insulin
intentionally jewellery jewelry jumping kicked killing lethal living metastases metastasis
morphine myeloma nosebleed numbness overdose overdosed painkillers painless paralyzed passed
passing pointless possessions pressure punched punish pushed pushes rather razors rigors scared
scissors screaming seizure seizures shaking shelter shivering shivery shouldnt shoved slapped
slurred soaking spread squeezing stalking stomach stools strangled stumbling suffocating
suicidal suicide swelling swollen temperature terrified thermometer thinking threatened
threatening threatens throat throwing tightness tingling tingly tongue tripping turning unalive
unbearable unconscious unresponsive unsteady urinate valuables violence vomiting wanting
weakness wishing without wobbly worthless wouldnt wrists meaning walking sepsis giving painful
tripped muddled dropped collecting eating crashing cigarettes scratch medicine everything worker
"""
    # the words the indirect wordings rely on (passive wishes, means, preparatory acts,
    # coercive control, lay red flags: docs/routing.md)
    """
around tumour tumor praying relief stopped disappeared pretending things enough letter
purpose complain daughter grandson scratched scratching stepdad partner pouring decides unless
bought crushed slipped granules would quicker paracetamol morning pressing tablets
""".split()
)
PROTECTED_WORDS = frozenset(
    """
breast breasts bread breed blend bleed bleeds blond bloody blooms bloom chess chests chase cheat
cheap check cheer cheers choke chose strokes stroke stroking stoke feeling feeding feather fewer
fevers faints feint fainter painted painting living loving lining liking alike aline alive
confusing confuse confuses conclusion coughs coughed cough massages massaged masseuse message
messages passage cancel canceled cancelled cancels canter cancers cancerous candor heard heart
hearth hearts heat heater treat throat throats threat thread through throw throwing thrown
therapy therapies therapists mystery myself yourself itself thyself everyone everyones severe
swelled swell swells sweeping sweating swallow swallowed radiated radiating radiate radiator
inclusion infusions infection injection incisions catheters platelet platelets plate plates
pressured pressures presser burdens burden burned burner border borders hopeful hopefully
hopes hoping chemical chemist breathy breaths breather breathed breathes slurry slurp dizzily
dizziness numbness numbers number weakest weakens weakened weakling attacks attacked attach
allergenic attacker bathing beating bleeping blending breaching breadth breasting breeding
burdened chancery cocking coking contusion cooking corking couching dropping drooling fining
gaping gassing grasping hart hear hearty homeless indecision infusing kipling mediation medicating
meditation meditations ontology overdo overdoes overdone pressurize seizes selling sellings
shelling smelling spelling spurred temperate throaty throng towing voting
""".split()
)
PROTECTED_WORDS = PROTECTED_WORDS | frozenset(
    """
abuser abuses ambulances ambushed bandaged bandages belonging bettered betters bladders blander
bondage bowel bowls boyfriends braised bride bridged bridger bridgers bridges bridget bridgett
brining broke brooken brookens bruise brushed brushes bunting burdening burnings burping
burying caregivers cheque chill chillies cloning closings cloying coffees control convulsion
convulsions costing couched crashing cruising cushing cuttings dehydrate deliberate deliberated
deliberates delicious deserved deserves diarrheas disappeared disappears disjointed domestics
doubled doubles elephants emergence encoding endings endowing enduring excoriating
excruciatingly farewells fiance finance financed financer financiers finches flinch flinched
fractured fractures frighten gerunds girlfriends goodbyes ground hallucination hallucinations
handing hangings harding harking harping hearing hunting hurling hurtling husbandry husbands
incontinence insulting intentional internationally jeweler jewellers metastasize morphing
painkiller painlessly parsing passe passion pasting pausing phasing pinched pissing possessing
possession pounced punches punished punisher punishes pushers razor rigor rigorous
sacking sapped scare scarred scissor screamingly seltzer shading shaming shaping sharing
sharking shaving shelters shiver shivers should shove shoveled silvery slipped smelter smoking
snaking snapped soaring socking spreader spreads stacking staking stalling stapling starling
stealing stoking stomachs stool straggled strange strangle strangler streaming suffocation
swapped swelter tangling terrifies thanking thinning threaten threateningly threats tinkling
tipping tongued tongues touring trapping tripling tuning unbearably unbeatable unbreakable
valuable wafting waiting waning warning washing wasting weaning wrist writs
meanings melanin mending moaning wailing waking walling whaling sheltered sacred
cashing casing clashing cigarette collection collections dripped drooped dropper elating enacting
equating exacting exalting grieving medicines muddied muddle muddles painfully panful panfuls
scratched scratches scratchy tipped trapped tripled tripper workers everythings
aground bough boughten boughter boughton brought complained complainer complains complaint
complaints coplan coplin crashed cruised crusher crushes crusted daughters daughtery daughtry
decades decide decided decider decodes decries delaughter derides gadson ganson goranson
gradison granderson grandison grandon grands grandsons granule lettered letters lettiere
lettieri parlaying partnered partners partney paying platner playing poring portending porting
portner posturing pouting preening prepaying preying procuring propose prying purging purposely
purposes purring reliefs scathing shipped shopped sipped skipped slipper stepped stomped
stooped stoppel stopper thing thins tumors wold
mohring mooring mornings mourning pessin pressuring processing professing quickel quicken
quickie tables tablet talents
""".split()
)
"""Real words within one edit of the vocabulary; tests/test_routing.py checks the whole CMU
dictionary so a new vocabulary word cannot silently start rewriting ordinary words."""
_G_DROPPED = {
    word[:-1]: word
    for word in """
roasting freezing boiling baking sweating shivering shaking burning talking making going feeling
passing peeing weeing breathing coughing throwing puking spewing vomiting fainting collapsing
wheezing gasping choking slurring drooling dragging stumbling tripping wobbling swelling hurting
aching struggling losing
""".split()
}
"""s36-10b: words typed with the final "g" dropped, as spoken in many dialects ("roastin then
freezin", "talkin rubbish", "can't stop shakin'"): read as the "-ing" word. Only symptom and
state words the red-flag patterns read; not "bleedin" (a British intensifier), "killin" or
"hangin" (figures of speech whose "-ing" forms are read as signs)."""
PROTECTED_WORDS = PROTECTED_WORDS | frozenset("fait chet pression controle contro".split())
"""Everyday words of the other languages one edit from the vocabulary: French "fait" (did,
makes: "le massage fait du bien") was read "faint", Vietnamese "chết" typed plainly "chest"."""


# -- folding: what can hide a word from the patterns
_INVISIBLE = re.compile(
    r"[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200f"
    r"\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]"
)
"""Zero-width, joiner, direction and variation characters: deleted, they separate nothing."""
_LOOK_ALIKES = str.maketrans(
    "аеорсухіјѕԁӏвкмнтАЕОРСУХІЈЅВКМНТαοερτυνικχΑΒΕΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdlbkmhtAEOPCYXIJSBKMHTaoeptuvikxABEHIKMNOPTYX",
)
"""Cyrillic and Greek letters that look Latin; used only inside a word with Latin letters too."""
_MIXED_WORD = re.compile(r"\w*[a-zA-Z]\w*")
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
_LEET_WORD = re.compile(
    r"(?<![\w@$])(?=[\w@$!]*[a-z])(?=[\w@$!]*[013457@$!])"
    r"(?![0-9]+(?:\.[0-9]+)?(?:[a-z]{1,3})?(?![\w@$]))[a-z0-9@$!]*[a-z0-9@$](?![\w@$])"
)
"""A word mixing letters with digits or @ $ ! (k1ll, mys3lf, su1c1de, $uicide, d13) but not a
number with a unit or ordinal (38.5c, 101f, 10mg, 2nd, 5fu)."""
_SPELLED = re.compile(r"(?<![\w'\u2019])(?:[a-z0-9@$][ \t\-._*+~|/\\]{1,3}){2,}[a-z0-9@$](?![\w])")
"""Three or more single letters with a separator between each: "s u i c i d e", "k-i-l-l"."""
SPELLED_WORDS = frozenset(
    """
kill killing die dying dead death suicide suicidal myself my self me i want wanna to end it all
life hurt harm cut cutting hang overdose pills help can cant not no breathe breath chest pain
bleeding blood fever abuse abused hit hits beat beats choke choked hate and off unalive live
alive anymore am going gonna be better wish were was never wake up a an the is of so he she
we you in on at do burden hopeless worthless someone everyone kms kys
""".split()
)
"""Words a spelled-out run may be rebuilt into (each run must give at least one of four letters)."""


_LEET_KEEP = frozenset({"s4om"})
"""Names with a digit in them that are not disguised words."""


def _leet_word(match: re.Match[str]) -> str:
    word = match.group(0)
    if word in _LEET_KEEP:
        return word
    as_i = "".join(_LEET.get(c, c) for c in word)
    as_l = "".join("l" if c == "1" else _LEET.get(c, c) for c in word)
    for candidate in (as_i, as_l):
        if candidate in SPELLED_WORDS or candidate in FUZZY_VOCABULARY:
            return candidate
    if re.search(r"[a-z@$!]\d+$", word):
        return word  # a name with a number (b12, covid19, her2) unless it spells a safety word
    return as_i


def _segment(letters: str) -> list[str] | None:
    """Split a run of letters into known words (longest first), or None."""
    best: list[list[str] | None] = [None] * (len(letters) + 1)
    best[0] = []
    for end in range(1, len(letters) + 1):
        for start in range(max(0, end - 12), end):
            head = best[start]
            piece = letters[start:end]
            if head is not None and piece in SPELLED_WORDS:
                candidate = [*head, piece]
                if best[end] is None or len(candidate) < len(best[end] or []):
                    best[end] = candidate
    return best[-1]


def _spelled_out(match: re.Match[str]) -> str:
    """Rebuild a spelled-out run into words; letters before a rebuilt word stay as they were."""
    run = match.group(0)
    singles = re.findall(r"[a-z0-9@$]", run)
    letters = "".join(_LEET.get(c, c) for c in singles)
    for start in range(len(letters) - 2):
        words = _segment(letters[start:])
        if words and (any(len(w) >= 4 for w in words) or (len(words) == 1 and len(words[0]) == 3)):
            return " ".join([*singles[:start], *words])
    return run


_MASKED = re.compile(r"(?<![\w*#])[a-z]+[*#]+[a-z*#]*")
"""A word with letters masked by * or # ("k*ll", "su*cide", "h#rt")."""
_DOUBLED = re.compile(r"\b[a-z]*([a-z])\1[a-z]*\b")
"""A word with a repeated letter: maybe stretched ("suuuuicidal", "huuurts", "diee")."""
_RUN = re.compile(r"([a-z])\1+")


@cache
def _safety_words() -> frozenset[str]:
    """The words a masked or stretched word may be rebuilt into."""
    return SPELLED_WORDS | FUZZY_VOCABULARY | frozenset({"hurts", "bad", "please", "scared"})


def _unmask(match: re.Match[str]) -> str:
    """Fill masked letters only when exactly one safety word fits, one letter per mask."""
    word = match.group(0)
    parts = re.split(r"([*#]+)", word)
    shape = "".join(f"[a-z]{{{len(p)}}}" if p[:1] in "*#" and p else re.escape(p) for p in parts)
    fits = [w for w in _safety_words() if re.fullmatch(shape, w)]
    return fits[0] if len(fits) == 1 else word


_NOT_STRETCHED = frozenset({"scarred", "scarring", "bitter", "dinner"})
"""Real words whose doubled letter must stay ("scarred" is not "scared")."""


def _unstretch(match: re.Match[str]) -> str:
    """Undo stretched letters: each repeated letter is read once or twice, whichever spells
    a safety word ("kiiiill" -> "kill", "suuuuicidal" -> "suicidal"); a word with only
    doubled letters is changed only into a safety word of three letters or more ("diee"
    -> "die", never "too" -> "to"). Otherwise runs of three or more become two, for the
    typo correction to finish."""
    word = match.group(0)
    words = _safety_words()
    if word in words or word in _NOT_STRETCHED:
        return word
    pieces = re.split(r"(([a-z])\2+)", word)
    # re.split with two groups gives: text, run, letter, text, run, letter, ...
    texts, runs = pieces[0::3], pieces[1::3]
    stretched = any(len(r) >= 3 for r in runs)
    if len(runs) <= 6:
        for choice in product((2, 1), repeat=len(runs)):
            candidate = texts[0] + "".join(
                r[0] * n + t for r, n, t in zip(runs, choice, texts[1:], strict=True)
            )
            if candidate in words and (stretched or len(candidate) >= 3):
                return candidate
    return re.sub(r"([a-z])\1{2,}", r"\1\1", word)


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower case, without disguises: invisible characters, look-alikes, accents, spacing, leet."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    text = "".join(
        (" " if c.isspace() else "") if unicodedata.category(c) == "Cc" else c for c in text
    )
    text = _MIXED_WORD.sub(
        lambda m: m.group(0).translate(_LOOK_ALIKES) if not m.group(0).isascii() else m.group(0),
        text,
    )
    text = strip_marks(text).lower()
    text = _SPELLED.sub(_spelled_out, text)
    text = _MASKED.sub(_unmask, text)
    text = _LEET_WORD.sub(_leet_word, text)
    return _DOUBLED.sub(_unstretch, text)


def _transposed(token: str, word: str) -> bool:  # also used by spanish.py
    """True when ``token`` is ``word`` with two neighbouring letters swapped ("myeslf")."""
    diff = [i for i, (a, b) in enumerate(zip(token, word, strict=True)) if a != b]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and token[diff[0]] == word[diff[1]]
        and token[diff[1]] == word[diff[0]]
    )


@lru_cache(maxsize=4096)
def _correct_token(token: str) -> str:
    if (
        len(token) < 4
        or not token.isalpha()
        or token in FUZZY_VOCABULARY
        or token in PROTECTED_WORDS
    ):
        return token
    candidates = [w for w in FUZZY_VOCABULARY if w[0] == token[0] and abs(len(w) - len(token)) <= 2]
    for word in candidates:
        if len(word) == len(token) and _transposed(token, word):
            return word
    cutoff = 0.88 if len(token) <= 5 else 0.85
    match = difflib.get_close_matches(token, candidates, n=1, cutoff=cutoff)
    return match[0] if match else token


def normalise(text: str) -> Normalised:
    """Fold disguises, lower-case, expand contractions and texting forms, fix near-miss typos.

    Sentence punctuation becomes a ``.`` token and commas a ``,`` token so the
    negation check can stop at clause boundaries; decimal points and thousands
    separators inside numbers survive ("101.3", "18,000" -> "18000").
    """
    if not isinstance(text, str):
        raise TypeError(f"message must be a str, not {type(text).__name__}")
    return _normalised(str(text))


@lru_cache(maxsize=4096)
def _normalised(text: str) -> Normalised:
    """``normalise`` proper: pure, so cached like ``fold`` (a turn reads the message and its
    sentences twice, for the texts it embeds and for routing, and every earlier turn
    again)."""
    source = text
    text = fold(text).translate(_QUOTES)
    for pattern, repl in _APOSTROPHE_FORMS:
        text = pattern.sub(repl, text)
    text = text.replace("'", "").replace('"', " ")
    text = _SLASH_WITH.sub(lambda m: "without " if m.group(0) == "w/o" else "with ", text)
    text = text.replace("&", " and ").replace("°", " degrees ").replace("-", " ")
    text = text.replace("/", " ")
    text = _DECIMAL_WORD.sub(r"\1.\2", text)
    text = _TEMPERATURE_COMMA.sub(r"\1.\2", text)
    text = _DECIMAL_COMMA.sub("", text)
    text = _THOUSANDS_K.sub(lambda m: str(int(float(m.group(1)) * 1000)), text)
    text = _CLAUSE.sub(" . ", text)
    text = text.replace(",", " , ")
    text = _NON_WORD.sub(" ", text)
    text = " ".join(text.split())
    for pattern, form in _CONTEXT_FORMS:
        text = pattern.sub(form, text)
    tokens: list[str] = []
    for token in text.split():
        mapped = _TOKEN_MAP.get(token) or _G_DROPPED.get(token)
        if mapped is None:
            corrected = _correct_token(token)
            mapped = _TOKEN_MAP.get(corrected, corrected)
        tokens.extend(mapped.split())
    text = _FOR_ME.sub(r"for \1", " ".join(tokens))
    for pattern, form in _INABILITY:
        text = pattern.sub(form, text)
    return Normalised(text, source)
