"""What a stored message's JSON columns hold (``records._jsonable``): plain JSON values pass
through by their exact type, everything else by the general rules (``to_dict``, dataclasses,
mappings, tuples), and the result is the same whichever path a value takes."""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import pytest

from assistant.conversations.records import _jsonable


class Tone(StrEnum):
    CALM = "calm"


@dataclass
class Passage:
    source: str
    score: float


class WithToDict:
    def to_dict(self) -> dict[str, Any]:
        return {"kind": "own", "parts": (1, 2)}


class DictWithToDict(dict):  # type: ignore[type-arg]
    def to_dict(self) -> dict[str, str]:
        return {"replaced": "yes"}


def _general_only(value: object) -> Any:
    """The general rules alone (no exact-type shortcut), for comparison."""

    def convert(item: object) -> object:
        to_dict = getattr(item, "to_dict", None)
        if callable(to_dict):
            return to_dict()
        if isinstance(item, Passage):
            return {"source": item.source, "score": item.score}
        if isinstance(item, dict | OrderedDict):
            return {str(k): convert(v) for k, v in item.items()}
        if isinstance(item, list | tuple):
            return [convert(v) for v in item]
        return item

    return json.loads(json.dumps(convert(value), allow_nan=False))


def test_nested_values_convert_the_same_by_either_path() -> None:
    value = {
        "passages": [
            {"chunk": "c-12", "score": 0.731, "rank": 3, "cited": True, "note": None},
            Passage("leaflet", 0.5),
            ("a", 1, 2.25),
        ],
        7: {"nested": [[1, 2], {"deep": "x"}]},
        "tone": Tone.CALM,
        "own": WithToDict(),
        "sub": DictWithToDict(a=1),
        "ordered": OrderedDict([("z", 1), ("a", 2)]),
        "timings_ms": {"route": 1.5, "answer": 12.0},
    }
    converted = _jsonable(value, "retrieval")
    assert converted == _general_only(value)
    assert converted["sub"] == {"replaced": "yes"}  # a dict subclass keeps its own to_dict
    assert converted["7"] == {"nested": [[1, 2], {"deep": "x"}]}
    assert converted["passages"][1] == {"source": "leaflet", "score": 0.5}
    assert list(converted["ordered"]) == ["z", "a"]


def test_the_result_is_a_copy_and_refusals_still_apply() -> None:
    inner = {"score": 0.25}
    value = {"passages": [inner]}
    converted = _jsonable(value, "retrieval")
    converted["passages"][0]["score"] = 1.0
    assert inner == {"score": 0.25}
    with pytest.raises(ValueError, match="retrieval must be JSON-serialisable"):
        _jsonable({"passages": [{"score": float("inf")}]}, "retrieval")
    with pytest.raises(ValueError, match="citations must be JSON-serialisable"):
        _jsonable([object()], "citations")
    assert _jsonable(None, "retrieval") is None
