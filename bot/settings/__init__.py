"""Settings from environment variables: the shared readers and the declared list.

`python -m bot.settings check` checks the current environment against the list;
`python -m bot.settings example` writes .env.example from it (docs/operations.md).
"""
from bot.settings.readers import (
    SettingsError,
    choice,
    flag,
    items,
    matching,
    number,
    secret,
    text,
    url,
    whole_number,
)

__all__ = [
    "SettingsError",
    "choice",
    "flag",
    "items",
    "matching",
    "number",
    "secret",
    "text",
    "url",
    "whole_number",
]
