"""``assistant staff add|list|disable|enable|set-role|set-password``: accounts from the shell only.

Passwords are prompted for (twice, not echoed) on a terminal, or read as the
first line of standard input otherwise, never taken as an argument (that
would leave them in the shell history and the process list).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..conversations import ConversationStore
from .accounts import ROLES, AccountError, StaffAccounts

if TYPE_CHECKING:
    from ..config import Settings


def staff_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant staff", description="Manage staff accounts for the /staff console."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="create an account (password prompted or read from stdin)")
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, default="reviewer")
    sub.add_parser("list", help="list accounts")
    for name, text in (("disable", "disable an account"), ("enable", "enable it again")):
        sub.add_parser(name, help=text).add_argument("name")
    role = sub.add_parser("set-role", help="change an account's role")
    role.add_argument("name")
    role.add_argument("role", choices=ROLES)
    sub.add_parser("set-password", help="set a new password").add_argument("name")
    return parser


def _read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Repeat password: ") != first:
            raise AccountError("the passwords differ")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def run_staff_command(argv: Sequence[str], settings: Settings) -> int:
    parser = staff_parser()
    args = parser.parse_args(argv)
    with ConversationStore.from_settings(settings) as store:
        store.migrate()
        accounts = StaffAccounts(store)
        try:
            if args.command == "add":
                account = accounts.add(args.name, _read_password(), args.role)
                print(f"added {account.name} ({account.role})")
            elif args.command == "list":
                rows = accounts.list()
                if not rows:
                    print("no staff accounts; add one with: assistant staff add NAME")
                for a in rows:
                    state = "disabled" if a.disabled else "active"
                    print(f"{a.name}\t{a.role}\t{state}\t{a.created_at:%Y-%m-%d}")
            elif args.command in ("disable", "enable"):
                account = accounts.set_disabled(args.name, args.command == "disable")
                print(f"{account.name} {args.command}d")
            elif args.command == "set-role":
                account = accounts.set_role(args.name, args.role)
                print(f"{account.name} is now {account.role}")
            else:
                accounts.set_password(args.name, _read_password())
                print(f"password of {args.name} changed")
        except AccountError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    return 0
