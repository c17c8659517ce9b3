"""Running a suite against a deployment: ``python -m evals run SUITE --target URL``.

Each case is one conversation on the deployment: its turns are posted in order
to ``POST {URL}/api/chat`` with the ``conversation_id`` the first reply gave,
and the last reply is judged. The API returns the route, the reply text and
the citations (marker, source, quote), not the retrieved passages, the cited
chunk ids or the check that decided the route, so the metrics that need those
are null (``IN_PROCESS_METRICS``) and the checks that need them are not run.
The quoted sentences are read back from the reply text (an answer's cited
lines are ``- sentence [n]``), so the gold-sentence metrics still count.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping
from typing import Any

import httpx

from assistant.schema import (
    Block,
    Bullets,
    Citation,
    Cited,
    CitedSentence,
    Paragraph,
    Reply,
    Route,
    RouteDecision,
)

from .metrics import Observation
from .suite import Case

CHAT_PATH = "/api/chat"
HEALTH_PATH = "/api/health"
DEFAULT_TIMEOUT_S = 120.0
MAX_RATE_LIMIT_RETRIES = 5
MAX_RETRY_WAIT_S = 60.0
API_ERROR_ROUTE = "error"
"""The route the API reports when the deployment failed to answer (its error reply)."""
_CITED_LINE = re.compile(r"^- (.*\S) ((?:\[\d+\])+)$")
_MARKERS = re.compile(r"\[(\d+)\]")

WANTED_API_FIELDS = (
    "decision detail (RouteDecision.detail: which check decided the route)",
    "citations[].chunk_id",
    "retrieved passages (source_id, chunk_id, section, text, scores)",
    "the reply's blocks (quoted sentences with their markers)",
    "backend label",
)
"""What the API would have to return for a --target run to compute every metric."""


class TargetUnavailable(Exception):
    """The deployment did not answer its health check; nothing was run (exit 3)."""


def blocks_from_text(text: str) -> tuple[Block, ...]:
    """The reply's blocks read back from its plain text (``render_text`` inverted).

    Parts are separated by blank lines; a part whose every line is
    ``- sentence [n]`` is quoted sentences, one whose every line starts with
    ``- `` is a list, anything else a paragraph. ``render_text`` of the result
    is the text again.
    """
    blocks: list[Block] = []
    for part in text.split("\n\n"):
        if not part:
            continue
        lines = part.split("\n")
        matches = [_CITED_LINE.match(line) for line in lines]
        if all(matches):
            blocks.append(
                Cited(
                    tuple(
                        CitedSentence(
                            m.group(1), tuple(int(x) for x in _MARKERS.findall(m.group(2)))
                        )
                        for m in matches
                        if m is not None
                    )
                )
            )
        elif all(line.startswith("- ") for line in lines):
            blocks.append(Bullets(tuple(line[2:] for line in lines)))
        else:
            blocks.append(Paragraph(part))
    return tuple(blocks)


def reply_from_api(body: Mapping[str, Any]) -> Reply:
    """A Reply from a ``POST /api/chat`` response (route, text, citations)."""
    citations = tuple(
        Citation(
            marker=int(c["marker"]),
            source_id=str(c["source_id"]),
            title=str(c.get("title") or ""),
            section=str(c.get("section") or ""),
            page=c.get("page"),
            quote=str(c.get("quote") or ""),
            chunk_id="",
            publisher=str(c.get("publisher") or ""),
        )
        for c in body.get("citations") or ()
    )
    return Reply(
        blocks=blocks_from_text(str(body["reply"])),
        decision=RouteDecision(Route(body["route"]), "", 0.0),
        citations=citations,
        backend="remote",
    )


class HttpTarget:
    """Runs cases through a deployment's JSON API, one conversation per case."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._client = client or httpx.Client(timeout=timeout_s, follow_redirects=False)
        self._owns_client = client is None
        self._sleep = sleep

    def close(self) -> None:
        if self._owns_client:
            self._client.close()

    def check(self) -> None:
        """Raise TargetUnavailable unless the deployment answers (404 is tolerated)."""
        url = self.base_url + HEALTH_PATH
        try:
            response = self._client.get(url)
        except httpx.HTTPError as exc:
            raise TargetUnavailable(f"{url}: {type(exc).__name__}") from None
        if response.status_code >= 500:
            raise TargetUnavailable(f"{url}: HTTP {response.status_code}")

    def _post(self, payload: dict[str, Any]) -> httpx.Response:
        """POST a message, waiting out rate limiting (429 with Retry-After) a few times."""
        response = self._client.post(self.base_url + CHAT_PATH, json=payload)
        for _ in range(MAX_RATE_LIMIT_RETRIES):
            if response.status_code != 429:
                break
            try:
                wait = float(response.headers.get("Retry-After", "1"))
            except ValueError:
                wait = 1.0
            self._sleep(min(max(wait, 0.1), MAX_RETRY_WAIT_S))
            response = self._client.post(self.base_url + CHAT_PATH, json=payload)
        return response

    def run_case(self, case: Case) -> Observation:
        """Post every turn in one conversation; the last reply is the one judged.

        Failures are recorded by kind only (never a response body, which could
        quote the message): a transport error, a non-200 status, a malformed
        body, the deployment's own error reply, or a conversation that was lost
        between turns.
        """
        conversation_id: str | None = None
        latencies: list[float] = []
        reply: Reply | None = None
        for number, message in enumerate(case.turns, start=1):
            payload: dict[str, Any] = {"message": message}
            if conversation_id is not None:
                payload["conversation_id"] = conversation_id
            started = time.perf_counter()
            try:
                response = self._post(payload)
            except httpx.HTTPError as exc:
                kind = type(exc).__name__
                return self._failed(case, latencies, kind, f"the request failed ({kind})")
            elapsed = round((time.perf_counter() - started) * 1000, 3)
            if response.status_code != 200:
                kind = f"HTTP {response.status_code}"
                return self._failed(case, latencies, kind, f"the deployment answered {kind}")
            latencies.append(elapsed)
            try:
                body = response.json()
                route = body["route"]
                if route == API_ERROR_ROUTE:
                    return self._failed(
                        case,
                        latencies,
                        "error reply",
                        f"the deployment failed to answer turn {number} (route error)",
                    )
                reply = reply_from_api(body)
                new_conversation = bool(body["new_conversation"])
                conversation_id = str(body["conversation_id"])
            except (ValueError, KeyError, TypeError):
                return self._failed(
                    case, latencies, "bad response", "the deployment's response is not a chat reply"
                )
            if number > 1 and new_conversation:
                return self._failed(
                    case,
                    latencies,
                    "conversation lost",
                    f"the deployment started a new conversation at turn {number}",
                )
        return Observation(case, reply, latencies, in_process=False)

    @staticmethod
    def _failed(case: Case, latencies: list[float], kind: str, message: str) -> Observation:
        return Observation(case, None, latencies, kind, message, in_process=False)
