"""The library kiosk against the real assistant: language first, reset after inactivity."""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.conversation.replies import turns
from tests.support.servers import Assistant
from tests.web.browser import axe_violations, screenshot
from tests.web.conftest import KIOSK_IDLE_SECONDS, KIOSK_WARNING_SECONDS, WebServer

pytestmark = pytest.mark.e2e


def senders_seen(page: Page) -> list[str]:
    seen: list[str] = []

    def record(request) -> None:  # type: ignore[no-untyped-def]
        if request.url.endswith("/webhooks/rest/webhook") and request.method == "POST":
            seen.append(json.loads(request.post_data or "{}")["sender"])

    page.on("request", record)
    return seen


def start_in(page: Page, server: WebServer, language_name: str) -> None:
    page.goto(server.url + "/kiosk")
    page.get_by_role("button", name=language_name, exact=True).click()
    expect(page.locator("#k-chat")).to_be_visible()
    expect(page.locator("#k-input")).to_be_focused()


def say(page: Page, text: str, send: str = "Send") -> None:
    """`send` is the Send button's label in the chosen language."""
    page.locator("#k-input").fill(text)
    page.get_by_role("button", name=send, exact=True).click()


def language_of_a_short_message(assistant: Assistant, sender: str) -> str:
    """A short "ok" keeps the conversation's language: English means a fresh conversation."""
    return turns(assistant.send(sender, "ok"))[-1].custom["language"]


def storage_left(page: Page, context: BrowserContext) -> dict[str, object]:
    return {
        "local": page.evaluate("localStorage.length"),
        "session": page.evaluate("sessionStorage.length"),
        "cookies": context.cookies(),
    }


def test_kiosk_asks_for_the_language_first_in_each_languages_own_script(
    page: Page, web_server: WebServer, axe: str
) -> None:
    page.goto(web_server.url + "/kiosk")
    expect(page.get_by_role("heading", name="Choose your language")).to_be_visible()
    buttons = page.locator(".k-language")
    expect(buttons).to_have_count(14)
    arabic = page.get_by_role("button", name="العربية")
    expect(arabic).to_have_attribute("lang", "ar")
    expect(arabic).to_have_attribute("dir", "rtl")
    assert arabic.bounding_box()["height"] >= 64, "large touch targets"
    expect(page.locator("#k-chat")).to_be_hidden()
    assert axe_violations(page, axe) == []
    screenshot(page, "kiosk-language-choice")


def test_kiosk_end_session_forgets_the_conversation_everywhere(
    page: Page, context: BrowserContext, web_server: WebServer, assistant: Assistant, axe: str
) -> None:
    seen = senders_seen(page)
    start_in(page, web_server, "العربية")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", name="مساعد المدينة")).to_be_visible()
    expect(page.get_by_label("رسالتك")).to_be_visible()
    say(page, "أريد التحدث إلى شخص", send="إرسال")
    reply = page.locator("#k-log .k-bot").first
    expect(reply).to_have_attribute("lang", "ar")
    expect(reply).to_have_attribute("dir", "rtl")
    expect(page.locator("#k-slip")).to_be_visible()
    expect(page.locator("#k-slip")).to_contain_text("Lindenplatz 3, 00101 Lindenbruck")
    assert axe_violations(page, axe) == []
    screenshot(page, "kiosk-arabic-with-slip")
    old = seen[0]

    # On a slow machine the idle warning (3 s in tests) may already cover the page after the
    # checks above; its own "end session" button, the last in the page, is then the one a
    # person presses. Either ends the session.
    page.get_by_role("button", name="إنهاء الجلسة").last.click()

    expect(page.locator("#k-start")).to_be_visible()
    expect(page.locator("#k-ended")).to_contain_text("The session has ended")
    expect(page.locator("#k-log .k-msg")).to_have_count(0)
    expect(page.locator("#k-slip")).to_be_hidden()
    assert seen[-1] == old, "the old conversation was told to restart"
    assert storage_left(page, context) == {"local": 0, "session": 0, "cookies": []}
    assert language_of_a_short_message(assistant, old) == "en", "the old tracker is fresh"

    start_in(page, web_server, "English")
    say(page, "hello")
    expect(page.locator("#k-log .k-bot").first).to_have_attribute("lang", "en")
    assert seen[-1] != old, "the next person gets a new conversation id"


def test_kiosk_warns_after_inactivity_then_resets(
    page: Page, context: BrowserContext, web_server: WebServer, assistant: Assistant, axe: str
) -> None:
    seen = senders_seen(page)
    start_in(page, web_server, "Deutsch")
    say(page, "Hallo, guten Tag", send="Senden")
    expect(page.locator("#k-log .k-bot").first).to_have_attribute("lang", "de")
    old = seen[0]
    assert language_of_a_short_message(assistant, old) == "de", "kept until the reset"

    warning = page.get_by_role("alertdialog", name="Sind Sie noch da?")
    expect(warning).to_be_visible(timeout=(KIOSK_IDLE_SECONDS + 3) * 1000)
    expect(page.get_by_role("button", name="Weiter")).to_be_focused()
    assert axe_violations(page, axe) == []
    screenshot(page, "kiosk-inactivity-warning")

    expect(page.locator("#k-start")).to_be_visible(timeout=(KIOSK_WARNING_SECONDS + 5) * 1000)
    page.wait_for_selector("body[data-reset-done]")
    expect(page.locator("#k-log .k-msg")).to_have_count(0)
    assert storage_left(page, context) == {"local": 0, "session": 0, "cookies": []}
    assert language_of_a_short_message(assistant, old) == "en", "the old tracker is fresh"


def test_kiosk_continue_keeps_the_conversation(page: Page, web_server: WebServer) -> None:
    start_in(page, web_server, "English")
    say(page, "hello")
    expect(page.locator("#k-log .k-bot")).to_have_count(1)
    expect(page.get_by_role("alertdialog")).to_be_visible(timeout=(KIOSK_IDLE_SECONDS + 3) * 1000)
    page.keyboard.press("Enter")
    expect(page.get_by_role("alertdialog")).to_be_hidden()
    expect(page.locator("#k-log .k-bot")).to_have_count(1)
    expect(page.locator("#k-input")).to_be_focused()


def test_kiosk_prints_only_the_slip(page: Page, web_server: WebServer) -> None:
    start_in(page, web_server, "English")
    say(page, "I want to talk to a person")
    expect(page.locator("#k-slip")).to_contain_text("Welcome Centre Lindenbruck")
    expect(page.get_by_role("button", name="Print slip")).to_be_visible()
    page.emulate_media(media="print")
    assert page.locator("#k-slip").evaluate("e => getComputedStyle(e).visibility") == "visible"
    assert page.locator("#k-log").evaluate("e => getComputedStyle(e).visibility") == "hidden"
    assert page.locator("#k-end").evaluate("e => getComputedStyle(e).visibility") == "hidden"
    screenshot(page, "kiosk-printed-slip")


def test_kiosk_labels_follow_the_chosen_language_tigrinya(
    page: Page, web_server: WebServer, axe: str
) -> None:
    start_in(page, web_server, "ትግርኛ")
    expect(page.locator("html")).to_have_attribute("lang", "ti")
    expect(page.get_by_role("heading", name="ሓጋዚ ከተማ")).to_be_visible()
    expect(page.get_by_role("button", name="ኣኼባ ወድእ")).to_be_visible()
    expect(page.get_by_label("መልእኽትኻ")).to_be_visible()
    expect(page.get_by_role("button", name="ስደድ", exact=True)).to_be_visible()
    assert axe_violations(page, axe) == []
    screenshot(page, "kiosk-tigrinya")
