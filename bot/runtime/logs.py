"""Log records as plain text or one JSON object a line, chosen by LOG_FORMAT (text | json).

A city's log collector reads JSON without parsing patterns; a developer reads text. Every
server calls `configure()` at start (Rasa reads deploy/logging/json.yml instead, through
`rasa run --logging-config-file`, with the same formatter). Records carry what the code
logged, never more: no message texts or contact details are logged anywhere (STYLE.md).
"""
from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import UTC, datetime

from bot.settings import choice, text

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
    chosen = choice("LOG_FORMAT", "text", ("text", "json"), environ=environ)
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if chosen == "json" else logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level or text("LOG_LEVEL", "INFO", environ=environ))
