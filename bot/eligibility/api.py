"""The eligibility HTTP JSON API for the staff console and other front ends.

POST /api/eligibility            one profile against all (or some) services
GET  /api/eligibility/facts      the facts vocabulary with allowed values
GET  /api/eligibility/openapi.json   the OpenAPI 3 description (openapi.yml beside this file)

Nothing about the resident is stored or logged: each request is evaluated and forgotten,
and responses say `Cache-Control: no-store`.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot.catalogue import CatalogueData, load_catalogue_files
from bot.eligibility.evaluate import evaluate, questions_needed
from bot.eligibility.loader import load_rules
from bot.eligibility.profile import ProfileError, check_profile
from bot.eligibility.render import Translate, identity, render_fact, render_result
from bot.eligibility.types import RuleBook

__all__ = ["MAX_BODY_BYTES", "create_app"]

#: A profile is a few hundred bytes; anything far larger is not a profile.
MAX_BODY_BYTES = 64 * 1024
OPENAPI_FILE = Path(__file__).with_name("openapi.yml")
_NO_STORE = {"Cache-Control": "no-store"}
_REQUEST_FIELDS = {"facts", "services", "language"}


def _no_translation(language: str) -> Translate:
    return identity


def create_app(rules_folder: str | Path, catalogue_folder: str | Path,
               translator: Callable[[str], Translate] = _no_translation) -> Starlette:
    """The API over the rules and catalogue read now; `translator(language)` gives the
    translate function for a requested language (`translatable.content_translator` reads
    the curated PO files; without one every text stays English)."""
    catalogue = load_catalogue_files(catalogue_folder)
    book = load_rules(rules_folder, catalogue)
    openapi = yaml.safe_load(OPENAPI_FILE.read_text(encoding="utf-8"))
    handlers = _Handlers(book, catalogue, translator, openapi)
    return Starlette(routes=[
        Route("/api/eligibility", handlers.evaluate, methods=["POST"]),
        Route("/api/eligibility/facts", handlers.facts, methods=["GET"]),
        Route("/api/eligibility/openapi.json", handlers.openapi, methods=["GET"]),
    ])


def _error(status: int, problems: list[str]) -> JSONResponse:
    return JSONResponse({"error": problems[0], "problems": problems}, status, _NO_STORE)


class _Handlers:
    def __init__(self, book: RuleBook, catalogue: CatalogueData,
                 translator: Callable[[str], Translate], openapi: dict[str, Any]) -> None:
        self.book = book
        self.catalogue = catalogue
        self.translator = translator
        self.openapi_document = openapi
        self.languages = set(catalogue.city.languages)

    async def evaluate(self, request: Request) -> JSONResponse:
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            return _error(413, [f"the request is larger than {MAX_BODY_BYTES} bytes"])
        try:
            payload = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return _error(400, ["the request body is not valid JSON"])
        problems = self._request_problems(payload)
        if problems:
            return _error(422, problems)
        try:
            facts = check_profile(self.book.facts, payload.get("facts", {}))
        except ProfileError as error:
            return _error(422, error.problems)
        language = payload.get("language", self.catalogue.city.source_language)
        service_ids = payload.get("services") or list(self.book.services)
        translate = self.translator(language)
        results = [evaluate(self.book.services[service], facts) for service in service_ids]
        questions = questions_needed(self.book.services, service_ids, facts)
        return JSONResponse({
            "language": language,
            "results": [render_result(result, self.book, self.catalogue, language, translate)
                        for result in results],
            "questions": [render_fact(self.book.facts[name], translate) for name in questions],
            "notice": translate(self.book.texts.notice),
        }, headers=_NO_STORE)

    def _request_problems(self, payload: Any) -> list[str]:
        if not isinstance(payload, dict):
            return ["the request body must be a JSON object with 'facts'"]
        problems = [f"'{key}' is not a request field (expected facts, services, language)"
                    for key in payload if key not in _REQUEST_FIELDS]
        services = payload.get("services")
        if services is not None:
            if not isinstance(services, list) or not all(isinstance(s, str) for s in services):
                problems.append("services must be a list of service ids")
            else:
                problems += [f"'{service}' is not a service with eligibility rules"
                             for service in services if service not in self.book.services]
        language = payload.get("language")
        if language is not None and language not in self.languages:
            problems.append(f"language must be one of {', '.join(sorted(self.languages))}")
        return problems

    async def facts(self, request: Request) -> JSONResponse:
        language = request.query_params.get("language", self.catalogue.city.source_language)
        if language not in self.languages:
            return _error(422, [f"language must be one of {', '.join(sorted(self.languages))}"])
        translate = self.translator(language)
        return JSONResponse({
            "language": language,
            "facts": [render_fact(fact, translate) for fact in self.book.facts.values()],
        })

    async def openapi(self, request: Request) -> JSONResponse:
        return JSONResponse(self.openapi_document)
