"""The outbox worker: sends due report e-mails to offices over SMTP, exactly once as far as
SMTP allows.

Run it as `python -m bot.reports.outbox` (loops; `--once` for one batch). Each e-mail is
claimed with a lease before it is sent and marked sent after the server accepted it.
The one window left: the server accepted a message but the worker died before marking it
sent. After the lease the message is sent again with the same Message-ID, which lets the
receiving office (or its mail system) recognise the duplicate. docs/reports.md has more.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import os
import signal
import smtplib
import socket
import ssl
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db import make_engine
from bot.db import session_factory as make_session_factory
from bot.reports._time import utc_naive
from bot.reports.mail import Translator, build_report_email
from bot.reports.models import OutboxMessage, Report
from bot.reports.offices import OfficeContact, load_office_contacts
from bot.reports.outbox_store import (
    Claim,
    claim_due,
    mark_sent,
    release_for_retry,
    renew_claim,
)
from bot.reports.settings import OutboxSettings, SmtpSettings
from bot.runtime.logs import configure as configure_logs
from bot.settings import text

__all__ = ["DeliveryRun", "deliver_due", "load_translator", "main"]

log = logging.getLogger(__name__)

SessionFactory = Callable[[], Session]


@dataclass
class DeliveryRun:
    """What one call of `deliver_due` did."""

    claimed: int = 0
    sent: list[str] = field(default_factory=list)  # Message-IDs
    failed: dict[str, str] = field(default_factory=dict)  # Message-ID -> error
    lease_lost: list[str] = field(default_factory=list)


class _Connection:
    """One SMTP connection per batch, opened when first needed and dropped after an error."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self.smtp: smtplib.SMTP | None = None

    def send(self, message: EmailMessage, recipient: str) -> None:
        if self.smtp is None:
            s = self.settings
            smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout_seconds)
            try:
                if s.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if s.user:
                    smtp.login(s.user, s.password or "")
            except BaseException:
                smtp.close()
                raise
            self.smtp = smtp
        self.smtp.send_message(message, from_addr=self.settings.from_address,
                               to_addrs=[recipient])

    def close(self, polite: bool = True) -> None:
        if self.smtp is None:
            return
        try:
            if polite:
                self.smtp.quit()
            else:
                self.smtp.close()
        except (smtplib.SMTPException, OSError):
            self.smtp.close()
        self.smtp = None


def _prepare(session_factory: SessionFactory, claim: Claim, offices: Mapping[str, OfficeContact],
             smtp: SmtpSettings, now: datetime,
             translate: Translator | None) -> tuple[str, str, EmailMessage] | None:
    with session_factory() as session:
        row = session.execute(
            select(OutboxMessage, Report).join(Report, OutboxMessage.report_id == Report.id)
            .where(OutboxMessage.id == claim.outbox_id)
        ).first()
        if row is None:  # erased after it was claimed
            return None
        outbox, report = row
        recipient = offices.get(outbox.recipient_office_id)
        if recipient is None or not recipient.email:
            raise LookupError(f"office '{outbox.recipient_office_id}' has no e-mail address "
                              "in the catalogue")
        handler = offices.get(report.office_id, recipient)
        message = build_report_email(report, recipient, handler, outbox.message_id,
                                     smtp.from_address, now, translate)
        return outbox.message_id, recipient.email, message


def deliver_due(session_factory: SessionFactory, smtp_settings: SmtpSettings,
                now: datetime | None = None, *, translate: Translator | None = None,
                offices: Mapping[str, OfficeContact] | None = None,
                settings: OutboxSettings | None = None,
                worker_id: str | None = None) -> DeliveryRun:
    """Claim due outbox rows, send each, and record the outcome; never raises for a send.

    A failed send (server down, refused, timeout, a broken row) puts the row back with
    exponential backoff (OutboxSettings) and the error in `last_error`.
    """
    now = utc_naive(now)
    settings = settings or OutboxSettings.from_env()
    offices = load_office_contacts() if offices is None else offices
    worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"
    run = DeliveryRun()
    if settings.lease_seconds < 3 * smtp_settings.timeout_seconds:
        log.warning("OUTBOX_LEASE_SECONDS (%d) should be at least three SMTP timeouts (%d s)",
                    settings.lease_seconds, smtp_settings.timeout_seconds)
    claims = claim_due(session_factory, now, worker_id, settings)
    run.claimed = len(claims)
    connection = _Connection(smtp_settings)
    started = time.monotonic()
    try:
        for claim in claims:
            message_id = f"outbox:{claim.outbox_id}"
            moment = now + timedelta(seconds=int(time.monotonic() - started))
            if not renew_claim(session_factory, claim, moment, settings):
                run.lease_lost.append(message_id)
                continue
            try:
                prepared = _prepare(session_factory, claim, offices, smtp_settings, now,
                                    translate)
                if prepared is None:
                    continue
                message_id, address, message = prepared
                connection.send(message, address)
            except Exception as error:  # any failure of one row must not stop the others
                connection.close(polite=False)
                error_text = f"{type(error).__name__}: {error}"
                when = release_for_retry(session_factory, claim, moment, error_text, settings)
                run.failed[message_id] = error_text
                log.warning("outbox %s not sent (attempt %d), next try %s: %s",
                            message_id, claim.attempts, when.isoformat(), error_text)
                continue
            if mark_sent(session_factory, claim, moment):
                run.sent.append(message_id)
            else:
                run.lease_lost.append(message_id)
                log.error("outbox %s was sent but its lease had run out; another worker may "
                          "send it again with the same Message-ID", message_id)
    finally:
        connection.close()
    return run


def load_translator(spec: str | None = None) -> Translator | None:
    """The translator named by OUTBOX_TRANSLATOR ("package.module:function"), or None."""
    spec = spec if spec is not None else (text("OUTBOX_TRANSLATOR") or "")
    if not spec:
        return None
    module_name, _, attribute = spec.partition(":")
    if not attribute:
        raise ValueError("OUTBOX_TRANSLATOR must look like 'package.module:function'")
    return getattr(importlib.import_module(module_name), attribute)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.reports.outbox",
                                     description="Send due report e-mails to offices.")
    parser.add_argument("--once", action="store_true", help="send one batch, then exit")
    args = parser.parse_args(argv)
    configure_logs()  # LOG_FORMAT=json for one JSON object a line
    smtp, settings = SmtpSettings.from_env(), OutboxSettings.from_env()
    factory = make_session_factory(make_engine())
    translate = load_translator()
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    log.info("outbox worker started: %r", smtp)
    while True:
        run = deliver_due(factory, smtp, translate=translate, settings=settings)
        if run.claimed:
            log.info("claimed %d, sent %d, failed %d", run.claimed, len(run.sent),
                     len(run.failed))
        if args.once or stop.wait(settings.poll_seconds if run.claimed < settings.batch_size
                                  else 0):
            return 0


if __name__ == "__main__":
    raise SystemExit(main())
