"""Issue 13: the web server serves the eligibility JSON API under /api/eligibility with its
OpenAPI document, behind the same guard; arbitrary JSON gets 2xx or 4xx, never 500."""
from __future__ import annotations

import json
from collections.abc import Iterator

import httpx2
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.eligibility.api import OPENAPI_FILE
from tests.hardening.client import post
from tests.hardening.openapi_cases import documented_statuses, problems, requests
from tests.hardening.web_server import database, web_server

PROFILE = {"lives_in_city": True, "residence_status": "recognised_refugee",
           "months_in_germany": 10, "age": 22, "german_level": "a1"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with database("sqlite", tmp_path_factory.mktemp("api")) as engine, web_server(engine) as url:
        yield url


def test_the_api_and_its_openapi_document_are_served(site: str) -> None:
    document = httpx2.get(f"{site}/api/eligibility/openapi.json", timeout=60).json()
    assert document["openapi"].startswith("3") and "/api/eligibility" in document["paths"]
    facts = httpx2.get(f"{site}/api/eligibility/facts?language=ar", timeout=60).json()
    assert facts["language"] == "ar" and facts["facts"]
    status, answer = post(f"{site}/api/eligibility", {"facts": PROFILE, "language": "uk"})
    assert status == 200 and answer["results"] and answer["language"] == "uk"


def test_deep_or_huge_json_is_refused_with_4xx(site: str) -> None:
    deep = b'{"facts": ' + b"[" * 30_000 + b"]" * 30_000 + b"}"
    assert post(f"{site}/api/eligibility", None, raw=deep)[0] in (400, 413)
    assert post(f"{site}/api/eligibility", None, raw=b"[" * 5000 + b"]" * 5000)[0] == 400
    assert post(f"{site}/api/eligibility", None, raw=b" " * 70_000)[0] == 413


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                                 max_size=4),
    max_leaves=10,
)
FACT_VALUES = st.one_of(st.booleans(), st.integers(-10**12, 10**12), st.text(max_size=30),
                        st.none(), st.floats(allow_nan=False))
REQUESTS = st.one_of(
    JSON,
    st.fixed_dictionaries({"facts": st.dictionaries(st.sampled_from(sorted(PROFILE) + ["x"]),
                                                    FACT_VALUES, max_size=6)},
                          optional={"language": st.sampled_from(["en", "ar", "xx", ""]),
                                    "services": st.lists(st.text(max_size=20), max_size=3)}),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=REQUESTS)
def test_any_json_gets_2xx_or_4xx(site: str, body: object) -> None:
    status, _ = post(f"{site}/api/eligibility", None, raw=json.dumps(body).encode())
    assert 200 <= status < 500, (status, body)


DOCUMENT = yaml.safe_load(OPENAPI_FILE.read_text(encoding="utf-8"))
EVALUATE = documented_statuses(DOCUMENT, "/api/eligibility", "post")
EVALUATION_REQUEST = DOCUMENT["paths"]["/api/eligibility"]["post"]["requestBody"]["content"][
    "application/json"]["schema"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=requests(EVALUATION_REQUEST, DOCUMENT))
def test_requests_drawn_from_the_openapi_document_get_a_documented_answer(
    site: str, body: object
) -> None:
    """Every answer has a status the document lists, and a body its schema allows."""
    status, answer = post(f"{site}/api/eligibility", body)
    assert status in EVALUATE, (status, body, answer)
    assert problems(answer, EVALUATE[status], DOCUMENT) == [], (status, body)
