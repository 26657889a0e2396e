"""The HTTP JSON API, served by uvicorn on a free loopback port and called with urllib
(httpx, which Starlette's TestClient needs, is not in the environment)."""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from bot.eligibility import RuleBook, evaluate, render_result
from bot.eligibility.api import create_app
from tests.eligibility.conftest import CATALOGUE, RULES
from tests.support.in_process import serve_in_thread

PROFILE = {"lives_in_city": True, "residence_status": "recognised_refugee",
           "months_in_germany": 10, "age": 22, "german_level": "a1"}


@pytest.fixture(scope="module")
def api_url() -> Iterator[str]:
    with serve_in_thread(create_app(RULES, CATALOGUE)) as url:
        yield f"{url}/api/eligibility"


def call(url: str, body: Any = None, raw: bytes | None = None) -> tuple[int, dict, Any]:
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.load(error)


def test_api_evaluates_a_profile_against_every_service(api_url: str, book: RuleBook) -> None:
    status, headers, body = call(api_url, {"facts": PROFILE})
    assert status == 200
    assert headers["cache-control"] == "no-store"
    assert [result["service"] for result in body["results"]] == list(book.services)
    course = next(r for r in body["results"] if r["service"] == "integration-course")
    assert course["outcome"] == "eligible"
    assert course["sources"] == [{"id": "integration-course", "category": "language_tuition",
                                  "title": "Integration course (German and life in Germany)"}]
    assert course["trace"][0]["reason_key"] == "integration-course.adult-learner.holds"


def test_api_gives_the_same_result_as_the_chat_rendering(api_url, book, catalogue) -> None:
    services = ["integration-course", "housing-benefit", "emergency-accommodation"]
    status, _, body = call(api_url, {"facts": PROFILE, "services": services})
    assert status == 200
    expected = [render_result(evaluate(book.services[service], PROFILE), book, catalogue)
                for service in services]
    assert body["results"] == json.loads(json.dumps(expected))
    assert [fact["id"] for fact in body["questions"]] == [
        "household_size", "has_place_to_sleep", "pays_for_housing", "monthly_net_income_band",
        "benefits"]


def test_api_not_eligible_result_names_alternatives_and_the_deciding_office(api_url) -> None:
    status, _, body = call(api_url, {"facts": {"has_place_to_sleep": True},
                                     "services": ["emergency-accommodation"]})
    result = body["results"][0]
    assert (status, result["outcome"]) == (200, "not_eligible")
    assert {"kind": "service", "id": "help-keeping-your-flat",
            "title": "Help when you may lose your flat"} in result["alternatives"]
    assert result["decided_by"][0]["id"] == "emergency-shelter"
    assert "office decides" in result["notice"]
    assert result["trace"][0]["instead"] == result["alternatives"]


def test_api_unknown_outcome_lists_missing_facts(api_url) -> None:
    _, _, body = call(api_url, {"facts": {}, "services": ["emergency-accommodation"]})
    result = body["results"][0]
    assert result["outcome"] == "unknown"
    assert [fact["id"] for fact in result["missing_facts"]] == ["has_place_to_sleep"]
    assert result["trace"][0]["holds"] is None


@pytest.mark.parametrize("body, message", [
    ({"facts": {"shoe_size": 42}}, "'shoe_size' is not a known fact"),
    ({"facts": {"age": "old"}}, "age: expected a whole number"),
    ({"facts": {"residence_status": "tourist"}}, "residence_status: 'tourist' is not one of"),
    ({"facts": [], "services": []}, "facts must be an object"),
    ({"facts": {}, "services": ["flying-lessons"]}, "'flying-lessons' is not a service"),
    ({"facts": {}, "language": "xx"}, "language must be one of"),
    ({"profile": {}}, "'profile' is not a request field"),
])
def test_api_rejects_invalid_input_with_422(api_url: str, body: Any, message: str) -> None:
    status, _, answer = call(api_url, body)
    assert status == 422
    assert message in answer["error"]


def test_api_rejects_a_body_that_is_not_json(api_url: str) -> None:
    status, _, answer = call(api_url, raw=b"{not json")
    assert (status, answer["error"]) == (400, "the request body is not valid JSON")


def test_api_lists_facts_with_allowed_values(api_url: str, book: RuleBook) -> None:
    status, _, body = call(f"{api_url}/facts")
    assert status == 200
    facts = {fact["id"]: fact for fact in body["facts"]}
    assert list(facts) == list(book.facts)
    statuses = [value["id"] for value in facts["residence_status"]["values"]]
    assert {"tolerated", "temporary_protection", "asylum_seeker", "no_status"} <= set(statuses)
    assert facts["age"]["type"] == "integer" and facts["age"]["maximum"] == 120
    assert facts["monthly_net_income_band"]["values"][0]["up_to"] == 500


def test_api_openapi_document_parses_and_describes_the_routes(api_url: str) -> None:
    status, _, document = call(f"{api_url}/openapi.json")
    assert status == 200
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {"/api/eligibility", "/api/eligibility/facts",
                                      "/api/eligibility/openapi.json"}
    _, _, body = call(api_url, {"facts": PROFILE, "services": ["integration-course"]})
    schemas = document["components"]["schemas"]
    assert set(schemas["Result"]["required"]) <= set(body["results"][0])
    assert set(schemas["TraceStep"]["required"]) <= set(body["results"][0]["trace"][0])
    assert set(schemas["EvaluationResponse"]["required"]) <= set(body)


def test_render_result_translates_texts_but_keeps_reason_keys(book, catalogue) -> None:
    german = {"You can probably get this.": "Sie bekommen das wahrscheinlich."}
    result = evaluate(book.services["emergency-accommodation"], {"has_place_to_sleep": False})
    rendered = render_result(result, book, catalogue, "de", lambda text: german.get(text, text))
    assert rendered["outcome_label"] == "Sie bekommen das wahrscheinlich."
    assert rendered["trace"][0]["reason_key"] == "emergency-accommodation.nowhere-to-sleep.holds"
    assert rendered["sources"][0]["title"] == "Notunterkunft bei Obdachlosigkeit"


def test_api_refuses_a_body_far_larger_than_a_profile(api_url: str) -> None:
    status, _, answer = call(api_url, raw=b" " * (64 * 1024 + 1))
    assert status == 413
