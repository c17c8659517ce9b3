"""A reviewed conversation as an evaluation-suite case ("Add to evaluation suite").

The case holds the person's messages up to the reviewed answer, the route
staff say was right (the route taken when the verdict is ``correct``, else
the one they named), and, for answers, the cited passages staff picked as
the ones that should be cited (their source ids, and their quoted sentences
as gold). It is validated with the evaluation runner's own parser before a
line is appended, so the file always loads with ``python -m evals run``.

The case id carries a digest of the conversation id, never the id itself
(the id is what continues a chat).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..conversations import ConversationDetail
from .review import ReviewError, VerdictRecord

CATEGORY = "reviewed"


def case_id(conversation_id: str, message_id: int) -> str:
    digest = hashlib.sha256(conversation_id.encode()).hexdigest()[:12]
    return f"reviewed-{digest}-{message_id}"


def build_case(
    detail: ConversationDetail,
    message_id: int,
    verdict: VerdictRecord | None,
    gold_markers: list[int],
    staff: str,
    *,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The suite line for the answer ``message_id``; ReviewError if it cannot be one."""
    messages = detail["messages"]
    index = next((i for i, m in enumerate(messages) if m["id"] == message_id), None)
    if index is None or messages[index]["role"] != "assistant":
        raise ReviewError("pick one of the assistant's answers in this conversation")
    if verdict is None:
        raise ReviewError("record a verdict on this answer first")
    answer = messages[index]
    turns = [m["text"] for m in messages[:index] if m["role"] == "user"]
    if not turns:
        raise ReviewError("this answer has no message before it")
    route = verdict["right_route"] if verdict["verdict"] == "wrong_route" else answer["route"]
    if route in (None, "error"):
        raise ReviewError("a failed reply needs a verdict naming the right route")
    citations = {c.get("marker"): c for c in (answer["citations"] or []) if isinstance(c, dict)}
    unknown = [m for m in gold_markers if m not in citations]
    if unknown:
        raise ReviewError(f"no citation [{unknown[0]}] on this answer")
    picked = [citations[m] for m in gold_markers]
    when = (now or datetime.now(UTC)).date().isoformat()
    case: dict[str, Any] = {
        "id": case_id(detail["conversation_id"], message_id),
        "category": CATEGORY,
        "turns": turns,
        "route": route,
        "note": f"from staff review by {staff} on {when}: verdict {verdict['verdict']}",
    }
    if picked:
        if route != "answer":
            raise ReviewError("cited sentences are expected only when the right route is answer")
        case["sources"] = sorted({str(c["source_id"]) for c in picked})
        case["gold"] = [str(c["quote"]) for c in picked]
    return case


def append_case(path: Path, case: dict[str, Any]) -> None:
    """Validate ``case`` as the runner would and append it; refuses a duplicate id."""
    from evals.suite import SuiteError
    from evals.suite import build_case as validate

    try:
        validate(case, str(path), 0)
    except SuiteError as exc:
        raise ReviewError(f"not a valid suite case: {exc}") from None
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            handle.seek(0)
            for line in handle:
                line = line.strip()
                if line and json.loads(line).get("id") == case["id"]:
                    raise ReviewError("this answer is already in the evaluation suite")
            handle.seek(0, 2)
            handle.write(json.dumps(case, ensure_ascii=False) + "\n")
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
