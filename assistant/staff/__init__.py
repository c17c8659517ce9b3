"""The staff console: accounts, the review queue, verdicts, suite export and the audit log.

- ``accounts``: staff accounts (argon2 hashes), created from the command line only.
- ``throttle``: failed-login throttling per account and per client.
- ``review``: the queue, review state, verdicts, exports and the audit log, over the
  conversation store's database.
- ``suite_cases``: a reviewed conversation as an evaluation-suite case.
- ``commands``: ``assistant staff add|list|disable|set-role``.
- ``web``: the ``/staff`` pages (FastAPI, server-rendered, see docs/staff.md).

Staff see conversation ids and text, never anything about the person beyond the chat.
"""

from __future__ import annotations
