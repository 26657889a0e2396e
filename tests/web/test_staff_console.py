"""The staff console: sign-in, lockout, CSRF, roles and the report permission boundary."""
from __future__ import annotations

import csv
import io
import re

import httpx2
import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from bot.db import make_engine, session_scope
from bot.web.models import StaffSessionRow, StaffUserRow
from tests.support.servers import Assistant
from tests.web.browser import axe_violations, screenshot
from tests.web.conftest import PASSWORD, WebServer
from tests.web.report_store import OFFICE_A
from tests.web.staff_login import expect_signed_in, sign_in, signed_in_client

pytestmark = pytest.mark.e2e


def test_staff_sign_in_keeps_only_a_random_id_in_the_cookie(
    page: Page, web_server: WebServer, axe: str
) -> None:
    page.goto(web_server.url + "/staff")
    expect(page).to_have_url(re.compile(r"/staff/login$"))
    assert axe_violations(page, axe) == []
    screenshot(page, "staff-login")

    sign_in(page, web_server, "anna")

    expect_signed_in(page, "anna")
    [cookie] = [c for c in page.context.cookies() if c["name"] == "staff_session"]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert "anna" not in cookie["value"] and len(cookie["value"]) >= 40
    with session_scope(make_engine(web_server.settings.database_url)) as session:
        stored = session.execute(select(StaffSessionRow.token_hash)).scalars().all()
        hashes = session.execute(select(StaffUserRow.password_hash)).scalars().all()
    assert cookie["value"] not in stored, "only a hash of the id is stored"
    assert all(value.startswith("$argon2id$") for value in hashes)

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/staff/login$"))
    page.goto(web_server.url + "/staff/reports")
    expect(page).to_have_url(re.compile(r"/staff/login$"))


def test_staff_wrong_password_is_refused(page: Page, web_server: WebServer) -> None:
    sign_in(page, web_server, "fiona", "not the password")
    expect(page.get_by_role("alert")).to_have_text("The user name or password is not correct.")


def test_staff_sign_in_locks_after_five_failures_even_for_the_right_password(
        page: Page, web_server: WebServer, axe: str) -> None:
    for _ in range(4):
        sign_in(page, web_server, "lena", "wrong password")
        expect(page.get_by_role("alert")).to_contain_text("not correct")
    sign_in(page, web_server, "lena", "wrong password")
    expect(page.get_by_role("alert")).to_contain_text("locked for 15 minutes")

    sign_in(page, web_server, "lena", PASSWORD)
    expect(page.get_by_role("alert")).to_contain_text("locked")
    assert not [c for c in page.context.cookies() if c["name"] == "staff_session"]
    assert axe_violations(page, axe) == []

    sign_in(page, web_server, "anna")  # other accounts are not affected
    expect_signed_in(page, "anna")


def test_staff_forms_without_a_valid_csrf_token_are_rejected(web_server: WebServer) -> None:
    client, token = signed_in_client(web_server, "anna")
    url = "/staff/reports/LB-A-0001"
    assert client.post(url, data={"status": "closed"}).status_code == 403
    assert client.post(url, data={"status": "closed", "csrf_token": "forged"}).status_code == 403
    assert client.post("/staff/logout", data={}).status_code == 403
    assert web_server.reports.reports["LB-A-0001"].summary.status == "received"
    assert client.post(url, data={"status": "in_progress", "csrf_token": token}).status_code == 303
    assert web_server.reports.reports["LB-A-0001"].summary.status == "in_progress"

    fresh = httpx2.Client(base_url=web_server.url, timeout=30)
    answer = fresh.post(
        "/staff/login", data={"name": "anna", "password": PASSWORD, "csrf_token": "x"}
    )
    assert answer.status_code == 403, "the sign-in form has CSRF protection too"


def test_office_staff_see_only_their_own_offices_reports(
    page: Page, web_server: WebServer, axe: str
) -> None:
    sign_in(page, web_server, "anna")
    page.get_by_role("navigation").get_by_role("link", name="Reports for your office").click()
    expect(page.get_by_role("link", name="LB-A-0001")).to_be_visible()
    expect(page.get_by_text("LB-B-0001")).to_have_count(0)
    assert axe_violations(page, axe) == []
    screenshot(page, "staff-office-reports")
    page.get_by_role("link", name="LB-A-0001").click()
    expect(
        page.get_by_text("The clerk at the citizens' office refused to serve me.", exact=True)
    ).to_be_visible()
    assert axe_violations(page, axe) == []


def test_office_staff_cannot_open_another_offices_report_even_by_url(web_server: WebServer) -> None:
    client, token = signed_in_client(web_server, "anna")
    other = client.get("/staff/reports/LB-B-0001")
    missing = client.get("/staff/reports/LB-X-9999")
    assert other.status_code == missing.status_code == 404
    assert "رسم" not in other.text
    assert re.sub(r"LB-\w-\d+", "", other.text) == re.sub(r"LB-\w-\d+", "", missing.text), \
        "another office's report looks exactly like one that does not exist"
    changed = client.post(
        "/staff/reports/LB-B-0001", data={"status": "closed", "csrf_token": token}
    )
    assert changed.status_code == 404
    assert web_server.reports.reports["LB-B-0001"].summary.status == "received"

    bruno, _ = signed_in_client(web_server, "bruno")
    assert bruno.get("/staff/reports/LB-B-0001").status_code == 200
    assert bruno.get("/staff/reports/LB-A-0001").status_code == 404


