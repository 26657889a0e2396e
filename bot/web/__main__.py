"""Command line: run the web server, or manage staff accounts.

  python -m bot.web --port 8080
  python -m bot.web create-user NAME --role office --office city-anti-discrimination-office
  python -m bot.web users list
  python -m bot.web users disable NAME        (ends the user's sessions)
  python -m bot.web users enable NAME
  python -m bot.web users reset-password NAME (ends the user's sessions)

The password is read from env WEB_NEW_USER_PASSWORD or from standard input (never from
the command line, where other users of the machine could see it in the process list).
"""
from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence

from bot.settings import secret
from bot.web.accounts import ROLES, AccountError, create_user, list_users, set_active, set_password
from bot.web.settings import WebSettings

PASSWORD_VARIABLE = "WEB_NEW_USER_PASSWORD"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot.web", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", help="interface to listen on (env WEB_HOST, default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (env WEB_PORT, default 8080)")
    parser.add_argument("--bot-url", help="Rasa's base URL (env WEB_BOT_URL, default http://127.0.0.1:5005)")
    commands = parser.add_subparsers(dest="command")
    user = commands.add_parser("create-user", help="create a staff account")
    user.add_argument("name")
    user.add_argument("--role", required=True, choices=ROLES)
    user.add_argument("--office", help="the office's id in the catalogue (office staff only)")
    users = commands.add_parser("users", help="list, disable, enable or reset staff accounts")
    users.add_argument("action", choices=("list", "disable", "enable", "reset-password"))
    users.add_argument("name", nargs="?")
    return parser


def _read_password() -> str:
    password = secret(PASSWORD_VARIABLE)
    if password:
        return password
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Password again: ") != first:
            raise AccountError("the two passwords differ")
        return first
    return sys.stdin.readline().rstrip("\n")


def _known_office(office_id: str) -> bool:
    from bot.catalogue import load_catalogue_files
    from bot.paths import catalogue_dir

    return load_catalogue_files(catalogue_dir()).office(office_id) is not None


def _create_user(args: argparse.Namespace) -> int:
    from bot.db import make_engine
    from bot.web.models import MissingTables, require_web_tables

    if args.office and not _known_office(args.office):
        print(f"error: there is no office {args.office!r} in the catalogue", file=sys.stderr)
        return 2
    try:
        password = _read_password()
        engine = make_engine(WebSettings.from_env().database_url)
        require_web_tables(engine)
        member = create_user(engine, args.name, args.role, password, args.office)
    except (AccountError, MissingTables) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    office = f" of {member.office_id}" if member.office_id else ""
    print(f"created {member.role} user {member.name}{office}")
    return 0


def _users(args: argparse.Namespace) -> int:
    from bot.db import make_engine
    from bot.web.models import MissingTables, require_web_tables

    try:
        engine = make_engine(WebSettings.from_env().database_url)
        require_web_tables(engine)
        if args.action == "list":
            for account in list_users(engine):
                office = f" office={account.office_id}" if account.office_id else ""
                state = "active" if account.active else "disabled"
                print(f"{account.name}\t{account.role}{office}\t{state}\t"
                      f"{account.sessions} session(s)")
            return 0
        if not args.name:
            raise AccountError(f"users {args.action} needs a user name")
        if args.action == "reset-password":
            ended = set_password(engine, args.name, _read_password())
            print(f"new password set for {args.name}; {ended} session(s) ended")
        else:
            ended = set_active(engine, args.name, args.action == "enable")
            print(f"{args.name} {args.action}d; {ended} session(s) ended")
    except (AccountError, MissingTables) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


def _serve(args: argparse.Namespace) -> int:
    import logging

    import uvicorn

    from bot.web.app import create_app

    overrides = {key: value for key, value in
                 (("host", args.host), ("port", args.port), ("bot_url", args.bot_url)) if value}
    settings = WebSettings.from_env(**overrides)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("httpx2").setLevel(logging.WARNING)  # no line per relayed message
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port,
                access_log=False, proxy_headers=False, ws="none")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "create-user":
        return _create_user(args)
    if args.command == "users":
        return _users(args)
    return _serve(args)


if __name__ == "__main__":
    sys.exit(main())
