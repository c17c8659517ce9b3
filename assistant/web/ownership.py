"""Who owns a conversation on the chat page: a secret the server issues, never an id it shows.

Gradio keys a visitor's state by a session id the page makes itself and sends
in URLs, so that id proves nothing. Instead the first load of the chat page
gets a random token in an HttpOnly cookie (script on the page cannot read it;
``SameSite`` keeps other sites from sending it); the server keeps only the
token's SHA-256 digest, as the key of that visitor's conversation. A request
without the cookie (or with a malformed one) owns nothing, so it starts
afresh and sees nothing. The same functions serve any other endpoint that
must prove ownership (a "restore my conversation" route, for example).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping
from typing import Any

COOKIE = "om_owner"
MAX_AGE_S = 24 * 3600
# How long a browser keeps the token (the conversation itself is kept by the store).

_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


def issue() -> str:
    """A fresh secret token (256 bits, URL-safe base64)."""
    return secrets.token_urlsafe(32)


def digest(token: str) -> str:
    """What the server keeps: the token's SHA-256, never the token."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def owner(cookies: Mapping[str, str] | Any) -> str | None:
    """The digest of the request's valid owner token, or None (owns nothing)."""
    if cookies is None or COOKIE not in cookies:
        return None
    token = cookies[COOKIE]
    if not isinstance(token, str) or not _TOKEN.fullmatch(token):
        return None
    return digest(token)


def set_cookie(token: str, *, cross_site: bool) -> str:
    """The ``Set-Cookie`` value issuing ``token``.

    ``cross_site`` (production, where the chat is framed by the organisation's
    own site): ``SameSite=None; Secure; Partitioned``, so the framed page keeps
    a cookie of its own, partitioned by the embedding site. Locally:
    ``SameSite=Lax`` (pages on localhost are same-site whatever their port).
    """
    attrs = [f"{COOKIE}={token}", "Path=/", "HttpOnly", f"Max-Age={MAX_AGE_S}"]
    attrs += ["Secure", "SameSite=None", "Partitioned"] if cross_site else ["SameSite=Lax"]
    return "; ".join(attrs)


class ClientKeys:
    """Keys for per-client limits that identify no one: an HMAC of the client's address
    under a secret made at start-up and held only in this process's memory, so neither the
    address nor anything that leads back to it is stored, and the keys mean nothing after a
    restart. A visitor with an owner cookie is counted by its digest instead."""

    def __init__(self) -> None:
        self._secret = secrets.token_bytes(32)

    def for_address(self, address: str | None) -> str:
        mac = hmac.new(self._secret, (address or "unknown").encode(), hashlib.sha256)
        return "client:" + mac.hexdigest()[:32]

    def for_request(self, owner_digest: str | None, address: str | None) -> str:
        """The chat page's key: the owner cookie's digest, else the client address's HMAC
        (a fresh Gradio session id per message counts as the same client either way)."""
        return f"owner:{owner_digest[:32]}" if owner_digest else self.for_address(address)
