"""Prometheus metrics in the text exposition format, without a client library.

Two kinds of figures:
- per process, counted as messages are answered (`observe_message`): messages, reply
  latency, and unanswered replies (a fallback or "no information about that": a turn with
  `custom.answered` false, read as the usage figures read it,
  bot.responses.message.turn_answered), by language;
- for the whole city, read from the database at each scrape (`database_figures`): reports
  filed by language, e-mails delivered, and the outbox backlog. Every server reports the
  same totals, so a city scrapes them from one.

Served at GET /metrics on the action server and GET /webhooks/health/metrics on Rasa.
"""
from __future__ import annotations

import threading
from bisect import bisect_left
from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from bot.db import session_factory

__all__ = [
    "MESSAGES",
    "PROMETHEUS_TEXT",
    "MessageMetrics",
    "database_figures",
    "exposition",
    "observe_message",
]

PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8"
LATENCY_BUCKETS = (0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0)
PREFIX = "city_assistant"


class MessageMetrics:
    """Counters and a latency histogram by language, safe across threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.messages: dict[str, int] = defaultdict(int)
        self.unanswered: dict[str, int] = defaultdict(int)
        self.latency_sum: dict[str, float] = defaultdict(float)
        self.latency_buckets: dict[str, list[int]] = defaultdict(
            lambda: [0] * (len(LATENCY_BUCKETS) + 1))

    def observe(self, language: str, seconds: float, unanswered: bool) -> None:
        language = (language or "unknown")[:8]
        with self._lock:
            self.messages[language] += 1
            if unanswered:
                self.unanswered[language] += 1
            self.latency_sum[language] += seconds
            self.latency_buckets[language][bisect_left(LATENCY_BUCKETS, seconds)] += 1

    def lines(self) -> list[str]:
        with self._lock:
            out = [f"# TYPE {PREFIX}_messages_total counter"]
            out += [f'{PREFIX}_messages_total{{language="{lang}"}} {count}'
                    for lang, count in sorted(self.messages.items())]
            out.append(f"# TYPE {PREFIX}_unanswered_total counter")
            out += [f'{PREFIX}_unanswered_total{{language="{lang}"}} {self.unanswered[lang]}'
                    for lang in sorted(self.messages)]
            out.append(f"# TYPE {PREFIX}_reply_seconds histogram")
            for lang in sorted(self.messages):
                running = 0
                for bound, count in zip((*LATENCY_BUCKETS, "+Inf"),
                                        self.latency_buckets[lang], strict=True):
                    running += count
                    out.append(f'{PREFIX}_reply_seconds_bucket{{language="{lang}",'
                               f'le="{bound}"}} {running}')
                out.append(f'{PREFIX}_reply_seconds_sum{{language="{lang}"}} '
                           f'{self.latency_sum[lang]:.6f}')
                out.append(f'{PREFIX}_reply_seconds_count{{language="{lang}"}} '
                           f'{self.messages[lang]}')
            return out


#: This process's figures.
MESSAGES = MessageMetrics()


def observe_message(language: str, seconds: float, answered: bool) -> None:
    """Count one message; called by the chat channel once its reply is ready."""
    MESSAGES.observe(language, seconds, not answered)


def database_figures(engine: Engine) -> list[str]:
    """Reports filed (by language), e-mails sent, and the outbox rows by status."""
    from bot.reports.models import OutboxMessage, Report

    with session_factory(engine)() as session:
        filed = session.execute(
            select(Report.language, func.count(Report.id)).group_by(Report.language)).all()
        outbox = dict(session.execute(
            select(OutboxMessage.status, func.count(OutboxMessage.id))
            .group_by(OutboxMessage.status)).all())
    lines = [f"# TYPE {PREFIX}_reports_filed_total counter"]
    lines += [f'{PREFIX}_reports_filed_total{{language="{language}"}} {count}'
              for language, count in sorted(filed)]
    lines += [f"# TYPE {PREFIX}_reports_delivered_total counter",
              f"{PREFIX}_reports_delivered_total {outbox.get('sent', 0)}",
              f"# TYPE {PREFIX}_outbox_backlog gauge"]
    lines += [f'{PREFIX}_outbox_backlog{{status="{status}"}} {outbox.get(status, 0)}'
              for status in ("pending", "sending")]
    return lines


def exposition(engine: Engine | None, metrics: MessageMetrics = MESSAGES) -> str:
    """The whole page; a database that does not answer is reported, not fatal."""
    lines = metrics.lines()
    if engine is not None:
        try:
            lines += database_figures(engine)
            lines.append(f"{PREFIX}_database_up 1")
        except Exception:  # the page must still answer during a database outage
            lines.append(f"{PREFIX}_database_up 0")
    return "\n".join(lines) + "\n"
