"""Staff accounts: names, roles and argon2 password hashes, in the conversation database.

There is no default account and no way to create one from the web: accounts
come from ``assistant staff add NAME``. Disabling an account ends its
sessions at their next request (every request re-reads the account).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from ..conversations import ConversationStore
from ..conversations.models import StaffUser

Role = Literal["reviewer", "admin"]
ROLES: tuple[Role, ...] = ("reviewer", "admin")
NAME_RE = re.compile(r"[a-z][a-z0-9._-]{1,63}")
MIN_PASSWORD_CHARS = 12
MAX_PASSWORD_CHARS = 1024

_HASHER = PasswordHasher()
_DUMMY_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$ZnCImEHGlJN+t/ALtgovGg$"
    "ijhY2IebUr6CxEiFHie7Ew9X/kqnkZywxfsTmJxEDcI"
)
"""What an unknown name's password is checked against, so it costs one verification like a
known name: argon2-cffi's default parameters (those of ``_HASHER``) over a phrase no account
uses. Written out rather than hashed at import, which took about 0.5 s of every start."""


@cache
def _dummy_hash() -> str:
    """``_DUMMY_HASH``, or a fresh one if the hasher's parameters ever differ from it (so an
    unknown name still costs what a known one does)."""
    if _HASHER.check_needs_rehash(_DUMMY_HASH):
        return _HASHER.hash("not a real password; evens out the timing of unknown names")
    return _DUMMY_HASH


class AccountError(ValueError):
    """A staff-account command that cannot be done; the message says why."""


@dataclass(frozen=True)
class StaffAccount:
    name: str
    role: Role
    disabled: bool
    created_at: datetime

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def check_name(name: object) -> str:
    if not isinstance(name, str) or NAME_RE.fullmatch(name) is None:
        raise AccountError(
            "a staff name is 2-64 characters: lower-case letters, digits, '.', '_' or '-', "
            "starting with a letter"
        )
    return name


def check_role(role: object) -> Role:
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    return role  # type: ignore[return-value]


def check_password(password: object) -> str:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(f"a password needs at least {MIN_PASSWORD_CHARS} characters")
    if len(password) > MAX_PASSWORD_CHARS:
        raise AccountError(f"a password may have at most {MAX_PASSWORD_CHARS} characters")
    return password


def _account(user: StaffUser) -> StaffAccount:
    return StaffAccount(user.name, check_role(user.role), user.disabled, user.created_at)


class StaffAccounts:
    """Create, list, disable and check staff accounts."""

    def __init__(self, store: ConversationStore) -> None:
        self._sessions = sessionmaker(store.engine, expire_on_commit=False)

    def add(self, name: str, password: str, role: Role = "reviewer") -> StaffAccount:
        name, role, password = check_name(name), check_role(role), check_password(password)
        user = StaffUser(name=name, password_hash=_HASHER.hash(password), role=role)
        try:
            with self._sessions.begin() as session:
                session.add(user)
        except IntegrityError:
            raise AccountError(f"a staff account named {name!r} already exists") from None
        return _account(user)

    def list(self) -> list[StaffAccount]:
        with self._sessions() as session:
            return [
                _account(u) for u in session.scalars(select(StaffUser).order_by(StaffUser.name))
            ]

    def get(self, name: str) -> StaffAccount | None:
        with self._sessions() as session:
            user = session.scalar(select(StaffUser).where(StaffUser.name == name))
            return None if user is None else _account(user)

    def set_disabled(self, name: str, disabled: bool = True) -> StaffAccount:
        return self._update(name, disabled=disabled)

    def set_role(self, name: str, role: str) -> StaffAccount:
        return self._update(name, role=check_role(role))

    def set_password(self, name: str, password: str) -> StaffAccount:
        return self._update(name, password_hash=_HASHER.hash(check_password(password)))

    def authenticate(self, name: str, password: str) -> StaffAccount | None:
        """The account if the name and password match an enabled account, else None.

        An unknown name costs one hash verification too, so timing does not
        tell which names exist.
        """
        with self._sessions() as session:
            user = session.scalar(select(StaffUser).where(StaffUser.name == name))
            stored = user.password_hash if user is not None else _dummy_hash()
            try:
                _HASHER.verify(stored, password[:MAX_PASSWORD_CHARS])
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                return None
            if user is None or user.disabled:
                return None
            if _HASHER.check_needs_rehash(user.password_hash):
                with self._sessions.begin() as rehash:
                    found = rehash.get(StaffUser, user.id)
                    if found is not None:
                        found.password_hash = _HASHER.hash(password)
            return _account(user)

    def _update(self, name: str, **values: object) -> StaffAccount:
        with self._sessions.begin() as session:
            user = session.scalar(select(StaffUser).where(StaffUser.name == name))
            if user is None:
                raise AccountError(f"no staff account named {name!r}")
            for key, value in values.items():
                setattr(user, key, value)
            return _account(user)
