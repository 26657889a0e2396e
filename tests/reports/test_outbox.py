"""The outbox delivers every report once, through a real SMTP server on loopback, and loses
nothing when the server or a worker stops in the middle."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from datetime import datetime, timedelta

from sqlalchemy import select

from bot.paths import PROJECT_ROOT
from bot.reports import OutboxMessage, OutboxSettings, Report, deliver_due, file_report
from bot.reports.offices import OfficeContact, load_office_contacts
from bot.reports.outbox import _Connection, _prepare
from bot.reports.outbox_store import claim_due, mark_sent, renew_claim

from .conftest import NOW

FAST = OutboxSettings(batch_size=20, lease_seconds=60, retry_base_seconds=60,
                      retry_max_seconds=3600)


def _outbox(sessions) -> OutboxMessage:
    with sessions() as session:
        return session.execute(select(OutboxMessage)).scalar_one()


def _due_rows(sessions) -> int:
    with sessions() as session:
        return len(session.execute(select(OutboxMessage.id).where(
            OutboxMessage.status != "sent")).all())


def _file(sessions, make_draft, count: int = 1, **answers) -> list[str]:
    with sessions() as session:
        return [file_report(session, make_draft(**answers), now=NOW).reference
                for _ in range(count)]


def test_outbox_delivers_each_report_exactly_once(sessions, make_draft, smtp):
    _file(sessions, make_draft, 3)
    first = deliver_due(sessions, smtp.settings(), NOW, settings=FAST)
    again = deliver_due(sessions, smtp.settings(), NOW + timedelta(days=1), settings=FAST)
    assert (len(first.sent), first.failed, again.claimed) == (3, {}, 0)
    assert sorted(smtp.inbox.message_ids()) == sorted(first.sent)
    police = ["revier-mitte@polizei-lindenbruck.example"]
    assert [recipients for recipients, _ in smtp.inbox.messages] == [police] * 3
    with sessions() as session:
        statuses = {r.status for r in session.execute(select(Report)).scalars()}
        assert statuses == {"sent_to_office"}
        assert {o.status for o in session.execute(select(OutboxMessage)).scalars()} == {"sent"}


def test_outbox_email_carries_the_report_and_says_when_no_translation_exists(
        sessions, make_draft, smtp):
    text = "Хочу анонимно сообщить: кто-то нарисовал свастику на двери нашего дома."
    (reference,) = _file(sessions, make_draft, message=text, language="ru", anonymous=True)
    deliver_due(sessions, smtp.settings(), NOW, settings=FAST)
    [(recipients, message)] = smtp.inbox.messages
    assert recipients == ["beratung@opferhilfe-lindenbruck.example"]
    assert message["Subject"] == (f"Neue Meldung {reference}: "
                                  "Sachbeschädigung oder Schmiererei (Wohnen)")
    body = message.get_content()
    assert text in body and "Keine Übersetzung verfügbar" in body
    assert "Die Person möchte anonym bleiben." in body


def test_outbox_email_includes_the_translation_into_german(sessions, make_draft, smtp):
    _file(sessions, make_draft, message="The landlord refused to rent the flat to me.")

    def translate(text: str, source: str, target: str) -> tuple[str, str]:
        assert (source, target) == ("en", "de")
        return f"[de] {text}", "machine translation (test)"

    deliver_due(sessions, smtp.settings(), NOW, settings=FAST, translate=translate)
    body = smtp.inbox.messages[0][1].get_content()
    assert "[de] The landlord refused to rent the flat to me." in body
    assert "Art der Übersetzung: machine translation (test)" in body
    assert "Antidiskriminierungsstelle des Bundes (Gleichbehandlungsstelle)" in body
    assert "AGG" in body


def test_outbox_a_failing_translator_does_not_stop_delivery(sessions, make_draft, smtp):
    _file(sessions, make_draft)

    def broken(text: str, source: str, target: str) -> tuple[str, str]:
        raise TimeoutError("translation service down")

    run = deliver_due(sessions, smtp.settings(), NOW, settings=FAST, translate=broken)
    assert len(run.sent) == 1
    assert "Keine Übersetzung verfügbar" in smtp.inbox.messages[0][1].get_content()


def test_outbox_smtp_server_down_keeps_the_row_pending_then_delivers_once(
        sessions, make_draft, smtp):
    _file(sessions, make_draft)
    smtp.stop()
    run = deliver_due(sessions, smtp.settings(), NOW, settings=FAST)
    assert run.sent == [] and len(run.failed) == 1
    row = _outbox(sessions)
    assert (row.status, row.attempts, row.next_attempt_at) == ("pending", 1,
                                                               NOW + timedelta(seconds=60))
    assert "Connection refused" in row.last_error or "ConnectionRefused" in row.last_error
    assert deliver_due(sessions, smtp.settings(), NOW + timedelta(seconds=30),
                       settings=FAST).claimed == 0
    smtp.start()
    run = deliver_due(sessions, smtp.settings(), NOW + timedelta(seconds=61), settings=FAST)
    assert len(run.sent) == 1 and smtp.inbox.message_ids() == run.sent
    assert deliver_due(sessions, smtp.settings(), NOW + timedelta(days=2),
                       settings=FAST).claimed == 0
    assert len(smtp.inbox.messages) == 1


def test_outbox_temporary_refusal_backs_off_exponentially(sessions, make_draft, smtp):
    _file(sessions, make_draft)
    smtp.inbox.reply = "451 4.3.0 try again later"
    moment = NOW
    for attempt, wait in [(1, 60), (2, 120), (3, 240)]:
        deliver_due(sessions, smtp.settings(), moment, settings=FAST)
        row = _outbox(sessions)
        assert (row.attempts, row.next_attempt_at - moment) == (attempt,
                                                                timedelta(seconds=wait))
        assert "451" in row.last_error
        moment = row.next_attempt_at
    smtp.inbox.reply = None
    assert len(deliver_due(sessions, smtp.settings(), moment, settings=FAST).sent) == 1
    assert len(smtp.inbox.messages) == 1


def test_outbox_worker_crash_after_claiming_sends_nothing_twice(sessions, make_draft, smtp):
    _file(sessions, make_draft, 2)
    claims = claim_due(sessions, NOW, "worker-that-dies", FAST)
    assert len(claims) == 2  # ... and the worker dies here, before sending anything
    assert deliver_due(sessions, smtp.settings(), NOW + timedelta(seconds=59),
                       settings=FAST).claimed == 0
    run = deliver_due(sessions, smtp.settings(), NOW + timedelta(seconds=60), settings=FAST)
    assert len(run.sent) == 2
    assert deliver_due(sessions, smtp.settings(), NOW + timedelta(days=1),
                       settings=FAST).claimed == 0
    assert sorted(smtp.inbox.message_ids()) == sorted(run.sent)


def test_outbox_crash_between_smtp_acceptance_and_commit_resends_the_same_message_id(
        sessions, make_draft, smtp):
    """The documented at-least-once window: the duplicate is recognisable by Message-ID."""
    _file(sessions, make_draft)
    [claim] = claim_due(sessions, NOW, "worker-a", FAST)
    message_id, address, message = _prepare(sessions, claim, load_office_contacts(),
                                            smtp.settings(), NOW, None)
    connection = _Connection(smtp.settings())
    connection.send(message, address)  # accepted by the server; the worker dies now
    connection.close()
    run = deliver_due(sessions, smtp.settings(), NOW + timedelta(seconds=61), settings=FAST)
    assert run.sent == [message_id]
    assert smtp.inbox.message_ids() == [message_id, message_id]
    assert not renew_claim(sessions, claim, NOW, FAST)  # the dead worker's claim is void
    assert not mark_sent(sessions, claim, NOW)


def test_outbox_header_injection_is_neutralised(sessions, make_draft, smtp):
    evil = "Hello\r\nBcc: victim@evil.example\r\nSubject: pwned\r\n\r\n<script>x</script>"
    _file(sessions, make_draft, description=evil, occurred_where="Bahnhof\r\nX-Evil: 1")
    offices = dict(load_office_contacts())
    police = offices["police-station-mitte"]
    offices["police-station-mitte"] = OfficeContact(
        police.id, police.kind, "Revier\r\nBcc: a@evil.example", "Revier\nBcc: b@evil.example",
        police.email, police.district)
    deliver_due(sessions, smtp.settings(), NOW, settings=FAST, offices=offices)
    [(recipients, message)] = smtp.inbox.messages
    assert recipients == ["revier-mitte@polizei-lindenbruck.example"]
    assert message["Bcc"] is None and message["X-Evil"] is None
    assert message["Subject"].startswith("Neue Meldung LB-")
    assert set(message.keys()) == {"From", "To", "Subject", "Message-ID", "Date",
                                   "X-Report-Reference", "Content-Type",
                                   "Content-Transfer-Encoding", "MIME-Version"}
    body = message.get_content()
    assert "Bcc: victim@evil.example" in body and "<script>x</script>" in body


def test_outbox_office_without_email_stays_pending_and_says_why(sessions, make_draft, smtp):
    _file(sessions, make_draft)
    offices = dict(load_office_contacts())
    police = offices["police-station-mitte"]
    offices[police.id] = OfficeContact(police.id, police.kind, police.name_en, police.name_de,
                                       None, police.district)
    run = deliver_due(sessions, smtp.settings(), NOW, settings=FAST, offices=offices)
    assert run.sent == [] and smtp.inbox.messages == []
    row = _outbox(sessions)
    assert row.status == "pending" and "has no e-mail address" in row.last_error


def test_outbox_two_workers_at_once_send_each_report_once(sessions, make_draft, smtp):
    _file(sessions, make_draft, 30)
    settings = OutboxSettings(batch_size=3, lease_seconds=60)
    start = threading.Barrier(2)
    results: list[list[str]] = [[], []]
    errors: list[BaseException] = []

    def work(index: int) -> None:
        try:
            start.wait()
            while True:
                run = deliver_due(sessions, smtp.settings(), NOW, settings=settings,
                                  worker_id=f"worker-{index}")
                results[index].extend(run.sent)
                if run.claimed == 0 and not _due_rows(sessions):
                    return
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    ids = smtp.inbox.message_ids()
    assert len(ids) == len(set(ids)) == 30
    assert sorted(results[0] + results[1]) == sorted(ids)
    if sessions.kw["bind"].dialect.name == "postgresql":  # SQLite runs writers one by one
        assert results[0] and results[1], "both workers took part"


def _worker_env(engine, smtp_port: int) -> dict[str, str]:
    return {**os.environ,
            "DATABASE_URL": engine.url.render_as_string(hide_password=False),
            "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp_port),
            "OUTBOX_LEASE_SECONDS": "60", "OUTBOX_POLL_SECONDS": "1",
            "PYTHONPATH": str(PROJECT_ROOT)}


def test_outbox_cli_worker_delivers_due_reports(engine, sessions, make_draft, smtp):
    with sessions() as session:
        file_report(session, make_draft())  # now: due at once for the real clock
    result = subprocess.run([sys.executable, "-m", "bot.reports.outbox", "--once"],
                            env=_worker_env(engine, smtp.port), cwd=PROJECT_ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert len(smtp.inbox.messages) == 1
    assert _outbox(sessions).status == "sent"


def test_outbox_worker_killed_mid_delivery_loses_nothing_and_sends_once(
        engine, sessions, make_draft, smtp):
    with sessions() as session:
        file_report(session, make_draft())
    smtp.inbox.hold.set()
    worker = subprocess.Popen([sys.executable, "-m", "bot.reports.outbox"],
                              env=_worker_env(engine, smtp.port), cwd=PROJECT_ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert smtp.inbox.in_data.wait(timeout=30), "worker never reached DATA"
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    smtp.inbox.hold.clear()
    smtp.inbox.release.set()
    row = _outbox(sessions)
    assert row.status == "sending" and smtp.inbox.messages == []
    later = datetime.utcnow() + timedelta(seconds=61)
    run = deliver_due(sessions, smtp.settings(), later, settings=FAST)
    assert len(run.sent) == 1 and smtp.inbox.message_ids() == run.sent


def test_outbox_report_filed_by_a_process_that_is_then_killed_is_delivered(
        engine, sessions, smtp):
    script = (
        "import sys, time\n"
        "from bot.db import make_engine, session_factory\n"
        "from bot.reports import *\n"
        "t = load_routing_table()\n"
        "c = classify('Der Vermieter will nicht an Ausländer vermieten.', t, 'de')\n"
        "with session_factory(make_engine())() as s:\n"
        "    f = file_report(s, ReportDraft(c.incident, route(c.incident, t), 'Text', 'de'))\n"
        "print(f.reference, flush=True)\n"
        "time.sleep(60)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script], cwd=PROJECT_ROOT,
                               env=_worker_env(engine, smtp.port), stdout=subprocess.PIPE,
                               text=True)
    try:
        reference = process.stdout.readline().strip()
        process.send_signal(signal.SIGKILL)  # the action server dies right after replying
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert reference.startswith("LB-")
    run = deliver_due(sessions, smtp.settings(), datetime.utcnow(), settings=FAST)
    assert len(run.sent) == 1
    assert smtp.inbox.messages[0][1]["X-Report-Reference"] == reference
