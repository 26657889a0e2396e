"""The staff console on the real report store: reports filed through bot.reports.file_report
into the test database, read and updated through the console, and nothing across offices."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from bot.catalogue.migrate import upgrade
from bot.db import Base, make_engine, session_scope
from bot.reports import report_status
from bot.web.accounts import create_user
from bot.web.app import create_app
from bot.web.models import WEB_TABLES
from bot.web.reports_db import DatabaseReportStore
from bot.web.settings import WebSettings
from tests.support.servers import free_port
from tests.web.browser import axe_violations, screenshot
from tests.web.conftest import PASSWORD, WebServer, serve
from tests.web.report_store import OFFICE_A, OFFICE_B, TEXT_A, TEXT_B
from tests.web.staff_login import sign_in, signed_in_client

pytestmark = pytest.mark.e2e


def _status(server: WebServer, reference: str) -> str:
    with session_scope(make_engine(server.settings.database_url)) as session:
        return report_status(session, reference).status


def test_office_staff_read_a_filed_report_and_record_progress(
        page: Page, db_web_server: WebServer, filed_reports: dict[str, str], axe: str) -> None:
    assert isinstance(db_web_server.reports, DatabaseReportStore)
    own, other = filed_reports[OFFICE_A], filed_reports[OFFICE_B]
    sign_in(page, db_web_server, "anna")
    page.get_by_role("navigation").get_by_role("link", name="Reports for your office").click()
    expect(page.get_by_role("link", name=own)).to_be_visible()
    expect(page.get_by_text(other)).to_have_count(0)
    assert axe_violations(page, axe) == []

    page.get_by_role("link", name=own).click()
    expect(page.get_by_text(TEXT_A, exact=True)).to_be_visible()
    page.get_by_label("Status").select_option("in_progress")
    page.get_by_role("button", name="Update status").click()
    expect(page.get_by_role("status")).to_be_visible()
    expect(page.locator("#report-status")).to_have_text("in_progress")
    assert axe_violations(page, axe) == []
    screenshot(page, "staff-office-report")
    assert _status(db_web_server, own) == "in_progress"


def test_filed_report_of_another_office_answers_404_even_by_url(
        db_web_server: WebServer, filed_reports: dict[str, str]) -> None:
    other = filed_reports[OFFICE_B]
    anna, token = signed_in_client(db_web_server, "anna")
    missing = anna.get("/staff/reports/LB-XXXX-XXXX")
    for typed in (other, other.lower(), other.replace("-", "")):
        answer = anna.get(f"/staff/reports/{typed}")
        assert answer.status_code == missing.status_code == 404
        assert "شعارات" not in answer.text and TEXT_B not in answer.text
    assert anna.post(f"/staff/reports/{other}",
                     data={"status": "closed", "csrf_token": token}).status_code == 404
    assert _status(db_web_server, other) == "received"

    bruno, _ = signed_in_client(db_web_server, "bruno")
    assert bruno.get(f"/staff/reports/{other}").status_code == 200
    assert bruno.get(f"/staff/reports/{filed_reports[OFFICE_A]}").status_code == 404
    for name in ("fiona", "adam"):
        client, _ = signed_in_client(db_web_server, name)
        assert client.get(f"/staff/reports/{other}").status_code == 404


def test_admin_monitoring_counts_filed_reports_by_office_and_type(
        db_web_server: WebServer, filed_reports: dict[str, str]) -> None:
    admin, _ = signed_in_client(db_web_server, "adam")
    answer = admin.get("/staff/admin/monitoring.csv")
    rows = {(r["table"], r["category_or_office"], r["language_or_type"]): int(r["count"])
            for r in csv.DictReader(io.StringIO(answer.text))}
    assert rows[("reports", OFFICE_A, "discrimination_by_city")] >= 1
    assert rows[("reports", OFFICE_B, "property_damage_or_graffiti")] >= 1
    assert not re.search(r"LB-\w{4}-\w{4}", answer.text), "figures carry no reference"


def test_web_server_starts_on_a_database_without_report_tables(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'web-only.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine, "0002_unanswered")
    Base.metadata.create_all(engine, tables=list(WEB_TABLES))  # as the web server made them
    settings = WebSettings(host="127.0.0.1", port=free_port(), database_url=url)
    create_user(engine, "anna", "office", PASSWORD, OFFICE_A)
    app = create_app(settings)
    with serve(app, settings) as base:
        client, _ = signed_in_client(WebServer(base, settings, app.state.web.reports), "anna")
        page = client.get("/staff/reports")
        assert page.status_code == 200 and not app.state.web.reports.available
    upgrade(engine)  # and a later migration accepts the tables the web server made
