"""The website widget on the demo city page, chatting with the real assistant."""
from __future__ import annotations

import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from tests.support.servers import Assistant
from tests.web.browser import axe_violations, screenshot
from tests.web.conftest import WebServer

pytestmark = pytest.mark.e2e


def open_widget(page: Page, server: WebServer) -> None:
    page.goto(server.url + "/")
    page.get_by_role("button", name="Chat with the city assistant").click()
    expect(page.locator("#cw-input")).to_be_focused()


def send(page: Page, text: str) -> None:
    page.locator("#cw-input").fill(text)
    page.locator("#cw-input").press("Enter")


def test_widget_chat_in_english_answers_in_a_live_transcript(
    page: Page, web_server: WebServer, axe: str
) -> None:
    open_widget(page, web_server)
    log = page.get_by_role("log", name="Conversation")
    expect(log).to_have_attribute("aria-live", "polite")

    send(page, "hello")

    reply = log.locator(".cw-bot").first
    expect(reply).to_contain_text("city assistant of Lindenbruck")
    expect(reply).to_have_attribute("lang", "en")
    expect(reply).to_have_attribute("dir", "ltr")
    expect(log.locator(".cw-user").first).to_have_attribute("lang", "en")
    screenshot(page, "widget-english")
    assert axe_violations(page, axe) == []


def test_widget_chat_in_arabic_is_laid_out_right_to_left(
    page: Page, web_server: WebServer, axe: str
) -> None:
    open_widget(page, web_server)
    picker = page.get_by_label("Language")
    expect(picker.locator("option[value=ar]")).to_have_text("العربية")
    expect(picker.locator("option[value=ar]")).to_have_attribute("lang", "ar")
    picker.select_option("ar")
    expect(page.locator("#cw-panel")).to_have_attribute("dir", "rtl")

    send(page, "مرحبا")

    reply = page.locator("#cw-log .cw-bot").first
    expect(reply).to_contain_text("مرحباً")
    expect(reply).to_have_attribute("lang", "ar")
    expect(reply).to_have_attribute("dir", "rtl")
    box = reply.bounding_box()
    panel = page.locator("#cw-panel").bounding_box()
    assert box and panel and box["x"] + box["width"] > panel["x"] + panel["width"] - 30, \
        "an Arabic reply starts at the right edge"
    screenshot(page, "widget-arabic")
    assert axe_violations(page, axe) == []


def test_widget_sends_the_picked_language_to_the_assistant(
    page: Page, web_server: WebServer
) -> None:
    open_widget(page, web_server)
    page.get_by_label("Language").select_option("uk")
    with page.expect_request("**/webhooks/rest/webhook") as request:
        send(page, "ok")
    assert json.loads(request.value.post_data or "{}")["metadata"] == {"language": "uk"}
    expect(page.locator("#cw-log .cw-bot").first).to_have_attribute("lang", "uk")


def test_widget_works_with_the_keyboard_alone(page: Page, web_server: WebServer) -> None:
    page.goto(web_server.url + "/")
    launcher = page.locator(".cw-launcher")
    for _ in range(12):
        page.keyboard.press("Tab")
        if launcher.evaluate("element => element === document.activeElement"):
            break
    expect(launcher).to_be_focused()
    outline = launcher.evaluate("element => getComputedStyle(element).outlineStyle")
    assert outline != "none", "focus is visible"
    page.keyboard.press("Enter")
    expect(page.locator("#cw-input")).to_be_focused()
    page.keyboard.type("hello")
    page.keyboard.press("Enter")
    expect(page.locator("#cw-log .cw-bot").first).to_contain_text("Lindenbruck")
    page.keyboard.press("Escape")
    expect(page.locator("#cw-panel")).to_be_hidden()
    expect(launcher).to_be_focused()


CONTRACT_REPLY = [
    {"recipient_id": "x",
     "text": "Für einen Integrationskurs brauchen Sie eine Berechtigung. Mehr: "
             "https://www.lindenbruck.example/kurse",
     "buttons": [{"title": "Wo melde ich mich an?", "payload": "/ask_where"}]},
    {"recipient_id": "x", "custom": {
        "language": "de", "translation": "machine", "direction": "ltr",
        "original": "For an integration course you need an entitlement.",
        "sources": [{"id": "integration-course", "category": "language_tuition",
                     "title": "Integrationskurs"}],
        "reference": "LB-2026-0042"}},
]


