"""A message that is only a report reference asks for the report's status, whatever the
intent classifier made of its random letters."""

from collections.abc import Callable

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.reports.reference import generate_reference
from rasa_addons.report_reference import ReferenceIntent

GUESSED = {"name": "greet", "confidence": 0.8}


def _intent(text: str) -> str:
    component = ReferenceIntent(ReferenceIntent.get_default_config())
    message = Message(data={TEXT: text, INTENT: dict(GUESSED), INTENT_RANKING_KEY: [GUESSED]})
    [processed] = component.process([message])
    assert processed.get(INTENT_RANKING_KEY)[0] == processed.get(INTENT)
    return processed.get(INTENT)["name"]


@pytest.mark.parametrize("typed", [str, str.lower, lambda reference: reference.replace("-", " "),
                                   lambda reference: f" {reference} ?"])
def test_a_bare_reference_as_typed_asks_for_its_status(typed: Callable[[str], str]) -> None:
    for _ in range(20):
        assert _intent(typed(generate_reference())) == "report_status"


@pytest.mark.parametrize("text", ["hello", "status LB-ZTWH-8PRJ please", "ABCD EFGH",
                                  "/greet", "LB-ZZZZ-ZZZZ"])
def test_anything_else_is_left_to_the_classifier(text: str) -> None:
    assert _intent(text) == "greet"
