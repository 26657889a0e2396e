"""The routing table's texts as translatable messages, and how the chat finds them.

The reasons (`why_*`), "what happens next" (`next_*`) and deadline texts of routing.yml
are English source texts keyed by id; each has the stable context `reports:text:<id>`
(deadlines `reports:text:deadline_<id>`, as routing_table names them). Translators work in
translations/reports_content/<language>.po.
"""
from __future__ import annotations

from bot.reports.routing_table import RoutingTable, load_routing_table
from bot.translation.messages import SOURCE_LANGUAGE, SourceMessage
from bot.translation.po_catalogs import PoCatalogs

__all__ = ["TEXT_DOMAIN", "routing_messages", "source_messages", "text_context", "translated_text"]

TEXT_DOMAIN = "reports_content"


def text_context(key: str) -> str:
    return f"reports:text:{key}"


def routing_messages(routes: RoutingTable) -> list[SourceMessage]:
    """Every text of the routing table, in file order, for the PO template."""
    return [SourceMessage(text_context(key), text) for key, text in routes.texts.items()]


def source_messages() -> list[SourceMessage]:
    """The translation tools' provider for the reports_content text domain."""
    return routing_messages(load_routing_table())


def translated_text(routes: RoutingTable, key: str, language: str,
                    catalogs: PoCatalogs) -> str | None:
    """The text `key` in `language`; None when it has no current curated translation."""
    source = routes.texts[key]
    if language == SOURCE_LANGUAGE:
        return source
    return catalogs.lookup(text_context(key), source, language)
