"""The usage figures count a question as unanswered when the assistant could not answer it,
whatever the language, and also when it said so with the advice office's details."""
import pytest

from bot.language import SUPPORTED
from bot.paths import domain_dir, translations_dir
from bot.responses import ResponseRenderer
from bot.translation import PoCatalogs
from bot.web.relay import is_unanswered

RENDERER = ResponseRenderer(domain_dir(), PoCatalogs(translations_dir()))
OFFICE = {
    "office_name": "Welcome Centre", "office_address": "Marktplatz 1",
    "office_phone": "+49 0000 000", "office_hours": "Mon 9-12",
}


@pytest.mark.parametrize("language", sorted(SUPPORTED))
def test_no_information_with_the_advice_office_is_unanswered(language: str) -> None:
    text = RENDERER.render("utter_service_not_found", language, OFFICE).text
    assert is_unanswered(text)


@pytest.mark.parametrize("language", sorted(SUPPORTED))
def test_please_say_it_otherwise_is_unanswered(language: str) -> None:
    assert is_unanswered(RENDERER.render("utter_default", language, {}).text)


@pytest.mark.parametrize("language", ["en", "ar", "uk", "ti"])
def test_a_greeting_or_a_choice_of_services_is_an_answer(language: str) -> None:
    assert not is_unanswered(
        RENDERER.render("utter_greet", language, {"city_name": "Lindenbruck"}).text
    )
    assert not is_unanswered(RENDERER.render("utter_service_choose", language, {}).text)