@pytest.mark.parametrize("name", ["fiona", "adam"])
def test_staff_of_other_roles_cannot_open_reports(web_server: WebServer, name: str) -> None:
    client, _ = signed_in_client(web_server, name)
    assert client.get("/staff/reports/LB-A-0001").status_code == 404
    assert client.get("/staff/reports").status_code == 403


def test_roles_keep_to_their_own_pages(web_server: WebServer) -> None:
    frontline, _ = signed_in_client(web_server, "fiona")
    office, _ = signed_in_client(web_server, "anna")
    for path in (
        "/staff/admin/monitoring",
        "/staff/admin/monitoring.csv",
        "/staff/admin/catalogue",
    ):
        assert frontline.get(path).status_code == 403
        assert office.get(path).status_code == 403
    assert office.get("/staff/eligibility").status_code == 403


def test_frontline_checks_eligibility_for_a_resident(
    page: Page, web_server: WebServer, axe: str
) -> None:
    sign_in(page, web_server, "fiona")
    page.get_by_role("navigation").get_by_role(
        "link", name="Eligibility check for a resident"
    ).click()
    assert axe_violations(page, axe) == []
    page.get_by_role(
        "group", name="Do you live in Lindenbruck, or are you moving here?"
    ).get_by_label("Yes").check()
    page.get_by_label("What is your residence status in Germany?").select_option(
        "recognised_refugee"
    )
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("heading", name="Results")).to_be_visible()
    expect(page.locator(".result").first).to_be_visible()
    expect(page.get_by_label("What is your residence status in Germany?")).to_have_value(
        "recognised_refugee"
    )
    assert axe_violations(page, axe) == []
    screenshot(page, "staff-eligibility", full_page=False)


def test_frontline_looks_up_the_catalogue(page: Page, web_server: WebServer, axe: str) -> None:
    sign_in(page, web_server, "fiona")
    page.get_by_role("navigation").get_by_role("link", name="Catalogue lookup").click()
    page.get_by_label("Service, keyword or office").fill("Integrationskurs")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#s-integration-course")).to_be_visible()
    assert axe_violations(page, axe) == []


def test_admin_monitoring_counts_questions_anonymously_and_exports_csv(
        page: Page, web_server: WebServer, assistant: Assistant, axe: str) -> None:
    relay = httpx2.Client(base_url=web_server.url, timeout=60)
    unanswerable = "Can you order me a pizza with extra cheese?"
    for number, (text, language) in enumerate(
        (("hello", None), ("مرحبا", "ar"), (unanswerable, "en"))
    ):
        body = {"sender": f"monitoring-test-{number}", "message": text}
        if language:
            body["metadata"] = {"language": language}
        answer = relay.post("/bot/webhooks/rest/webhook", json=body)
        assert answer.status_code == 200

    sign_in(page, web_server, "adam")
    page.get_by_role("navigation").get_by_role("link", name="Monitoring").click()
    expect(page.get_by_role("heading", name="Monitoring", level=1)).to_be_visible()
    expect(page.get_by_role("cell", name=OFFICE_A)).to_be_visible()
    assert axe_violations(page, axe) == []
    screenshot(page, "staff-admin-monitoring", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as CSV").click()
    rows = list(csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
    questions = {(r["category_or_office"], r["language_or_type"]): int(r["count"])
                 for r in rows if r["table"] == "questions"}
    assert questions.get(("none", "ar"), 0) >= 1
    answers = {r["category_or_office"]: int(r["count"]) for r in rows if r["table"] == "answers"}
    assert answers["unanswered"] >= 1 and answers["answered"] >= 2
    assert ("reports", OFFICE_A, "discrimination") in {
        (r["table"], r["category_or_office"], r["language_or_type"]) for r in rows}
    assert "monitoring-test" not in open(download.value.path(), encoding="utf-8").read()

    page.get_by_role("navigation").get_by_role("link", name="Unanswered questions").click()
    expect(page.get_by_role("cell", name=unanswerable)).to_be_visible()
    assert axe_violations(page, axe) == []


def test_admin_sees_translation_coverage_and_reloads_the_catalogue(
    page: Page, web_server: WebServer, axe: str
) -> None:
    sign_in(page, web_server, "adam")
    page.get_by_role("navigation").get_by_role("link", name="Translation coverage").click()
    expect(page.locator("tbody tr")).to_have_count(14)
    expect(page.locator("tbody th span[lang=ar]")).to_have_text("العربية")
    assert axe_violations(page, axe) == []
    screenshot(page, "staff-admin-translations", full_page=True)

    page.get_by_role("navigation").get_by_role("link", name="Catalogue", exact=True).click()
    page.get_by_role("button", name="Reload the catalogue from its files").click()
    expect(page.get_by_role("status")).to_contain_text("Catalogue reloaded")
    assert axe_violations(page, axe) == []
