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
import secrets
from collections.abc import Mapping
from typing import Any

from ..chat import OWNER_COOKIE, owner_hash_of

COOKIE = OWNER_COOKIE
"""Issued by ``app.OwnerCookie`` to a browser that opens the chat page or the plain page."""


def owner(cookies: Mapping[str, str] | Any) -> str | None:
    """The digest of the request's valid owner token, or None (owns nothing)."""
    if cookies is None or COOKIE not in cookies:
        return None
    token = cookies[COOKIE]
    return owner_hash_of(token) if isinstance(token, str) else None


class ClientKeys:
    """Keys for per-client limits that identify no one: an HMAC of the client's address
    under a secret held only in the app processes' memory (``client_key_secret``, shared by
    the processes on one database so they count a client together; else made at start-up),
    so neither the address nor anything that leads back to it without that secret is stored.
    A visitor with an owner cookie is counted by its digest instead."""

    def __init__(self, secret: str | None = None) -> None:
        self._secret = secret.encode() if secret else secrets.token_bytes(32)

    def for_address(self, address: str | None) -> str:
        mac = hmac.new(self._secret, (address or "unknown").encode(), hashlib.sha256)
        return "client:" + mac.hexdigest()[:32]

    def for_request(self, owner_digest: str | None, address: str | None) -> str:
        """The chat page's key: the owner cookie's digest, else the client address's HMAC
        (a fresh Gradio session id per message counts as the same client either way)."""
        return f"owner:{owner_digest[:32]}" if owner_digest else self.for_address(address)
