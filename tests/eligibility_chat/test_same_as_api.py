"""The chat and the HTTP API give the same result for the same facts, in every language:
the chat's answers are collected by the form's loop, then sent to the real API."""
from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from bot.eligibility import RuleBook
from bot.eligibility.api import create_app
from bot.eligibility.chat import check_results, result_texts
from bot.eligibility.chat_texts import default_context
from bot.eligibility.translatable import translator_for
from tests.eligibility.conftest import CATALOGUE, RULES
from tests.eligibility_chat.test_chat import converse
from tests.support.in_process import serve_in_thread

PROFILES = [
    ("recognised refugee asking about housing benefit and a course",
     ["housing-benefit", "integration-course"],
     {"lives_in_city": True, "residence_status": "recognised_refugee", "months_in_germany": 10,
      "age": 34, "household_size": 3, "pays_for_housing": True,
      "monthly_net_income_band": "from_1501_to_2000", "benefits": "none",
      "german_level": "a1"}),
    ("asylum seeker asking about housing benefit", ["housing-benefit"],
     {"residence_status": "asylum_seeker"}),
    ("parent of a baby asking about a Kita place", ["kita-place-and-voucher"],
     {"lives_in_city": True, "registered_in_city": True, "has_children_under_6": True,
      "youngest_child_age": 0, "school_age_children": 0}),
    ("someone who skipped every question", ["emergency-accommodation"], {}),
]


@pytest.fixture(scope="module")
def api_url() -> Iterator[str]:
    with serve_in_thread(create_app(RULES, CATALOGUE, translator=translator_for)) as url:
        yield f"{url}/api/eligibility"


def ask_api(url: str, body: dict[str, Any]) -> dict[str, Any]:
    request = urllib.request.Request(url, json.dumps(body).encode(),
                                     {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as reply:
        return dict(json.loads(reply.read()))


@pytest.mark.parametrize("language", ["en", "de", "ar", "fa", "uk", "ti"])
@pytest.mark.parametrize(("case", "services", "profile"), PROFILES,
                         ids=[case for case, _, _ in PROFILES])
def test_the_chat_and_the_api_give_the_same_result_for_the_same_facts(
    api_url: str, book: RuleBook, language: str, case: str, services: list[str],
    profile: dict[str, Any]
) -> None:
    _, facts, _ = converse(book, services, profile)
    context = default_context()
    translate = context.translator(language)
    chat = check_results(context.book, context.catalogue, services, facts, language, translate)
    api = ask_api(api_url, {"facts": facts, "services": services, "language": language})
    assert api["results"] == json.loads(json.dumps(chat))
    for result in chat:
        texts = result_texts(result, context.book, language, translate)
        assert texts.outcome_label in {answer["outcome_label"] for answer in api["results"]}


def test_the_api_translates_facts_and_reasons_with_the_chats_texts(api_url: str) -> None:
    body = ask_api(api_url, {"facts": {"residence_status": "asylum_seeker"},
                             "services": ["housing-benefit"], "language": "de"})
    [result] = body["results"]
    assert result["outcome_label"] == (
        "Sie können das wahrscheinlich nicht bekommen, aber es gibt andere Hilfe für Sie.")
    assert result["trace"][0]["reason"].startswith("Im Asylverfahren")
    assert body["notice"].startswith("Das ist eine erste Prüfung")
