"""Loading and validating evaluation suites (JSON Lines or YAML).

Evaluators write suites by hand, so a mistake must stop the run with the
file, line and field named: a misspelt field such as ``must_inclde`` that
was silently ignored would let a case pass without checking anything.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Any

import yaml

from assistant.schema import Route

ROUTES: tuple[str, ...] = tuple(r.value for r in Route)
REGEX_PREFIX = "re:"
REQUIRED_FIELDS = ("id", "category", "turns", "route")
OPTIONAL_FIELDS = (
    "sources",
    "evidence",
    "must_include",
    "must_not_include",
    "gold",
    "acceptable",
    "intent",
    "uncovered",
    "detail",
    "lang",
    "ref",
    "note",
)
ALL_FIELDS = REQUIRED_FIELDS + OPTIONAL_FIELDS
INTENTS: tuple[str, ...] = (
    "safety",
    "benefit",
    "limits",
    "find_therapist",
    "definition",
    "programs",
    "cost",
    "other",
)
"""What an answerable question asks about, for reading the results by kind of question."""
UNCOVERED_MAX_WORDS = 12
_DETAIL = re.compile(r"[a-z][a-z0-9_]*")
_LANG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
JSONL_SUFFIXES = frozenset({".jsonl"})
YAML_SUFFIXES = frozenset({".yaml", ".yml"})

Entry = str | tuple[str, ...]
"""A must_include / must_not_include entry: one pattern, or alternatives (any one suffices)."""


class SuiteError(Exception):
    """A suite that cannot be run; the message names the file, line and field."""


@dataclass(frozen=True)
class Case:
    id: str
    category: str
    turns: tuple[str, ...]
    routes: tuple[str, ...]
    """Acceptable routes, the first being the one expected when the prediction is wrong."""
    sources: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    must_include: tuple[Entry, ...] = ()
    must_not_include: tuple[Entry, ...] = ()
    gold: tuple[str, ...] = ()
    """Verbatim corpus sentences a good answer leads with."""
    acceptable: tuple[str, ...] = ()
    """Other relevant verbatim corpus sentences that may follow the gold ones."""
    intent: str | None = None
    uncovered: str | None = None
    """The part of a two-part question that the sources do not cover."""
    detail: str | None = None
    """The routing check expected to decide (``RouteDecision.detail``), e.g. ``abuse``."""
    lang: str | None = None
    ref: str | None = None
    note: str | None = None
    file: str = field(default="<memory>", compare=False)
    line: int = field(default=0, compare=False)
    suite: str = field(default="", compare=False)

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}"

    @property
    def english(self) -> bool:
        """Written in English: no ``lang``, ``en`` or a regional tag (``en-GB``, ``en-US``)."""
        return self.lang is None or self.lang == "en" or self.lang.startswith("en-")

    @property
    def expects_answer(self) -> bool:
        return Route.ANSWER.value in self.routes

    @property
    def answerable(self) -> bool:
        """An answer is expected (acceptable) and the sentences it should lead with are known."""
        return self.expects_answer and bool(self.gold)


def _where(file: str, line: int, case_id: object, name: str | None) -> str:
    label = f"case {case_id!r}" if isinstance(case_id, str) and case_id else "case"
    where = f"{file}:{line}: {label}"
    return f"{where}: field {name!r}" if name else where


def _strings(value: object, what: str, *, allow_empty_list: bool = True) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ValueError(f"must be a list of {what}, got {type(value).__name__}")
    if not value and not allow_empty_list:
        raise ValueError("must not be empty")
    out: list[str] = []
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise ValueError(f"item {i} must be a string, got {type(item).__name__}")
        if not item.strip():
            raise ValueError(f"item {i} is empty")
        out.append(item)
    return tuple(out)


def _check_pattern(text: str, where: str) -> None:
    if text.startswith(REGEX_PREFIX):
        pattern = text[len(REGEX_PREFIX) :]
        if not pattern:
            raise ValueError(f"{where} is an empty regular expression")
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"{where} is not a valid regular expression: {exc}") from None


def _entries(value: object) -> tuple[Entry, ...]:
    if not isinstance(value, list):
        raise ValueError(
            f"must be a list of strings or lists of alternatives, got {type(value).__name__}"
        )
    out: list[Entry] = []
    for i, item in enumerate(value):
        if isinstance(item, str):
            if not item.strip():
                raise ValueError(f"item {i} is empty")
            _check_pattern(item, f"item {i}")
            out.append(item)
        elif isinstance(item, list):
            alternatives = _strings(item, "alternatives", allow_empty_list=False)
            for j, alt in enumerate(alternatives):
                _check_pattern(alt, f"item {i} alternative {j}")
            out.append(alternatives)
        else:
            raise ValueError(
                f"item {i} must be a string or a list of alternative strings, "
                f"got {type(item).__name__}"
            )
    return tuple(out)


def _routes(value: object) -> tuple[str, ...]:
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names:
        raise ValueError("must be a route name or a non-empty list of route names")
    for name in names:
        if not isinstance(name, str) or name not in ROUTES:
            raise ValueError(f"unknown route {name!r}; use one of {', '.join(ROUTES)}")
    if len(set(names)) != len(names):
        raise ValueError("lists the same route twice")
    return tuple(names)


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"must be a string, got {type(value).__name__}")
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def _intent(value: object) -> str:
    if not isinstance(value, str) or value not in INTENTS:
        raise ValueError(f"unknown intent {value!r}; use one of {', '.join(INTENTS)}")
    return value


def _detail(value: object) -> str:
    text = _text(value)
    if not _DETAIL.fullmatch(text):
        raise ValueError(
            f"{text!r} is not a check name: lower-case letters, digits and '_' "
            "(as in 'abuse', 'fever_on_treatment')"
        )
    return text


def _lang(value: object) -> str:
    text = _text(value)
    if not _LANG.fullmatch(text):
        raise ValueError(f"{text!r} is not a language code such as 'en', 'es' or 'pt-BR'")
    return text


def _uncovered(value: object) -> str:
    text = _text(value)
    if len(text.split()) > UNCOVERED_MAX_WORDS:
        raise ValueError(
            f"must be a short phrase naming the uncovered part "
            f"(at most {UNCOVERED_MAX_WORDS} words), got {len(text.split())} words"
        )
    return text


def _sentences(value: object, *, allow_empty_list: bool) -> tuple[str, ...]:
    items = _strings(value, "verbatim corpus sentences", allow_empty_list=allow_empty_list)
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        key = " ".join(item.split())
        if key in seen:
            raise ValueError(f"item {i} repeats item {seen[key]}")
        seen[key] = i
    return items


def build_case(
    data: object, file: str, line: int, field_lines: dict[str, int] | None = None
) -> Case:
    """Validate one raw case; ``field_lines`` (YAML) points errors at the field's own line."""
    field_lines = field_lines or {}
    if not isinstance(data, dict):
        raise SuiteError(
            f"{_where(file, line, None, None)}: must be a mapping of fields, "
            f"got {type(data).__name__}"
        )
    case_id = data.get("id")

    def fail(name: str, message: str) -> SuiteError:
        return SuiteError(f"{_where(file, field_lines.get(name, line), case_id, name)}: {message}")

    for name in data:
        if name not in ALL_FIELDS:
            hint = get_close_matches(str(name), ALL_FIELDS, n=1)
            suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
            raise fail(
                str(name), f"unknown field{suggestion}; allowed fields: {', '.join(ALL_FIELDS)}"
            )
    for name in REQUIRED_FIELDS:
        if name not in data:
            raise fail(name, "is required")
    parsers: dict[str, Any] = {
        "id": _text,
        "category": _text,
        "turns": lambda v: _strings(v, "user messages", allow_empty_list=False),
        "route": _routes,
        "sources": lambda v: _strings(v, "source ids"),
        "evidence": lambda v: _strings(v, "phrases"),
        "must_include": _entries,
        "must_not_include": _entries,
        "gold": lambda v: _sentences(v, allow_empty_list=False),
        "acceptable": lambda v: _sentences(v, allow_empty_list=True),
        "intent": _intent,
        "uncovered": _uncovered,
        "detail": _detail,
        "lang": _lang,
        "ref": _text,
        "note": _text,
    }
    values: dict[str, Any] = {}
    for name, parse in parsers.items():
        if name in data:
            try:
                values[name] = parse(data[name])
            except ValueError as exc:
                raise fail(name, str(exc)) from None
    if "acceptable" in values and "gold" not in values:
        raise fail("acceptable", "needs 'gold': acceptable sentences only count beside gold ones")
    both = {" ".join(g.split()) for g in values.get("gold", ())} & {
        " ".join(a.split()) for a in values.get("acceptable", ())
    }
    if both:
        raise fail("acceptable", f"repeats a gold sentence: {sorted(both)[0]!r}")
    return Case(
        id=values["id"],
        category=values["category"],
        turns=values["turns"],
        routes=values["route"],
        sources=values.get("sources", ()),
        evidence=values.get("evidence", ()),
        must_include=values.get("must_include", ()),
        must_not_include=values.get("must_not_include", ()),
        gold=values.get("gold", ()),
        acceptable=values.get("acceptable", ()),
        intent=values.get("intent"),
        uncovered=values.get("uncovered"),
        detail=values.get("detail"),
        lang=values.get("lang"),
        ref=values.get("ref"),
        note=values.get("note"),
        file=file,
        line=line,
        suite=Path(file).name,
    )


