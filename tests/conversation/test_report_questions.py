"""Questions about discrimination and hate crime against the trained model: the office and
why, then the offer to report; danger now gets 112 first however it is phrased; a question
about violence in the past never gets the emergency reply.

The question tests need a model trained with the intent `ask_report_help`; the danger and
past-violence tests hold for any model (the danger check runs on every message).
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conversation.known_gaps import DANGER_HEARD
from tests.conversation.replies import Turn
from tests.conversation.test_report_conversations import button, expected, say
from tests.support.servers import Assistant

REPORTS_TESTS = Path(__file__).resolve().parents[1]
ADVICE = yaml.safe_load(
    (REPORTS_TESTS / "reports_chat" / "advice_cases.yml").read_text(encoding="utf-8"))
PHRASINGS = REPORTS_TESTS / "reports" / "danger_now_phrasings"
#: The offer's "No, thank you": the report intent with the choice "declined", so it is
#: understood after whichever action gave the advice.
NO_THANKS = '/report_incident{"report_choice":"declined"}'
KIND = {"general": "anti_discrimination_office", "police": "police",
        "counselling": "victim_support", "after_attack": "police",
        "landlord": "equality_body"}
#: Two questions a language, different kinds, so every kind is asked in several languages.
ASKED = [(language, case) for index, language in enumerate(sorted(ADVICE))
         for case in (list(KIND)[index % 5], list(KIND)[(index + 2) % 5])]


def _phrasings(language: str, key: str, count: int) -> list[str]:
    data = yaml.safe_load((PHRASINGS / f"{language}.yml").read_text(encoding="utf-8"))
    return data[key][:count]


DANGER = [(language, text) for language in sorted(ADVICE)
          for text in _phrasings(language, "danger_now", 4)]
PAST = [(language, text) for language in sorted(ADVICE)
        for text in _phrasings(language, "not_danger", 2)]


def _office_turn(replies: list[Turn]) -> Turn:
    named = [turn for turn in replies if "office" in turn.custom]
    assert named, f"no office named in {replies}"
    return named[0]


@pytest.mark.e2e
@pytest.mark.parametrize(("language", "case"), [
    pytest.param(language, case, id=f"{language}-{case}",
                 marks=[DANGER_HEARD] if case == "after_attack" else [])
    for language, case in ASKED])
def test_report_question_gets_the_office_and_why_then_the_offer(
    assistant: Assistant, sender: str, language: str, case: str
) -> None:
    """Needs the model retrained with `ask_report_help`."""
    replies = say(assistant, sender, ADVICE[language][case], language=language)

    office = _office_turn(replies)
    assert office.custom["office"]["kind"] == KIND[case]
    assert office.custom["office"]["name"] in office.text
    assert all(turn.custom["language"] == language for turn in replies)
    assert replies[-1].text == expected("utter_report_advice_offer", language)
    assert [b["payload"] for b in replies[-1].buttons] == ["/report_incident", NO_THANKS]


@pytest.mark.e2e
def test_report_question_no_thanks_is_respected_and_yes_offers_the_report(
    assistant: Assistant, sender: str
) -> None:
    """Needs the model retrained with `ask_report_help`."""
    replies = say(assistant, sender, "Whom can I turn to about discrimination?")
    assert replies[-1].text == expected("utter_report_advice_offer", "en")
    [declined] = say(assistant, sender, button(replies[-1], NO_THANKS))
    assert declined.text == expected("utter_report_advice_declined", "en")

    say(assistant, sender, "Should I go to the police after a racist insult?")
    offered = say(assistant, sender, "/report_incident")
    assert offered[0].text == expected("utter_report_offer", "en")
    assert "/report_incident{\"report_choice\":\"physical_attack\"}" in [
        b["payload"] for b in offered[-1].buttons]


@pytest.mark.e2e
@pytest.mark.parametrize(("language", "text"), DANGER,
                         ids=[f"{language}-{i % 4}" for i, (language, _) in enumerate(DANGER)])
def test_report_danger_now_gets_112_first_whoever_it_happens_to(
    assistant: Assistant, sender: str, language: str, text: str
) -> None:
    """Holds for any model: the danger check runs on every message."""
    replies = say(assistant, sender, text, language=language)

    first = replies[0]
    assert first.custom.get("office", {}).get("kind") == "emergency", replies
    assert "112" in first.text


@pytest.mark.e2e
@pytest.mark.parametrize(("language", "text"), PAST,
                         ids=[f"{language}-{i % 2}" for i, (language, _) in enumerate(PAST)])
def test_report_violence_in_the_past_gets_no_emergency_reply(
    assistant: Assistant, sender: str, language: str, text: str
) -> None:
    """Holds for any model whose NLU does not read these as `danger_now`."""
    replies = say(assistant, sender, text, language=language)

    assert all(turn.custom.get("office", {}).get("kind") != "emergency" for turn in replies)
    assert all("112" not in turn.text for turn in replies)
