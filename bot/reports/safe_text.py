"""Free text from people, made safe to store, to show and to e-mail.

Stored text keeps what the person wrote except control characters and direction
overrides (which can make a staff screen show something other than what is stored).
Anything that goes into an e-mail header comes from our own data and still passes
`header_value`, which removes CR and LF, so no header can ever be injected.
"""
from __future__ import annotations

import html
import re
import unicodedata

__all__ = [
    "LIMITS",
    "InvalidField",
    "TextTooLong",
    "as_html",
    "clean_email",
    "clean_phone",
    "clean_text",
    "header_value",
]

#: Maximum length, in characters, of each free-text field of a report.
LIMITS: dict[str, int] = {
    "description": 5000,
    "occurred_when": 300,
    "occurred_where": 500,
    "people_involved": 1000,
    "witnesses": 1000,
    "contact_name": 200,
    "contact_email": 254,
    "contact_phone": 40,
}
HEADER_LIMIT = 200

# C0 and C1 controls except tab and newline, the bidi embeddings/overrides/isolates, and
# lone surrogates (no encoder can write one: a report holding one could never be stored).
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
_PHONE = re.compile(r"\+?[0-9 ()/.-]{3,}")


class InvalidField(ValueError):
    """A field the chat must ask for again; `message_key` names the reply to give."""

    message_key = "report_field_invalid"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


class TextTooLong(InvalidField):
    message_key = "report_text_too_long"

    def __init__(self, field: str, limit: int, length: int) -> None:
        super().__init__(field, f"is {length} characters long; at most {limit} are accepted")
        self.limit = limit
        self.length = length


def clean_text(value: str | None, field: str, required: bool = False) -> str | None:
    """Normalised, control characters removed, length checked against LIMITS[field]."""
    text = unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").replace("\r", "\n")
    text = _UNSAFE.sub("", text).strip()
    if not text:
        if required:
            raise InvalidField(field, "must not be empty")
        return None
    limit = LIMITS[field]
    if len(text) > limit:
        raise TextTooLong(field, limit, len(text))
    return text


def clean_email(value: str | None) -> str | None:
    text = clean_text(value, "contact_email")
    if text is not None and not _EMAIL.fullmatch(text):
        raise InvalidField("contact_email", "is not an e-mail address")
    return text


def clean_phone(value: str | None) -> str | None:
    text = clean_text(value, "contact_phone")
    if text is not None and not _PHONE.fullmatch(text):
        raise InvalidField("contact_phone", "may only hold digits, spaces and + ( ) / . -")
    return text


def header_value(value: str) -> str:
    """One line, no control characters, at most HEADER_LIMIT characters."""
    text = _UNSAFE.sub(" ", value.replace("\r", " ").replace("\n", " ").replace("\t", " "))
    return " ".join(text.split())[:HEADER_LIMIT]


def as_html(text: str | None) -> str:
    """Text for an HTML page: every character that HTML could interpret is escaped."""
    return html.escape(text or "", quote=True).replace("\n", "<br>\n")