def test_widget_shows_machine_translation_original_buttons_and_sources(
    page: Page, web_server: WebServer, axe: str
) -> None:
    """A reply shaped by the contract's optional fields, which the sample bot does not send
    yet: the assistant's answer is replaced in the browser, everything else is real."""
    asked: list[str] = []

    def reply(route: Route) -> None:
        asked.append(json.loads(route.request.post_data or "{}")["message"])
        route.fulfill(status=200, content_type="application/json", body=json.dumps(CONTRACT_REPLY))

    page.route("**/webhooks/rest/webhook", reply)
    open_widget(page, web_server)
    send(page, "Integrationskurs")

    turn = page.locator("#cw-log .cw-bot").first
    expect(turn).to_have_attribute("lang", "de")
    expect(turn.get_by_text("Machine translated")).to_be_visible()
    original = turn.locator("blockquote")
    expect(original).to_be_hidden()
    toggle = turn.get_by_role("button", name="Show original")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(original).to_be_visible()
    expect(original).to_have_text("For an integration course you need an entitlement.")
    expect(original).to_have_attribute("lang", "en")
    expect(turn.get_by_role("button", name="Hide original")).to_have_attribute(
        "aria-expanded", "true"
    )
    expect(turn.get_by_role("link", name="https://www.lindenbruck.example/kurse")).to_be_visible()
    source = turn.get_by_role("link", name="Integrationskurs")
    expect(source).to_have_attribute(
        "href", web_server.url + "/services/integration-course?lang=de"
    )
    expect(turn.get_by_text("LB-2026-0042")).to_be_visible()
    assert axe_violations(page, axe) == []

    turn.get_by_role("button", name="Wo melde ich mich an?").click()
    # The labels follow the reply language.
    expect(page.locator("#cw-log .cw-user").nth(1)).to_have_text("Sie: Wo melde ich mich an?")
    assert asked == ["Integrationskurs", "/ask_where"]


def test_widget_shows_reply_text_as_text_never_as_markup(page: Page, web_server: WebServer) -> None:
    page.route("**/webhooks/rest/webhook", lambda route: route.fulfill(
        status=200, content_type="application/json", body=json.dumps([
            {"text": "<img src=x onerror=\"document.body.dataset.owned='yes'\">"},
            {"custom": {"language": "en", "translation": "source", "direction": "ltr"}}])))
    open_widget(page, web_server)
    send(page, "hi")
    expect(page.locator("#cw-log .cw-bot").first).to_contain_text("<img src=x")
    assert page.evaluate("document.body.dataset.owned") is None


def test_source_link_opens_the_service_page_in_the_reply_language(
    page: Page, web_server: WebServer, axe: str
) -> None:
    page.goto(web_server.url + "/services/integration-course?lang=de")
    expect(page.get_by_role("heading", level=1)).to_have_text("Integrationskurs")
    expect(page.locator("h1 span")).to_have_attribute("lang", "de")
    assert axe_violations(page, axe) == []
    screenshot(page, "service-page-de", full_page=True)


def test_demo_page_and_widget_pass_axe(page: Page, web_server: WebServer, axe: str) -> None:
    page.goto(web_server.url + "/")
    expect(page.get_by_text("Lindenbruck is a fictional city")).to_be_visible()
    assert axe_violations(page, axe) == []
    screenshot(page, "demo-page")


def test_widget_on_another_sites_page_talks_to_rasa_directly(
        page: Page, web_server: WebServer, assistant: Assistant, tmp_path: Path) -> None:
    """A city's own page (another origin) embeds the widget with data-bot-url: the browser
    posts straight to Rasa's REST channel, which allows it by CORS (`rasa run --cors "*"`)."""
    bot = assistant.rasa_urls[0]
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>City of Lindenbruck</title></head>'
        "<body><main><h1>Lindenbruck</h1></main>"
        f'<script src="{web_server.url}/widget.js" data-bot-url="{bot}" defer></script>'
        "</body></html>",
        encoding="utf-8",
    )
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    with ThreadingHTTPServer(("127.0.0.1", 0), handler) as site:
        threading.Thread(target=site.serve_forever, daemon=True).start()
        city = f"http://localhost:{site.server_address[1]}"
        try:
            page.goto(city + "/")
            page.get_by_role("button", name="Chat with the city assistant").click()
            with page.expect_response(f"{bot}/webhooks/rest/webhook") as answer:
                send(page, "hello")
            assert answer.value.status == 200
            assert answer.value.headers.get("access-control-allow-origin") in {"*", city}
            expect(page.locator("#cw-log .cw-bot").first).to_contain_text("Lindenbruck")
        finally:
            site.shutdown()
