"""Text normalisation: every pattern and the classifier see messages in this form.

Lower-cases, unifies quotes, expands contractions and texting forms ("cant",
"every1", "kms") and corrects near-miss typos of the words that matter for
safety (``FUZZY_VOCABULARY``), never touching real words (``PROTECTED_WORDS``).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

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
}
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d{3}\b)")
_THOUSANDS_K = re.compile(r"\b(\d+(?:\.\d+)?)\s?k\b")
_FOR_ME = re.compile(r"\b4 (me|you|him|her|my|them|us)\b")
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
"""Real words within one edit of the vocabulary; tests/test_routing.py checks the whole CMU
dictionary so a new vocabulary word cannot silently start rewriting ordinary words."""


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
    cutoff = 0.88 if len(token) <= 5 else 0.85
    match = difflib.get_close_matches(token, candidates, n=1, cutoff=cutoff)
    return match[0] if match else token


def normalise(text: str) -> str:
    """Lower-case, unify quotes, expand contractions and texting forms, fix near-miss typos.

    Sentence punctuation becomes a ``.`` token and commas a ``,`` token so the
    negation check can stop at clause boundaries; decimal points and thousands
    separators inside numbers survive ("101.3", "18,000" -> "18000").
    """
    if not isinstance(text, str):
        raise TypeError(f"message must be a str, not {type(text).__name__}")
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    for pattern, repl in _APOSTROPHE_FORMS:
        text = pattern.sub(repl, text)
    text = text.replace("'", "").replace('"', " ")
    text = _SLASH_WITH.sub(lambda m: "without " if m.group(0) == "w/o" else "with ", text)
    text = text.replace("&", " and ").replace("°", " degrees ").replace("-", " ")
    text = text.replace("/", " ")
    text = _DECIMAL_COMMA.sub("", text)
    text = _THOUSANDS_K.sub(lambda m: str(int(float(m.group(1)) * 1000)), text)
    text = _CLAUSE.sub(" . ", text)
    text = text.replace(",", " , ")
    text = _NON_WORD.sub(" ", text)
    tokens: list[str] = []
    for token in text.split():
        mapped = _TOKEN_MAP.get(token)
        if mapped is not None:
            tokens.extend(mapped.split())
        else:
            tokens.append(_correct_token(token))
    return _FOR_ME.sub(r"for \1", " ".join(tokens))
