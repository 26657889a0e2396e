"""Command line: run the web server, or create a staff account.

  python -m bot.web --port 8080
  python -m bot.web create-user NAME --role office --office city-anti-discrimination-office

The password is read from env WEB_NEW_USER_PASSWORD or from standard input (never from
the command line, where other users of the machine could see it in the process list).
"""
from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence

from bot.web.accounts import ROLES, AccountError, create_user
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
    return parser


def _read_password() -> str:
    if os.environ.get(PASSWORD_VARIABLE):
        return os.environ[PASSWORD_VARIABLE]
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
    return _serve(args)


if __name__ == "__main__":
    sys.exit(main())
