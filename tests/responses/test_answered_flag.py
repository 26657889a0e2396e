"""Every reply says in its contract whether it answered the person (`custom.answered`), in
every language, so the usage figures, the metrics and front ends never guess from the
wording; "no information about that" is unanswered even with the advice office's details."""
import pytest

from bot.language import SUPPORTED
from bot.paths import domain_dir, translations_dir
from bot.responses import ResponseRenderer
from bot.responses.message import channel_messages, turn_answered
from bot.translation import PoCatalogs

RENDERER = ResponseRenderer(domain_dir(), PoCatalogs(translations_dir()))
OFFICE = {
    "office_name": "Welcome Centre", "office_address": "Marktplatz 1",
    "office_phone": "+49 0000 000", "office_hours": "Mon 9-12",
}
CITY = {"city_name": "Lindenbruck"}


@pytest.mark.parametrize("language", sorted(SUPPORTED))
@pytest.mark.parametrize(
    ("response", "arguments"),
    [("utter_service_not_found", OFFICE), ("utter_default", {}), ("utter_out_of_scope", {})],
)
def test_a_reply_that_answers_nothing_says_answered_false(
    language: str, response: str, arguments: dict[str, str]
) -> None:
    assert RENDERER.render(response, language, arguments).custom()["answered"] is False


@pytest.mark.parametrize("language", ["en", "ar", "uk", "ti"])
@pytest.mark.parametrize("response", ["utter_greet", "utter_service_choose", "utter_busy"])
def test_a_greeting_a_choice_of_services_or_a_polite_reply_says_answered_true(
    language: str, response: str
) -> None:
    assert RENDERER.render(response, language, CITY).custom()["answered"] is True


def test_a_turn_is_unanswered_when_any_of_its_replies_says_so() -> None:
    fallback = channel_messages("me", RENDERER.render("utter_service_not_found", "uk", OFFICE))
    greeting = channel_messages("me", RENDERER.render("utter_greet", "uk", CITY))
    assert turn_answered(greeting)
    assert not turn_answered(greeting + fallback)
    assert turn_answered([{"text": "no contract"}, "not a message", {"custom": None}])
