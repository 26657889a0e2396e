"""Checks every incoming chat request before it reaches the model.

Bad input gets a clear answer and loses nothing: malformed requests a 4xx with a reason,
an oversized or empty message a polite reply in the person's language, and control
characters never reach the tracker or the logs. Limits come from the environment.
"""
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from bot.language import SUPPORTED, detect

MAX_BODY_BYTES = int(os.environ.get("CHAT_MAX_BODY_BYTES", 65536))
MAX_MESSAGE_CHARACTERS = int(os.environ.get("CHAT_MAX_MESSAGE_CHARACTERS", 2000))
MAX_METADATA_BYTES = int(os.environ.get("CHAT_MAX_METADATA_BYTES", 4096))
MAX_SENDER_CHARACTERS = 128
# Control characters, zero-width space, direction marks and overrides, byte-order mark, and
# lone surrogates (JSON may carry "\ud800"; no encoder can write one, so a report with one
# could never be stored). Not U+200C/U+200D (zero-width non-joiner and joiner): Persian and
# others spell with them.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ufeff\ud800-\udfff]"
)
_SENDER = re.compile(r"^[\w.:@-]+$")


@dataclass(frozen=True)
class Accepted:
    sender: str
    text: str
    metadata: dict[str, Any]


@dataclass(frozen=True)
class Rejected:
    """A request we cannot read: answered with an HTTP error and a reason."""

    status: int
    error: str


@dataclass(frozen=True)
class PoliteReply:
    """A readable request we answer ourselves, without the model, in `language`."""

    sender: str
    response: str
    language: str
    arguments: dict[str, Any]


def clean_text(text: str) -> str:
    """NFC-normalised text without control or direction-override characters or lone
    surrogates: what every channel passes on (REST, the web relay, the report intake)."""
    return unicodedata.normalize("NFC", _CONTROL.sub("", text)).strip()


def reply_language(metadata: dict[str, Any], text: str) -> str:
    requested = metadata.get("language")
    if requested in SUPPORTED:
        return str(requested)
    found = detect(text[:300]).language
    return found or "en"


def _json_object(body: bytes) -> dict[str, Any] | Rejected:
    if len(body) > MAX_BODY_BYTES:
        return Rejected(413, f"request body larger than {MAX_BODY_BYTES} bytes")
    try:
        payload = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        return Rejected(400, "request body is not valid UTF-8")
    except ValueError:
        return Rejected(400, "request body is not valid JSON")
    except RecursionError:
        return Rejected(400, "request body is nested too deeply")
    if not isinstance(payload, dict):
        return Rejected(400, "request body must be a JSON object")
    return payload


def _sender(payload: dict[str, Any]) -> str | Rejected:
    sender = payload.get("sender")
    if not isinstance(sender, str) or not 0 < len(sender) <= MAX_SENDER_CHARACTERS:
        return Rejected(
            400, f"'sender' must be a string of 1 to {MAX_SENDER_CHARACTERS} characters"
        )
    if not _SENDER.match(sender):
        return Rejected(400, "'sender' may contain only letters, digits and . : @ _ -")
    return sender


def check_sender(body: bytes) -> str | Rejected:
    """The conversation id of a request that names only one (`{"sender": ...}`)."""
    payload = _json_object(body)
    return payload if isinstance(payload, Rejected) else _sender(payload)


def check_request(body: bytes) -> Accepted | Rejected | PoliteReply:
    payload = _json_object(body)
    if isinstance(payload, Rejected):
        return payload
    sender = _sender(payload)
    if isinstance(sender, Rejected):
        return sender
    metadata = payload.get("metadata") or {}
    if not isinstance(metadata, dict):
        return Rejected(400, "'metadata' must be a JSON object")
    try:
        metadata_bytes = len(json.dumps(metadata, ensure_ascii=False).encode("utf-8"))
    except UnicodeEncodeError:
        return Rejected(400, "'metadata' holds text that is not valid Unicode")
    if metadata_bytes > MAX_METADATA_BYTES:
        return Rejected(413, f"'metadata' larger than {MAX_METADATA_BYTES} bytes")
    if "message" not in payload:
        return Rejected(400, "'message' is required")
    message = payload["message"]
    if not isinstance(message, str):
        return Rejected(400, "'message' must be a string")
    text = clean_text(message)
    if len(text) > MAX_MESSAGE_CHARACTERS:
        return PoliteReply(
            sender,
            "utter_message_too_long",
            reply_language(metadata, text),
            {"max_characters": MAX_MESSAGE_CHARACTERS},
        )
    if not text:
        return PoliteReply(sender, "utter_empty_message", reply_language(metadata, ""), {})
    return Accepted(sender, text, metadata)
