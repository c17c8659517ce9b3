"""French: a temperature told by its reading and where it was taken ("38,4 sous le bras")
on treatment for a named cancer ("en traitement contre une leucémie") is a fever on
treatment (s34-10b, a safety_v15_train class). Own wordings; the weather, a distance and
a cancer on treatment with no reading stay non-safety. Patterns-only router."""

from __future__ import annotations

import pytest

from assistant.routing import Router
from assistant.schema import SAFETY_ROUTES, Route

FEVERS = [
    "Mon fils de 7 ans est en traitement contre une leucémie, il a 38,4 sous le bras et il "
    "est tout mou. On annule le massage ?",
    "Je suis sous chimio et j'ai 38,2 au front depuis ce matin, je peux aller au massage ?",
]
NEAR_MISSES = [
    "Il fait 38 degrés dehors, est-ce qu'un massage après la chimio est une bonne idée ?",
    "Ma mère est en traitement pour une leucémie, est-ce que le massage peut l'aider à dormir ?",
    "J'ai couru 38 km, un massage des jambes est-il conseillé pendant la radiothérapie ?",
]


@pytest.mark.parametrize("message", FEVERS)
def test_reading_with_its_site_on_treatment_is_an_emergency(
    patterns_router: Router, message: str
) -> None:
    assert patterns_router.route([], message).route is Route.EMERGENCY, message


@pytest.mark.parametrize("message", NEAR_MISSES)
def test_near_miss_is_not_a_safety_route(patterns_router: Router, message: str) -> None:
    assert patterns_router.route([], message).route not in SAFETY_ROUTES, message
