"""The nightly retention run: `python -m bot.runtime.retention_job` anonymises (or deletes)
every report past its retention date (bot/reports/retention.py, REPORT_RETENTION_DAYS) and
logs how many; started by deploy/systemd/city-assistant-retention.timer. Safe to run on
several hosts at once or twice a night: a report already handled is not touched again."""
from __future__ import annotations

import logging

from bot.db import make_engine, session_factory
from bot.reports import apply_retention
from bot.runtime.logs import configure as configure_logs

log = logging.getLogger(__name__)


def main() -> int:
    configure_logs()
    engine = make_engine()
    try:
        with session_factory(engine)() as session:
            result = apply_retention(session)
    finally:
        engine.dispose()
    log.info("retention: %d reports anonymised, %d deleted", result.anonymised, result.deleted)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
