"""The package's shape: dependencies point down the pipeline, no cycles, no text in web/.

Read from the source with ``ast`` (nothing is imported), so these run in the
fast lane and fail the moment a module reaches upwards.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "assistant"

LAYERS: list[tuple[str, ...]] = [
    (
        "model_names",
        "config",
        "schema",
        "errors",
        "text",
        "patient_words",
        "other_language_words",
        "page_cache",
        "array_cache",
        "pattern_cache",
    ),
    ("content", "documents", "chunking", "embeddings", "onnx_model", "sources", "fetch"),
    ("store", "lexical_index", "ingestion", "retrieval", "sentence_store"),
    ("routing", "answering"),
    ("referrals", "service"),
    ("conversations",),
    ("chat", "wiring", "staff"),
    ("web", "cli", "__init__", "__main__"),
]
"""Lower layers never import higher ones; ``assistant/x/...`` counts as ``x``."""


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).with_suffix("")
        parts = rel.parts
        if "migrations" in parts:
            continue
        name = ".".join(("assistant", *parts)).removesuffix(".__init__")
        found[name] = path
    return found


def _imports(name: str, path: Path) -> set[str]:
    """Absolute names of the ``assistant`` modules that ``name`` imports (any scope)."""
    tree = ast.parse(path.read_text("utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    targets: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module.startswith("assistant"):
                if node.module:
                    targets.add(module)
                targets.update(f"{module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            targets.update(a.name for a in node.names if a.name.startswith("assistant"))
    return targets


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _layer(top: str) -> int:
    for i, layer in enumerate(LAYERS):
        if top in layer:
            return i
    raise AssertionError(f"assistant/{top} is in no layer of LAYERS: add it where it belongs")


def test_every_module_has_a_layer() -> None:
    for name in _modules():
        _layer(_top(name))


def test_no_module_imports_a_module_above_it() -> None:
    modules = _modules()
    upward = []
    for name, path in modules.items():
        own = _layer(_top(name))
        for target in _imports(name, path):
            top = _top(target)
            if top in {m for layer in LAYERS for m in layer} and _layer(top) > own:
                upward.append(f"{name} imports {target}")
    assert not upward, "\n".join(sorted(upward))


def test_there_are_no_import_cycles() -> None:
    modules = _modules()
    graph = {
        name: {t for t in _imports(name, path) if t in modules and t != name}
        for name, path in modules.items()
    }
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, stack: list[str]) -> bool:
        state[node] = 1
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                cycle.extend([*stack[stack.index(nxt) :], nxt])
                return True
            if state.get(nxt) is None and visit(nxt, [*stack, nxt]):
                return True
        state[node] = 2
        return False

    for name in graph:
        if state.get(name) is None and visit(name, [name]):
            break
    assert not cycle, " -> ".join(cycle)


_SENTENCE = re.compile(r"(?:^|[.!?] )[A-Z][a-z']* [a-z']+ [a-z']+")
"""Words for people start with a capital; the API's lower-case field errors are for developers."""
_MARKUP = re.compile(r"[<>{}=;]|^\s*[.#]?[a-z-]+\s*:|^[a-z0-9_./-]+$")


def _visible_strings(path: Path) -> list[str]:
    """String constants that are not docstrings, log or exception messages."""
    tree = ast.parse(path.read_text("utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                skip.add(id(value))
        if isinstance(node, ast.Call):
            func = node.func
            called = getattr(func, "attr", getattr(func, "id", ""))
            if called in {"debug", "info", "warning", "error", "exception", "print"} or (
                called.endswith("Error") or called == "error"
            ):
                skip.update(id(n) for n in ast.walk(node))
        if isinstance(node, ast.Raise):
            skip.update(id(n) for n in ast.walk(node))
        if isinstance(node, ast.keyword) and node.arg in {
            "description",
            "help",
            "summary",
            "title",
        }:
            skip.update(id(n) for n in ast.walk(node))
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skip
    ]


@pytest.mark.parametrize("path", sorted((PACKAGE / "web").glob("*.py")), ids=lambda p: p.name)
def test_web_adapters_hold_no_patient_facing_sentences(path: Path) -> None:
    prose = [
        s
        for s in _visible_strings(path)
        if _SENTENCE.search(s) and not _MARKUP.search(s) and not s.startswith("/")
    ]
    assert not prose, f"{path.name} has text for people; move it to assistant/content: {prose}"


def test_the_widget_script_takes_its_words_from_the_server() -> None:
    script = (PACKAGE / "web/static/widget.js").read_text("utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", script, flags=re.S)
    literals = re.findall(r'"([^"\\]*(?:\\.[^"\\]*)*)"', code)
    words = [s for s in literals if re.fullmatch(r"[A-Z][a-z]+(?: [a-z]+)+[.!?]?", s)]
    assert not words, f"widget.js has its own wording: {words}"
