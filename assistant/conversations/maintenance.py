"""Maintenance commands against the configured database (``ASSISTANT_DATABASE_URL``).

``run_db_command`` does the work and returns the line to print; the command
line that calls it only parses arguments and prints.

- ``migrate``: upgrade the schema to the newest migration.
- ``purge``: delete conversations older than ``days`` (default: the
  configured ``retention_days``, ``ASSISTANT_RETENTION_DAYS``).
- ``revision``: migrate, then autogenerate a migration (named by
  ``message``) from the models against the configured database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .store import ConversationStore

if TYPE_CHECKING:
    from ..config import Settings

DB_COMMANDS = ("migrate", "purge", "revision")


def run_db_command(
    command: str,
    settings: Settings,
    *,
    days: int | None = None,
    message: str | None = None,
) -> str:
    """Run one maintenance command and return the line to print.

    Raises ``ValueError`` for an unknown command, a ``purge`` with neither
    ``days`` nor ``settings.retention_days``, a ``revision`` without a
    message, or (from the store) a ``days`` below 1.
    """
    if command not in DB_COMMANDS:
        raise ValueError(f"unknown command {command!r}; expected one of {', '.join(DB_COMMANDS)}")
    purge_days = days if days is not None else settings.retention_days
    if command == "purge" and purge_days is None:
        raise ValueError(
            "purge needs a number of days: give --days or set ASSISTANT_RETENTION_DAYS"
        )
    if command == "revision" and message is None:
        raise ValueError("revision needs a message (-m) describing what changed")

    with ConversationStore.from_settings(settings) as store:
        if command == "migrate":
            store.migrate()
            return f"schema at revision {store.schema_revision()}"
        if command == "purge" and purge_days is not None:
            return f"deleted {store.purge_older_than(purge_days)} conversation(s)"

        from alembic import command as alembic_command

        store.migrate()
        cfg = store.alembic_config()
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            script = alembic_command.revision(cfg, message=message, autogenerate=True)
        scripts = script if isinstance(script, list) else [script]
        paths = ", ".join(s.path for s in scripts if s is not None)
        return f"wrote {paths}" if paths else "no revision written"
