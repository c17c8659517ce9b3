"""A red flag told of a film, a series or a character, or as "if one day", is no sign in
anyone real now (s34-10b), in English, Spanish and the other-language lists (``story``
cue). Every wording was written for this test (none copied from a suite). A sign told in
the same words about a real person, or with "now", keeps its route. Patterns-only router:
the lists decide alone.
"""

from __future__ import annotations

import pytest

from assistant.routing import Router
from assistant.schema import SAFETY_ROUTES, Route

STORIES = [
    "In a TV series a woman with leukemia fainted during a massage. Does that really happen?",
    "In a Korean drama the heroine collapses during a massage and stops breathing, realistic?",
    "영화에서 암 환자가 마사지 중에 발작을 일으키는 장면을 봤어요. 흔한 일인가요?",
    "드라마에서 백혈병 주인공이 마사지 받다가 정신을 잃던데 실제로도 그런가요?",
    "만약 언젠가 항암 중에 열이 나면 마사지를 취소해야 하나요?",
    "Dans une série, une patiente s'évanouit pendant un massage. Est-ce que ça arrive vraiment ?",
    "Si un jour j'ai de la fièvre pendant la chimio, que dois-je faire avec mes massages ?",
    "En una telenovela la protagonista se desmaya durante un masaje, ¿eso pasa de verdad?",
    "Si algún día tengo fiebre durante la quimio, ¿debo cancelar el masaje?",
    "Numa novela a personagem desmaia durante uma massagem, isso acontece mesmo?",
    "Se um dia eu tiver febre durante a quimio, devo cancelar a massagem?",
    "电视剧里女主角做按摩的时候晕倒了，现实中会这样吗？",
    "如果有一天化疗期间发烧了，还能做按摩吗？",
    "Trong phim, nữ chính bị ngất khi đang được mát xa. Chuyện đó có thật không?",
    "Nếu một ngày nào đó tôi bị sốt khi đang hóa trị thì có nên hủy buổi mát xa không?",
]
REAL = [
    "I was watching a film when my husband collapsed and is not breathing properly",
    "드라마 보다가 엄마가 갑자기 쓰러졌어요. 숨을 잘 안 쉬어요.",
    "Je regardais une série quand mon père s'est évanoui, il ne répond plus.",
    "Dans une série une patiente s'évanouit, et maintenant ma mère s'évanouit aussi !",
    "J'ai de la fièvre à 38,5 pendant ma chimio, je dois annuler le massage ?",
    "Si un día como hoy vuelve a pasar... ahora mismo tiene fiebre de 39 y está en quimio.",
    "我妈妈化疗期间发烧39度，还能按摩吗？",
]


@pytest.mark.parametrize("message", STORIES)
def test_a_sign_in_a_story_or_a_hypothetical_is_not_a_safety_route(
    patterns_router: Router, message: str
) -> None:
    assert patterns_router.route([], message).route not in SAFETY_ROUTES, message


@pytest.mark.parametrize("message", REAL)
def test_a_sign_in_someone_real_keeps_its_emergency_route(
    patterns_router: Router, message: str
) -> None:
    assert patterns_router.route([], message).route is Route.EMERGENCY, message
