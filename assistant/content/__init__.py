"""Every patient-facing string, as reviewed data keyed by id (``texts.yaml``).

The assistant's own words (referrals, safety replies, framing, the chat
page's labels, input errors) live only in ``texts.yaml``; everything else it
says is quoted from its sources. Code asks for a text by id and gets it
finished, with the phone numbers and links of this deployment's settings:

    content.render("emergency", settings)
    content.render("message_too_long", settings, length="2,400", limit="2,000")
    content.render_list("questions_general", settings)

The file also holds ``routing_examples.yaml``, the labelled examples the
router's classifier learns from (reviewed data of the same kind).
"""

from __future__ import annotations

import string
from functools import cache
from importlib import resources
from typing import Any

from ..config import Settings
from ..text import load_yaml

TEXTS_RESOURCE = "texts.yaml"
SETTING_FIELDS = (
    "emergency_number",
    "crisis_line",
    "crisis_line_name",
    "abuse_line",
    "abuse_line_name",
    "therapist_locator_url",
)
"""Settings a text may name as ``{field}``; all must be non-blank."""

_GROUPS = (
    "replies",
    "replies_es",
    "replies_other_languages",
    "help_lines",
    "ui",
    "input_errors",
    "answers",
)
SPANISH_GROUP = "replies_es"
OTHER_LANGUAGES_GROUP = "replies_other_languages"
HELP_LINES_GROUP = "help_lines"


class ContentError(ValueError):
    """``texts.yaml`` is malformed, or a text was asked for by an unknown id or without a value."""


def template_ids_in_group(group: str) -> tuple[str, ...]:
    """The text ids of one group of ``texts.yaml`` (``replies_es``, ``ui``...)."""
    return _groups()[group]


def language_of(text_id: str) -> str | None:
    """The language of a reviewed text that is not in English (an ISO 639-1 code): ``es``
    for the Spanish replies, the id's last part (``help_line_vi``, ``sources_in_english_pt``)
    for the texts kept one per language; None for English."""
    groups = _groups()
    if text_id in groups[SPANISH_GROUP]:
        return "es"
    if text_id in groups[OTHER_LANGUAGES_GROUP] or text_id in groups[HELP_LINES_GROUP]:
        return text_id.rsplit("_", 1)[1]
    return None


def languages_by_text(settings: Settings) -> dict[str, str]:
    """Each reviewed text not in English, finished with these settings, mapped to its
    language: how a reply read back from the store (text, not blocks) gets its
    paragraphs marked with their language again."""
    found: dict[str, str] = {}
    for text_id in all_text_ids():
        code = language_of(text_id)
        if code is not None:
            found[render(text_id, settings).strip()] = code
    return found


@cache
def _groups() -> dict[str, tuple[str, ...]]:
    _load()
    return _GROUP_IDS


_GROUP_IDS: dict[str, tuple[str, ...]] = {}


@cache
def _load() -> dict[str, str | tuple[str, ...]]:
    raw: Any = load_yaml(resources.files(__name__).joinpath(TEXTS_RESOURCE).read_text("utf-8"))
    if not isinstance(raw, dict) or set(raw) != set(_GROUPS):
        raise ContentError(f"{TEXTS_RESOURCE}: expected exactly the groups {', '.join(_GROUPS)}")
    texts: dict[str, str | tuple[str, ...]] = {}
    for group in _GROUPS:
        entries = raw[group]
        if not isinstance(entries, dict):
            raise ContentError(f"{TEXTS_RESOURCE}: group {group!r} must be a mapping")
        _GROUP_IDS[group] = tuple(entries)
        for text_id, value in entries.items():
            if text_id in texts:
                raise ContentError(f"{TEXTS_RESOURCE}: text id {text_id!r} appears twice")
            if isinstance(value, str) and value.strip():
                texts[text_id] = " ".join(value.split())
            elif (
                isinstance(value, list)
                and value
                and all(isinstance(v, str) and v.strip() for v in value)
            ):
                texts[text_id] = tuple(" ".join(v.split()) for v in value)
            else:
                raise ContentError(
                    f"{TEXTS_RESOURCE}: {text_id!r} must be non-blank text or a list of texts"
                )
    return texts


def all_text_ids() -> tuple[str, ...]:
    """Every text id, in file order."""
    return tuple(_load())


def template(text_id: str) -> str | tuple[str, ...]:
    """The raw reviewed text (``{placeholders}`` unfilled), for review tools and tests."""
    try:
        return _load()[text_id]
    except KeyError:
        raise ContentError(
            f"unknown text id {text_id!r}; expected one of {', '.join(all_text_ids())}"
        ) from None


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _values(settings: Settings, extra: dict[str, object]) -> dict[str, str]:
    if not isinstance(settings, Settings):
        raise TypeError(f"settings must be a Settings, not {type(settings).__name__}")
    values = {name: str(getattr(settings, name)).strip() for name in SETTING_FIELDS}
    blank = [name for name, value in values.items() if not value]
    if blank:
        raise ValueError(
            f"settings field(s) must not be blank in patient-facing text: {', '.join(blank)}"
        )
    values.update({k: str(v) for k, v in extra.items()})
    return values


def _fill(text_id: str, text: str, values: dict[str, str]) -> str:
    missing = placeholders(text) - set(values)
    if missing:
        raise ContentError(f"text {text_id!r} needs a value for {', '.join(sorted(missing))}")
    return text.format_map(values)


def render(text_id: str, settings: Settings, **values: object) -> str:
    """The finished text for ``text_id``; a list text is joined one item a line."""
    raw = template(text_id)
    filled = _values(settings, values)
    if isinstance(raw, tuple):
        return "\n".join(_fill(text_id, item, filled) for item in raw)
    return _fill(text_id, raw, filled)


def render_list(text_id: str, settings: Settings, **values: object) -> list[str]:
    """The finished items of a list text (a new list each call)."""
    raw = template(text_id)
    filled = _values(settings, values)
    items = raw if isinstance(raw, tuple) else (raw,)
    return [_fill(text_id, item, filled) for item in items]
