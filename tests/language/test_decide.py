"""The reply language of a conversation: explicit choices, the prior, unsupported languages."""

import pytest

from bot.language import Detection, LanguageDecision, decide, explicit_choice


@pytest.mark.parametrize(
    ("text", "language"),
    [("English please", "en"), ("بالعربي", "ar"), ("auf Deutsch", "de"),
     ("Auf Deutsch bitte!", "de"),
     ("по-русски", "ru"), ("Türkçe lütfen", "tr"), ("Deutsch", "de"), ("العربية", "ar"),
     ("українською, будь ласка", "uk"), ("فارسی لطفا", "fa"), ("په پښتو", "ps"),
     ("af Soomaali", "so"), ("ትግርኛ", "ti"), ("en español por favor", "es"),
     ("en français s'il vous plaît", "fr"), ("po polsku proszę", "pl"), ("în română vă rog", "ro"),
     ("Can you speak Arabic?", "ar"), ("Sprechen Sie Englisch?", "en")],
)
def test_explicit_choice_recognises_requests_for_a_language(text: str, language: str) -> None:
    assert explicit_choice(text) == language


@pytest.mark.parametrize(
    "text",
    ["I am learning German at the course", "Ich spreche kein Englisch", "hello", "ok",
     "English or German", "Wo ist der Deutschkurs?"],
)
def test_explicit_choice_ignores_messages_that_only_mention_a_language(text: str) -> None:
    assert explicit_choice(text) is None


@pytest.mark.parametrize("text", ["ok", "?", "112", "👍", "Ahmed", "salam", "Maria", "danke"])
def test_decide_keeps_current_language_for_short_or_uncertain_messages(text: str) -> None:
    decision = decide(text, current="uk")
    assert decision == LanguageDecision("uk", False, None, decision.reason)


def test_decide_ok_keeps_current() -> None:
    assert decide("ok", current="ar").language == "ar"
    assert decide("ok", current="ar").switched is False


def test_decide_switches_on_a_confident_message_in_another_language() -> None:
    decision = decide("Добрий день, мені потрібна допомога з житлом", current="en")
    assert decision.language == "uk"
    assert decision.switched is True
    assert decision.previous == "en"


def test_decide_explicit_request_wins_over_detection() -> None:
    decision = decide("English please", current="de")
    assert (decision.language, decision.switched, decision.previous) == ("en", True, "de")
    assert decision.reason == "explicit:text"


def test_decide_metadata_language_wins_over_everything() -> None:
    decision = decide("Guten Tag, ich suche eine Wohnung", current="de", explicit="ar")
    assert (decision.language, decision.switched, decision.previous) == ("ar", True, "de")
    assert decision.reason == "explicit:metadata"


def test_decide_same_language_is_not_a_switch() -> None:
    decision = decide("Guten Tag, ich suche eine Wohnung", current="de")
    assert (decision.language, decision.switched, decision.previous) == ("de", False, None)


def test_decide_answers_english_when_nothing_is_known() -> None:
    assert decide("👍", current=None).language == "en"
    assert decide("", current=None).language == "en"


def test_decide_starts_a_conversation_in_the_detected_language() -> None:
    decision = decide("Merhaba, yardıma ihtiyacım var", current=None)
    assert (decision.language, decision.switched, decision.previous) == ("tr", False, None)


def test_decide_keeps_language_but_says_unsupported_for_italian() -> None:
    decision = decide(
        "Buongiorno, vorrei prendere un appuntamento per domani mattina", current="de"
    )
    assert (decision.language, decision.switched) == ("de", False)
    assert decision.reason == "unsupported:it"


def test_decide_answers_english_to_unsupported_language_in_new_conversation() -> None:
    decision = decide("你好，我需要帮助", current=None)
    assert decision.language == "en"
    assert decision.reason == "unsupported:zh"


def test_decide_uses_a_given_detection_instead_of_detecting_again() -> None:
    given = Detection("pl", 0.95, "langdetect")
    assert decide("whatever", current="en", detection=given).language == "pl"


def test_decide_switch_threshold_comes_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    given = Detection("pl", 0.85, "langdetect")
    assert decide("x", current="en", detection=given).language == "pl"
    monkeypatch.setenv("LANGUAGE_SWITCH_CONFIDENCE", "0.9")
    assert decide("x", current="en", detection=given).language == "en"


@pytest.mark.parametrize("text", ["danke", "hola", "merci", "Здравствуйте"])
def test_decide_one_word_does_not_switch_an_ongoing_conversation(text: str) -> None:
    assert decide(text, current="uk" if text != "Здравствуйте" else "en").switched is False


@pytest.mark.parametrize(("text", "language"), [("hola", "es"), ("Hallo", "de"), ("Привіт", "uk")])
def test_decide_one_greeting_starts_a_new_conversation_in_its_language(
    text: str, language: str
) -> None:
    assert decide(text, current=None).language == language
