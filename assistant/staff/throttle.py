"""Failed-login throttling: too many failures for one account or from one client lock it out.

Only failures count, in a sliding window kept in memory (one instance per app).
A locked-out account cannot log in even with the right password until the
window has passed, so guessing gains nothing; a success clears that
account's failures.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable


class FailureThrottle:
    def __init__(
        self,
        per_account: int,
        per_client: int,
        window_s: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits = {"account": per_account, "client": per_client}
        self.window_s = window_s
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        events = self._failures.get(key, deque())
        while events and now - events[0] >= self.window_s:
            events.popleft()
        if not events:
            self._failures.pop(key, None)
        return events

    def wait_s(self, account: str, client: str) -> float:
        """Seconds until a login may be tried for this account from this client (0: now)."""
        now = self._clock()
        wait = 0.0
        with self._lock:
            for kind, key in (("account", f"account:{account}"), ("client", f"client:{client}")):
                events = self._recent(key, now)
                if len(events) >= self.limits[kind]:
                    wait = max(wait, self.window_s - (now - events[0]))
        return wait

    def failed(self, account: str, client: str) -> None:
        now = self._clock()
        with self._lock:
            for key in (f"account:{account}", f"client:{client}"):
                self._failures.setdefault(key, deque()).append(now)

    def succeeded(self, account: str) -> None:
        with self._lock:
            self._failures.pop(f"account:{account}", None)
