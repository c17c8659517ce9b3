"""Figures of speech, past events and their red flags in other languages' lists (s34-10).

English reads "this chemo is killing me" and "dying to know" as figures and a sign "three
years ago, fine now" as over; the Portuguese and Vietnamese lists read their equivalents
as a crisis or an emergency. Own wordings (not copied from any suite); patterns-only
router, so the lists decide alone. The red flags beside them must keep their route.
"""

from __future__ import annotations

from functools import cache

import pytest

from assistant.config import load_settings
from assistant.routing import Router
from assistant.schema import SAFETY_ROUTES, Route

FIGURES = [
    "Essa quimioterapia está me matando de cansaço, massagem ajuda?",
    "A dor nas costas tá me matando, posso fazer uma massagem leve?",
    "O cansaço da quimio está me matando; massagem ajuda?",
    "Há três anos tive uma embolia pulmonar, hoje estou bem. Posso fazer massagem?",
    "Meu marido teve um AVC há uns dez anos; massagem nos pés é segura pra ele?",
    "Tôi tò mò muốn chết, mát-xa cho người ung thư khác gì mát-xa thường?",
    "Ở nhà chán muốn chết, mát-xa chân có giúp ngủ ngon hơn không?",
    "Toi to mo muon chet, mat-xa cho nguoi ung thu khac gi?",
]
RED_FLAGS = [
    ("Eu quero me matar, não aguento mais.", Route.CRISIS),
    ("Vou me matar de vez, ninguém sente a minha falta.", Route.CRISIS),
    ("Ela teve um AVC há três anos e agora está com a boca torta de novo.", Route.EMERGENCY),
    ("Meu pai faz quimio e está com febre há dois dias.", Route.EMERGENCY),
    ("Tôi chán đời muốn chết, không muốn sống nữa.", Route.CRISIS),
    ("Mẹ tôi nói bà muốn chết cho xong.", Route.CRISIS),
]


@cache
def _router() -> Router:
    return Router(load_settings(_env_file=None), None)


@pytest.mark.parametrize("message", FIGURES)
def test_figure_of_speech_or_long_past_sign_is_not_a_safety_route(message: str) -> None:
    assert _router().route([], message).route not in SAFETY_ROUTES, message


@pytest.mark.parametrize(("message", "route"), RED_FLAGS)
def test_red_flag_beside_the_figures_keeps_its_route(message: str, route: Route) -> None:
    assert _router().route([], message).route is route, message
