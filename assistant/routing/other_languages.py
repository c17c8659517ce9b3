"""Red flags in languages the assistant does not answer in (Portuguese, French, Chinese,
Vietnamese): reviewed vocabulary only, the most common ways to say the signs.

The assistant answers in English and Spanish. A message in another language gets the
"English only" reply, which gives the emergency and crisis numbers; but a person who
writes "I want to die" or "chest pain on chemo" in their own language must get the
safety reply itself, so these few concepts are looked for in every message. The
vocabulary is small on purpose (a short list a clinician can review); it catches the
plain words for each sign, not every wording. Matching is on the message lower-cased
with accents removed (Chinese as typed).
"""

from __future__ import annotations

import re
import unicodedata

from ..schema import Route
from .lexicon import _any


def folded(raw: str) -> str:
    """Lower case, accents removed ("não" -> "nao", "đau" -> "dau"), spaces collapsed."""
    text = unicodedata.normalize("NFKD", raw.lower().replace("đ", "d"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


CRISIS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "abuse",
        _any(
            # Portuguese
            r"\b(?:me bate|bate em mim|me agride|me espanca|me ameaca|violencia domestica)\b",
            r"\besconde\w* (?:os |as )?(?:meus|minhas|seus|suas) (?:\w+ )?(?:remedios|"
            r"medicamentos|comprimidos)\b",
            r"\bdiz que (?:eu )?mereco sofrer\b",
            # French
            r"\b(?:me frappe|me bat|me battre|violences? conjugales?|violence familiale)\b",
            # Chinese
            r"打我|家暴|家庭暴力|虐待",
            # Vietnamese
            r"\b(?:danh toi|bao luc gia dinh)\b",
        ),
    ),
    (
        "suicidal_thoughts",
        _any(
            r"\bsuicid\w*",
            # Portuguese
            r"\b(?:quero|queria|quer|penso em|pensei em|pensando em|vontade de|prefiro|melhor) "
            r"(?:\w+ ){0,2}morrer\b",
            r"\b(?:me matar|tirar a minha vida|tirar minha vida|acabar com (?:tudo|a minha vida|"
            r"minha vida))\b",
            r"\bnao (?:quero|quer|aguento) mais viver\b",
            # French
            r"\b(?:envie de|veux|voudrais|veut|prefere|prefererais) (?:\w+ ){0,2}mourir\b",
            r"\b(?:me tuer|en finir|mettre fin a (?:mes|ses) jours)\b",
            r"\bne (?:veux|veut) plus vivre\b",
            # Chinese
            r"自杀|自殺|想死|不想活|轻生|輕生|活不下去|结束(?:自己的)?生命|結束(?:自己的)?生命",
            # Vietnamese
            r"\b(?:tu tu|muon chet|khong muon song)\b",
        ),
    ),
)

TREATMENT = _any(
    r"\b(?:quimio\w*|chimio\w*|radioterapia|radiotherapie|hoa tri)\b",
    r"化疗|化療|放疗|放療",
)

EMERGENCY: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    # (detail, pattern, needs treatment in the message or earlier)
    (
        "chest_pain",
        _any(
            r"\bdor (?:\w+ ){0,2}no peito\b",
            r"\b(?:douleur|mal) (?:\w+ ){0,2}(?:a la|dans la) poitrine\b",
            r"胸(?:口)?(?:突然)?(?:很|好|非常)?(?:痛|疼)|胸痛|胸闷|胸悶",
            r"\bdau nguc\b",
        ),
        False,
    ),
    (
        "breathing",
        _any(
            r"\bnao (?:consigo|consegue) respirar\b|\bfalta de ar\b",
            r"\b(?:n arrive|n arrivent|arrive) pas a respirer\b|\bdu mal a respirer\b|"
            r"\betouffe\w*",
            r"呼吸困难|呼吸困難|喘不过气|喘不過氣|透不过气|透不過氣",
            r"\bkho tho\b",
        ),
        False,
    ),
    (
        "bleeding",
        _any(
            r"\b(?:vomit\w*|tossi\w*|cuspi\w*) (?:\w+ ){0,2}sangue\b",
            r"\b(?:vomi\w*|crache\w*|tousse\w*) (?:\w+ ){0,2}(?:du )?sang\b",
            r"吐血|咳血|便血|大出血",
            r"\b(?:non|ho) ra mau\b",
        ),
        False,
    ),
    (
        "seizure",
        _any(r"\bconvuls\w*", r"抽搐|癫痫发作|癲癇發作", r"\bco giat\b"),
        False,
    ),
    (
        "vomiting_diarrhoea",
        _any(
            r"\bnao (?:consigo|consegue) parar de vomitar\b",
            r"\bn (?:arrive|arrete) (?:pas|plus) (?:a arreter )?de vomir\b",
            r"吐个不停|吐個不停|一直吐",
        ),
        False,
    ),
    (
        "fever_on_treatment",
        _any(r"\bfebre\b", r"\bfievre\b", r"发烧|發燒|发热|發熱", r"\bsot\b"),
        True,
    ),
)


def find_other_language_red_flag(raw: str, treatment_context: bool) -> tuple[Route, str] | None:
    """The route and detail of a red flag in Portuguese, French, Chinese or Vietnamese."""
    text = folded(raw)
    for detail, pattern in CRISIS:
        if pattern.search(text):
            return Route.CRISIS, detail
    treated = treatment_context or TREATMENT.search(text) is not None
    for detail, pattern, needs_treatment in EMERGENCY:
        if pattern.search(text) and (treated or not needs_treatment):
            return Route.EMERGENCY, detail
    return None