def _reject_duplicate_keys(file: str, line: int):  # type: ignore[no-untyped-def]
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in pairs:
            if key in seen:
                raise SuiteError(f"{file}:{line}: field {key!r} appears twice")
            seen[key] = value
        return seen

    return hook


def _load_jsonl(path: Path, text: str) -> list[Case]:
    """One JSON object per line; blank lines and lines starting with ``#`` are skipped."""
    file = str(path)
    cases: list[Case] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            data = json.loads(stripped, object_pairs_hook=_reject_duplicate_keys(file, number))
        except json.JSONDecodeError as exc:
            raise SuiteError(
                f"{file}:{number}: not valid JSON ({exc.msg} at column {exc.colno})"
            ) from None
        cases.append(build_case(data, file, number))
    return cases


def _yaml_mark(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return f":{mark.line + 1}" if mark is not None else ""


def _load_yaml(path: Path, text: str) -> list[Case]:
    """A list of cases, or a mapping with ``cases`` (and optionally ``description``)."""
    file = str(path)
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise SuiteError(f"{file}: the file is empty")
        if isinstance(root, yaml.MappingNode):
            keys = {}
            for key_node, value_node in root.value:
                key = loader.construct_object(key_node, deep=True)
                if key not in ("cases", "description"):
                    raise SuiteError(
                        f"{file}:{key_node.start_mark.line + 1}: unknown top-level key {key!r}; "
                        "a YAML suite is a list of cases or a mapping with 'cases'"
                    )
                keys[key] = value_node
            if "cases" not in keys:
                raise SuiteError(f"{file}:{root.start_mark.line + 1}: no 'cases' list")
            root = keys["cases"]
        if not isinstance(root, yaml.SequenceNode):
            raise SuiteError(f"{file}:{root.start_mark.line + 1}: 'cases' must be a list")
        cases: list[Case] = []
        for node in root.value:
            line = node.start_mark.line + 1
            field_lines: dict[str, int] = {}
            if isinstance(node, yaml.MappingNode):
                for key_node, _ in node.value:
                    key = loader.construct_object(key_node, deep=True)
                    if key in field_lines:
                        raise SuiteError(
                            f"{file}:{key_node.start_mark.line + 1}: field {key!r} appears twice"
                        )
                    field_lines[str(key)] = key_node.start_mark.line + 1
            data = loader.construct_object(node, deep=True)
            cases.append(build_case(data, file, line, field_lines))
        return cases
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SuiteError(f"{file}{_yaml_mark(exc)}: not valid YAML ({problem})") from None
    finally:
        loader.dispose()


def load_suite(path: Path) -> list[Case]:
    """Read one suite file; raise ``SuiteError`` naming the file, line and field."""
    suffix = path.suffix.lower()
    if suffix not in JSONL_SUFFIXES | YAML_SUFFIXES:
        raise SuiteError(f"{path}: unsupported suite format {suffix!r}; use .jsonl, .yaml or .yml")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SuiteError(f"{path}: no such suite file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SuiteError(f"{path}: cannot read the suite ({exc})") from None
    cases = _load_jsonl(path, text) if suffix in JSONL_SUFFIXES else _load_yaml(path, text)
    if not cases:
        raise SuiteError(f"{path}: the suite has no cases")
    return cases


def check_unique(cases: Iterable[Case]) -> None:
    seen: dict[str, Case] = {}
    for case in cases:
        if case.id in seen:
            raise SuiteError(
                f"{case.location}: case {case.id!r}: field 'id': duplicate id, "
                f"already used at {seen[case.id].location}"
            )
        seen[case.id] = case


def load_suites(paths: Sequence[Path]) -> list[Case]:
    """Every case of every suite, in order; ids must be unique across all of them."""
    cases: list[Case] = []
    for path in paths:
        cases.extend(load_suite(path))
    check_unique(cases)
    return cases


def case_spec(case: Case) -> dict[str, Any]:
    """The case as suite fields (what a suite line holds), for reports and generated suites.

    ``build_case(case_spec(c), file, line)`` gives back an equal case.
    """
    spec: dict[str, Any] = {
        "id": case.id,
        "category": case.category,
        "turns": list(case.turns),
        "route": case.routes[0] if len(case.routes) == 1 else list(case.routes),
    }
    for name in ("sources", "evidence", "gold"):
        values = getattr(case, name)
        if values:
            spec[name] = list(values)
    if case.gold:
        spec["acceptable"] = list(case.acceptable)
    for name in ("must_include", "must_not_include"):
        entries = getattr(case, name)
        if entries:
            spec[name] = [e if isinstance(e, str) else list(e) for e in entries]
    for name in ("intent", "uncovered", "detail", "lang", "ref", "note"):
        value = getattr(case, name)
        if value is not None:
            spec[name] = value
    return spec
