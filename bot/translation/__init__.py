"""Curated translations (gettext PO files) of every user-facing string."""
from bot.translation.check import Problem, find_problems
from bot.translation.messages import SOURCE_LANGUAGE, SourceMessage, placeholders, response_messages
from bot.translation.po_catalogs import PoCatalogs

__all__ = [
    "SOURCE_LANGUAGE",
    "PoCatalogs",
    "Problem",
    "SourceMessage",
    "find_problems",
    "placeholders",
    "response_messages",
]
