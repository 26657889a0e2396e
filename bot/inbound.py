"""The one request guard: every chat request, whether it comes to Rasa's REST channel
(rasa_addons/rest_channel.py) or through the web server's relay (bot/web/relay.py), is
checked here, by the same rules and limits, before it reaches the model.

Bad input gets a clear answer and loses nothing. A request we cannot take gets an HTTP
error with a reason: 413 for a body over the limit, 400 for one that is not UTF-8 JSON, 422
for JSON that is not a chat request (docs/web.md, "The request guard"). An oversized or
empty message gets a polite reply in the person's language instead, and control characters
never reach the tracker or the logs. Limits come from the environment.
"""
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from bot.language import SUPPORTED, detect
from bot.settings import whole_number

MAX_BODY_BYTES = whole_number("CHAT_MAX_BODY_BYTES", 65536)
MAX_MESSAGE_CHARACTERS = whole_number("CHAT_MAX_MESSAGE_CHARACTERS", 2000)
MAX_METADATA_BYTES = whole_number("CHAT_MAX_METADATA_BYTES", 4096)
MAX_SENDER_CHARACTERS = 128
#: A body over MAX_BODY_BYTES.
TOO_LARGE = 413
#: A body that is not UTF-8 JSON (or is nested too deeply to read).
UNREADABLE = 400
#: JSON that is not a chat request: not an object, or a field that breaks the rules.
INVALID = 422
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
    """A message for the model. `metadata` holds only what the assistant reads of it: the
    language the person picked, when it is one we speak."""

    sender: str
    text: str
    metadata: dict[str, Any]


@dataclass(frozen=True)
class Rejected:
    """A request we cannot take: answered with an HTTP error and a reason."""

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


def polite_reply(checked: Accepted | PoliteReply, response: str) -> PoliteReply:
    """`response` (too many messages, busy, a technical problem) to a checked request, in
    the language its own reply would have had."""
    if isinstance(checked, PoliteReply):
        return PoliteReply(checked.sender, response, checked.language, {})
    return PoliteReply(checked.sender, response, reply_language(checked.metadata, checked.text), {})


def _json_object(body: bytes) -> dict[str, Any] | Rejected:
    if len(body) > MAX_BODY_BYTES:
        return Rejected(TOO_LARGE, f"request body larger than {MAX_BODY_BYTES} bytes")
    try:
        payload = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        return Rejected(UNREADABLE, "request body is not valid UTF-8")
    except ValueError:
        return Rejected(UNREADABLE, "request body is not valid JSON")
    except RecursionError:
        return Rejected(UNREADABLE, "request body is nested too deeply")
    if not isinstance(payload, dict):
        return Rejected(INVALID, "request body must be a JSON object")
    return payload


def _sender(payload: dict[str, Any]) -> str | Rejected:
    sender = payload.get("sender")
    if not isinstance(sender, str) or not 0 < len(sender) <= MAX_SENDER_CHARACTERS:
        return Rejected(
            INVALID, f"'sender' must be a string of 1 to {MAX_SENDER_CHARACTERS} characters"
        )
    if not _SENDER.match(sender):
        return Rejected(INVALID, "'sender' may contain only letters, digits and . : @ _ -")
    return sender


def _metadata(payload: dict[str, Any]) -> dict[str, Any] | Rejected:
    metadata = payload.get("metadata") or {}
    if not isinstance(metadata, dict):
        return Rejected(INVALID, "'metadata' must be a JSON object")
    try:
        metadata_bytes = len(json.dumps(metadata, ensure_ascii=False).encode("utf-8"))
    except UnicodeEncodeError:
        return Rejected(INVALID, "'metadata' holds text that is not valid Unicode")
    if metadata_bytes > MAX_METADATA_BYTES:
        return Rejected(INVALID, f"'metadata' larger than {MAX_METADATA_BYTES} bytes")
    language = metadata.get("language")
    return {"language": language} if language in SUPPORTED else {}


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
    metadata = _metadata(payload)
    if isinstance(metadata, Rejected):
        return metadata
    if "message" not in payload:
        return Rejected(INVALID, "'message' is required")
    message = payload["message"]
    if not isinstance(message, str):
        return Rejected(INVALID, "'message' must be a string")
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
