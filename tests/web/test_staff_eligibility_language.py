"""Frontline staff check eligibility in the console's language: the questions and the
results come translated from the catalogue's curated translations, as in the chat."""
import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from bot.eligibility.translatable import translator_for
from bot.web.eligibility_client import EligibilityClient

FACTS = {"lives_in_city": True, "residence_status": "recognised_refugee"}


def run(call: Coroutine[Any, Any, Any]) -> Any:
    """In a thread of its own: the browser tests keep an event loop running in this one."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, call).result()


def test_the_questions_are_asked_in_the_consoles_language() -> None:
    client = EligibilityClient()
    german = {fact["id"]: fact for fact in run(client.facts("de"))}
    english = {fact["id"]: fact for fact in run(client.facts("en"))}
    question = english["lives_in_city"]["question"]
    assert german["lives_in_city"]["question"] == translator_for("de")(question)
    assert german["lives_in_city"]["question"] != question


def test_the_results_are_given_in_the_consoles_language() -> None:
    client = EligibilityClient()
    arabic = run(client.check(FACTS, "ar"))
    english = run(client.check(FACTS, "en"))
    assert arabic["language"] == "ar"
    translate = translator_for("ar")
    for in_arabic, in_english in zip(arabic["results"], english["results"], strict=True):
        assert in_arabic["service"] == in_english["service"]
        assert in_arabic["outcome_label"] == translate(in_english["outcome_label"])
        assert in_arabic["outcome_label"] != in_english["outcome_label"]
