"""The staff console's eligibility check, through the eligibility package's JSON API.

The console talks to the same API every other front end uses (bot/eligibility/api.py),
in process over ASGI, so a resident gets the same answer at a kiosk, in the chat and at a
counter. Nothing about the resident is stored: the form's answers live for one request.
"""
from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import httpx2

from bot.paths import catalogue_dir

__all__ = ["EligibilityClient", "facts_from_form"]

logger = logging.getLogger(__name__)
FIELD_PREFIX = "fact_"


class EligibilityClient:
    """`app` is the eligibility ASGI app; without one it is built on first use, and when
    the package cannot be loaded the console says the check is unavailable."""

    def __init__(self, app: Any = None) -> None:
        self._app = app
        self._failed = False

    def application(self) -> Any:
        """The eligibility ASGI app, or None when it cannot be loaded."""
        return self._application()

    def _application(self) -> Any:
        if self._app is None and not self._failed:
            try:
                from bot.eligibility.api import create_app
                from bot.eligibility.translatable import content_translator

                folder = catalogue_dir()
                rules = folder / "eligibility"
                self._app = create_app(
                    rules, folder, translator=content_translator(rules, folder)
                )
            except Exception:  # a broken rule file must not take the console down
                logger.exception("the eligibility API could not be loaded")
                self._failed = True
        return self._app

    async def _call(self, method: str, path: str, **options: Any) -> dict[str, Any] | None:
        app = self._application()
        if app is None:
            return None
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://eligibility") as client:
            answer = await client.request(method, path, **options)
        if answer.status_code >= 500:
            return None
        return dict(answer.json())

    async def facts(self, language: str) -> list[dict[str, Any]] | None:
        found = await self._call("GET", "/api/eligibility/facts", params={"language": language})
        return None if found is None or "facts" not in found else list(found["facts"])

    async def check(self, facts: Mapping[str, Any], language: str) -> dict[str, Any] | None:
        """The API's answer: results, questions and notice, or `error`/`problems`."""
        return await self._call("POST", "/api/eligibility",
                                json={"facts": dict(facts), "language": language})


def facts_from_form(vocabulary: list[dict[str, Any]], form: Mapping[str, Any]) -> dict[str, Any]:
    """The profile a staff member entered; empty fields are "not known" and left out."""
    profile: dict[str, Any] = {}
    for fact in vocabulary:
        raw = str(form.get(FIELD_PREFIX + fact["id"], "")).strip()
        if not raw:
            continue
        if fact["type"] == "boolean":
            profile[fact["id"]] = raw == "yes"
        elif fact["type"] == "integer":
            try:
                profile[fact["id"]] = int(raw)
            except ValueError:
                profile[fact["id"]] = raw  # the API explains what is wrong
        else:
            profile[fact["id"]] = raw
    return profile
