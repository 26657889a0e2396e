"""Log records as plain text or one JSON object a line, chosen by LOG_FORMAT (text | json).

A city's log collector reads JSON without parsing patterns; a developer reads text. Every
server calls `configure()` at start (Rasa reads deploy/logging/json.yml instead, through
`rasa run --logging-config-file`, with the same formatter). Records carry what the code
logged, never more: no message texts or contact details are logged anywhere (STYLE.md).
"""
from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from datetime import UTC, datetime

TEXT_FORMAT = "%(asctime)s %(name)s %(levelname)s %(message)s"


class JsonFormatter(logging.Formatter):
    """time, level, logger, message (and the exception's text, when there is one)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure(level: str | int | None = None, environ: Mapping[str, str] | None = None) -> None:
    """Root logging for a server process, in the format LOG_FORMAT names (default text)."""
    if environ is None:
        environ = os.environ
    chosen = environ.get("LOG_FORMAT", "text").strip().lower() or "text"
    if chosen not in ("text", "json"):
        raise ValueError(f"LOG_FORMAT must be text or json, not {chosen!r}")
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if chosen == "json" else logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level or environ.get("LOG_LEVEL", "INFO"))
