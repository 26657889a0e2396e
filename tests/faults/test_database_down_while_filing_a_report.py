"""The database goes away just before a person confirms their report in chat.

Nothing may be lost or half-saved: the person is told, in their language, that the report
was not saved, to try again, and how to reach the office directly; the intake is kept, so
once the database is back one "yes" files it, and exactly one report exists, with exactly
one outbox e-mail. The database is a real PostgreSQL server of the test's own
(throwaway_postgres.py), stopped as a crash would stop it, then started again.

The outage lasts into a new minute, so the reply cannot come from values read before it
(bot/responses/shared_arguments.py), and the filing after it runs on connections that the
restart dropped (bot/db.py replaces them: pool_pre_ping).
"""
from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.db import make_engine, session_factory
from bot.paths import PROJECT_ROOT
from bot.reports import OutboxMessage, Report
from bot.responses.shared_arguments import REFRESH_SECONDS
from tests.conversation.replies import Turn, turns
from tests.conversation.report_intake import button, expected, intake_up_to_the_confirmation
from tests.faults.throwaway_postgres import ThrowawayPostgres, postgres_bin_dir
from tests.support.servers import TEST_RATE_LIMITS, VENV_BIN, Assistant, start_assistant


@dataclass
class ProductOnPostgres:
    assistant: Assistant
    postgres: ThrowawayPostgres

    def say(self, sender: str, text: str) -> list[Turn]:
        replies = turns(self.assistant.send(sender, text))
        assert replies, f"no reply to {text!r}"
        return replies


@pytest.fixture(scope="module")
def product(
    trained_model: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ProductOnPostgres]:
    if postgres_bin_dir() is None:
        pytest.skip("PostgreSQL server binaries are not installed (this test starts its own)")
    postgres = ThrowawayPostgres()
    postgres.create()
    try:
        subprocess.run(
            [str(VENV_BIN / "python"), "-m", "bot.catalogue", "load", "services_catalogue"],
            cwd=PROJECT_ROOT, check=True, capture_output=True,
            env={**os.environ, "DATABASE_URL": postgres.url},
        )
        env = {"DATABASE_URL": postgres.url, "REDIS_URL": "", **TEST_RATE_LIMITS}
        assistant = start_assistant(trained_model, tmp_path_factory.mktemp("db-down"), env)
    except BaseException:
        postgres.remove()
        raise
    yield ProductOnPostgres(assistant, postgres)
    assistant.stop()
    postgres.remove()


def _wait_until_cached_values_expire() -> None:
    """Until a new period of bot.responses.shared_arguments begins, so that the reply must
    be rendered without the database (CLOCK_MONOTONIC is the same in every process)."""
    period = int(time.monotonic() // REFRESH_SECONDS)
    while int(time.monotonic() // REFRESH_SECONDS) == period:
        time.sleep(0.5)


def _reports_and_outbox(url: str, language: str) -> tuple[list[Report], int, int]:
    """The reports in this language (one conversation each), their outbox e-mails, and how
    many reports in the whole database have no outbox e-mail."""
    engine = make_engine(url)
    try:
        with session_factory(engine)() as session:
            reports = list(session.execute(
                select(Report).where(Report.language == language)).scalars())
            mails = session.execute(
                select(func.count(OutboxMessage.id))
                .where(OutboxMessage.report_id.in_([r.id for r in reports]))).scalar_one()
            without_mail = session.execute(
                select(func.count(Report.id)).where(~Report.outbox.any())).scalar_one()
            return reports, mails, without_mail
    finally:
        engine.dispose()


# The contact details given, or None to stay anonymous.
CONTACT = {"uk": "Олена Коваль, olena.koval@example.org", "ar": None}


@pytest.mark.e2e
@pytest.mark.postgres
@pytest.mark.parametrize("language", sorted(CONTACT))
def test_database_down_at_confirmation_nothing_is_saved_the_person_retries_and_one_report_exists(
    product: ProductOnPostgres, sender: str, language: str
) -> None:
    contact = CONTACT[language]
    confirm = intake_up_to_the_confirmation(
        lambda text: product.say(sender, text), language, contact)

    product.postgres.stop()
    try:
        _wait_until_cached_values_expire()
        not_saved, try_again = product.say(sender, button(confirm, "/affirm"))
    finally:
        product.postgres.start()

    office = not_saved.custom["office"]
    assert not_saved.custom["language"] == try_again.custom["language"] == language
    assert "reference" not in not_saved.custom
    assert office["name"] in not_saved.text
    assert "+49" in not_saved.text, "the office's direct contact is given"
    opening = expected("utter_report_not_saved", language, office_name="\0", office_contact="")
    assert not_saved.text.startswith(opening.split("\0")[0])
    assert try_again.text == expected("utter_report_ask_try_again", language)
    reports, mails, without_mail = _reports_and_outbox(product.postgres.url, language)
    assert (reports, mails, without_mail) == ([], 0, 0)

    filed, *_ = product.say(sender, button(try_again, "/affirm"))

    reference = filed.custom["reference"]
    assert reference in filed.text
    assert filed.custom["language"] == language
    reports, mails, without_mail = _reports_and_outbox(product.postgres.url, language)
    assert [r.reference for r in reports] == [reference]
    assert (mails, without_mail) == (1, 0)
    assert reports[0].language == language
    assert reports[0].anonymous is (contact is None)


@pytest.mark.e2e
@pytest.mark.postgres
def test_database_restarted_during_the_intake_the_report_is_filed_at_the_first_confirmation(
    product: ProductOnPostgres, sender: str
) -> None:
    """Connections opened before the restart are dead; none may cost the person a retry."""
    language = "uk"
    confirm = intake_up_to_the_confirmation(
        lambda text: product.say(sender, text), language, CONTACT[language])
    before = len(_reports_and_outbox(product.postgres.url, language)[0])
    # Someone else sends a bare reference: the action server now holds an open connection.
    # (The model may take it for a status or an erasure request; either answers about it.)
    [unknown] = product.say(f"{sender}-other", "LB-7K3Q-9XRM")
    assert "LB-7K3Q-9XRM" in unknown.text, unknown

    product.postgres.stop()
    product.postgres.start()
    filed, *_ = product.say(sender, button(confirm, "/affirm"))

    assert filed.custom.get("reference"), filed
    assert filed.custom["language"] == language
    reports, _, without_mail = _reports_and_outbox(product.postgres.url, language)
    assert len(reports) == before + 1
    assert without_mail == 0
