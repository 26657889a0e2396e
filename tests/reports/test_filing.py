"""Filing: committed with its outbox e-mail before returning, or not at all."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import event, func, select

from bot.db import session_factory
from bot.reports import (
    ConsentRequired,
    InvalidField,
    OutboxMessage,
    Report,
    TextTooLong,
    file_report,
    generate_reference,
    normalise_reference,
    report_status,
)
from bot.reports.reference import ALPHABET

from .conftest import NOW

REFERENCE = re.compile(r"LB-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}")


def _counts(engine) -> tuple[int, int]:
    """Counted through a new connection, as another process would see it."""
    with session_factory(engine)() as other:
        return (other.execute(select(func.count(Report.id))).scalar_one(),
                other.execute(select(func.count(OutboxMessage.id))).scalar_one())


def test_file_report_is_committed_with_its_outbox_row_before_returning(engine, sessions,
                                                                       make_draft):
    with sessions() as session:
        filed = file_report(session, make_draft(), now=NOW)
        assert _counts(engine) == (1, 1)
    assert REFERENCE.fullmatch(filed.reference)
    assert (filed.office_kind, filed.status) == ("police", "received")
    with sessions() as session:
        outbox = session.execute(select(OutboxMessage)).scalar_one()
        assert (outbox.status, outbox.recipient_office_id, outbox.next_attempt_at) == (
            "pending", "police-station-mitte", NOW)
        assert outbox.message_id.startswith("<report.") and outbox.message_id.endswith(
            "@lindenbruck.example>")


def test_file_report_saves_nothing_when_the_outbox_row_cannot_be_written(engine, sessions,
                                                                         make_draft):
    def fail(*_):
        raise RuntimeError("disk full while writing the outbox row")

    event.listen(OutboxMessage, "before_insert", fail)
    try:
        with sessions() as session, pytest.raises(RuntimeError):
            file_report(session, make_draft(), now=NOW)
    finally:
        event.remove(OutboxMessage, "before_insert", fail)
    assert _counts(engine) == (0, 0)


def test_file_report_replaces_a_reference_that_is_already_taken(engine, sessions, make_draft):
    taken = generate_reference()
    fresh = generate_reference()
    with sessions() as session:
        file_report(session, make_draft(), now=NOW, new_reference=lambda: taken)
        offered = iter([taken, fresh])
        filed = file_report(session, make_draft(), now=NOW, new_reference=lambda: next(offered))
    assert filed.reference == fresh
    assert _counts(engine) == (2, 2)


def test_reference_numbers_are_unique_readable_and_typo_proof():
    references = {generate_reference() for _ in range(20000)}
    assert len(references) == 20000
    assert all(REFERENCE.fullmatch(r) for r in references)
    assert not set("01IO") & set(ALPHABET)
    reference = next(iter(references))
    assert normalise_reference(reference.lower().replace("-", " ")) == reference
    body = reference[3:].replace("-", "")
    wrong = ALPHABET[(ALPHABET.index(body[2]) + 1) % len(ALPHABET)]
    assert normalise_reference("LB" + body[:2] + wrong + body[3:]) is None
    assert normalise_reference("LB-0000-0000") is None


def test_status_lookup_shows_only_status_and_office(sessions, make_draft):
    with sessions() as session:
        filed = file_report(session, make_draft(description="My secret story"), now=NOW)
        status = report_status(session, filed.reference.lower())
        assert status is not None
        assert status.__dict__ == {"status": "received", "office_id": "police-station-mitte"}
        assert report_status(session, "LB-2222-2222") is None
        assert report_status(session, "not a reference") is None


def test_file_report_refuses_contact_details_without_consent(engine, sessions, make_draft):
    with sessions() as session:
        with pytest.raises(ConsentRequired):
            file_report(session, make_draft(contact={"email": "amal@example.org"}), now=NOW)
        with pytest.raises(InvalidField):
            file_report(session, make_draft(anonymous=True, contact_consent=True,
                                            contact={"phone": "+49 69 123"}), now=NOW)
    assert _counts(engine) == (0, 0)


def test_file_report_keeps_contact_details_given_with_consent(sessions, make_draft):
    with sessions() as session:
        file_report(session, make_draft(contact={"name": "Amal", "email": "amal@example.org"},
                                        contact_consent=True, on_behalf_of=True), now=NOW)
        report = session.execute(select(Report)).scalar_one()
        assert (report.contact_name, report.contact_email, report.contact_consent,
                report.on_behalf_of) == ("Amal", "amal@example.org", True, True)


def test_file_report_size_limits_give_a_clear_error(engine, sessions, make_draft):
    with sessions() as session:
        with pytest.raises(TextTooLong) as error:
            file_report(session, make_draft(description="x" * 5001), now=NOW)
        assert (error.value.field, error.value.limit, error.value.length) == (
            "description", 5000, 5001)
        assert "at most 5000" in str(error.value)
        with pytest.raises(InvalidField):
            file_report(session, make_draft(description="   "), now=NOW)
        file_report(session, make_draft(description="x" * 5000), now=NOW)
    assert _counts(engine) == (1, 1)


def test_file_report_strips_control_characters_but_keeps_the_text(sessions, make_draft):
    with sessions() as session:
        file_report(session, make_draft(description="Er sagte:\x00 \u202e<b>raus</b>\r\nZeile 2",
                                        language="de"), now=NOW)
        report = session.execute(select(Report)).scalar_one()
        assert report.description == "Er sagte: <b>raus</b>\nZeile 2"


def test_file_report_rejects_an_unsupported_language(sessions, make_draft):
    with sessions() as session, pytest.raises(InvalidField):
        file_report(session, make_draft(language="xx"), now=NOW)


def test_file_report_sets_the_retention_deadline_from_the_environment(sessions, make_draft,
                                                                      monkeypatch):
    monkeypatch.setenv("REPORT_RETENTION_DAYS", "30")
    with sessions() as session:
        filed = file_report(session, make_draft(), now=NOW)
        report = session.execute(select(Report)).scalar_one()
        assert (report.retention_until - filed.created_at).days == 30
