"""The unknown-words fallback in the pipeline: reference numbers, links and addresses are
no words."""

from pathlib import Path

import pytest
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.vocabulary import Vocabulary
from rasa_addons.unknown_words import UnknownWordsFallback

CLASSIFIED = {"name": "report_status", "confidence": 0.9}


@pytest.fixture
def component(tmp_path: Path) -> UnknownWordsFallback:
    vocabulary = Vocabulary.from_texts(
        ["status of my report", "Статус мого звернення", "حالة بلاغي"]
    )
    return UnknownWordsFallback(
        UnknownWordsFallback.get_default_config(),
        LocalModelStorage(tmp_path),
        Resource("unknown_words"),
        vocabulary,
    )


def _intent(component: UnknownWordsFallback, text: str) -> str:
    message = Message(data={TEXT: text, INTENT: dict(CLASSIFIED)})
    [processed] = component.process([message])
    return processed.get(INTENT)["name"]


@pytest.mark.parametrize(
    "text",
    ["LB-ZTWH-8PRJ", "lb ztwh 8prj", "LB-ZZZZ-ZZZZ", "LB-7K3Q-9XRM?", "status LB-ZTWH-8PRJ",
     "Статус LB-ZTWH-8PRJ", "حالة بلاغي LB-ZTWH-8PRJ", "status https://example.org/q?x=zz"],
)
def test_a_reference_alone_or_with_known_words_is_left_to_the_classifier(
    component: UnknownWordsFallback, text: str
) -> None:
    assert _intent(component, text) == "report_status"


@pytest.mark.parametrize("text", ["qwzx vbnm plk", "zzzt blorp LB-ZTWH-8PRJ", "?!?!", "12345"])
def test_unknown_words_still_fall_back_with_or_without_a_reference(
    component: UnknownWordsFallback, text: str
) -> None:
    assert _intent(component, text) == DEFAULT_NLU_FALLBACK_INTENT_NAME


def test_the_bare_reference_fell_back_before_the_neutral_tokens_were_set_aside(
    component: UnknownWordsFallback,
) -> None:
    vocabulary = Vocabulary.from_texts(["status of my report"])
    assert vocabulary.known_fraction("LB-ZTWH-8PRJ") < component._config["min_known_fraction"]


@pytest.fixture
def small_talk_check(tmp_path: Path) -> UnknownWordsFallback:
    greetings = ["hello", "hi there", "good morning", "hola", "buenos días", "merhaba"]
    vocabulary = Vocabulary.from_texts([*greetings, "guardería para mi hijo", "ev arıyorum"])
    return UnknownWordsFallback(
        {**UnknownWordsFallback.get_default_config(), "own_words_intents": ["greet"]},
        LocalModelStorage(tmp_path),
        Resource("unknown_words"),
        vocabulary,
        {"greet": Vocabulary.from_texts(greetings)},
    )


def _intent_given(component: UnknownWordsFallback, text: str, intent: str) -> str:
    message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 0.99}})
    [processed] = component.process([message])
    return processed.get(INTENT)["name"]


@pytest.mark.parametrize("text", ["guardería", "ev arıyorum", "guarderia para mi hijo"])
def test_a_need_taken_for_a_greeting_goes_to_the_catalogue_search(
    small_talk_check: UnknownWordsFallback, text: str
) -> None:
    """"guarderia" got `greet` at 0.99: no word of it is in the greetings' examples."""
    assert _intent_given(small_talk_check, text, "greet") == DEFAULT_NLU_FALLBACK_INTENT_NAME


@pytest.mark.parametrize("text", ["Hola!", "hello there", "Merhaba, good morning"])
def test_a_greeting_in_words_of_the_greetings_stays_a_greeting(
    small_talk_check: UnknownWordsFallback, text: str
) -> None:
    assert _intent_given(small_talk_check, text, "greet") == "greet"


def test_intents_not_named_for_the_check_are_left_alone(
    small_talk_check: UnknownWordsFallback,
) -> None:
    """Yes and no are not checked: "yes, on the bus" answers a form's question."""
    assert _intent_given(small_talk_check, "ev arıyorum", "affirm") == "affirm"
