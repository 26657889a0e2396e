"""Command line: `python -m bot.catalogue validate|load|nlu|migrate|revision|unanswered`.

The folder defaults to the project's services_catalogue/ (env CITY_ASSISTANT_CATALOGUE),
the database to DATABASE_URL (see bot.db).
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from bot.catalogue.loader import load_into_database
from bot.catalogue.migrate import make_revision, upgrade
from bot.catalogue.nlu_examples import write_nlu_files
from bot.catalogue.types import CatalogueData
from bot.catalogue.validate import CatalogueError, load_catalogue_files
from bot.db import database_url, make_engine
from bot.paths import PROJECT_ROOT, catalogue_dir

NLU_FOLDER = PROJECT_ROOT / "data" / "nlu" / "catalogue"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot.catalogue", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (("validate", "check the YAML files, change nothing"),
                            ("load", "validate, migrate the database, load the catalogue")):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("folder", nargs="?", help="catalogue folder (default: %(default)s)",
                             default=str(catalogue_dir()))
    nlu = commands.add_parser(
        "nlu", help="write data/nlu/catalogue/<language>.yml from the catalogue's questions")
    nlu.add_argument("folder", nargs="?", default=str(catalogue_dir()),
                     help="catalogue folder (default: %(default)s)")
    embed = commands.add_parser(
        "embed", help="compute the sentence embeddings the service ranker learns from, once")
    embed.add_argument("folder", nargs="?", default=str(catalogue_dir()),
                       help="catalogue folder (default: %(default)s)")
    commands.add_parser("migrate", help="upgrade the database to the newest schema")
    revision = commands.add_parser("revision", help="autogenerate a new migration")
    revision.add_argument("-m", "--message", required=True)
    unanswered = commands.add_parser(
        "unanswered",
        help="the most frequent questions the catalogue could not answer, per language",
    )
    unanswered.add_argument(
        "--days", type=int, default=30, help="look back this many days (default 30)"
    )
    unanswered.add_argument(
        "--limit", type=int, default=10, help="questions per language (default 10)"
    )
    return parser


def embed_catalogue(data: CatalogueData) -> int:
    """Embed what the ranker will learn from, so the action server starts without waiting."""
    from bot.catalogue.ranker import background_examples, training_texts
    from bot.catalogue.search import service_titles
    from bot.catalogue.translatable import default_catalogs
    from bot.semantics import default_embedder

    titles = service_titles(data.services, default_catalogs(), data.city.languages)
    texts, _ = training_texts(data.services, titles, background_examples())
    default_embedder().embed_many(texts, progress="catalogue")
    return len(texts)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "validate":
            data = load_catalogue_files(args.folder)
            for warning in data.warnings:
                print(f"warning: {warning}", file=sys.stderr)
            print(f"{args.folder}: valid ({len(data.offices)} offices, "
                  f"{len(data.services)} services in {len(data.categories)} categories)")
        elif args.command == "load":
            engine = make_engine()
            report = load_into_database(args.folder, engine)
            for warning in report.warnings:
                print(f"warning: {warning}", file=sys.stderr)
            print(f"loaded {args.folder} into {engine.url.render_as_string()}: "
                  f"{report.summary()}")
        elif args.command == "nlu":
            data = load_catalogue_files(args.folder)
            written = write_nlu_files(data.services, data.city.languages, NLU_FOLDER)
            print(f"wrote {len(written)} files in {NLU_FOLDER}")
        elif args.command == "embed":
            count = embed_catalogue(load_catalogue_files(args.folder))
            print(f"{count} catalogue texts embedded (cached for the service ranker)")
        elif args.command == "migrate":
            upgrade(make_engine())
            print(f"{database_url()}: schema is up to date")
        elif args.command == "unanswered":
            from bot.catalogue.unanswered import report_text

            print(report_text(args.days, args.limit))
        else:
            make_revision(args.message)
    except CatalogueError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
