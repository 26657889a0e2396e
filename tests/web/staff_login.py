"""Signing in to the staff console, in the browser and over plain HTTP."""
from __future__ import annotations

import re

import httpx2
from playwright.sync_api import Page, expect

from tests.web.conftest import PASSWORD, WebServer


def sign_in(page: Page, server: WebServer, name: str, password: str = PASSWORD) -> None:
    page.goto(server.url + "/staff/login")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def signed_in_client(server: WebServer, name: str) -> tuple[httpx2.Client, str]:
    """An HTTP client with a session, and the session's CSRF token."""
    client = httpx2.Client(base_url=server.url, follow_redirects=False, timeout=30)
    form = client.get("/staff/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    answer = client.post(
        "/staff/login", data={"csrf_token": token, "name": name, "password": PASSWORD}
    )
    assert answer.status_code == 303, answer.text
    home = client.get("/staff").text
    return client, re.search(r'name="csrf_token" value="([^"]+)"', home).group(1)


def expect_signed_in(page: Page, name: str) -> None:
    expect(page.get_by_text(f"Signed in as {name}")).to_be_visible()
