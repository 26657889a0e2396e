"""Whole conversations against the trained model, in the person's own language."""
import pytest

from bot.paths import domain_dir, translations_dir
from bot.responses import ResponseRenderer
from bot.translation import PoCatalogs
from tests.conversation.known_gaps import INTENT_GAP
from tests.conversation.replies import Turn, turns
from tests.support.servers import Assistant

RENDERER = ResponseRenderer(domain_dir(), PoCatalogs(translations_dir()))
CITY = {"city_name": "Lindenbruck"}


def expected(response: str, language: str, **arguments: str) -> str:
    return RENDERER.render(response, language, {**CITY, **arguments}).text


def say(assistant: Assistant, sender: str, text: str, **metadata: str) -> list[Turn]:
    replies = turns(assistant.send(sender, text, metadata or None))
    assert replies, f"no reply to {text!r}"
    for turn in replies:
        assert turn.custom.get("language"), f"a turn without custom.language: {turn}"
        assert turn.custom.get("translation") in {"curated", "machine", "source"}
    return replies


GREETINGS = [
    ("hello", "en"),
    ("مرحبا", "ar"),
    ("Привіт", "uk"),
    ("Hallo, guten Tag", "de"),
    ("Здравствуйте", "ru"),
    ("Merhaba", "tr"),
    ("سلام، وقت بخیر", "fa"),
    ("ሰላም", "ti"),
    ("Bonjour", "fr"),
    ("Hola, buenos días", "es"),
    ("Dzień dobry", "pl"),
    ("Bună ziua", "ro"),
    ("Iska warran", "so"),
    ("ستړي مه شئ", "ps"),
]


@INTENT_GAP
@pytest.mark.e2e
@pytest.mark.parametrize(("greeting", "language"), GREETINGS)
def test_greeting_is_answered_in_the_language_it_was_written_in(
    assistant: Assistant, sender: str, greeting: str, language: str
) -> None:
    [turn] = say(assistant, sender, greeting)
    assert turn.custom["language"] == language
    assert turn.custom["translation"] == ("source" if language == "en" else "curated")
    assert turn.text == expected("utter_greet", language)
    assert turn.custom["answered"] is True


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("greeting", "direction"), [("مرحبا", "rtl"), ("سلام، وقت بخیر", "rtl"), ("Hallo", "ltr")]
)
def test_right_to_left_replies_are_marked_for_the_front_end(
    assistant: Assistant, sender: str, greeting: str, direction: str
) -> None:
    [turn] = say(assistant, sender, greeting)
    assert turn.custom["direction"] == direction


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Was können Sie für mich tun?", "de"),
        ("ماذا يمكنك أن تفعل؟", "ar"),
        ("Чим ви можете мені допомогти?", "uk"),
        ("what can you do", "en"),
    ],
)
def test_the_assistant_says_what_it_can_do(
    assistant: Assistant, sender: str, question: str, language: str
) -> None:
    [turn] = say(assistant, sender, question)
    assert turn.custom["language"] == language
    assert turn.text == expected("utter_capabilities", language)


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("request_text", "language"),
    [
        ("I want to talk to a person", "en"),
        ("می‌خواهم با یک انسان صحبت کنم", "fa"),
        ("Ich möchte mit einem Menschen sprechen", "de"),
    ],
)
def test_asking_for_a_person_gives_the_welcome_centre_with_its_hours(
    assistant: Assistant, sender: str, request_text: str, language: str
) -> None:
    [turn] = say(assistant, sender, request_text)
    assert turn.custom["language"] == language
    assert turn.custom["office"]["id"] == "welcome-centre"
    assert turn.custom["office"]["kind"] == "advice"
    assert "Lindenbruck" in turn.custom["office"]["name"] or turn.custom["office"]["name"]
    assert "+49" in turn.text


@pytest.mark.e2e
def test_a_short_ok_does_not_switch_the_conversation_language(
    assistant: Assistant, sender: str
) -> None:
    say(assistant, sender, "مرحبا")
    for reply in say(assistant, sender, "ok"):
        assert reply.custom["language"] == "ar"


@pytest.mark.e2e
def test_the_language_chosen_by_the_front_end_wins(assistant: Assistant, sender: str) -> None:
    [turn] = say(assistant, sender, "hello", language="uk")
    assert turn.custom["language"] == "uk"
    assert turn.text == expected("utter_greet", "uk")


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("text", "language", "response"),
    [
        ("danke schön", "de", "utter_you_are_welcome"),
        ("شكرا جزيلا", "ar", "utter_you_are_welcome"),
        ("До побачення", "uk", "utter_goodbye"),
        ("Görüşürüz, hoşça kal", "tr", "utter_goodbye"),
        ("Quel temps fait-il demain à Paris ?", "fr", "utter_out_of_scope"),
        ("cuéntame un chiste, por favor", "es", "utter_out_of_scope"),
    ],
)
@INTENT_GAP
def test_thanks_goodbye_and_out_of_scope_in_the_persons_language(
    assistant: Assistant, sender: str, text: str, language: str, response: str
) -> None:
    [turn] = say(assistant, sender, text)
    assert turn.custom["language"] == language
    assert turn.text == expected(response, language)


ERRANDS = [
    ("Could you get me a large pepperoni pizza delivered?", "en"),
    ("Kannst du mir bitte ein Taxi zum Flughafen bestellen?", "de"),
    ("ممكن تطلب لي برغر من المطعم؟", "ar"),
    ("Можеш купити мені квитки на концерт?", "uk"),
    ("Bana bir hamburger ısmarlar mısın?", "tr"),
]


@pytest.mark.e2e
@pytest.mark.parametrize(("text", "language"), ERRANDS)
def test_an_errand_the_assistant_cannot_do_is_out_of_scope_not_danger_or_a_report(
    assistant: Assistant, sender: str, text: str, language: str
) -> None:
    replies = say(assistant, sender, text)
    assert all((turn.custom.get("office") or {}).get("kind") != "emergency" for turn in replies)
    assert replies[0].custom["language"] == language
    assert replies[0].text == expected("utter_out_of_scope", language)
    assert replies[0].custom["answered"] is False


@pytest.mark.e2e
def test_restart_forgets_the_conversation(assistant: Assistant, sender: str) -> None:
    say(assistant, sender, "Привіт")
    [turn] = say(assistant, sender, "/restart")
    assert turn.text == expected("utter_restart", "uk")
    [after] = say(assistant, sender, "hello")
    assert after.custom["language"] == "en"


@INTENT_GAP
@pytest.mark.e2e
@pytest.mark.parametrize("garbled", ["qwzx vbnm plk", "?!?!", "kkkkk", "👍👍"])
def test_a_message_that_means_nothing_gets_a_polite_request_to_rephrase(
    assistant: Assistant, sender: str, garbled: str
) -> None:
    say(assistant, sender, "hello")
    [turn] = say(assistant, sender, garbled)
    assert turn.custom["language"] == "en"
    assert turn.text == expected("utter_default", "en")
    assert turn.custom["answered"] is False


@pytest.mark.e2e
def test_a_confident_switch_is_announced_with_a_button_back(
    assistant: Assistant, sender: str
) -> None:
    say(assistant, sender, "hello")
    replies = say(assistant, sender, "أريد أن أتحدث مع موظف في البلدية من فضلك")
    assert replies[0].text == expected("utter_language_switched", "ar", language_name="العربية")
    assert replies[0].buttons == [
        {"title": "English", "payload": '/choose_language{"language":"en"}'}
    ]
    assert all(turn.custom["language"] == "ar" for turn in replies)

    [back] = say(assistant, sender, '/choose_language{"language":"en"}')
    assert back.text == expected("utter_language_chosen", "en", language_name="English")


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("request_text", "language", "name"),
    [
        ("بالعربي من فضلك", "ar", "العربية"),
        ("auf Deutsch bitte", "de", "Deutsch"),
        ("ብትግርኛ", "ti", "ትግርኛ"),
    ],
)
def test_asking_for_a_language_in_words_switches_to_it(
    assistant: Assistant, sender: str, request_text: str, language: str, name: str
) -> None:
    say(assistant, sender, "hello")
    replies = say(assistant, sender, request_text)
    assert replies[-1].custom["language"] == language
    assert replies[-1].text == expected("utter_language_chosen", language, language_name=name)


@pytest.mark.e2e
def test_a_language_we_do_not_speak_gets_the_list_in_english_and_german(
    assistant: Assistant, sender: str
) -> None:
    replies = say(
        assistant, sender, "Buongiorno, vorrei sapere come posso trovare una casa in questa città"
    )
    english, german = replies[0], replies[1]
    assert english.custom["language"] == "en" and german.custom["language"] == "de"
    assert "العربية" in english.text and "ትግርኛ" in german.text
    assert len(german.buttons) == 14


@pytest.mark.e2e
def test_an_invisible_message_is_answered_as_empty(assistant: Assistant, sender: str) -> None:
    [turn] = say(assistant, sender, "\u200b\u200b", language="so")
    assert turn.text == expected("utter_empty_message", "so")


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("text", "language"),
    [("a man is following me right now", "en"), ("ein Mann verfolgt mich gerade", "de")],
)
def test_danger_now_gets_the_emergency_number_before_anything_else(
    assistant: Assistant, sender: str, text: str, language: str
) -> None:
    say(assistant, sender, "hello")
    first = say(assistant, sender, text)[0]
    assert first.custom["office"]["kind"] == "emergency"
    assert "112" in first.text
